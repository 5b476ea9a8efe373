//! 健康档案编号: 17 digits = county (6) + township (3) + village/committee (3) + serial (5).
use std::fmt;

use thiserror::Error;

use crate::division::{CountyCode, DivisionError, TownshipCode, VillageCode};
use crate::error::Coded;

/// Largest serial within one village prefix.
pub const MAX_SERIAL: u32 = 99_999;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HealthFileNoError {
    #[error(
        "健康档案编号应为 17 位数字（县 6 位 + 乡镇 3 位 + 村居 3 位 + 序号 5 位），实际为「{0}」"
    )]
    Format(String),
    #[error("健康档案编号中的{part}有误：{source}")]
    Part {
        part: &'static str,
        source: DivisionError,
    },
    #[error("健康档案编号的序号不能为 00000")]
    SerialZero,
    #[error("健康档案编号的序号已用完：同一村（居）最多 {MAX_SERIAL} 份档案，请求的序号为 {0}")]
    SerialOverflow(u32),
}

impl Coded for HealthFileNoError {
    fn code(&self) -> &'static str {
        match self {
            HealthFileNoError::Format(_) => "health_file_no.format",
            HealthFileNoError::Part { source, .. } => match source {
                DivisionError::CountyFormat(_)
                | DivisionError::CountyProvince(_)
                | DivisionError::CountyLevel(_) => "health_file_no.county",
                DivisionError::TownshipFormat(_) | DivisionError::TownshipZero => {
                    "health_file_no.township"
                }
                DivisionError::VillageFormat(_) | DivisionError::VillageRange(_) => {
                    "health_file_no.village"
                }
            },
            HealthFileNoError::SerialZero => "health_file_no.serial_zero",
            HealthFileNoError::SerialOverflow(_) => "health_file_no.serial_overflow",
        }
    }
}

/// A valid 17-digit 健康档案编号. Built only by [`HealthFileNo::parse`] or [`HealthFileNo::compose`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HealthFileNo(String);

impl HealthFileNo {
    pub fn parse(raw: &str) -> Result<Self, HealthFileNoError> {
        let s = raw.trim();
        if s.len() != 17 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HealthFileNoError::Format(s.to_owned()));
        }
        let part = |part: &'static str| move |source| HealthFileNoError::Part { part, source };
        CountyCode::parse(&s[..6]).map_err(part("县级行政区划代码"))?;
        TownshipCode::parse(&s[6..9]).map_err(part("乡镇（街道）代码"))?;
        VillageCode::parse(&s[9..12]).map_err(part("村（居）委会代码"))?;
        if &s[12..] == "00000" {
            return Err(HealthFileNoError::SerialZero);
        }
        Ok(Self(s.to_owned()))
    }

    /// The number for the `serial`-th file enrolled under this village prefix (1-based).
    pub fn compose(
        county: &CountyCode,
        township: &TownshipCode,
        village: &VillageCode,
        serial: u32,
    ) -> Result<Self, HealthFileNoError> {
        match serial {
            0 => Err(HealthFileNoError::SerialZero),
            1..=MAX_SERIAL => Ok(Self(format!(
                "{}{}{}{serial:05}",
                county.as_str(),
                township.as_str(),
                village.as_str()
            ))),
            _ => Err(HealthFileNoError::SerialOverflow(serial)),
        }
    }

    /// The first 12 digits: county + township + village. Serials are counted per prefix.
    pub fn prefix(&self) -> &str {
        &self.0[..12]
    }

    pub fn serial(&self) -> u32 {
        self.0[12..].parse().unwrap_or(0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HealthFileNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for HealthFileNo {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Ok((prefix, serial)) or Err(code).
    type Expect = Result<(&'static str, u32), &'static str>;

    const CASES: &[(&str, Expect)] = &[
        ("44052410110100001", Ok(("440524101101", 1))),
        (" 11010500100199999 ", Ok(("110105001001", 99_999))),
        ("11010599999912345", Ok(("110105999999", 12_345))),
        ("11010500109900042", Ok(("110105001099", 42))),
        ("11010500110100000", Err("health_file_no.serial_zero")),
        ("11000000110100001", Err("health_file_no.county")),
        ("99010500110100001", Err("health_file_no.county")),
        ("11010500010100001", Err("health_file_no.township")),
        ("11010500100000001", Err("health_file_no.village")),
        ("11010500110000001", Err("health_file_no.village")),
        ("11010500150000001", Err("health_file_no.village")),
        ("1101050011010001", Err("health_file_no.format")),
        ("110105001101000011", Err("health_file_no.format")),
        ("11010500110100OO1", Err("health_file_no.format")),
        ("110105-001-101-00001", Err("health_file_no.format")),
        ("", Err("health_file_no.format")),
    ];

    #[test]
    fn health_file_no_rules() {
        for (input, expect) in CASES {
            let got = HealthFileNo::parse(input);
            match (expect, &got) {
                (Ok((prefix, serial)), Ok(no)) => {
                    assert_eq!(no.prefix(), *prefix, "{input:?}");
                    assert_eq!(no.serial(), *serial, "{input:?}");
                    assert_eq!(no.as_str(), input.trim());
                }
                (Err(c), Err(e)) => assert_eq!(e.code(), *c, "{input:?}: {e}"),
                _ => panic!("{input:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    fn parts() -> (CountyCode, TownshipCode, VillageCode) {
        (
            CountyCode::parse("440524").unwrap(),
            TownshipCode::parse("101").unwrap(),
            VillageCode::parse("101").unwrap(),
        )
    }

    #[test]
    fn compose_serials() {
        let (c, t, v) = parts();
        let cases: &[(u32, Result<&str, &str>)] = &[
            (1, Ok("44052410110100001")),
            (42, Ok("44052410110100042")),
            (99_999, Ok("44052410110199999")),
            (0, Err("health_file_no.serial_zero")),
            (100_000, Err("health_file_no.serial_overflow")),
            (u32::MAX, Err("health_file_no.serial_overflow")),
        ];
        for (serial, expect) in cases {
            let got = HealthFileNo::compose(&c, &t, &v, *serial);
            match (expect, &got) {
                (Ok(s), Ok(no)) => assert_eq!(no.as_str(), *s),
                (Err(code), Err(e)) => assert_eq!(e.code(), *code),
                _ => panic!("{serial}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn messages_name_the_part() {
        let e = HealthFileNo::parse("11010500150000001").unwrap_err();
        assert!(
            e.to_string().starts_with(
                "健康档案编号中的村（居）委会代码有误：村（居）委会代码 500 不在允许范围"
            ),
            "{e}"
        );
    }

    proptest! {
        #[test]
        fn compose_then_parse_round_trips(serial in 1u32..=MAX_SERIAL) {
            let (c, t, v) = parts();
            let no = HealthFileNo::compose(&c, &t, &v, serial).unwrap();
            let parsed = HealthFileNo::parse(no.as_str()).unwrap();
            prop_assert_eq!(parsed.serial(), serial);
            prop_assert_eq!(parsed.prefix(), "440524101101");
            prop_assert_eq!(parsed, no);
        }

        #[test]
        fn parse_never_panics(raw in "\\PC{0,20}") {
            let _ = HealthFileNo::parse(&raw);
        }
    }
}
