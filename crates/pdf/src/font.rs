//! The CJK font: found once (env, next to the app, or the system's Noto Serif CJK), parsed once,
//! then shared by every render; it measures advance widths and tells which characters it lacks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::RenderError;

/// File name of the bundled font (Noto Serif CJK, OFL-1.1).
pub const BUNDLED_FONT_FILE: &str = "NotoSerifCJK-Regular.ttc";
/// Face of Noto Serif CJK SC (Simplified Chinese) inside the `.ttc`.
pub const BUNDLED_FONT_FACE: u32 = 2;
/// Where Debian's `fonts-noto-cjk` installs it.
pub const SYSTEM_FONT_PATH: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
/// Environment variable overriding the font: `path` or `path#face`.
pub const FONT_ENV: &str = "YIYANG_PDF_FONT";

/// A parsed font face, cheap to clone and shareable between threads.
#[derive(Clone)]
pub struct Font {
    inner: Arc<FontInner>,
}

struct FontInner {
    parsed: printpdf::ParsedFont,
    units_per_em: f32,
    name: String,
    /// Glyph id and advance (em) of every character looked up so far. The font's own cmap
    /// lookup scans Noto's ~30,000 cmap groups one by one (about 4 µs a character), too slow
    /// to repeat for every character of every render.
    glyphs: RwLock<HashMap<char, Option<Glyph>>>,
}

/// A character's glyph in the font.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub id: u16,
    /// Advance width in em.
    pub advance: f32,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("name", &self.inner.name)
            .finish()
    }
}

impl Font {
    /// Parses face `face_index` of a `.ttf`/`.otf`/`.ttc`.
    pub fn from_bytes(bytes: Vec<u8>, face_index: u32) -> Result<Font, RenderError> {
        Self::parse(&bytes, face_index, "内存中的字体")
    }

    /// Reads and parses face `face_index` of the font file at `path`.
    pub fn from_path(path: &Path, face_index: u32) -> Result<Font, RenderError> {
        let source = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| RenderError::FontInvalid {
            source_name: source.clone(),
            reason: e.to_string(),
        })?;
        Self::parse(&bytes, face_index, &source)
    }

    /// Finds the font: `YIYANG_PDF_FONT` (`path` or `path#face`), then
    /// `fonts/NotoSerifCJK-Regular.ttc` next to the executable and in its parent's
    /// `resources/fonts/`, then the system's Noto Serif CJK. The error names every place tried.
    pub fn locate() -> Result<Font, RenderError> {
        let env = std::env::var(FONT_ENV).ok();
        let exe = std::env::current_exe().ok();
        locate_in(&candidates(env.as_deref(), exe.as_deref()))
    }

    /// The characters of `text` this font has no glyph for: sorted, without duplicates,
    /// whitespace ignored.
    pub fn missing_chars(&self, text: impl IntoIterator<Item = char>) -> Vec<char> {
        let mut chars: Vec<char> = text.into_iter().filter(|c| !c.is_whitespace()).collect();
        chars.sort_unstable();
        chars.dedup();
        chars.retain(|c| self.glyph(*c).is_none());
        chars
    }

    /// The face's PostScript name, e.g. "NotoSerifCJKsc-Regular".
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Advance width of `c` in em (1.0 for a Chinese character). Characters without a glyph
    /// measure as one em (render refuses them anyway).
    pub(crate) fn advance_em(&self, c: char) -> f32 {
        self.glyph(c).map_or(1.0, |g| g.advance)
    }

    pub(crate) fn parsed(&self) -> &printpdf::ParsedFont {
        &self.inner.parsed
    }

    /// The glyph of `c`, or `None` when the font has none (glyph 0 is "missing").
    pub(crate) fn glyph(&self, c: char) -> Option<Glyph> {
        let cached = match self.inner.glyphs.read() {
            Ok(map) => map.get(&c).copied(),
            Err(poisoned) => poisoned.into_inner().get(&c).copied(),
        };
        if let Some(glyph) = cached {
            return glyph;
        }
        let inner = &self.inner;
        let glyph = inner
            .parsed
            .lookup_glyph_index(u32::from(c))
            .filter(|id| *id != 0)
            .map(|id| Glyph {
                id,
                advance: f32::from(inner.parsed.get_horizontal_advance(id)) / inner.units_per_em,
            });
        match inner.glyphs.write() {
            Ok(mut map) => map.insert(c, glyph),
            Err(poisoned) => poisoned.into_inner().insert(c, glyph),
        };
        glyph
    }

    fn parse(bytes: &[u8], face_index: u32, source: &str) -> Result<Font, RenderError> {
        let invalid = |reason: String| RenderError::FontInvalid {
            source_name: source.to_string(),
            reason,
        };
        let face = usize::try_from(face_index).map_err(|e| invalid(e.to_string()))?;
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(bytes, face, &mut warnings)
            .ok_or_else(|| invalid(format!("第 {face_index} 个字形无法解析")))?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(invalid("字体的 unitsPerEm 为 0".into()));
        }
        let name = parsed.font_name.clone().unwrap_or_else(|| "CJKFont".into());
        let font = Font {
            inner: Arc::new(FontInner {
                parsed,
                units_per_em,
                name,
                glyphs: RwLock::new(HashMap::new()),
            }),
        };
        if font.glyph('中').is_none() {
            return Err(invalid("不含中文字形（可能选错了字体或字形序号）".into()));
        }
        Ok(font)
    }
}

/// The places [`Font::locate`] tries, in order, with the face index to use.
fn candidates(env: Option<&str>, exe: Option<&Path>) -> Vec<(PathBuf, u32)> {
    let mut places = Vec::new();
    if let Some(value) = env.map(str::trim).filter(|v| !v.is_empty()) {
        places.push(parse_env(value));
    }
    if let Some(dir) = exe.and_then(Path::parent) {
        places.push((dir.join("fonts").join(BUNDLED_FONT_FILE), BUNDLED_FONT_FACE));
        if let Some(parent) = dir.parent() {
            let path = parent
                .join("resources")
                .join("fonts")
                .join(BUNDLED_FONT_FILE);
            places.push((path, BUNDLED_FONT_FACE));
        }
    }
    places.push((PathBuf::from(SYSTEM_FONT_PATH), BUNDLED_FONT_FACE));
    places
}

/// `path#2` → (path, 2); a `#` not followed by a number is part of the path; no index → face 0.
fn parse_env(value: &str) -> (PathBuf, u32) {
    match value.rsplit_once('#') {
        Some((path, index)) => match index.trim().parse::<u32>() {
            Ok(face) => (PathBuf::from(path), face),
            Err(_) => (PathBuf::from(value), 0),
        },
        None => (PathBuf::from(value), 0),
    }
}

/// Loads the first candidate that exists; a file that exists but is unusable is an error.
fn locate_in(places: &[(PathBuf, u32)]) -> Result<Font, RenderError> {
    for (path, face) in places {
        if path.is_file() {
            return Font::from_path(path, *face);
        }
    }
    Err(RenderError::FontNotFound {
        searched: places.iter().map(|(p, _)| p.clone()).collect(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn search_order() {
        let exe = Path::new("/opt/yiyang/bin/yiyang-desktop");
        let system = (PathBuf::from(SYSTEM_FONT_PATH), 2);
        let next_to_exe = (
            PathBuf::from("/opt/yiyang/bin/fonts/NotoSerifCJK-Regular.ttc"),
            2,
        );
        let resources = (
            PathBuf::from("/opt/yiyang/resources/fonts/NotoSerifCJK-Regular.ttc"),
            2,
        );
        type Case<'a> = (Option<&'a str>, Option<&'a Path>, Vec<(PathBuf, u32)>);
        let cases: Vec<Case> = vec![
            (None, None, vec![system.clone()]),
            (
                None,
                Some(exe),
                vec![next_to_exe.clone(), resources.clone(), system.clone()],
            ),
            (
                Some("/x/a.ttc#3"),
                None,
                vec![(PathBuf::from("/x/a.ttc"), 3), system.clone()],
            ),
            (
                Some("/x/b.ttf"),
                None,
                vec![(PathBuf::from("/x/b.ttf"), 0), system.clone()],
            ),
            (
                Some("/x/c#d.ttf"),
                None,
                vec![(PathBuf::from("/x/c#d.ttf"), 0), system.clone()],
            ),
            (Some("  "), None, vec![system.clone()]),
        ];
        for (env, exe, expected) in cases {
            assert_eq!(candidates(env, exe), expected, "{env:?} {exe:?}");
        }
    }

    #[test]
    fn not_found_names_every_place() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ttc");
        let b = dir.path().join("b.ttc");
        let err = locate_in(&[(a.clone(), 0), (b.clone(), 2)]).unwrap_err();
        assert_eq!(err.code(), "pdf.font_not_found");
        let message = err.to_string();
        assert!(message.starts_with("找不到中文字体：已查找 "), "{message}");
        assert!(message.contains(&a.display().to_string()), "{message}");
        assert!(message.contains(&b.display().to_string()), "{message}");
    }

    #[test]
    fn garbage_is_font_invalid() {
        let err = Font::from_bytes(b"not a font at all".to_vec(), 0).unwrap_err();
        assert_eq!(err.code(), "pdf.font_invalid");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.ttc");
        std::fs::write(&path, b"ttcf broken").unwrap();
        let err = locate_in(&[(path, 2)]).unwrap_err();
        assert_eq!(err.code(), "pdf.font_invalid");
    }

    #[test]
    fn font_is_send_and_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Font>();
    }
}
