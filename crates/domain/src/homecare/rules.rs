//! Who is entitled to what: subsidy groups, the care level a needs assessment gives, and
//! 长护险 eligibility. Each is a versioned rule table, because counties differ (some pay
//! 长护险 from moderate disability, the 高龄 age is 80 in most but not all places).
use chrono::NaiveDate;
use thiserror::Error;
use yiyang_protocol::{
    CareLevel, DisabilityGrade, EntitledGroup, LtcEligibility, LtcSettings, LtcSettingsInput,
    SpecialCategory,
};

use crate::error::{Coded, ValidationErrors};
use crate::money::Money;

use crate::due::dates::add_months;
use crate::due::rules::severity;
use crate::scales::grade_label;

/// Who counts as 高龄 and as 失能 for subsidies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntitlementRule {
    pub version: &'static str,
    /// Age (full years) from which a person is 高龄.
    pub gaoling_age: u32,
    /// The grade from which a person counts as 失能 for subsidies.
    pub disabled_from: DisabilityGrade,
}

pub const ENTITLEMENT_V1: EntitlementRule = EntitlementRule {
    version: "entitlement-2026.1",
    gaoling_age: 80,
    disabled_from: DisabilityGrade::Moderate,
};

/// What the rules know of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    /// Full years on the day in question (None: no birth date known).
    pub age: Option<u32>,
    pub special: &'a [SpecialCategory],
    /// Grade of the latest needs assessment.
    pub grade: Option<DisabilityGrade>,
}

/// The subsidy groups a person belongs to, sorted.
pub fn entitled_groups(person: Person<'_>, rule: &EntitlementRule) -> Vec<EntitledGroup> {
    let mut groups = Vec::new();
    if person.special.contains(&SpecialCategory::Tekun) {
        groups.push(EntitledGroup::Tekun);
    }
    if person.special.contains(&SpecialCategory::Dibao) {
        groups.push(EntitledGroup::Dibao);
    }
    if person.special.contains(&SpecialCategory::Gaoling)
        || person.age.is_some_and(|a| a >= rule.gaoling_age)
    {
        groups.push(EntitledGroup::Gaoling);
    }
    if person
        .grade
        .is_some_and(|g| at_least(g, rule.disabled_from))
    {
        groups.push(EntitledGroup::Disabled);
    }
    groups
}

/// Whether a catalogue item is subsidised for a person in `groups`.
pub fn is_subsidised(item_groups: &[EntitledGroup], groups: &[EntitledGroup]) -> bool {
    item_groups.iter().any(|g| groups.contains(g))
}

/// The care level each disability grade gives (老年照护统一需求评估 → 照护等级).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareLevelRule {
    pub version: &'static str,
    /// Indexed by grade, best to worst: 能力完好, 轻度, 中度, 重度, 完全丧失.
    pub by_grade: [CareLevel; 5],
}

pub const CARE_LEVEL_V1: CareLevelRule = CareLevelRule {
    version: "care-level-2026.1",
    by_grade: [
        CareLevel::None,
        CareLevel::Level1,
        CareLevel::Level2,
        CareLevel::Level3,
        CareLevel::Level4,
    ],
};

/// At least as severe as `min` (by rank, not by the protocol enum's declaration order).
fn at_least(grade: DisabilityGrade, min: DisabilityGrade) -> bool {
    severity(grade) >= severity(min)
}

/// A needs assessment that set a grade (GB/T 42195 ability, Barthel or self-care).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessed {
    pub on: NaiveDate,
    pub grade: DisabilityGrade,
}

/// The latest of `assessments` on or before `as_of` (a later entry of the same day wins, so pass
/// them in the order they were recorded).
pub fn latest_assessment(assessments: &[Assessed], as_of: NaiveDate) -> Option<Assessed> {
    assessments.iter().filter(|a| a.on <= as_of).fold(
        None,
        |best: Option<Assessed>, a| match best {
            Some(b) if b.on > a.on => Some(b),
            _ => Some(*a),
        },
    )
}

/// The care level of the latest assessment on or before `as_of` (无需照护 without one).
pub fn care_level(
    assessments: &[Assessed],
    as_of: NaiveDate,
    rule: &CareLevelRule,
) -> (CareLevel, Option<Assessed>) {
    match latest_assessment(assessments, as_of) {
        Some(a) => (rule.by_grade[usize::from(severity(a.grade))], Some(a)),
        None => (CareLevel::None, None),
    }
}

pub fn care_level_label(level: CareLevel) -> &'static str {
    match level {
        CareLevel::None => "无需照护",
        CareLevel::Level1 => "照护一级",
        CareLevel::Level2 => "照护二级",
        CareLevel::Level3 => "照护三级",
        CareLevel::Level4 => "照护四级",
    }
}

/// 长护险: who qualifies, for how long, and how much it pays a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LtcRule {
    pub version: &'static str,
    /// The least severe grade that qualifies (重度失能 in most pilot cities).
    pub min_grade: DisabilityGrade,
    /// Months a qualifying assessment stays valid before a re-assessment is needed.
    pub valid_months: u32,
    /// Most 长护险 pays for one person in one calendar month, in 分.
    pub monthly_cap_cents: i64,
}

pub const LTC_V1: LtcRule = LtcRule {
    version: "ltc-2026.1",
    min_grade: DisabilityGrade::Severe,
    valid_months: 24,
    monthly_cap_cents: 155_000,
};

/// Version named on statements made with a county's own 长护险 rule.
pub const LTC_COUNTY_VERSION: &str = "ltc-county";

impl LtcRule {
    /// The rule as the settings page shows it.
    pub fn settings(&self) -> LtcSettings {
        LtcSettings {
            min_grade: self.min_grade,
            monthly_cap_cents: self.monthly_cap_cents,
            valid_months: self.valid_months,
            customised: self.version == LTC_COUNTY_VERSION,
        }
    }

    /// A county's rule from its stored settings.
    pub fn from_settings(s: &LtcSettings) -> LtcRule {
        LtcRule {
            version: LTC_COUNTY_VERSION,
            min_grade: s.min_grade,
            valid_months: s.valid_months,
            monthly_cap_cents: s.monthly_cap_cents,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LtcSettingsError {
    #[error("请选择享受长护险的最低失能等级（中度失能、重度失能或能力完全丧失）")]
    MinGrade,
    #[error("月度限额 ¥{0} 无效：应大于 0")]
    Cap(String),
    #[error("评估有效期“{0}”无效：应为 1–60 的整数（月）")]
    ValidMonths(String),
}

impl Coded for LtcSettingsError {
    fn code(&self) -> &'static str {
        match self {
            Self::MinGrade => "ltc.min_grade",
            Self::Cap(_) => "ltc.cap",
            Self::ValidMonths(_) => "ltc.valid_months",
        }
    }
}

/// Checks a county's 长护险 rule: a grade from 中度失能 up, a positive cap, 1–60 months.
pub fn validate_ltc_settings(input: &LtcSettingsInput) -> Result<LtcSettings, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let min_grade = input.min_grade.filter(|g| *g >= DisabilityGrade::Moderate);
    if min_grade.is_none() {
        errors.push("minGrade", &LtcSettingsError::MinGrade);
    }
    let cap = errors
        .check(
            "monthlyCap",
            Money::parse_labeled(&input.monthly_cap, "月度限额"),
        )
        .and_then(|m| if m.cents() > 0 { Some(m.cents()) } else { None });
    if cap.is_none() && errors.for_field("monthlyCap").next().is_none() {
        errors.push(
            "monthlyCap",
            &LtcSettingsError::Cap(input.monthly_cap.trim().into()),
        );
    }
    let months_raw: String = input
        .valid_months
        .trim()
        .chars()
        .map(crate::text::to_half_width)
        .collect();
    let months = months_raw
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=60).contains(m));
    if months.is_none() {
        errors.push("validMonths", &LtcSettingsError::ValidMonths(months_raw));
    }
    match (min_grade, cap, months) {
        (Some(min_grade), Some(monthly_cap_cents), Some(valid_months)) => Ok(LtcSettings {
            min_grade,
            monthly_cap_cents,
            valid_months,
            customised: true,
        }),
        _ => Err(errors),
    }
}

/// Eligibility on `as_of` of an enrolled (`insured`) person, from the latest assessment then.
pub fn ltc_eligibility(
    insured: bool,
    assessments: &[Assessed],
    as_of: NaiveDate,
    rule: &LtcRule,
) -> LtcEligibility {
    if !insured {
        return LtcEligibility::NotInsured;
    }
    let Some(latest) = latest_assessment(assessments, as_of) else {
        return LtcEligibility::NotAssessed;
    };
    if !at_least(latest.grade, rule.min_grade) {
        return LtcEligibility::NotQualifying {
            grade: latest.grade,
        };
    }
    let until = add_months(latest.on, rule.valid_months)
        .pred_opt()
        .unwrap_or(latest.on);
    if until < as_of {
        return LtcEligibility::Expired {
            until: until.to_string(),
        };
    }
    LtcEligibility::Eligible {
        from: latest.on.to_string(),
        until: until.to_string(),
        grade: latest.grade,
    }
}

/// One sentence saying where a person stands with 长护险.
pub fn eligibility_text(e: &LtcEligibility, rule: &LtcRule) -> String {
    match e {
        LtcEligibility::Eligible { from, until, grade } => {
            format!(
                "符合长护险待遇（{}，{from} 至 {until}）",
                grade_label(*grade)
            )
        }
        LtcEligibility::NotInsured => "未参加长护险，不能享受长护险待遇".to_owned(),
        LtcEligibility::NotAssessed => "尚未做失能评估，不能享受长护险".to_owned(),
        LtcEligibility::NotQualifying { grade } => format!(
            "最近一次评估为{}，本县长护险要求{}及以上",
            grade_label(*grade),
            grade_label(rule.min_grade)
        ),
        LtcEligibility::Expired { until } => {
            format!("长护险评估已于 {until} 到期，需要重新评估")
        }
    }
}
