//! The native file dialogs, in one place. With `--dialog-dir DIR` (end-to-end tests: WebDriver
//! cannot reach a native dialog) they are answered without being shown: a save goes to
//! `DIR/<suggested name>`, an open takes the first matching file (by name) in `DIR/open`, a
//! folder choice is `DIR` itself.
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// The `--dialog-dir` answer folder, managed as app state.
pub struct DialogDir(pub Option<PathBuf>);

/// A file-type filter: the name shown and the extensions without dots.
pub type Filter<'a> = (&'a str, &'a [&'a str]);

fn answered(app: &AppHandle) -> Option<PathBuf> {
    app.try_state::<DialogDir>().and_then(|d| d.0.clone())
}

/// Writes `bytes` where the user chose to save: first beside it as `<name>.part`, then renamed,
/// so the chosen name never holds half a file (a crash, a full disk, or someone opening it while
/// it is written). A failed write leaves no `.part` behind.
pub fn write_chosen(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written
}

/// Where to save `file_name`, or None when the user cancels.
pub fn save_path(app: &AppHandle, file_name: &str, filter: Filter<'_>) -> Option<PathBuf> {
    if let Some(dir) = answered(app) {
        return Some(dir.join(file_name));
    }
    app.dialog()
        .file()
        .set_file_name(file_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// The file the user picked, or None when they cancel.
pub fn pick_file(app: &AppHandle, filter: Filter<'_>) -> Option<PathBuf> {
    if let Some(dir) = answered(app) {
        return first_matching(&dir.join("open"), filter.1);
    }
    app.dialog()
        .file()
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// The folder the user picked, or None when they cancel.
pub fn pick_folder(app: &AppHandle) -> Option<PathBuf> {
    if let Some(dir) = answered(app) {
        return Some(dir);
    }
    app.dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

fn first_matching(dir: &Path, extensions: &[&str]) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        })
        .collect();
    files.sort();
    files.into_iter().next()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_file_appears_whole_and_replaces_an_older_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("统计指标-2026年.xlsx");
        std::fs::write(&path, b"old").unwrap();
        write_chosen(&path, b"new contents").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new contents");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no .part file is left");
        // A folder that does not exist: an error, and nothing written.
        let missing = dir.path().join("gone").join("a.xlsx");
        assert!(write_chosen(&missing, b"x").is_err());
    }

    #[test]
    fn an_answered_open_takes_the_first_file_of_the_right_type() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.xlsx", "a.csv", "c.XLSX"] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(
            first_matching(dir.path(), &["xlsx", "xls"]),
            Some(dir.path().join("b.xlsx"))
        );
        assert_eq!(first_matching(dir.path(), &["pdf"]), None);
        assert_eq!(first_matching(&dir.path().join("missing"), &["xlsx"]), None);
    }
}
