//! 居民身份证号 (GB 11643-1999): parsing, 15→18 conversion, check character, birth date, sex.
use std::fmt;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;
use yiyang_protocol::Sex;

use crate::division::{is_mainland_province, OTHER_ID_PREFIXES};
use crate::error::Coded;
use crate::text::to_half_width;

/// Weights of the first 17 digits (GB 11643).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character by `sum mod 11`.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Earliest birth year accepted.
pub const MIN_BIRTH_YEAR: i32 = 1850;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdNumberError {
    #[error("身份证号不能为空")]
    Empty,
    #[error("身份证号长度错误：应为 18 位（或旧版 15 位），实际为 {0} 位")]
    Length(usize),
    #[error(
        "身份证号只能由数字组成，18 位号码的最后一位可以是 X：第 {position} 位「{found}」不符合"
    )]
    Chars { position: usize, found: char },
    #[error("身份证号地区码错误：前两位 {0} 不是有效的省级行政区划代码")]
    Region(String),
    #[error("身份证号地区码错误：{0} 只是省级代码，前 6 位应为县（市、区）或地市的行政区划代码")]
    RegionLevel(String),
    #[error("身份证号校验位错误：按 GB 11643 计算应为 {expected}，实际为 {actual}")]
    CheckChar { expected: char, actual: char },
    #[error("身份证号中的出生日期 {0} 不是有效日期")]
    BirthDate(String),
    #[error("身份证号中的出生日期 {0} 晚于今天")]
    BirthDateFuture(NaiveDate),
    #[error("身份证号中的出生日期 {0} 早于 {MIN_BIRTH_YEAR} 年")]
    BirthDateTooEarly(NaiveDate),
}

impl Coded for IdNumberError {
    fn code(&self) -> &'static str {
        match self {
            IdNumberError::Empty => "id_number.empty",
            IdNumberError::Length(_) => "id_number.length",
            IdNumberError::Chars { .. } => "id_number.chars",
            IdNumberError::Region(_) => "id_number.region",
            IdNumberError::RegionLevel(_) => "id_number.region_level",
            IdNumberError::CheckChar { .. } => "id_number.check_char",
            IdNumberError::BirthDate(_) => "id_number.birth_date",
            IdNumberError::BirthDateFuture(_) => "id_number.birth_date_future",
            IdNumberError::BirthDateTooEarly(_) => "id_number.birth_date_too_early",
        }
    }
}

/// GB 11643 check character of the first 17 digits. `None` if `first17` is not 17 ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// A valid 18-character 身份证号, upper-case `X`. Built only by [`IdNumber::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber {
    value: String,
    birth: NaiveDate,
}

impl IdNumber {
    /// Parses what a person typed. Surrounding whitespace is trimmed, full-width digits and `Ｘ`
    /// and a lower-case `x` are accepted, and an old 15-digit number is converted to 18 digits
    /// (century `19` inserted, check character computed).
    ///
    /// Region rule, deliberately conservative so that no real number is refused: the first two
    /// digits must be a mainland province code or one of 71/81/82/83 (台湾, and the
    /// residence-permit numbers of 港澳台 residents). The remaining four region digits are not
    /// checked against a code table, because numbers issued under since-abolished codes stay valid.
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, IdNumberError> {
        let chars: Vec<char> = raw
            .trim()
            .chars()
            .map(to_half_width)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let value: String = match chars.len() {
            0 => return Err(IdNumberError::Empty),
            15 => {
                if let Some(bad) = first_non_digit(&chars) {
                    return Err(bad);
                }
                let old: String = chars.iter().collect();
                let first17 = format!("{}19{}", &old[..6], &old[6..]);
                let check = check_char(&first17).ok_or(IdNumberError::Length(15))?;
                format!("{first17}{check}")
            }
            18 => {
                if let Some(bad) = first_non_digit(&chars[..17]) {
                    return Err(bad);
                }
                let last = chars[17];
                if !(last.is_ascii_digit() || last == 'X') {
                    return Err(IdNumberError::Chars {
                        position: 18,
                        found: last,
                    });
                }
                let value: String = chars.iter().collect();
                let expected = check_char(&value[..17]).ok_or(IdNumberError::Length(18))?;
                if expected != last {
                    check_region(&value)?;
                    return Err(IdNumberError::CheckChar {
                        expected,
                        actual: last,
                    });
                }
                value
            }
            n => return Err(IdNumberError::Length(n)),
        };
        check_region(&value)?;
        let birth = birth_date_of(&value)?;
        if birth > today {
            return Err(IdNumberError::BirthDateFuture(birth));
        }
        if birth.year() < MIN_BIRTH_YEAR {
            return Err(IdNumberError::BirthDateTooEarly(birth));
        }
        Ok(Self { value, birth })
    }

    /// The 18 characters, upper-case `X`.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// From the 17th digit: odd is male.
    pub fn sex(&self) -> Sex {
        let odd = self.value[16..17]
            .parse::<u8>()
            .is_ok_and(|digit| digit % 2 == 1);
        if odd {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The 6-digit region (address) code.
    pub fn region_code(&self) -> &str {
        &self.value[..6]
    }

    /// The last `n` characters (all 18 if `n` is larger), e.g. for masked display.
    pub fn last_digits(&self, n: usize) -> &str {
        &self.value[self.value.len().saturating_sub(n)..]
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl AsRef<str> for IdNumber {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

fn first_non_digit(chars: &[char]) -> Option<IdNumberError> {
    chars
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map(|i| IdNumberError::Chars {
            position: i + 1,
            found: chars[i],
        })
}

/// `value` is 18 ASCII characters whose first 17 are digits.
fn check_region(value: &str) -> Result<(), IdNumberError> {
    let prefix = &value[..2];
    let other = prefix
        .parse::<u8>()
        .is_ok_and(|p| OTHER_ID_PREFIXES.contains(&p));
    if is_mainland_province(prefix) {
        // People are registered in a county or city: "xx00xx" is the province itself.
        if &value[2..4] == "00" {
            return Err(IdNumberError::RegionLevel(value[..6].to_owned()));
        }
        Ok(())
    } else if other {
        // 台港澳 numbers use the whole-region code (e.g. 810000).
        Ok(())
    } else {
        Err(IdNumberError::Region(prefix.to_owned()))
    }
}

fn birth_date_of(value: &str) -> Result<NaiveDate, IdNumberError> {
    let digits = &value[6..14];
    let invalid = || IdNumberError::BirthDate(digits.to_owned());
    let year: i32 = digits[..4].parse().map_err(|_| invalid())?;
    let month: u32 = digits[4..6].parse().map_err(|_| invalid())?;
    let day: u32 = digits[6..].parse().map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "id_number_tests.rs"]
mod tests;
