//! Phone numbers: Chinese mobile numbers and landlines with an area code, normalized for storage.
use std::fmt;

use thiserror::Error;

use crate::error::Coded;
use crate::text::to_half_width;

/// `label` is the Chinese field name in the message (`联系电话` unless relabelled with
/// [`PhoneError::labeled`], e.g. `紧急联系人电话`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("{label}不能为空")]
    Empty { label: &'static str },
    #[error("{label}格式不正确：应为 11 位手机号或带区号的固定电话（如 0571-88886666）")]
    Format { label: &'static str },
}

impl PhoneError {
    /// The same error, naming another field in its message.
    pub fn labeled(self, label: &'static str) -> Self {
        match self {
            PhoneError::Empty { .. } => PhoneError::Empty { label },
            PhoneError::Format { .. } => PhoneError::Format { label },
        }
    }
}

impl Coded for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty { .. } => "phone.empty",
            PhoneError::Format { .. } => "phone.format",
        }
    }
}

/// A valid phone number, normalized: a mobile as 11 digits (`13812345678`), a landline as
/// `area-number` (`0571-88886666`) with `-extension` if any (`010-12345678-123`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

const DEFAULT_LABEL: &str = "联系电话";

impl Phone {
    /// Accepts spaces, hyphens and parentheses anywhere (`(0571) 8888-6666`), full-width digits,
    /// a `+86`/`86` prefix on mobiles, and an extension written `-123` or `转123`.
    pub fn parse(raw: &str) -> Result<Self, PhoneError> {
        let format = PhoneError::Format {
            label: DEFAULT_LABEL,
        };
        let s: String = raw
            .chars()
            .map(to_half_width)
            .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
            .collect();
        if s.is_empty() {
            return Err(PhoneError::Empty {
                label: DEFAULT_LABEL,
            });
        }
        let (main, zhuan_ext) = match s.split_once('转') {
            Some((main, ext)) => (main, Some(ext)),
            None => (s.as_str(), None),
        };
        let (plus, body) = match main.strip_prefix('+') {
            Some(body) => (true, body),
            None => (false, main),
        };
        let groups: Vec<&str> = body.split('-').collect();
        if groups
            .iter()
            .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format);
        }
        let digits = groups.concat();

        if let Some(mobile) = mobile(&digits, plus) {
            return match zhuan_ext {
                None => Ok(Self(mobile.to_owned())),
                Some(_) => Err(format),
            };
        }
        if plus {
            return Err(format);
        }
        if let Some(ext) = zhuan_ext {
            return match (landline(&digits), is_extension(ext)) {
                (Some(number), true) => Ok(Self(format!("{number}-{ext}"))),
                _ => Err(format),
            };
        }
        // A trailing hyphenated group is an extension when what comes before it is already a
        // complete number (`0571-8888666-1`); otherwise hyphens only group digits (`0571-8888-6666`).
        if let Some((last, rest)) = groups.split_last() {
            if !rest.is_empty() && is_extension(last) {
                if let Some(number) = landline(&rest.concat()) {
                    return Ok(Self(format!("{number}-{last}")));
                }
            }
        }
        landline(&digits).map(Self).ok_or(format)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_mobile(&self) -> bool {
        !self.0.contains('-')
    }

    /// Only the digits (area code, number, extension), for fragment search.
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }
}

/// 11 digits `1[3-9]xxxxxxxxx`, after removing a `86` country code (required after `+`).
fn mobile(digits: &str, plus: bool) -> Option<&str> {
    let national = match digits.strip_prefix("86") {
        Some(rest) if plus || rest.len() == 11 => rest,
        _ if plus => return None,
        _ => digits,
    };
    let b = national.as_bytes();
    (b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])).then_some(national)
}

/// Area code (`010`, `02x`, or `0` + 3 digits starting 3–9) followed by a 7–8 digit number that
/// does not start with 0; returns `area-number`.
fn landline(digits: &str) -> Option<String> {
    let b = digits.as_bytes();
    if b.first() != Some(&b'0') || b.len() < 3 {
        return None;
    }
    let area_len = match b[1] {
        b'1' if b[2] == b'0' => 3,
        b'2' => 3,
        b'3'..=b'9' => 4,
        _ => return None,
    };
    let (area, number) = digits.split_at(area_len.min(digits.len()));
    let ok = area.len() == area_len && (7..=8).contains(&number.len()) && !number.starts_with('0');
    ok.then(|| format!("{area}-{number}"))
}

fn is_extension(s: &str) -> bool {
    (1..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// (input, Ok(normalized) or Err(code))
    const CASES: &[(&str, Result<&str, &str>)] = &[
        // mobiles
        ("13812345678", Ok("13812345678")),
        (" 138 1234 5678 ", Ok("13812345678")),
        ("138-1234-5678", Ok("13812345678")),
        ("+86 138 1234 5678", Ok("13812345678")),
        ("+86-13812345678", Ok("13812345678")),
        ("8613812345678", Ok("13812345678")),
        ("１３８１２３４５６７８", Ok("13812345678")),
        ("19912345678", Ok("19912345678")),
        ("12812345678", Err("phone.format")),
        ("10012345678", Err("phone.format")),
        ("1381234567", Err("phone.format")),
        ("138123456789", Err("phone.format")),
        ("+8613812345", Err("phone.format")),
        ("+1 2025550123", Err("phone.format")),
        ("13812345678转12", Err("phone.format")),
        // landlines
        ("0571-88886666", Ok("0571-88886666")),
        ("057188886666", Ok("0571-88886666")),
        ("(0571) 8888 6666", Ok("0571-88886666")),
        ("（０５７１）８８８８６６６６", Ok("0571-88886666")),
        ("0571-8888666", Ok("0571-8888666")),
        ("010-12345678", Ok("010-12345678")),
        ("01012345678", Ok("010-12345678")),
        ("020-87654321", Ok("020-87654321")),
        ("0754-8123456", Ok("0754-8123456")),
        ("0571-88886666-1234", Ok("0571-88886666-1234")),
        ("0571 8888 6666 - 12", Ok("0571-88886666-12")),
        ("0571-8888-6666", Ok("0571-88886666")),
        ("0571-8888666-1", Ok("0571-8888666-1")),
        ("057188886666-1", Ok("0571-88886666-1")),
        ("010-12345678转123", Ok("010-12345678-123")),
        ("0571-88886666-1234567", Err("phone.format")),
        ("010-12345678转", Err("phone.format")),
        ("88886666", Err("phone.format")),
        ("0571-888866", Err("phone.format")),
        ("0571-888866667", Err("phone.format")),
        ("0571-08886666", Err("phone.format")),
        ("011-12345678", Err("phone.format")),
        ("0171-8888666", Err("phone.format")),
        ("0071-8888666", Err("phone.format")),
        ("+86-0571-88886666", Err("phone.format")),
        ("0571--88886666", Err("phone.format")),
        ("-0571-88886666", Err("phone.format")),
        ("0571-8888666a", Err("phone.format")),
        ("电话13812345678", Err("phone.format")),
        ("", Err("phone.empty")),
        ("  - ", Err("phone.format")),
        ("   ", Err("phone.empty")),
    ];

    #[test]
    fn phone_rules() {
        for (input, expect) in CASES {
            let got = Phone::parse(input);
            match (expect, &got) {
                (Ok(v), Ok(phone)) => assert_eq!(phone.as_str(), *v, "{input:?}"),
                (Err(c), Err(e)) => assert_eq!(e.code(), *c, "{input:?}"),
                _ => panic!("{input:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn messages_and_helpers() {
        let e = Phone::parse("12345").unwrap_err();
        assert_eq!(
            e.to_string(),
            "联系电话格式不正确：应为 11 位手机号或带区号的固定电话（如 0571-88886666）"
        );
        assert!(e
            .labeled("紧急联系人电话")
            .to_string()
            .starts_with("紧急联系人电话格式不正确"));
        let mobile = Phone::parse("138 1234 5678").unwrap();
        assert!(mobile.is_mobile());
        let landline = Phone::parse("0571-88886666-12").unwrap();
        assert!(!landline.is_mobile());
        assert_eq!(landline.digits(), "05718888666612");
    }

    proptest! {
        #[test]
        fn any_mobile_parses_and_normalizes(second in 3u8..=9, rest in "[0-9]{9}") {
            let number = format!("1{second}{rest}");
            let spaced = format!("{} {} {}", &number[..3], &number[3..7], &number[7..]);
            let from_spaced = Phone::parse(&spaced).unwrap();
            prop_assert_eq!(from_spaced.as_str(), number.as_str());
            let parsed = Phone::parse(&number).unwrap();
            prop_assert_eq!(Phone::parse(parsed.as_str()).unwrap(), parsed);
        }

        #[test]
        fn normalized_form_is_a_fixed_point(raw in "[0-9 ()+转-]{0,20}") {
            if let Ok(phone) = Phone::parse(&raw) {
                prop_assert_eq!(Phone::parse(phone.as_str()).unwrap(), phone);
            }
        }

        #[test]
        fn parse_never_panics(raw in "\\PC{0,24}") {
            let _ = Phone::parse(&raw);
        }
    }
}
