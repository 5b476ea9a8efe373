//! Rows of `care_records` (the 7+3+4 service log). The detail is re-validated by rebuilding the
//! form input it came from and running [`validate_record`] on it (dated on the entry's own day, so
//! only the laptop's clock decides how recent an entry may be); the item, summary, facts and
//! detail stored must be exactly what that gives. A health check's detail (about fifty fields and
//! the range table's flags) is checked for shape and date only; a void entry against its reason.
use serde_json::Value;
use yiyang_protocol::{
    CatalogueItem, HomeServiceInput, PrescriptionInput, RecordDetail, RecordInput,
    RecordInputDetail as D, RoundInput, ServiceItem,
};

use super::{Row, RowRefs};
use crate::homecare::format_centi;
use crate::records::{
    encode_facts, validate_correction_reason, validate_record, RecordError, RecordFacts,
};
use crate::text::TextRule;

/// `crates/store/src/care/mod.rs` (`insert_record`).
pub(super) const FIELDS: &[&str] = &[
    "residentId",
    "kind",
    "item",
    "occurredOn",
    "place",
    "summary",
    "detail",
    "facts",
    "supersedes",
    "correctionReason",
];

/// Every kind code an entry may have (`records::kind_code`, plus `void`).
const KINDS: &[&str] = &[
    "health_check",
    "assessment",
    "health_plan",
    "long_prescription",
    "psych_intervention",
    "rehab_guidance",
    "consultation",
    "referral",
    "specialist_booking",
    "round",
    "round_absence",
    "bedside_visit",
    "nursing_plan",
    "nursing_visit",
    "hospice_plan",
    "hospice_visit",
    "home_care_plan",
    "home_service",
    "family_bed",
    "family_bed_end",
    "bed_visit",
    "void",
];

/// The entry's place (the record form's `地点` rule).
const PLACE: TextRule = TextRule {
    label: "地点",
    max_chars: 60,
    required: false,
    multiline: false,
};

/// What the store would have written for the entry's detail.
struct Expected {
    kind: &'static str,
    item: Option<ServiceItem>,
    summary: String,
    detail: RecordDetail,
    facts: RecordFacts,
}

pub(super) fn care_record(row: &mut Row<'_>, row_id: &str) -> RowRefs {
    let resident = row.uuid("residentId", "服务对象（居民）");
    let kind = row.text("kind");
    let item: Option<Option<ServiceItem>> = match row.opt_text("item") {
        Some(Some(code)) => row.parse_code("item", "7+3+4 服务项目", code).map(Some),
        other => other.map(|_| None),
    };
    let occurred = row.date("occurredOn", "服务日期");
    let place = row.rule_text("place", PLACE);
    let summary = row.text("summary");
    let facts = row.text("facts");
    let reason = correction(row, row_id);
    if let Some(k) = kind.filter(|k| !KINDS.contains(k)) {
        row.issue(
            "kind",
            "record.unknown_kind",
            format!("记录类型「{}」不是有效的取值", super::shorten(k)),
        );
    }
    let detail_value = row.value("detail");
    let detail: Option<RecordDetail> =
        detail_value.and_then(|v| row.parse_json("detail", "记录内容", v));
    let refs = RowRefs {
        resident: resident.map(str::to_owned),
        ..RowRefs::default()
    };
    let (Some(detail), Some(detail_value), Some(occurred)) = (detail, detail_value, occurred)
    else {
        return refs;
    };
    let input = |detail| RecordInput {
        resident_id: resident.unwrap_or_default().to_owned(),
        occurred_on: occurred.to_string(),
        place: place.unwrap_or_default().to_owned(),
        detail,
    };
    let Some(expected) = expected(row, detail, occurred, reason, input) else {
        return refs;
    };
    if let Some(k) = kind.filter(|k| KINDS.contains(k) && *k != expected.kind) {
        row.issue(
            "kind",
            "record.kind_mismatch",
            format!("记录类型「{k}」与记录内容的类型「{}」不一致", expected.kind),
        );
    }
    if let Some(item) = item {
        if item != expected.item {
            let want = expected
                .item
                .map_or("无（不计入任何服务项目）".to_owned(), |i| {
                    format!("{i:?}")
                });
            row.issue(
                "item",
                "record.item_mismatch",
                format!("服务项目与记录类型不符：此类记录应计入 {want}"),
            );
        }
    }
    if let Some(summary) = summary {
        row.same("summary", "摘要", summary, expected.summary.as_str());
    }
    if let Some(facts) = facts {
        row.same(
            "facts",
            "到期规则要素",
            facts,
            encode_facts(expected.facts).as_str(),
        );
    }
    let stored = serde_json::to_value(&expected.detail).unwrap_or(Value::Null);
    row.same("detail", "记录内容", detail_value, &stored);
    refs
}

/// `supersedes` and `correctionReason` go together (the schema's CHECK); gives the reason.
fn correction<'a>(row: &mut Row<'a>, row_id: &str) -> Option<&'a str> {
    let supersedes = row.opt_uuid("supersedes", "被更正的记录");
    let reason = row.text("correctionReason");
    match (supersedes, reason) {
        (Some(None), Some(r)) if !r.is_empty() => row.must_be_empty(
            "correctionReason",
            "不是更正或作废的记录没有更正原因（supersedes 为 null 时 correctionReason 应为空）"
                .into(),
        ),
        (Some(Some(old)), Some(r)) => {
            if old == row_id {
                row.issue(
                    "supersedes",
                    "record.supersedes_self",
                    "一条记录不能更正它自己".into(),
                );
            }
            match validate_correction_reason(r) {
                Err(errors) => row.absorb(errors, |_| "correctionReason"),
                Ok(clean) => {
                    row.same("correctionReason", "更正原因", r, clean.as_str());
                }
            }
        }
        _ => {}
    }
    if row
        .fields
        .get("detail")
        .and_then(|d| d.get("kind"))
        .and_then(Value::as_str)
        == Some("void")
        && matches!(row.fields.get("supersedes"), Some(Value::Null))
    {
        row.issue(
            "supersedes",
            "record.void_without_target",
            "作废记录须指明被作废的记录".into(),
        );
    }
    reason
}

fn expected(
    row: &mut Row<'_>,
    detail: RecordDetail,
    occurred: chrono::NaiveDate,
    reason: Option<&str>,
    input: impl Fn(D) -> RecordInput,
) -> Option<Expected> {
    let rebuilt = match detail {
        RecordDetail::Void { reason: why } => {
            if reason.is_some_and(|r| r != why) {
                row.issue(
                    "detail",
                    "record.void_reason",
                    "作废记录的原因与更正原因（correctionReason）不一致".into(),
                );
            }
            return Some(Expected {
                kind: "void",
                item: None,
                summary: format!("作废：{why}"),
                detail: RecordDetail::Void { reason: why },
                facts: RecordFacts::Plain,
            });
        }
        RecordDetail::HealthCheck(check) => {
            if check.checked_on != occurred.to_string() {
                let date = occurred;
                match crate::text::parse_iso_date(&check.checked_on) {
                    Some(checked_on) => row.issue(
                        "occurredOn",
                        "record.date_mismatch",
                        RecordError::DateMismatch { date, checked_on }.to_string(),
                    ),
                    None => row.issue(
                        "detail",
                        "record.date_format",
                        RecordError::DateFormat(super::shorten(&check.checked_on)).to_string(),
                    ),
                }
            }
            let flags = check.flags.len();
            let summary = if flags == 0 {
                "年度健康体检，未见异常指标".to_owned()
            } else {
                format!("年度健康体检，{flags} 项指标异常")
            };
            return Some(Expected {
                kind: "health_check",
                item: Some(ServiceItem::G3),
                summary,
                detail: RecordDetail::HealthCheck(check),
                facts: RecordFacts::Plain,
            });
        }
        RecordDetail::Assessment { answers, .. } => D::Assessment(answers),
        RecordDetail::HealthPlan(p) => D::HealthPlan(p),
        RecordDetail::LongPrescription {
            diagnosis,
            drugs,
            weeks,
            ..
        } => D::LongPrescription(PrescriptionInput {
            diagnosis,
            drugs,
            weeks: weeks.to_string(),
        }),
        RecordDetail::PsychIntervention(n) => D::PsychIntervention(n),
        RecordDetail::RehabGuidance(n) => D::RehabGuidance(n),
        RecordDetail::Consultation(n) => D::Consultation(n),
        RecordDetail::Referral(r) => D::Referral(r),
        RecordDetail::SpecialistBooking(b) => D::SpecialistBooking(b),
        RecordDetail::Round { vitals, note } => D::Round(RoundInput {
            systolic: vitals.systolic.to_string(),
            diastolic: vitals.diastolic.to_string(),
            pulse: vitals.pulse.to_string(),
            glucose: vitals.glucose.unwrap_or_default(),
            note,
        }),
        RecordDetail::RoundAbsence(a) => D::RoundAbsence(a),
        RecordDetail::BedsideVisit(v) => D::BedsideVisit(v),
        RecordDetail::NursingPlan(p) => D::NursingPlan(p),
        RecordDetail::NursingVisit(n) => D::NursingVisit(n),
        RecordDetail::HospicePlan(p) => D::HospicePlan(p),
        RecordDetail::HospiceVisit(n) => D::HospiceVisit(n),
        RecordDetail::HomeCarePlan(p) => D::HomeCarePlan(p),
        // The price the laptop's catalogue gave is part of the entry: the county checks the sums
        // against it, not against a catalogue of its own.
        RecordDetail::HomeService(s) => D::HomeService(HomeServiceInput {
            quantity: format_centi(s.quantity_centi),
            minutes: s.minutes.map(|m| m.to_string()).unwrap_or_default(),
            provider: s.provider,
            payer: Some(s.payer),
            confirmation: s.confirmation,
            confirmed_by: s.confirmed_by,
            note: s.note,
            priced: Some(CatalogueItem {
                code: s.service.clone(),
                name: s.service_name,
                unit: s.unit,
                price_cents: s.unit_price_cents,
                payer: s.payer,
                subsidised: Vec::new(),
                built_in: false,
            }),
            service: s.service,
        }),
        RecordDetail::FamilyBed(b) => D::FamilyBed(b),
        RecordDetail::FamilyBedEnd(e) => D::FamilyBedEnd(e),
        RecordDetail::BedVisit(v) => D::BedVisit(v),
    };
    // Dated on its own day: the laptop's clock decided whether the date was acceptable.
    match validate_record(&input(rebuilt), occurred) {
        Err(errors) => {
            row.absorb(errors, |f| match f {
                "occurredOn" | "place" => f,
                _ => "detail",
            });
            None
        }
        Ok(v) => Some(Expected {
            kind: v.kind,
            item: v.item,
            summary: v.summary,
            detail: v.detail,
            facts: v.facts,
        }),
    }
}
