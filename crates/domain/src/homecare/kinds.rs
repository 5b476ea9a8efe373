//! Validation of the home-care entries (plans, deliveries, family beds, bed visits): what
//! `records::validate_record` calls for those kinds.
use std::collections::BTreeSet;

use thiserror::Error;
use yiyang_protocol::{
    BedVisitInput, Confirmation, FamilyBedEndInput, FamilyBedInput, HomeCarePlanInput, HomeService,
    HomeServiceInput, PlannedService,
};

use super::beds::level_label;
use super::catalogue::{is_service_code, payer_label, unit_label, SERVICE_NAME};
use crate::due::dates::frequency_label;
use crate::error::{Coded, ValidationErrors};
use crate::money::format_yuan;
use crate::records::first_line;
use crate::text::{to_half_width, TextRule};

const PROVIDER: TextRule = TextRule {
    label: "服务人员",
    max_chars: 30,
    required: true,
    multiline: false,
};
const OPTIONAL_PROVIDER: TextRule = TextRule {
    required: false,
    ..PROVIDER
};
const CONFIRMED_BY: TextRule = TextRule {
    label: "确认人",
    max_chars: 30,
    required: true,
    multiline: false,
};
const NOTE: TextRule = TextRule {
    label: "备注",
    max_chars: 500,
    required: false,
    multiline: true,
};
const ADDRESS: TextRule = TextRule {
    label: "床位地址",
    max_chars: 120,
    required: true,
    multiline: false,
};
const ADAPTATIONS: TextRule = TextRule {
    label: "适老化改造",
    max_chars: 500,
    required: false,
    multiline: true,
};
const DEVICES: TextRule = TextRule {
    label: "设备",
    max_chars: 500,
    required: false,
    multiline: true,
};
const CENTRE: TextRule = TextRule {
    label: "管理服务机构",
    max_chars: 60,
    required: true,
    multiline: false,
};
const END_REASON: TextRule = TextRule {
    label: "撤销原因",
    max_chars: 200,
    required: true,
    multiline: true,
};
const FINDINGS: TextRule = TextRule {
    label: "巡访情况",
    max_chars: 1000,
    required: true,
    multiline: true,
};

/// Most units one delivery may log (a typo guard: 1 000 meals at once is a mistake).
pub const MAX_QUANTITY: i64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HomeCareError {
    #[error("照护计划至少要有一项服务")]
    NoServices,
    #[error("服务编码“{0}”无效")]
    Code(String),
    #[error("服务“{0}”在计划中重复")]
    Duplicate(String),
    #[error("服务频次无效：每 {every} 个单位，应在 1–365 之间")]
    Frequency { every: u32 },
    #[error("服务项目“{0}”不在服务目录中，请从目录中选择")]
    NotInCatalogue(String),
    #[error("服务单价 ¥{0} 无效：不能为负数")]
    Price(String),
    #[error("服务数量“{0}”无效：应为大于 0、不超过 1000 的数，最多两位小数（如 1 或 1.5）")]
    Quantity(String),
    #[error("服务时长“{0}”无效：应为 1–1440 的整数分钟，或留空")]
    Minutes(String),
    #[error("未由本人或家属确认时，请在备注中说明原因")]
    UnconfirmedWithoutNote,
}

impl Coded for HomeCareError {
    fn code(&self) -> &'static str {
        match self {
            Self::NoServices => "homecare.no_services",
            Self::Code(_) => "homecare.service_code",
            Self::Duplicate(_) => "homecare.duplicate_service",
            Self::Frequency { .. } => "homecare.frequency",
            Self::NotInCatalogue(_) => "homecare.not_in_catalogue",
            Self::Price(_) => "homecare.price",
            Self::Quantity(_) => "homecare.quantity",
            Self::Minutes(_) => "homecare.minutes",
            Self::UnconfirmedWithoutNote => "homecare.unconfirmed_note",
        }
    }
}

fn text(errors: &mut ValidationErrors, field: &'static str, rule: TextRule, raw: &str) -> String {
    errors.check(field, rule.apply(raw)).unwrap_or_default()
}

pub(crate) fn plan(
    errors: &mut ValidationErrors,
    p: &HomeCarePlanInput,
) -> (String, HomeCarePlanInput) {
    if p.services.is_empty() {
        errors.push("services", &HomeCareError::NoServices);
    }
    let mut seen = BTreeSet::new();
    let services: Vec<PlannedService> = p
        .services
        .iter()
        .map(|s| {
            let code = s.service.trim().to_owned();
            if !is_service_code(&code) {
                errors.push(
                    "services",
                    &HomeCareError::Code(code.chars().take(40).collect()),
                );
            } else if !seen.insert(code.clone()) {
                errors.push(
                    "services",
                    &HomeCareError::Duplicate(s.service_name.clone()),
                );
            }
            if !(1..=365).contains(&s.frequency.every) {
                errors.push(
                    "services",
                    &HomeCareError::Frequency {
                        every: s.frequency.every,
                    },
                );
            }
            PlannedService {
                service: code,
                service_name: text(errors, "services", SERVICE_NAME, &s.service_name),
                frequency: s.frequency,
                provider: text(errors, "services", OPTIONAL_PROVIDER, &s.provider),
            }
        })
        .collect();
    let note = text(errors, "note", NOTE, &p.note);
    let summary = format!(
        "居家照护计划：{}",
        services
            .iter()
            .map(|s| format!("{}{}", s.service_name, frequency_label(s.frequency)))
            .collect::<Vec<_>>()
            .join("、")
    );
    (summary, HomeCarePlanInput { services, note })
}

/// "1", "1.5", "0.25" → hundredths.
fn parse_centi(raw: &str) -> Option<i64> {
    let half: String = raw.trim().chars().map(to_half_width).collect();
    let (whole, frac) = half.split_once('.').unwrap_or((&half, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let centi = whole.checked_mul(100)?.checked_add(frac)?;
    (1..=MAX_QUANTITY * 100).contains(&centi).then_some(centi)
}

/// Hundredths as the shortest decimal: 150 → "1.5", 100 → "1", 25 → "0.25".
pub fn format_centi(centi: i64) -> String {
    let (whole, frac) = (centi / 100, (centi % 100).abs());
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

pub(crate) fn service(
    errors: &mut ValidationErrors,
    s: &HomeServiceInput,
) -> (String, Option<HomeService>) {
    let code = s.service.trim();
    let priced = s.priced.as_ref().filter(|p| p.code == code);
    match priced {
        None => errors.push(
            "service",
            &HomeCareError::NotInCatalogue(code.chars().take(40).collect()),
        ),
        Some(p) if p.price_cents < 0 => {
            errors.push("service", &HomeCareError::Price(format_yuan(p.price_cents)))
        }
        Some(_) => {}
    }
    let quantity = parse_centi(&s.quantity);
    if quantity.is_none() {
        errors.push(
            "quantity",
            &HomeCareError::Quantity(s.quantity.trim().chars().take(20).collect()),
        );
    }
    let minutes_raw: String = s.minutes.trim().chars().map(to_half_width).collect();
    let minutes = if minutes_raw.is_empty() {
        Some(None)
    } else {
        minutes_raw
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=1440).contains(m))
            .map(Some)
    };
    if minutes.is_none() {
        errors.push(
            "minutes",
            &HomeCareError::Minutes(minutes_raw.chars().take(20).collect()),
        );
    }
    let provider = text(errors, "provider", PROVIDER, &s.provider);
    let note = text(errors, "note", NOTE, &s.note);
    let confirmed_by = match s.confirmation {
        Confirmation::None => {
            if note.is_empty() {
                errors.push("note", &HomeCareError::UnconfirmedWithoutNote);
            }
            String::new()
        }
        _ => text(errors, "confirmedBy", CONFIRMED_BY, &s.confirmed_by),
    };
    let (Some(item), Some(quantity_centi), Some(minutes)) = (priced, quantity, minutes) else {
        return (String::new(), None);
    };
    let payer = s.payer.unwrap_or(item.payer);
    // Half up to the 分: a price in 分 times hundredths of a unit.
    let amount_cents = (item.price_cents * quantity_centi + 50).div_euclid(100);
    let confirmed = match s.confirmation {
        Confirmation::Person => format!("本人（{confirmed_by}）确认"),
        Confirmation::Family => format!("家属（{confirmed_by}）确认"),
        Confirmation::None => "未确认".to_owned(),
    };
    let summary = format!(
        "{} {} {}，¥{}（{}，{provider}，{confirmed}）",
        item.name,
        format_centi(quantity_centi),
        unit_label(item.unit),
        format_yuan(amount_cents),
        payer_label(payer),
    );
    let detail = HomeService {
        service: item.code.clone(),
        service_name: item.name.clone(),
        unit: item.unit,
        quantity_centi,
        minutes,
        unit_price_cents: item.price_cents,
        amount_cents,
        payer,
        provider,
        confirmation: s.confirmation,
        confirmed_by,
        note,
    };
    (summary, Some(detail))
}

pub(crate) fn bed(errors: &mut ValidationErrors, b: &FamilyBedInput) -> (String, FamilyBedInput) {
    let bed = FamilyBedInput {
        address: text(errors, "address", ADDRESS, &b.address),
        adaptations: text(errors, "adaptations", ADAPTATIONS, &b.adaptations),
        devices: text(errors, "devices", DEVICES, &b.devices),
        centre: text(errors, "centre", CENTRE, &b.centre),
        level: b.level,
    };
    let summary = format!(
        "家庭养老床位登记：{}，{}",
        level_label(bed.level),
        bed.centre
    );
    (summary, bed)
}

pub(crate) fn bed_end(
    errors: &mut ValidationErrors,
    e: &FamilyBedEndInput,
) -> (String, FamilyBedEndInput) {
    let reason = text(errors, "reason", END_REASON, &e.reason);
    let summary = format!("家庭养老床位撤销：{}", first_line(&reason));
    (summary, FamilyBedEndInput { reason })
}

pub(crate) fn bed_visit(
    errors: &mut ValidationErrors,
    v: &BedVisitInput,
) -> (String, BedVisitInput) {
    let visit = BedVisitInput {
        provider: text(errors, "provider", PROVIDER, &v.provider),
        findings: text(errors, "findings", FINDINGS, &v.findings),
    };
    let summary = format!(
        "床位巡访（{}）：{}",
        visit.provider,
        first_line(&visit.findings)
    );
    (summary, visit)
}
