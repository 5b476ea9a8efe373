//! Search and sort keys for names (pinyin initials and full pinyin, heteronyms included) and the
//! classification of what a person typed into the one search box.
use std::borrow::Cow;

use pinyin::ToPinyinMulti;

use crate::text::{is_han, to_half_width};

/// At most this many reading combinations per name (primary readings first).
pub const MAX_COMBINATIONS: usize = 8;

/// Readings of heteronym characters when they are a surname (the first character of a name).
/// Moved to the front of the character's readings, so the sort key uses them; the other readings
/// stay searchable.
pub const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('查', "zha"),
    ('朴', "piao"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('召', "shao"),
    ('繁', "po"),
    ('翟', "zhai"),
    ('员', "yun"),
    ('种', "chong"),
    ('折', "she"),
    ('秘', "bi"),
    ('宓', "fu"),
    ('祭', "zhai"),
];

/// Search keys of one name: every reading combination (capped at [`MAX_COMBINATIONS`]) as
/// initials (`zs`) and full pinyin (`zhangsan`), lower-case ASCII, primary readings first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameKeys {
    pub initials: Vec<String>,
    pub full: Vec<String>,
}

/// One syllable-like unit of a name.
#[derive(Debug)]
enum Token {
    /// A Han character's distinct toneless ASCII readings, the one to sort by first.
    Han(Vec<Cow<'static, str>>),
    /// A run of other letters or digits, lower-cased (`john`, `иван`).
    Latin(String),
    /// A Han character without pinyin data (some Extension B+ characters): kept for sorting only.
    Unread(char),
}

fn tokens(name: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut latin = String::new();
    let flush = |latin: &mut String, out: &mut Vec<Token>| {
        if !latin.is_empty() {
            out.push(Token::Latin(std::mem::take(latin)));
        }
    };
    for c in name.chars().map(to_half_width) {
        if is_han(c) {
            flush(&mut latin, &mut out);
            let surname = out.is_empty();
            let readings = c
                .to_pinyin_multi()
                .map(|multi| readings(c, multi, surname))
                .unwrap_or_default();
            out.push(if readings.is_empty() {
                Token::Unread(c)
            } else {
                Token::Han(readings)
            });
        } else if c.is_alphanumeric() {
            latin.extend(c.to_lowercase());
        } else {
            flush(&mut latin, &mut out);
        }
    }
    flush(&mut latin, &mut out);
    out
}

fn readings(c: char, multi: pinyin::PinyinMulti, surname: bool) -> Vec<Cow<'static, str>> {
    let mut readings: Vec<Cow<'static, str>> = Vec::new();
    for p in multi {
        let plain = ascii_reading(p.plain());
        if !plain.is_empty() && !readings.contains(&plain) {
            readings.push(plain);
        }
    }
    let preferred = SURNAME_READINGS
        .iter()
        .find(|(ch, _)| surname && *ch == c)
        .and_then(|(_, r)| readings.iter().position(|x| x == r));
    if let Some(pos) = preferred {
        let reading = readings.remove(pos);
        readings.insert(0, reading);
    }
    readings
}

/// A toneless reading as typed on a keyboard: `ü` → `v` (as in input methods: 吕 `lv`), `ê` → `e`,
/// anything else outside a–z dropped.
fn ascii_reading(plain: &'static str) -> Cow<'static, str> {
    if plain.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(plain);
    }
    let converted = plain
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'ü' => Some('v'),
            'ê' => Some('e'),
            'a'..='z' => Some(c),
            _ => None,
        })
        .collect();
    Cow::Owned(converted)
}

/// Search keys of a name. Han characters give their pinyin (every reading of a heteronym such as
/// 曾 zeng/ceng or 单 shan/dan); runs of ASCII letters (full-width ones converted) are kept
/// lower-cased as one syllable; other characters (`·`, spaces, other scripts, Han characters
/// without pinyin data) are skipped, so every key is lower-case ASCII.
pub fn name_keys(name: &str) -> NameKeys {
    let tokens = tokens(name);
    let ascii_runs: Vec<String> = tokens
        .iter()
        .map(|t| match t {
            Token::Latin(run) => run.chars().filter(char::is_ascii_alphanumeric).collect(),
            Token::Han(_) | Token::Unread(_) => String::new(),
        })
        .collect();
    let syllables: Vec<Vec<&str>> = tokens
        .iter()
        .zip(&ascii_runs)
        .filter_map(|(t, ascii)| match t {
            Token::Han(readings) => Some(readings.iter().map(|r| r.as_ref()).collect()),
            Token::Latin(_) if !ascii.is_empty() => Some(vec![ascii.as_str()]),
            Token::Latin(_) | Token::Unread(_) => None,
        })
        .collect();
    let mut keys = NameKeys::default();
    if syllables.is_empty() {
        return keys;
    }
    for combo in combinations(&syllables, MAX_COMBINATIONS) {
        let full: String = combo.concat();
        let initials: String = combo.iter().filter_map(|s| s.chars().next()).collect();
        if !keys.full.contains(&full) {
            keys.full.push(full);
        }
        if !keys.initials.contains(&initials) {
            keys.initials.push(initials);
        }
    }
    keys
}

/// Up to `cap` choices of one reading per syllable: all primary readings first, then combinations
/// with one other reading (earlier syllables first, so a surname's readings come early), then two…
fn combinations<'a>(syllables: &[Vec<&'a str>], cap: usize) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(syllables.len());
    let variable = syllables.iter().filter(|r| r.len() > 1).count();
    for deviations in 0..=variable {
        pick(syllables, deviations, &mut current, &mut out, cap);
        if out.len() >= cap {
            break;
        }
    }
    out
}

fn pick<'a>(
    syllables: &[Vec<&'a str>],
    deviations: usize,
    current: &mut Vec<&'a str>,
    out: &mut Vec<Vec<&'a str>>,
    cap: usize,
) {
    if out.len() >= cap {
        return;
    }
    let Some((readings, rest)) = syllables.split_first() else {
        if deviations == 0 {
            out.push(current.clone());
        }
        return;
    };
    if rest.iter().filter(|r| r.len() > 1).count() + usize::from(readings.len() > 1) < deviations {
        return;
    }
    if deviations > 0 {
        for alt in readings.iter().skip(1) {
            current.push(alt);
            pick(rest, deviations - 1, current, out, cap);
            current.pop();
        }
    }
    if let Some(primary) = readings.first() {
        current.push(primary);
        pick(rest, deviations, current, out, cap);
        current.pop();
    }
}

/// The name's syllables by primary reading (surname reading for a heteronym surname): pinyin for
/// Han characters, lower-cased runs of other letters (any script), Han characters without pinyin
/// as themselves.
pub fn syllables(name: &str) -> Vec<String> {
    tokens(name)
        .into_iter()
        .map(|t| match t {
            Token::Han(readings) => readings
                .first()
                .map(|r| r.clone().into_owned())
                .unwrap_or_default(),
            Token::Latin(run) => run,
            Token::Unread(c) => c.to_string(),
        })
        .collect()
}

/// Key to sort names by pinyin: the syllables joined by spaces (`张三` → `zhang san`), so that
/// 李明 (`li ming`) sorts before 连 (`lian`). Names with the same pinyin compare equal here; break
/// ties with the name itself.
pub fn sort_key(name: &str) -> String {
    syllables(name).join(" ")
}

/// What was typed into the search box, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// Digits, possibly ending in `X` (an ID fragment): 身份证号, phone or 健康档案编号 fragment.
    /// Spaces and hyphens removed.
    Digits(String),
    /// ASCII letters, lower-case, spaces removed: pinyin initials or full pinyin.
    Latin(String),
    /// Han characters (and name punctuation such as `·`), no ASCII letters or digits: a name.
    Han(String),
    /// Anything else, trimmed and converted to half-width.
    Mixed(String),
}

/// Classifies a search-box query; `None` when nothing but whitespace was typed. Full-width digits
/// and letters are converted to ASCII first.
pub fn classify_query(raw: &str) -> Option<SearchQuery> {
    let text: String = raw.chars().map(to_half_width).collect();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let digits_part = compact.strip_suffix(['x', 'X']).unwrap_or(compact.as_str());
    if !digits_part.is_empty() && digits_part.bytes().all(|b| b.is_ascii_digit()) {
        return Some(SearchQuery::Digits(compact.to_ascii_uppercase()));
    }
    let letters: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(SearchQuery::Latin(letters.to_ascii_lowercase()));
    }
    if text.chars().any(is_han) && !text.chars().any(|c| c.is_ascii_alphanumeric()) {
        return Some(SearchQuery::Han(text.to_owned()));
    }
    Some(SearchQuery::Mixed(text.to_owned()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "search_keys_tests.rs"]
mod tests;
