//! Terms (期限) of contracts and agreements: two `YYYY-MM-DD` dates, the end after the start, at
//! most a given number of months apart. Shared by [`crate::contract`] and [`crate::agreement`].
use chrono::{Months, NaiveDate};
use thiserror::Error;

use crate::error::{Coded, ValidationErrors};
use crate::text::parse_iso_date;

/// A term: `start` < `end`, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Term {
    /// Whether `day` falls within the term (both ends included).
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TermError {
    #[error("{label}不能为空")]
    DateRequired { label: &'static str },
    #[error("{label}格式不正确：应为 YYYY-MM-DD（如 2026-01-01），实际为「{raw}」")]
    DateFormat { label: &'static str, raw: String },
    #[error("结束日期 {end} 应晚于开始日期 {start}")]
    EndNotAfterStart { start: NaiveDate, end: NaiveDate },
    #[error("{what}期限过长：最长 {years} 年，{start} 开始的{what}最晚 {latest} 结束")]
    TooLong {
        what: &'static str,
        years: u32,
        start: NaiveDate,
        latest: NaiveDate,
    },
}

impl Coded for TermError {
    fn code(&self) -> &'static str {
        match self {
            TermError::DateRequired { .. } => "date.required",
            TermError::DateFormat { .. } => "date.format",
            TermError::EndNotAfterStart { .. } => "term.end_before_start",
            TermError::TooLong { .. } => "term.too_long",
        }
    }
}

/// A required `YYYY-MM-DD` date; `label` names the field in the message (e.g. `签约日期`).
pub fn parse_date(label: &'static str, raw: &str) -> Result<NaiveDate, TermError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(TermError::DateRequired { label });
    }
    parse_iso_date(raw).ok_or_else(|| TermError::DateFormat {
        label,
        raw: raw.to_owned(),
    })
}

/// Checks a term of at most `max_months` months (fields `startOn`, `endOn`) into `errors`.
/// `what` names the thing in the too-long message (`签约`, `协议`).
pub fn check_term(
    what: &'static str,
    start_on: &str,
    end_on: &str,
    max_months: u32,
    errors: &mut ValidationErrors,
) -> Option<Term> {
    let start = errors.check("startOn", parse_date("开始日期", start_on));
    let end = errors.check("endOn", parse_date("结束日期", end_on));
    let (start, end) = (start?, end?);
    if end <= start {
        errors.push("endOn", &TermError::EndNotAfterStart { start, end });
        return None;
    }
    let latest = start
        .checked_add_months(Months::new(max_months))
        .unwrap_or(NaiveDate::MAX);
    if end > latest {
        let years = max_months / 12;
        errors.push(
            "endOn",
            &TermError::TooLong {
                what,
                years,
                start,
                latest,
            },
        );
        return None;
    }
    Some(Term { start, end })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn terms() {
        // (start, end, max months, Ok or (field, code))
        type Expect = Result<(), (&'static str, &'static str)>;
        let cases: &[(&str, &str, u32, Expect)] = &[
            ("2026-01-01", "2026-12-31", 12, Ok(())),
            ("2026-01-01", "2027-01-01", 12, Ok(())),
            (
                "2026-01-01",
                "2027-01-02",
                12,
                Err(("endOn", "term.too_long")),
            ),
            (
                "2026-01-01",
                "2026-01-01",
                12,
                Err(("endOn", "term.end_before_start")),
            ),
            (
                "2026-01-02",
                "2026-01-01",
                12,
                Err(("endOn", "term.end_before_start")),
            ),
            ("", "2026-01-01", 12, Err(("startOn", "date.required"))),
            (
                "2026-01-01",
                "2026-13-01",
                12,
                Err(("endOn", "date.format")),
            ),
        ];
        for (start, end, max, expect) in cases {
            let mut errors = ValidationErrors::new();
            let got = check_term("签约", start, end, *max, &mut errors);
            match expect {
                Ok(()) => {
                    let t = got.unwrap();
                    assert_eq!((t.start, t.end), (d(start), d(end)));
                    assert!(errors.is_empty());
                }
                Err((field, code)) => {
                    assert!(got.is_none());
                    assert_eq!(errors.codes(), [*code], "{start}–{end}");
                    assert_eq!(errors.0[0].field, *field);
                }
            }
        }
    }

    #[test]
    fn messages() {
        let mut errors = ValidationErrors::new();
        check_term("协议", "2026-01-01", "2036-01-02", 120, &mut errors);
        assert_eq!(
            errors.0[0].message,
            "协议期限过长：最长 10 年，2026-01-01 开始的协议最晚 2036-01-01 结束"
        );
        let t = Term {
            start: d("2026-01-01"),
            end: d("2026-12-31"),
        };
        assert!(t.contains(d("2026-01-01")) && t.contains(d("2026-12-31")));
        assert!(!t.contains(d("2027-01-01")));
    }
}
