//! Free-text fields (addresses, rooms, notes): trimming, length and control-character rules, plus
//! the character helpers shared by the parsers (full-width to ASCII, "is this a Han character").
use chrono::NaiveDate;
use thiserror::Error;

use crate::error::Coded;

/// Converts a full-width ASCII variant (`０`, `Ｘ`, `－`, the ideographic space) to its ASCII
/// form; every other character is returned unchanged.
pub fn to_half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// True for CJK unified ideographs (basic block, Extension A–H, compatibility ideographs) and `〇`.
pub fn is_han(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3007
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0x20000..=0x2FA1F
            | 0x30000..=0x323AF
    )
}

/// Parses a strict ISO date `YYYY-MM-DD` (zero-padded, surrounding whitespace trimmed).
pub fn parse_iso_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..].parse().ok()?,
    )
}

/// `None` for blank input, otherwise the parsed value.
pub(crate) fn optional<T, E>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, E> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

/// A rule broken by a free-text field. `label` is the Chinese field name used in the message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("{label}不能为空")]
    Required { label: &'static str },
    #[error("{label}过长：最多 {max} 个字，实际 {len} 个字")]
    TooLong {
        label: &'static str,
        max: usize,
        len: usize,
    },
    #[error("{label}含有不可见的控制字符，请删除后重试")]
    ControlChar { label: &'static str },
}

impl Coded for TextError {
    fn code(&self) -> &'static str {
        match self {
            TextError::Required { .. } => "text.required",
            TextError::TooLong { .. } => "text.too_long",
            TextError::ControlChar { .. } => "text.control_char",
        }
    }
}

/// How one free-text field is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// Chinese field name for messages, e.g. `现住址`.
    pub label: &'static str,
    /// Maximum length in characters (not bytes).
    pub max_chars: usize,
    pub required: bool,
    /// Line breaks and tabs allowed inside the text.
    pub multiline: bool,
}

impl TextRule {
    /// Trims surrounding whitespace and checks the rule. Never alters characters inside the text.
    pub fn apply(&self, raw: &str) -> Result<String, TextError> {
        let label = self.label;
        let text = raw.trim();
        if text.is_empty() {
            return if self.required {
                Err(TextError::Required { label })
            } else {
                Ok(String::new())
            };
        }
        let allowed = |c: char| self.multiline && (c == '\n' || c == '\t' || c == '\r');
        if text.chars().any(|c| c.is_control() && !allowed(c)) {
            return Err(TextError::ControlChar { label });
        }
        let len = text.chars().count();
        if len > self.max_chars {
            return Err(TextError::TooLong {
                label,
                max: self.max_chars,
                len,
            });
        }
        Ok(text.to_owned())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const ADDRESS: TextRule = TextRule {
        label: "现住址",
        max_chars: 5,
        required: true,
        multiline: false,
    };
    const NOTE: TextRule = TextRule {
        label: "备注",
        max_chars: 5,
        required: false,
        multiline: true,
    };

    /// (rule, input, expected text or error code)
    const CASES: &[(TextRule, &str, Result<&str, &str>)] = &[
        (ADDRESS, "  幸福村3组 ", Ok("幸福村3组")),
        (ADDRESS, "𠮷𪚥村一组", Ok("𠮷𪚥村一组")),
        (ADDRESS, "   ", Err("text.required")),
        (ADDRESS, "", Err("text.required")),
        (ADDRESS, "幸福村三组六", Err("text.too_long")),
        (ADDRESS, "幸福\n村", Err("text.control_char")),
        (ADDRESS, "幸福\u{0}村", Err("text.control_char")),
        (NOTE, "", Ok("")),
        (NOTE, " 青霉\n磺胺 ", Ok("青霉\n磺胺")),
        (NOTE, "青\u{7}", Err("text.control_char")),
    ];

    #[test]
    fn text_rules() {
        for (rule, input, expect) in CASES {
            let got = rule.apply(input);
            match (expect, &got) {
                (Ok(text), Ok(value)) => assert_eq!(value, text, "{input:?}"),
                (Err(code), Err(e)) => assert_eq!(e.code(), *code, "{input:?}"),
                _ => panic!("{input:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn messages_name_the_field() {
        let e = ADDRESS.apply("幸福村三组六").unwrap_err();
        assert_eq!(e.to_string(), "现住址过长：最多 5 个字，实际 6 个字");
    }

    #[test]
    fn iso_dates() {
        type Ymd = (i32, u32, u32);
        let cases: &[(&str, Option<Ymd>)] = &[
            ("2024-02-29", Some((2024, 2, 29))),
            (" 1949-12-31 ", Some((1949, 12, 31))),
            ("2023-02-29", None),
            ("2024-2-9", None),
            ("2024/02/09", None),
            ("20240209", None),
            ("2024-02-09T00:00", None),
            ("+202-02-09", None),
            ("", None),
        ];
        for (input, expect) in cases {
            let want = expect.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(parse_iso_date(input), want, "{input:?}");
        }
    }

    #[test]
    fn half_width_and_han() {
        let converted: String = "１３８Ｘｘ－　a".chars().map(to_half_width).collect();
        assert_eq!(converted, "138Xx- a");
        for c in ['张', '〇', '𠮷', '𪚥', '㐀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '·', '1', 'ア', '，'] {
            assert!(!is_han(c), "{c}");
        }
    }
}
