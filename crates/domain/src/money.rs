//! Money as typed on a form (元, e.g. `120`, `120.5`, `１２０．００`, `¥120.00`), kept as whole 分
//! (cents) so sums are exact.
use std::fmt;

use thiserror::Error;

use crate::error::Coded;
use crate::text::to_half_width;

/// Largest amount accepted on any form, in 元 (a contract package or an agreement fee never comes
/// near it; a larger figure is a typing slip).
pub const MAX_YUAN: i64 = 1_000_000;
/// [`MAX_YUAN`] in 分.
pub const MAX_CENTS: i64 = MAX_YUAN * 100;

/// `label` is the Chinese field name used in the message (`金额` unless relabelled with
/// [`MoneyError::labeled`], e.g. `总费用`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("{label}不能为空")]
    Required { label: &'static str },
    #[error("{label}格式不正确：应为以元为单位的数字（如 120 或 120.50），实际为「{raw}」")]
    Format { label: &'static str, raw: String },
    #[error("{label}不能为负数：实际为「{raw}」")]
    Negative { label: &'static str, raw: String },
    #[error("{label}最多保留两位小数（精确到分）：实际为「{raw}」")]
    Decimals { label: &'static str, raw: String },
    #[error("{label}过大：最多 {MAX_YUAN} 元，实际为「{raw}」")]
    TooLarge { label: &'static str, raw: String },
}

impl MoneyError {
    /// The same error, naming another field in its message.
    pub fn labeled(self, label: &'static str) -> Self {
        match self {
            MoneyError::Required { .. } => MoneyError::Required { label },
            MoneyError::Format { raw, .. } => MoneyError::Format { label, raw },
            MoneyError::Negative { raw, .. } => MoneyError::Negative { label, raw },
            MoneyError::Decimals { raw, .. } => MoneyError::Decimals { label, raw },
            MoneyError::TooLarge { raw, .. } => MoneyError::TooLarge { label, raw },
        }
    }
}

impl Coded for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Required { .. } => "money.required",
            MoneyError::Format { .. } => "money.format",
            MoneyError::Negative { .. } => "money.negative",
            MoneyError::Decimals { .. } => "money.decimals",
            MoneyError::TooLarge { .. } => "money.too_large",
        }
    }
}

/// A non-negative amount of at most [`MAX_YUAN`] 元, in 分.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Money(i64);

const DEFAULT_LABEL: &str = "金额";

impl Money {
    pub const ZERO: Money = Money(0);

    /// Parses 元 as typed: surrounding whitespace, full-width digits and point, a leading `¥`/`￥`
    /// and a trailing `元` are accepted; at most two decimals; no sign, no thousands separators.
    pub fn parse(raw: &str) -> Result<Self, MoneyError> {
        Self::parse_labeled(raw, DEFAULT_LABEL)
    }

    /// [`Money::parse`] with `label` naming the field in the error message.
    pub fn parse_labeled(raw: &str, label: &'static str) -> Result<Self, MoneyError> {
        let shown = raw.trim().to_owned();
        let half: String = raw.chars().map(to_half_width).collect();
        let mut s = half.trim();
        if s.is_empty() {
            return Err(MoneyError::Required { label });
        }
        if let Some(rest) = s.strip_prefix(['¥', '￥']) {
            s = rest.trim_start();
        }
        if let Some(rest) = s.strip_suffix('元') {
            s = rest.trim_end();
        }
        if let Some(rest) = s.strip_prefix('-') {
            if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return Err(MoneyError::Negative { label, raw: shown });
            }
        }
        let format = || MoneyError::Format {
            label,
            raw: shown.clone(),
        };
        let (whole, fraction) = match s.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (s, None),
        };
        let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
            return Err(format());
        }
        let fraction = fraction.unwrap_or("");
        if fraction.len() > 2 {
            return Err(MoneyError::Decimals { label, raw: shown });
        }
        let whole = whole.trim_start_matches('0');
        // More digits than the maximum has cannot be in range (and would overflow).
        if whole.len() > MAX_YUAN.to_string().len() {
            return Err(MoneyError::TooLarge { label, raw: shown });
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| format())?
        };
        let fen: i64 = format!("{fraction:0<2}").parse().map_err(|_| format())?;
        let cents = yuan * 100 + fen;
        if cents > MAX_CENTS {
            return Err(MoneyError::TooLarge { label, raw: shown });
        }
        Ok(Self(cents))
    }

    /// An amount in 分 that is already known to be valid (e.g. read back from storage); None when
    /// negative or above the maximum.
    pub fn from_cents(cents: i64) -> Option<Self> {
        (0..=MAX_CENTS).contains(&cents).then_some(Self(cents))
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// The sum, or None above the maximum.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        Self::from_cents(self.0 + other.0)
    }
}

/// `120.50` (元, always two decimals).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// `cents` as 元 with two decimals, e.g. `12050` → `120.50` (negative amounts keep their sign).
pub fn format_yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// (input, cents or error code)
    const CASES: &[(&str, Result<i64, &str>)] = &[
        ("120", Ok(12_000)),
        ("120.5", Ok(12_050)),
        ("120.05", Ok(12_005)),
        ("120.00", Ok(12_000)),
        (" 0 ", Ok(0)),
        ("0.01", Ok(1)),
        ("007.10", Ok(710)),
        ("１２０．００", Ok(12_000)),
        ("¥120.00", Ok(12_000)),
        ("￥ 35", Ok(3_500)),
        ("120元", Ok(12_000)),
        ("¥120 元", Ok(12_000)),
        ("1000000", Ok(100_000_000)),
        ("1000000.00", Ok(100_000_000)),
        ("", Err("money.required")),
        ("   ", Err("money.required")),
        ("-5", Err("money.negative")),
        ("-0.5", Err("money.negative")),
        ("－１２", Err("money.negative")),
        ("1.234", Err("money.decimals")),
        ("1.000", Err("money.decimals")),
        ("1000000.01", Err("money.too_large")),
        ("1000001", Err("money.too_large")),
        ("99999999999999999999999", Err("money.too_large")),
        ("abc", Err("money.format")),
        ("12a", Err("money.format")),
        ("1,200", Err("money.format")),
        ("120.", Err("money.format")),
        (".5", Err("money.format")),
        ("1.2.3", Err("money.format")),
        ("+5", Err("money.format")),
        ("-", Err("money.format")),
        ("¥", Err("money.format")),
        ("1 200", Err("money.format")),
    ];

    #[test]
    fn parsing() {
        for (raw, expect) in CASES {
            let got = Money::parse(raw);
            match (expect, &got) {
                (Ok(cents), Ok(m)) => assert_eq!(m.cents(), *cents, "{raw:?}"),
                (Err(code), Err(e)) => assert_eq!(e.code(), *code, "{raw:?}: {e}"),
                _ => panic!("{raw:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn messages_name_the_field() {
        let e = Money::parse_labeled("1.234", "个人自付").unwrap_err();
        assert_eq!(
            e.to_string(),
            "个人自付最多保留两位小数（精确到分）：实际为「1.234」"
        );
        let e = Money::parse("-5").unwrap_err().labeled("总费用");
        assert_eq!(e.to_string(), "总费用不能为负数：实际为「-5」");
        let e = Money::parse_labeled("2000000", "总费用").unwrap_err();
        assert_eq!(
            e.to_string(),
            "总费用过大：最多 1000000 元，实际为「2000000」"
        );
    }

    #[test]
    fn display_and_sums() {
        let cases = [
            (0, "0.00"),
            (1, "0.01"),
            (12_050, "120.50"),
            (100_000_000, "1000000.00"),
        ];
        for (cents, shown) in cases {
            assert_eq!(Money::from_cents(cents).unwrap().to_string(), shown);
            assert_eq!(format_yuan(cents), shown);
        }
        assert_eq!(format_yuan(-150), "-1.50");
        assert_eq!(Money::from_cents(-1), None);
        assert_eq!(Money::from_cents(MAX_CENTS + 1), None);
        let a = Money::parse("0.1").unwrap();
        let b = Money::parse("0.2").unwrap();
        assert_eq!(a.checked_add(b), Some(Money::parse("0.3").unwrap()));
        let max = Money::from_cents(MAX_CENTS).unwrap();
        assert_eq!(max.checked_add(Money::from_cents(1).unwrap()), None);
    }
}
