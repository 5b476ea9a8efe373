//! Person names: any Unicode, kept exactly as typed (Extension B+ characters such as 𠮷 and 𪚥,
//! the middle dot of minority names such as 阿依古丽·买买提). Never truncated or normalized.
use std::fmt;

use thiserror::Error;

use crate::error::Coded;

/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 50;

/// `label` is the Chinese field name in the message (`姓名` unless relabelled with
/// [`NameError::labeled`], e.g. `紧急联系人姓名`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameError {
    #[error("{label}不能为空")]
    Empty { label: &'static str },
    #[error("{label}过长：最多 {MAX_NAME_CHARS} 个字，实际 {len} 个字")]
    TooLong { label: &'static str, len: usize },
    #[error("{label}含有不可见的控制字符（如换行、制表符），请删除后重试")]
    ControlChar { label: &'static str },
    #[error("{label}不能包含数字")]
    Digit { label: &'static str },
}

impl NameError {
    /// The same error, naming another field in its message.
    pub fn labeled(self, label: &'static str) -> Self {
        match self {
            NameError::Empty { .. } => NameError::Empty { label },
            NameError::TooLong { len, .. } => NameError::TooLong { label, len },
            NameError::ControlChar { .. } => NameError::ControlChar { label },
            NameError::Digit { .. } => NameError::Digit { label },
        }
    }
}

impl Coded for NameError {
    fn code(&self) -> &'static str {
        match self {
            NameError::Empty { .. } => "name.empty",
            NameError::TooLong { .. } => "name.too_long",
            NameError::ControlChar { .. } => "name.control_char",
            NameError::Digit { .. } => "name.digit",
        }
    }
}

/// A person's name, surrounding whitespace trimmed, every other character kept exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(String);

const DEFAULT_LABEL: &str = "姓名";

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, NameError> {
        let label = DEFAULT_LABEL;
        let name = raw.trim();
        if name.is_empty() {
            return Err(NameError::Empty { label });
        }
        if name.chars().any(char::is_control) {
            return Err(NameError::ControlChar { label });
        }
        if name
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            return Err(NameError::Digit { label });
        }
        let len = name.chars().count();
        if len > MAX_NAME_CHARS {
            return Err(NameError::TooLong { label, len });
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for PersonName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const FIFTY: &str = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
    const FIFTY_ONE: &str = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
    /// 50 Extension-B characters: 200 bytes, still within the limit.
    const FIFTY_EXT_B: &str = "𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷";

    /// (input, Ok(stored) or Err(code))
    const CASES: &[(&str, Result<&str, &str>)] = &[
        ("张三", Ok("张三")),
        ("  李四\u{3000}", Ok("李四")),
        ("𠮷野家", Ok("𠮷野家")),
        ("王𪚥", Ok("王𪚥")),
        ("阿依古丽·买买提", Ok("阿依古丽·买买提")),
        ("阿依古丽•买买提", Ok("阿依古丽•买买提")), // a bullet instead of the middle dot: kept as typed
        ("李〇", Ok("李〇")),
        ("John Smith", Ok("John Smith")),
        ("Ａｎｎａ", Ok("Ａｎｎａ")), // full-width letters are not normalized
        ("e\u{301}", Ok("e\u{301}")), // combining accent kept, not composed
        (FIFTY, Ok(FIFTY)),
        (FIFTY_EXT_B, Ok(FIFTY_EXT_B)),
        (FIFTY_ONE, Err("name.too_long")),
        ("", Err("name.empty")),
        (" \t\n", Err("name.empty")),
        ("张\n三", Err("name.control_char")),
        ("张\t三", Err("name.control_char")),
        ("张三1", Err("name.digit")),
        ("张三１", Err("name.digit")),
    ];

    #[test]
    fn name_rules() {
        for (input, expect) in CASES {
            let got = PersonName::parse(input);
            match (expect, &got) {
                (Ok(v), Ok(name)) => assert_eq!(name.as_str(), *v, "{input:?}"),
                (Err(c), Err(e)) => assert_eq!(e.code(), *c, "{input:?}"),
                _ => panic!("{input:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn messages_name_the_field() {
        let e = PersonName::parse(FIFTY_ONE).unwrap_err();
        assert_eq!(e.to_string(), "姓名过长：最多 50 个字，实际 51 个字");
        let e = PersonName::parse("").unwrap_err().labeled("用户姓名");
        assert_eq!(e.to_string(), "用户姓名不能为空");
    }

    proptest! {
        /// Whatever is accepted is the input minus surrounding whitespace, char for char.
        #[test]
        fn accepted_names_are_kept_exactly(raw in "\\PC{1,60}") {
            if let Ok(name) = PersonName::parse(&raw) {
                prop_assert_eq!(name.as_str(), raw.trim());
            }
        }
    }
}
