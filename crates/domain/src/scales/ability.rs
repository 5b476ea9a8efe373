//! 老年人能力评估 GB/T 42195-2022: 26 items in four domains, total /90, five levels. The
//! preliminary level comes from the total; coma and the two "one level worse" facts then adjust
//! it (see [`ADJUSTMENTS`]).
use yiyang_protocol::{AbilityFactors, AssessmentResult, DisabilityGrade, DomainScore, Scale};

use super::{band_of, grade_label, result, Band, Options, ScaleError};

pub use super::ability_items::{ITEMS, OPTIONS};

/// Source: GB/T 42195-2022 附录 B (items and scores) and its level table. The cut-offs are
/// *to confirm* against the printed standard (domain.md); they agree with published
/// implementations of it.
pub const RULE_VERSION: &str = "ability-gbt42195-2024.1";

/// The four domains in item order: (name, number of items). Maxima 32, 15, 28 and 15.
pub const DOMAINS: [(&str, usize); 4] = [
    ("自理能力", 8),
    ("基础运动能力", 4),
    ("精神状态", 9),
    ("感知觉与社会参与", 5),
];

pub const MAX_TOTAL: i32 = 90;

/// Preliminary level by total, worst first.
pub const BANDS: &[Band] = &[
    Band {
        min: 0,
        max: 29,
        code: "total",
        label: "能力完全丧失",
        grade: Some(DisabilityGrade::Total),
    },
    Band {
        min: 30,
        max: 45,
        code: "severe",
        label: "重度失能",
        grade: Some(DisabilityGrade::Severe),
    },
    Band {
        min: 46,
        max: 65,
        code: "moderate",
        label: "中度失能",
        grade: Some(DisabilityGrade::Moderate),
    },
    Band {
        min: 66,
        max: 89,
        code: "mild",
        label: "轻度失能",
        grade: Some(DisabilityGrade::Mild),
    },
    Band {
        min: MAX_TOTAL,
        max: MAX_TOTAL,
        code: "intact",
        label: "能力完好",
        grade: Some(DisabilityGrade::Intact),
    },
];

/// How the facts besides the items change the preliminary level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adjustments {
    /// Coma sets this level outright, whatever the total and the other facts.
    pub coma_grade: DisabilityGrade,
    /// Levels added for diagnosed dementia or another psychiatric disorder.
    pub dementia_steps: usize,
    /// This many care-risk events in 30 days or more …
    pub risk_events_min: i32,
    /// … add this many levels.
    pub risk_event_steps: usize,
    /// Plausibility limit of the care-risk event count; more is a typing error.
    pub risk_events_max: i32,
}

/// Both "one level worse" rules apply cumulatively (dementia and two falls: two levels worse),
/// because the standard lists them as independent conditions; the result never goes past
/// 能力完全丧失.
pub const ADJUSTMENTS: Adjustments = Adjustments {
    coma_grade: DisabilityGrade::Total,
    dementia_steps: 1,
    risk_events_min: 2,
    risk_event_steps: 1,
    risk_events_max: 99,
};

/// Grades from best to worst, for "n levels worse".
const GRADES: [DisabilityGrade; 5] = [
    DisabilityGrade::Intact,
    DisabilityGrade::Mild,
    DisabilityGrade::Moderate,
    DisabilityGrade::Severe,
    DisabilityGrade::Total,
];

/// `grade` made `steps` levels worse, stopping at 能力完全丧失.
pub fn worsen(grade: DisabilityGrade, steps: usize) -> DisabilityGrade {
    let at = GRADES.iter().position(|g| *g == grade).unwrap_or(0);
    GRADES
        .get(at.saturating_add(steps))
        .copied()
        .unwrap_or(DisabilityGrade::Total)
}

/// The factors are required for this scale: without them an unadjusted level could look better
/// than it is.
pub(super) fn check_factors(factors: Option<&AbilityFactors>) -> Vec<ScaleError> {
    let Some(f) = factors else {
        return vec![ScaleError::FactorsRequired];
    };
    let max = ADJUSTMENTS.risk_events_max;
    if (0..=max).contains(&f.care_risk_events_30_days) {
        Vec::new()
    } else {
        vec![ScaleError::RiskEventsRange {
            value: f.care_risk_events_30_days,
            max,
        }]
    }
}

/// Scores validated answers and factors.
pub(super) fn score(
    answers: &[i32],
    factors: &AbilityFactors,
) -> Result<AssessmentResult, ScaleError> {
    let total: i32 = answers.iter().sum();
    let preliminary = band_of(Scale::Ability, BANDS, total)?;
    let a = ADJUSTMENTS;
    let mut flags = Vec::new();
    let start = preliminary.grade.unwrap_or(DisabilityGrade::Total);
    let grade = if factors.coma {
        flags.push(format!("昏迷，直接评定为{}", grade_label(a.coma_grade)));
        a.coma_grade
    } else {
        let mut steps = 0;
        if factors.dementia_or_psychiatric_diagnosis {
            steps += a.dementia_steps;
            flags.push("确诊痴呆或精神障碍，等级加重一级".to_owned());
        }
        let events = factors.care_risk_events_30_days;
        if events >= a.risk_events_min {
            steps += a.risk_event_steps;
            flags.push(format!("近30天照护风险事件 {events} 次，等级加重一级"));
        }
        worsen(start, steps)
    };
    if grade != start {
        flags.push(format!("初步等级：{}（总分 {total}）", preliminary.label));
    }
    let band = BANDS
        .iter()
        .find(|b| b.grade == Some(grade))
        .ok_or(ScaleError::RuleGap {
            scale: super::scale_label(Scale::Ability),
            version: RULE_VERSION,
            total,
        })?;
    let mut out = result(Scale::Ability, total, band);
    out.flags = flags;
    out.domain_scores = domain_scores(answers);
    Ok(out)
}

/// Subtotal and maximum of each domain.
fn domain_scores(answers: &[i32]) -> Vec<DomainScore> {
    let mut start = 0;
    DOMAINS
        .iter()
        .map(|&(name, count)| {
            let range = start..start + count;
            start += count;
            let score = answers.get(range.clone()).unwrap_or(&[]).iter().sum();
            let max = OPTIONS
                .get(range)
                .unwrap_or(&[])
                .iter()
                .map(|opts: &Options| opts.iter().map(|(v, _)| *v).max().unwrap_or(0))
                .sum();
            DomainScore {
                name: name.to_owned(),
                score,
                max,
            }
        })
        .collect()
}
