//! Administrative division codes (GB/T 2260 county, GB/T 10114 township, village committee) as
//! used in the 健康档案编号, plus the province-prefix table shared with the 身份证号 check.
use std::fmt;

use thiserror::Error;

use crate::error::Coded;

/// Province-level codes of mainland China (GB/T 2260): the first two digits of every county code.
pub const MAINLAND_PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, // 京 津 冀 晋 蒙
    21, 22, 23, // 辽 吉 黑
    31, 32, 33, 34, 35, 36, 37, // 沪 苏 浙 皖 闽 赣 鲁
    41, 42, 43, 44, 45, 46, // 豫 鄂 湘 粤 桂 琼
    50, 51, 52, 53, 54, // 渝 川 贵 云 藏
    61, 62, 63, 64, 65, // 陕 甘 青 宁 新
];

/// Prefixes that appear in 身份证号 besides the mainland provinces: 台湾 71 and the residence-permit
/// numbers of residents from 香港 81, 澳门 82 and 台湾 83.
pub const OTHER_ID_PREFIXES: &[u8] = &[71, 81, 82, 83];

/// True when the two digits are a mainland province-level code.
pub fn is_mainland_province(two_digits: &str) -> bool {
    two_digits.len() == 2
        && two_digits
            .parse::<u8>()
            .is_ok_and(|p| MAINLAND_PROVINCES.contains(&p))
}

fn is_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DivisionError {
    #[error("县级行政区划代码应为 6 位数字，实际为「{0}」")]
    CountyFormat(String),
    #[error("县级行政区划代码前两位 {0} 不是有效的省级代码")]
    CountyProvince(String),
    #[error("县级行政区划代码 {0} 不是县级代码：第 3–4 位和第 5–6 位都不能是 00")]
    CountyLevel(String),
    #[error("乡镇（街道）代码应为 3 位数字，实际为「{0}」")]
    TownshipFormat(String),
    #[error("乡镇（街道）代码不能为 000")]
    TownshipZero,
    #[error("村（居）委会代码应为 3 位数字，实际为「{0}」")]
    VillageFormat(String),
    #[error("村（居）委会代码 {0} 不在允许范围：居委会 001–099，村委会 101–199，其他 901–999")]
    VillageRange(String),
}

impl Coded for DivisionError {
    fn code(&self) -> &'static str {
        match self {
            DivisionError::CountyFormat(_) => "county_code.format",
            DivisionError::CountyProvince(_) => "county_code.province",
            DivisionError::CountyLevel(_) => "county_code.level",
            DivisionError::TownshipFormat(_) => "township_code.format",
            DivisionError::TownshipZero => "township_code.zero",
            DivisionError::VillageFormat(_) => "village_code.format",
            DivisionError::VillageRange(_) => "village_code.range",
        }
    }
}

/// A 6-digit county-level division code (e.g. `440524`): a mainland province prefix, a real
/// prefecture part (digits 3–4 not `00`) and a county part (digits 5–6 not `00`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountyCode(String);

impl CountyCode {
    pub fn parse(raw: &str) -> Result<Self, DivisionError> {
        let s = raw.trim();
        if !is_digits(s, 6) {
            return Err(DivisionError::CountyFormat(s.to_owned()));
        }
        if !is_mainland_province(&s[..2]) {
            return Err(DivisionError::CountyProvince(s[..2].to_owned()));
        }
        if &s[2..4] == "00" || &s[4..] == "00" {
            return Err(DivisionError::CountyLevel(s.to_owned()));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A 3-digit township (乡镇/街道) code, `001`–`999`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TownshipCode(String);

impl TownshipCode {
    pub fn parse(raw: &str) -> Result<Self, DivisionError> {
        let s = raw.trim();
        if !is_digits(s, 3) {
            return Err(DivisionError::TownshipFormat(s.to_owned()));
        }
        if s == "000" {
            return Err(DivisionError::TownshipZero);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A 3-digit village/committee code: 居委会 `001`–`099`, 村委会 `101`–`199`, others `901`–`999`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VillageCode(String);

impl VillageCode {
    pub fn parse(raw: &str) -> Result<Self, DivisionError> {
        let s = raw.trim();
        if !is_digits(s, 3) {
            return Err(DivisionError::VillageFormat(s.to_owned()));
        }
        let n: u16 = s
            .parse()
            .map_err(|_| DivisionError::VillageFormat(s.to_owned()))?;
        match n {
            1..=99 | 101..=199 | 901..=999 => Ok(Self(s.to_owned())),
            _ => Err(DivisionError::VillageRange(s.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )*};
}
display_as_str!(CountyCode, TownshipCode, VillageCode);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// (input, Ok(normalized) or Err(code))
    const COUNTY: &[(&str, Result<&str, &str>)] = &[
        ("110105", Ok("110105")),             // 北京市朝阳区
        ("440524", Ok("440524")),             // region of the domain.md vector 440524188001015368
        (" 429004 ", Ok("429004")),           // 湖北仙桃市, 省直辖县级
        ("659001", Ok("659001")),             // 新疆石河子市
        ("110000", Err("county_code.level")), // a province
        ("440500", Err("county_code.level")), // a prefecture
        ("440024", Err("county_code.level")),
        ("000105", Err("county_code.province")),
        ("990105", Err("county_code.province")),
        ("160101", Err("county_code.province")),
        ("810101", Err("county_code.province")), // 香港: no county codes
        ("11010", Err("county_code.format")),
        ("1101055", Err("county_code.format")),
        ("11010a", Err("county_code.format")),
        ("１１０１０５", Err("county_code.format")),
        ("", Err("county_code.format")),
    ];

    const TOWNSHIP: &[(&str, Result<&str, &str>)] = &[
        ("001", Ok("001")),
        ("100", Ok("100")),
        ("999", Ok("999")),
        (" 203 ", Ok("203")),
        ("000", Err("township_code.zero")),
        ("01", Err("township_code.format")),
        ("0001", Err("township_code.format")),
        ("a01", Err("township_code.format")),
        ("-01", Err("township_code.format")),
    ];

    const VILLAGE: &[(&str, Result<&str, &str>)] = &[
        ("001", Ok("001")),
        ("099", Ok("099")),
        ("101", Ok("101")),
        ("199", Ok("199")),
        ("901", Ok("901")),
        ("999", Ok("999")),
        ("000", Err("village_code.range")),
        ("100", Err("village_code.range")),
        ("200", Err("village_code.range")),
        ("555", Err("village_code.range")),
        ("900", Err("village_code.range")),
        ("1", Err("village_code.format")),
        ("10a", Err("village_code.format")),
        ("+01", Err("village_code.format")),
    ];

    fn check<T: AsRef<str> + fmt::Debug>(
        cases: &[(&str, Result<&str, &str>)],
        parse: fn(&str) -> Result<T, DivisionError>,
    ) {
        for (input, expect) in cases {
            let got = parse(input);
            match (expect, &got) {
                (Ok(v), Ok(code)) => assert_eq!(code.as_ref(), *v, "{input:?}"),
                (Err(c), Err(e)) => assert_eq!(e.code(), *c, "{input:?}"),
                _ => panic!("{input:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn county_codes() {
        check(COUNTY, CountyCode::parse);
    }

    #[test]
    fn township_codes() {
        check(TOWNSHIP, TownshipCode::parse);
    }

    #[test]
    fn village_codes() {
        check(VILLAGE, VillageCode::parse);
    }

    #[test]
    fn messages_name_the_rule() {
        let e = VillageCode::parse("555").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("村（居）委会代码 555 不在允许范围"),
            "{e}"
        );
        let e = CountyCode::parse("990105").unwrap_err();
        assert_eq!(
            e.to_string(),
            "县级行政区划代码前两位 99 不是有效的省级代码"
        );
    }
}
