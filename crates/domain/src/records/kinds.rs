//! The pieces `validate_record` builds entries from: the text rules of the form fields, the field
//! checks (notes, frequency), the Chinese labels and one-line summaries, and the kinds with more
//! than one field to check (long prescription, care plans, plain notes).
use chrono::{Days, NaiveDate};
use yiyang_protocol::{
    AbsenceReason, CarePlanInput, DrugLine, Frequency, FrequencyUnit, NoteInput, PrescriptionInput,
    RecordDetail, ServiceItem,
};

use super::{RecordError, MAX_PRESCRIPTION_WEEKS};
use crate::error::ValidationErrors;
use crate::text::TextRule;

pub(super) const NOTE: TextRule = TextRule {
    label: "记录内容",
    max_chars: 2000,
    required: true,
    multiline: true,
};
pub(super) const OPTIONAL_NOTE: TextRule = TextRule {
    label: "备注",
    max_chars: 2000,
    required: false,
    multiline: true,
};
pub(super) const PLACE: TextRule = TextRule {
    label: "地点",
    max_chars: 60,
    required: false,
    multiline: false,
};
pub(super) const REASON: TextRule = TextRule {
    label: "更正原因",
    max_chars: 500,
    required: true,
    multiline: true,
};
pub(super) const PLACE_REQUIRED: TextRule = TextRule {
    label: "地点",
    max_chars: 60,
    required: true,
    multiline: false,
};

pub(super) fn note(
    errors: &mut ValidationErrors,
    field: &'static str,
    rule: TextRule,
    raw: &str,
) -> String {
    errors.check(field, rule.apply(raw)).unwrap_or_default()
}

pub(super) fn labelled(label: &'static str, rule: TextRule) -> TextRule {
    TextRule { label, ..rule }
}

fn frequency(errors: &mut ValidationErrors, f: Option<Frequency>) -> Option<Frequency> {
    match f {
        Some(f) if !(1..=365).contains(&f.every) => {
            errors.push("frequency", &RecordError::Frequency { every: f.every });
            None
        }
        other => other,
    }
}

/// Chinese text of a frequency, e.g. "每周一次", "每 2 周一次".
pub fn frequency_label(f: Frequency) -> String {
    let unit = match f.unit {
        FrequencyUnit::Day => "天",
        FrequencyUnit::Week => "周",
        FrequencyUnit::Month => "月",
        FrequencyUnit::Year => "年",
    };
    if f.every == 1 {
        format!("每{unit}一次")
    } else {
        let measure = if f.unit == FrequencyUnit::Month {
            "个月"
        } else {
            unit
        };
        format!("每 {} {measure}一次", f.every)
    }
}

pub(super) fn absence_label(r: AbsenceReason) -> &'static str {
    match r {
        AbsenceReason::Away => "外出不在",
        AbsenceReason::InHospital => "住院",
        AbsenceReason::Refused => "拒绝",
        AbsenceReason::Other => "其他原因",
    }
}

pub(crate) fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        out.push('…');
    }
    out
}

pub(super) fn simple(
    errors: &mut ValidationErrors,
    item: ServiceItem,
    label: &str,
    n: &NoteInput,
    wrap: fn(NoteInput) -> RecordDetail,
) -> (Option<ServiceItem>, String, Option<RecordDetail>) {
    let text = note(errors, "note", NOTE, &n.note);
    let summary = format!("{label}：{}", first_line(&text));
    (Some(item), summary, Some(wrap(NoteInput { note: text })))
}

pub(super) fn care_plan(
    errors: &mut ValidationErrors,
    p: &CarePlanInput,
) -> (CarePlanInput, Option<Frequency>) {
    let content = note(errors, "content", labelled("计划内容", NOTE), &p.content);
    let f = frequency(errors, p.frequency);
    (
        CarePlanInput {
            content,
            frequency: f,
        },
        f,
    )
}

pub(super) fn prescription(
    p: &PrescriptionInput,
    date: Option<NaiveDate>,
    errors: &mut ValidationErrors,
) -> (Option<u8>, Option<RecordDetail>) {
    let diagnosis = note(
        errors,
        "diagnosis",
        labelled("诊断", PLACE_REQUIRED),
        &p.diagnosis,
    );
    let raw: String = p
        .weeks
        .trim()
        .chars()
        .map(crate::text::to_half_width)
        .collect();
    let weeks = match raw.parse::<u8>() {
        Ok(w) if (1..=MAX_PRESCRIPTION_WEEKS).contains(&w) => Some(w),
        _ => {
            errors.push("weeks", &RecordError::Weeks(p.weeks.trim().to_owned()));
            None
        }
    };
    let drugs: Vec<DrugLine> = p
        .drugs
        .iter()
        .filter(|d| {
            !(d.name.trim().is_empty() && d.dose.trim().is_empty() && d.usage.trim().is_empty())
        })
        .map(|d| DrugLine {
            name: note(
                errors,
                "drugs",
                labelled("药品名称", PLACE_REQUIRED),
                &d.name,
            ),
            dose: note(errors, "drugs", labelled("剂量", PLACE), &d.dose),
            usage: note(errors, "drugs", labelled("用法", PLACE), &d.usage),
        })
        .collect();
    if drugs.is_empty() {
        errors.push("drugs", &RecordError::NoDrugs);
    }
    let detail = match (weeks, date) {
        (Some(w), Some(d)) => d
            .checked_add_days(Days::new(u64::from(w) * 7 - 1))
            .map(|until| RecordDetail::LongPrescription {
                diagnosis,
                drugs,
                weeks: w,
                until: until.to_string(),
            }),
        _ => None,
    };
    (weeks, detail)
}
