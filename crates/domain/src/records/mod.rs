//! Care-record validation: one function turns what a form sent into the stored detail, the 7+3+4
//! item it counts for, a one-line Chinese summary and the facts the due rules read.
//! The field rules, labels and per-kind builders it uses are in `kinds`.
use chrono::{Days, NaiveDate};
use thiserror::Error;
use yiyang_protocol::{
    BookingInput, PlanInput, RecordDetail, RecordInput, RecordInputDetail, ReferralInput, Scale,
    ServiceItem, VisitInput,
};

use crate::error::{Coded, ValidationErrors};
use crate::health_check::{validate_health_check, validate_vitals};
use crate::homecare;
use crate::scales::{grade_label, scale_label, score};
use crate::text::parse_iso_date;

mod facts;
pub use facts::{decode_facts, encode_facts, RecordFacts};
mod kinds;
pub(crate) use kinds::first_line;
pub use kinds::frequency_label;
use kinds::{
    absence_label, care_plan, labelled, note, prescription, simple, NOTE, OPTIONAL_NOTE, PLACE,
    PLACE_REQUIRED, REASON,
};

/// Longest long prescription (慢性病长处方), in weeks.
pub const MAX_PRESCRIPTION_WEEKS: u8 = 12;
/// How far back an entry may be dated (paper records typed in late).
pub const MAX_BACKDATE_DAYS: u64 = 366;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("服务日期不能为空")]
    DateRequired,
    #[error("服务日期“{0}”不是有效日期，请按 年-月-日 填写，例如 2026-03-01")]
    DateFormat(String),
    #[error("服务日期 {date} 晚于今天（{today}），不能记录未来的服务")]
    DateFuture { date: NaiveDate, today: NaiveDate },
    #[error("服务日期 {date} 早于一年以前，请核对")]
    DateTooOld { date: NaiveDate },
    #[error("服务日期 {date} 与体检日期 {checked_on} 不一致")]
    DateMismatch {
        date: NaiveDate,
        checked_on: NaiveDate,
    },
    #[error("长处方周数“{0}”无效：应为 1–12 的整数")]
    Weeks(String),
    #[error("长处方至少要有一种药品，并填写药品名称")]
    NoDrugs,
    #[error("频次无效：每 {every} 个单位，应在 1–365 之间")]
    Frequency { every: u32 },
    #[error("预约日期“{0}”不是有效日期")]
    AppointmentDate(String),
}

impl Coded for RecordError {
    fn code(&self) -> &'static str {
        match self {
            Self::DateRequired => "record.date_required",
            Self::DateFormat(_) => "record.date_format",
            Self::DateFuture { .. } => "record.date_future",
            Self::DateTooOld { .. } => "record.date_too_old",
            Self::DateMismatch { .. } => "record.date_mismatch",
            Self::Weeks(_) => "record.prescription_weeks",
            Self::NoDrugs => "record.prescription_no_drugs",
            Self::Frequency { .. } => "record.frequency",
            Self::AppointmentDate(_) => "record.appointment_date",
        }
    }
}

/// A validated entry, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRecord {
    /// Stable kind code (the `kind` tag of the input, e.g. `round`).
    pub kind: &'static str,
    pub item: Option<ServiceItem>,
    pub occurred_on: NaiveDate,
    pub place: String,
    pub summary: String,
    pub detail: RecordDetail,
    pub facts: RecordFacts,
}

/// The stable kind code of an input.
pub fn kind_code(detail: &RecordInputDetail) -> &'static str {
    use RecordInputDetail as D;
    match detail {
        D::HealthCheck(_) => "health_check",
        D::Assessment(_) => "assessment",
        D::HealthPlan(_) => "health_plan",
        D::LongPrescription(_) => "long_prescription",
        D::PsychIntervention(_) => "psych_intervention",
        D::RehabGuidance(_) => "rehab_guidance",
        D::Consultation(_) => "consultation",
        D::Referral(_) => "referral",
        D::SpecialistBooking(_) => "specialist_booking",
        D::Round(_) => "round",
        D::RoundAbsence(_) => "round_absence",
        D::BedsideVisit(_) => "bedside_visit",
        D::NursingPlan(_) => "nursing_plan",
        D::NursingVisit(_) => "nursing_visit",
        D::HospicePlan(_) => "hospice_plan",
        D::HospiceVisit(_) => "hospice_visit",
        D::HomeCarePlan(_) => "home_care_plan",
        D::HomeService(_) => "home_service",
        D::FamilyBed(_) => "family_bed",
        D::FamilyBedEnd(_) => "family_bed_end",
        D::BedVisit(_) => "bed_visit",
    }
}

/// The 7+3+4 item an assessment counts for: mood and cognition screens are G6, ability and
/// self-care scales G7; the TCM constitution belongs to none.
pub fn assessment_item(scale: Scale) -> Option<ServiceItem> {
    match scale {
        Scale::Phq9 | Scale::Gds15 | Scale::MiniCog => Some(ServiceItem::G6),
        Scale::SelfCare | Scale::Barthel | Scale::Ability => Some(ServiceItem::G7),
        Scale::TcmConstitution => None,
    }
}

/// Whether a long prescription needs the 医生 role (yes: only doctors prescribe).
pub fn needs_doctor(detail: &RecordInputDetail) -> bool {
    matches!(detail, RecordInputDetail::LongPrescription(_))
}

fn occurred_on(raw: &str, today: NaiveDate, errors: &mut ValidationErrors) -> Option<NaiveDate> {
    let text = raw.trim();
    let result = if text.is_empty() {
        Err(RecordError::DateRequired)
    } else {
        match parse_iso_date(text) {
            None => Err(RecordError::DateFormat(text.to_owned())),
            Some(date) if date > today => Err(RecordError::DateFuture { date, today }),
            Some(date) if today.checked_sub_days(Days::new(MAX_BACKDATE_DAYS)) > Some(date) => {
                Err(RecordError::DateTooOld { date })
            }
            Some(date) => Ok(date),
        }
    };
    errors.check("occurredOn", result)
}

/// Validates a new entry. Every problem is reported at once, each on its field (nested form
/// fields keep their own names, e.g. `systolic`).
pub fn validate_record(
    input: &RecordInput,
    today: NaiveDate,
) -> Result<ValidRecord, ValidationErrors> {
    use RecordInputDetail as D;
    let mut errors = ValidationErrors::new();
    let place = note(&mut errors, "place", PLACE, &input.place);
    let date_raw = match &input.detail {
        // The check's own date is the entry's date unless the caller gave one.
        D::HealthCheck(h) if input.occurred_on.trim().is_empty() => h.checked_on.as_str(),
        _ => input.occurred_on.as_str(),
    };
    let date = occurred_on(date_raw, today, &mut errors);
    let kind = kind_code(&input.detail);
    let mut facts = RecordFacts::Plain;
    let (item, summary, detail) = match &input.detail {
        D::HealthCheck(h) => match validate_health_check(h, today) {
            Ok(check) => {
                if let (Some(d), Some(c)) = (date, parse_iso_date(&check.checked_on)) {
                    if d != c {
                        errors.push(
                            "occurredOn",
                            &RecordError::DateMismatch {
                                date: d,
                                checked_on: c,
                            },
                        );
                    }
                }
                let flags = check.flags.len();
                let summary = if flags == 0 {
                    "年度健康体检，未见异常指标".to_owned()
                } else {
                    format!("年度健康体检，{flags} 项指标异常")
                };
                (
                    Some(ServiceItem::G3),
                    summary,
                    Some(RecordDetail::HealthCheck(Box::new(check))),
                )
            }
            Err(e) => {
                errors.0.extend(e.0);
                (Some(ServiceItem::G3), String::new(), None)
            }
        },
        D::Assessment(a) => match score(a) {
            Ok(result) => {
                let item = assessment_item(a.scale);
                facts = match item {
                    Some(ServiceItem::G6) => RecordFacts::Screen {
                        positive: result.positive,
                    },
                    Some(ServiceItem::G7) => match result.grade {
                        Some(grade) => RecordFacts::Disability { grade },
                        None => RecordFacts::Plain,
                    },
                    _ => RecordFacts::Plain,
                };
                let mut summary = format!(
                    "{}：{} 分，{}",
                    scale_label(a.scale),
                    result.total,
                    result.label
                );
                if let Some(grade) = result.grade {
                    summary.push_str(&format!("（{}）", grade_label(grade)));
                }
                if result.positive {
                    summary.push_str("，筛查阳性");
                }
                (
                    item,
                    summary,
                    Some(RecordDetail::Assessment {
                        answers: a.clone(),
                        result,
                    }),
                )
            }
            Err(e) => {
                errors.0.extend(e.0);
                (assessment_item(a.scale), String::new(), None)
            }
        },
        D::HealthPlan(p) => {
            let plan = PlanInput {
                problems: note(
                    &mut errors,
                    "problems",
                    labelled("主要健康问题", NOTE),
                    &p.problems,
                ),
                goals: note(&mut errors, "goals", labelled("管理目标", NOTE), &p.goals),
                measures: note(
                    &mut errors,
                    "measures",
                    labelled("干预措施", NOTE),
                    &p.measures,
                ),
            };
            let summary = format!("年度健康管理方案：{}", first_line(&plan.goals));
            (
                Some(ServiceItem::G4),
                summary,
                Some(RecordDetail::HealthPlan(plan)),
            )
        }
        D::LongPrescription(p) => {
            let (weeks, detail) = prescription(p, date, &mut errors);
            if let Some(weeks) = weeks {
                facts = RecordFacts::Prescription { weeks };
            }
            let summary = format!(
                "慢性病长处方 {} 周：{}",
                weeks.unwrap_or_default(),
                p.drugs
                    .iter()
                    .map(|d| d.name.trim())
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
                    .join("、")
            );
            (Some(ServiceItem::G5), summary, detail)
        }
        D::PsychIntervention(n) => {
            facts = RecordFacts::Intervention;
            simple(
                &mut errors,
                ServiceItem::G6,
                "心理干预",
                n,
                RecordDetail::PsychIntervention,
            )
        }
        D::RehabGuidance(n) => {
            facts = RecordFacts::Guidance;
            simple(
                &mut errors,
                ServiceItem::G7,
                "康复指导",
                n,
                RecordDetail::RehabGuidance,
            )
        }
        D::Consultation(n) => simple(
            &mut errors,
            ServiceItem::P1,
            "优先就诊",
            n,
            RecordDetail::Consultation,
        ),
        D::Referral(r) => {
            let referral = ReferralInput {
                destination: note(
                    &mut errors,
                    "destination",
                    labelled("转诊去向", PLACE_REQUIRED),
                    &r.destination,
                ),
                reason: note(&mut errors, "reason", labelled("转诊原因", NOTE), &r.reason),
            };
            let summary = format!(
                "优先转诊至{}：{}",
                referral.destination,
                first_line(&referral.reason)
            );
            (
                Some(ServiceItem::P2),
                summary,
                Some(RecordDetail::Referral(referral)),
            )
        }
        D::SpecialistBooking(b) => {
            let appointment_on = b.appointment_on.trim();
            if !appointment_on.is_empty() && parse_iso_date(appointment_on).is_none() {
                errors.push(
                    "appointmentOn",
                    &RecordError::AppointmentDate(appointment_on.to_owned()),
                );
            }
            let booking = BookingInput {
                hospital: note(
                    &mut errors,
                    "hospital",
                    labelled("医院", PLACE_REQUIRED),
                    &b.hospital,
                ),
                department: note(
                    &mut errors,
                    "department",
                    labelled("科室/专家", PLACE),
                    &b.department,
                ),
                appointment_on: appointment_on.to_owned(),
                note: note(&mut errors, "note", OPTIONAL_NOTE, &b.note),
            };
            let summary = format!(
                "优先预约专家：{}{}{}",
                booking.hospital,
                booking.department,
                if booking.appointment_on.is_empty() {
                    String::new()
                } else {
                    format!("，{}", booking.appointment_on)
                }
            );
            (
                Some(ServiceItem::P3),
                summary,
                Some(RecordDetail::SpecialistBooking(booking)),
            )
        }
        D::Round(r) => {
            let note_text = note(&mut errors, "note", OPTIONAL_NOTE, &r.note);
            match validate_vitals(&r.systolic, &r.diastolic, &r.pulse, &r.glucose) {
                Ok(vitals) => {
                    let mut summary = format!(
                        "巡诊：血压 {}/{} mmHg，脉搏 {} 次/分",
                        vitals.systolic, vitals.diastolic, vitals.pulse
                    );
                    if let Some(g) = &vitals.glucose {
                        summary.push_str(&format!("，血糖 {g} mmol/L"));
                    }
                    if !vitals.flags.is_empty() {
                        summary.push_str(&format!("（{} 项异常）", vitals.flags.len()));
                    }
                    (
                        Some(ServiceItem::S1),
                        summary,
                        Some(RecordDetail::Round {
                            vitals,
                            note: note_text,
                        }),
                    )
                }
                Err(e) => {
                    errors.0.extend(e.0);
                    (Some(ServiceItem::S1), String::new(), None)
                }
            }
        }
        D::RoundAbsence(a) => {
            facts = RecordFacts::Absence;
            let absence = yiyang_protocol::AbsenceInput {
                reason: a.reason,
                note: note(&mut errors, "note", OPTIONAL_NOTE, &a.note),
            };
            let summary = format!("巡诊未见：{}", absence_label(a.reason));
            (None, summary, Some(RecordDetail::RoundAbsence(absence)))
        }
        D::BedsideVisit(v) => {
            let visit = VisitInput {
                reason: note(&mut errors, "reason", labelled("出诊原因", NOTE), &v.reason),
                note: note(&mut errors, "note", OPTIONAL_NOTE, &v.note),
            };
            let summary = format!("上门出诊：{}", first_line(&visit.reason));
            (
                Some(ServiceItem::S2),
                summary,
                Some(RecordDetail::BedsideVisit(visit)),
            )
        }
        D::NursingPlan(p) => {
            let (plan, f) = care_plan(&mut errors, p);
            facts = RecordFacts::CarePlan { frequency: f };
            let summary = format!("长期护理康复计划：{}", first_line(&plan.content));
            (
                Some(ServiceItem::S3),
                summary,
                Some(RecordDetail::NursingPlan(plan)),
            )
        }
        D::NursingVisit(n) => simple(
            &mut errors,
            ServiceItem::S3,
            "护理康复服务",
            n,
            RecordDetail::NursingVisit,
        ),
        D::HospicePlan(p) => {
            let (plan, f) = care_plan(&mut errors, p);
            facts = RecordFacts::CarePlan { frequency: f };
            let summary = format!("安宁疗护计划：{}", first_line(&plan.content));
            (
                Some(ServiceItem::S4),
                summary,
                Some(RecordDetail::HospicePlan(plan)),
            )
        }
        D::HospiceVisit(n) => simple(
            &mut errors,
            ServiceItem::S4,
            "安宁疗护服务",
            n,
            RecordDetail::HospiceVisit,
        ),
        D::HomeCarePlan(p) => {
            let (summary, plan) = homecare::kinds::plan(&mut errors, p);
            (None, summary, Some(RecordDetail::HomeCarePlan(plan)))
        }
        D::HomeService(s) => {
            let (summary, detail) = homecare::kinds::service(&mut errors, s);
            (None, summary, detail.map(RecordDetail::HomeService))
        }
        D::FamilyBed(b) => {
            let (summary, bed) = homecare::kinds::bed(&mut errors, b);
            (None, summary, Some(RecordDetail::FamilyBed(bed)))
        }
        D::FamilyBedEnd(e) => {
            let (summary, end) = homecare::kinds::bed_end(&mut errors, e);
            (None, summary, Some(RecordDetail::FamilyBedEnd(end)))
        }
        D::BedVisit(v) => {
            let (summary, visit) = homecare::kinds::bed_visit(&mut errors, v);
            (None, summary, Some(RecordDetail::BedVisit(visit)))
        }
    };
    match (date, detail) {
        (Some(occurred_on), Some(detail)) if errors.is_empty() => Ok(ValidRecord {
            kind,
            item,
            occurred_on,
            place,
            summary,
            detail,
            facts,
        }),
        _ => Err(errors),
    }
}
/// Validates the reason of a correction or void.
pub fn validate_correction_reason(raw: &str) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let reason = errors.check("reason", REASON.apply(raw));
    match reason {
        Some(r) if errors.is_empty() => Ok(r),
        _ => Err(errors),
    }
}

/// The facts of a stored entry, re-derived from its detail (for the due rules).
pub fn facts_of(detail: &RecordDetail) -> RecordFacts {
    match detail {
        RecordDetail::Assessment { answers, result } => match assessment_item(answers.scale) {
            Some(ServiceItem::G6) => RecordFacts::Screen {
                positive: result.positive,
            },
            Some(ServiceItem::G7) => {
                result
                    .grade
                    .map_or(RecordFacts::Plain, |grade| RecordFacts::Disability {
                        grade,
                    })
            }
            _ => RecordFacts::Plain,
        },
        RecordDetail::PsychIntervention(_) => RecordFacts::Intervention,
        RecordDetail::RehabGuidance(_) => RecordFacts::Guidance,
        RecordDetail::LongPrescription { weeks, .. } => RecordFacts::Prescription { weeks: *weeks },
        RecordDetail::NursingPlan(p) | RecordDetail::HospicePlan(p) => RecordFacts::CarePlan {
            frequency: p.frequency,
        },
        RecordDetail::RoundAbsence(_) => RecordFacts::Absence,
        _ => RecordFacts::Plain,
    }
}

#[cfg(test)]
mod tests;
