//! Resident file status (在档 / 迁出 / 死亡) and the rules of a status change.
use chrono::NaiveDate;
use thiserror::Error;
use yiyang_protocol::ResidentStatus;

use crate::error::{Coded, ValidationErrors};
use crate::text::{parse_iso_date, TextRule};

/// The free-text note of a status change (e.g. 家属告知、迁往外县).
const NOTE: TextRule = TextRule {
    label: "说明",
    max_chars: 200,
    required: false,
    multiline: true,
};

/// Checks the note of a status change (field `note`): optional, at most 200 characters.
pub fn validate_status_note(raw: &str) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    errors.check("note", NOTE.apply(raw)).ok_or(errors)
}

/// A checked status change; moved and deceased carry their date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidStatus {
    Active,
    Moved(NaiveDate),
    Deceased(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StatusError {
    #[error("{label}不能为空")]
    DateRequired { label: &'static str },
    #[error("{label}格式不正确：应为 YYYY-MM-DD（如 2024-03-01），实际为「{raw}」")]
    DateFormat { label: &'static str, raw: String },
    #[error("{label} {date} 晚于今天")]
    DateFuture {
        label: &'static str,
        date: NaiveDate,
    },
    #[error("{label} {date} 早于出生日期 {birth}")]
    DateBeforeBirth {
        label: &'static str,
        date: NaiveDate,
        birth: NaiveDate,
    },
}

impl Coded for StatusError {
    fn code(&self) -> &'static str {
        match self {
            StatusError::DateRequired { .. } => "status.date_required",
            StatusError::DateFormat { .. } => "status.date_format",
            StatusError::DateFuture { .. } => "status.date_future",
            StatusError::DateBeforeBirth { .. } => "status.date_before_birth",
        }
    }
}

/// 在档 / 迁出 / 死亡.
pub fn status_label(status: ResidentStatus) -> &'static str {
    match status {
        ResidentStatus::Active => "在档",
        ResidentStatus::Moved => "迁出",
        ResidentStatus::Deceased => "死亡",
    }
}

/// Checks a change to `status`. Moved and deceased need a `YYYY-MM-DD` date (field `date`) that is
/// neither after `today` nor before `birth_date`; for active the date is ignored.
pub fn validate_status_change(
    status: ResidentStatus,
    date: &str,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> Result<ValidStatus, ValidationErrors> {
    let label = match status {
        ResidentStatus::Active => return Ok(ValidStatus::Active),
        ResidentStatus::Moved => "迁出日期",
        ResidentStatus::Deceased => "死亡日期",
    };
    let checked = check_date(label, date, birth_date, today);
    let mut errors = ValidationErrors::new();
    match errors.check("date", checked) {
        Some(date) if status == ResidentStatus::Moved => Ok(ValidStatus::Moved(date)),
        Some(date) => Ok(ValidStatus::Deceased(date)),
        None => Err(errors),
    }
}

fn check_date(
    label: &'static str,
    raw: &str,
    birth: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, StatusError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(StatusError::DateRequired { label });
    }
    let date = parse_iso_date(raw).ok_or_else(|| StatusError::DateFormat {
        label,
        raw: raw.to_owned(),
    })?;
    if date > today {
        return Err(StatusError::DateFuture { label, date });
    }
    if date < birth {
        return Err(StatusError::DateBeforeBirth { label, date, birth });
    }
    Ok(date)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use ResidentStatus::{Active, Deceased, Moved};

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    const BIRTH: &str = "1949-12-31";
    const TODAY: &str = "2025-06-01";

    #[derive(Debug)]
    enum Expect {
        Active,
        Moved(&'static str),
        Deceased(&'static str),
        Err(&'static str),
    }

    const CASES: &[(ResidentStatus, &str, Expect)] = &[
        (Active, "", Expect::Active),
        (Active, "not a date", Expect::Active),
        (Moved, "2024-03-01", Expect::Moved("2024-03-01")),
        (Moved, " 2025-06-01 ", Expect::Moved("2025-06-01")),
        (Deceased, "1949-12-31", Expect::Deceased("1949-12-31")),
        (Deceased, "2025-01-15", Expect::Deceased("2025-01-15")),
        (Moved, "", Expect::Err("status.date_required")),
        (Deceased, "  ", Expect::Err("status.date_required")),
        (Moved, "2024-3-1", Expect::Err("status.date_format")),
        (Deceased, "2023-02-29", Expect::Err("status.date_format")),
        (Moved, "2025-06-02", Expect::Err("status.date_future")),
        (Deceased, "2030-01-01", Expect::Err("status.date_future")),
        (
            Deceased,
            "1949-12-30",
            Expect::Err("status.date_before_birth"),
        ),
    ];

    #[test]
    fn status_change_rules() {
        for (status, date, expect) in CASES {
            let got = validate_status_change(*status, date, d(BIRTH), d(TODAY));
            match (expect, &got) {
                (Expect::Active, Ok(ValidStatus::Active)) => {}
                (Expect::Moved(want), Ok(ValidStatus::Moved(on))) => assert_eq!(*on, d(want)),
                (Expect::Deceased(want), Ok(ValidStatus::Deceased(on))) => {
                    assert_eq!(*on, d(want))
                }
                (Expect::Err(code), Err(errors)) => {
                    assert_eq!(errors.codes(), [*code], "{status:?} {date:?}");
                    assert_eq!(errors.0[0].field, "date");
                }
                _ => panic!("{status:?} {date:?}: expected {expect:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn messages_and_labels() {
        let errors = validate_status_change(Deceased, "2030-01-01", d(BIRTH), d(TODAY));
        assert_eq!(
            errors.unwrap_err().0[0].message,
            "死亡日期 2030-01-01 晚于今天"
        );
        let errors = validate_status_change(Moved, "", d(BIRTH), d(TODAY));
        assert_eq!(errors.unwrap_err().0[0].message, "迁出日期不能为空");
        assert_eq!(status_label(Active), "在档");
        assert_eq!(status_label(Moved), "迁出");
        assert_eq!(status_label(Deceased), "死亡");
    }

    #[test]
    fn status_note_rules() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("", Ok("")),
            ("  家属告知  ", Ok("家属告知")),
            ("迁往外县\n由女儿照顾", Ok("迁往外县\n由女儿照顾")),
            ("说明\u{0007}", Err("text.control_char")),
        ];
        for (raw, want) in cases {
            match (validate_status_note(raw), want) {
                (Ok(got), Ok(w)) => assert_eq!(got, *w),
                (Err(e), Err(code)) => {
                    assert_eq!(e.codes(), [*code]);
                    assert_eq!(e.0[0].field, "note");
                }
                (got, _) => panic!("{raw:?}: expected {want:?}, got {got:?}"),
            }
        }
        let long = "长".repeat(201);
        let e = validate_status_note(&long).unwrap_err();
        assert_eq!(e.codes(), ["text.too_long"]);
        assert!(e.0[0].message.contains("说明"), "{}", e.0[0].message);
    }
}
