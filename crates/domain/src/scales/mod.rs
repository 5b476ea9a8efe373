//! Scored assessment scales as versioned rule data: 老年人生活自理能力评估表, 中医体质辨识
//! (老年版), PHQ-9, GDS-15, Mini-Cog, Barthel and 老年人能力评估 (GB/T 42195-2022).
//!
//! Every item list, option set, cut-off and adjustment is a `const` table in the scale's own
//! file, stamped with a `RULE_VERSION` that is stored with each result. Correcting a rule means
//! editing a table and bumping its version, never touching the scoring code paths; old results
//! keep the version that scored them.
//!
//! [`score`] checks the answers against the scale's form (count, then every item's allowed
//! values, all problems at once) and scores them. [`scale_spec`] gives the same form as data, so
//! the UI renders the questions from here and cannot drift from the scorer.
use thiserror::Error;
use yiyang_protocol::{
    AssessmentAnswers, AssessmentResult, DisabilityGrade, ItemSpec, OptionSpec, Scale, ScaleSpec,
};

use crate::error::{Coded, ValidationErrors};

pub mod ability;
mod ability_items;
pub mod barthel;
pub mod gds15;
mod labels;
pub mod mini_cog;
pub mod phq9;
pub mod self_care;
pub mod tcm;

pub use labels::{grade_label, scale_label, tcm_constitution_label, tcm_verdict_label};
pub use tcm::{tcm_item28_from_waist, tcm_item9_from_bmi};

/// The allowed answers of one item: `(value, Chinese label)`, in the order the form shows them.
pub type Options = &'static [(i32, &'static str)];

/// One score band of a scale: totals `min..=max` (both inclusive) get `code` and `label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub min: i32,
    pub max: i32,
    /// Stable code stored with the result, e.g. `moderate`; never renamed.
    pub code: &'static str,
    pub label: &'static str,
    /// The disability grade this band means, for the scales that grade.
    pub grade: Option<DisabilityGrade>,
}

impl Band {
    pub fn contains(&self, total: i32) -> bool {
        (self.min..=self.max).contains(&total)
    }
}

/// A broken rule of an assessment form.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScaleError {
    #[error("{scale}应有 {expected} 题答案，实际收到 {actual} 个")]
    AnswerCount {
        scale: &'static str,
        expected: usize,
        actual: usize,
    },
    #[error("{scale}第 {item} 题（{name}）的答案 {value} 无效，只能是 {allowed}")]
    AnswerRange {
        scale: &'static str,
        /// 1-based item number.
        item: usize,
        name: &'static str,
        value: i32,
        /// The allowed values, e.g. `0、5、10`.
        allowed: String,
    },
    #[error("老年人能力评估须填写：是否昏迷、是否确诊痴呆或精神障碍、近30天照护风险事件次数")]
    FactorsRequired,
    #[error("近30天照护风险事件次数 {value} 无效，只能是 0～{max} 次")]
    RiskEventsRange { value: i32, max: i32 },
    /// Rule data does not cover a total: a bug in a table, never the user's fault. The tests
    /// prove every table covers its scale's whole range, so this is a guard, not a path.
    #[error("{scale}的评分规则（{version}）未覆盖总分 {total}，请联系维护人员")]
    RuleGap {
        scale: &'static str,
        version: &'static str,
        total: i32,
    },
}

impl Coded for ScaleError {
    fn code(&self) -> &'static str {
        match self {
            ScaleError::AnswerCount { .. } => "assessment.answer_count",
            ScaleError::AnswerRange { .. } => "assessment.answer_range",
            ScaleError::FactorsRequired => "assessment.factors_required",
            ScaleError::RiskEventsRange { .. } => "assessment.risk_events_range",
            ScaleError::RuleGap { .. } => "assessment.rule_gap",
        }
    }
}

/// Checks and scores one assessment. Errors are recorded against `answers` (count, ranges) and
/// `abilityFactors`; every broken item is reported, not only the first.
pub fn score(input: &AssessmentAnswers) -> Result<AssessmentResult, ValidationErrors> {
    let scale = input.scale;
    let answers = input.answers.as_slice();
    let mut errors = check_answers(scale, answers);
    if scale == Scale::Ability {
        for e in ability::check_factors(input.ability_factors.as_ref()) {
            errors.push("abilityFactors", &e);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let scored = match scale {
        Scale::SelfCare => self_care::score(answers),
        Scale::TcmConstitution => Ok(tcm::score(answers)),
        Scale::Phq9 => phq9::score(answers),
        Scale::Gds15 => gds15::score(answers),
        Scale::MiniCog => mini_cog::score(answers),
        Scale::Barthel => barthel::score(answers),
        Scale::Ability => {
            // `check_factors` refused missing factors above: the default is never used.
            ability::score(answers, &input.ability_factors.clone().unwrap_or_default())
        }
    };
    scored.map_err(|e| {
        let mut errors = ValidationErrors::new();
        errors.push("answers", &e);
        errors
    })
}

/// The answer count and every item's allowed values, as field errors on `answers`.
fn check_answers(scale: Scale, answers: &[i32]) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    let name = scale_label(scale);
    let items = items(scale);
    let options = options(scale);
    if answers.len() != items.len() {
        errors.push(
            "answers",
            &ScaleError::AnswerCount {
                scale: name,
                expected: items.len(),
                actual: answers.len(),
            },
        );
        return errors;
    }
    for (i, ((&value, &item), &allowed)) in answers.iter().zip(items).zip(options).enumerate() {
        if !allowed.iter().any(|(v, _)| *v == value) {
            let mut values: Vec<i32> = allowed.iter().map(|(v, _)| *v).collect();
            values.sort_unstable();
            let allowed: Vec<String> = values.iter().map(i32::to_string).collect();
            errors.push(
                "answers",
                &ScaleError::AnswerRange {
                    scale: name,
                    item: i + 1,
                    name: item,
                    value,
                    allowed: allowed.join("、"),
                },
            );
        }
    }
    errors
}

/// The band whose range holds `total`.
pub(crate) fn band_of(
    scale: Scale,
    bands: &'static [Band],
    total: i32,
) -> Result<&'static Band, ScaleError> {
    bands
        .iter()
        .find(|b| b.contains(total))
        .ok_or(ScaleError::RuleGap {
            scale: scale_label(scale),
            version: rule_version(scale),
            total,
        })
}

/// A result with the common fields filled from `band`; the scale adds flags and subtotals.
pub(crate) fn result(scale: Scale, total: i32, band: &Band) -> AssessmentResult {
    AssessmentResult {
        scale,
        rule_version: rule_version(scale).to_owned(),
        total,
        band: band.code.to_owned(),
        label: band.label.to_owned(),
        positive: false,
        flags: Vec::new(),
        grade: band.grade,
        domain_scores: Vec::new(),
        tcm_types: Vec::new(),
    }
}

/// The version of the rule data that scores `scale` now.
pub fn rule_version(scale: Scale) -> &'static str {
    match scale {
        Scale::SelfCare => self_care::RULE_VERSION,
        Scale::TcmConstitution => tcm::RULE_VERSION,
        Scale::Phq9 => phq9::RULE_VERSION,
        Scale::Gds15 => gds15::RULE_VERSION,
        Scale::MiniCog => mini_cog::RULE_VERSION,
        Scale::Barthel => barthel::RULE_VERSION,
        Scale::Ability => ability::RULE_VERSION,
    }
}

/// The Chinese item names of `scale`, in answer order.
pub fn items(scale: Scale) -> &'static [&'static str] {
    match scale {
        Scale::SelfCare => &self_care::ITEMS,
        Scale::TcmConstitution => &tcm::ITEMS,
        Scale::Phq9 => &phq9::ITEMS,
        Scale::Gds15 => &gds15::ITEMS,
        Scale::MiniCog => &mini_cog::ITEMS,
        Scale::Barthel => &barthel::ITEMS,
        Scale::Ability => &ability::ITEMS,
    }
}

/// The allowed answers of every item of `scale`, in answer order.
fn options(scale: Scale) -> &'static [Options] {
    match scale {
        Scale::SelfCare => &self_care::OPTIONS,
        Scale::TcmConstitution => &tcm::OPTIONS,
        Scale::Phq9 => &phq9::OPTIONS,
        Scale::Gds15 => &gds15::OPTIONS,
        Scale::MiniCog => &mini_cog::OPTIONS,
        Scale::Barthel => &barthel::OPTIONS,
        Scale::Ability => &ability::OPTIONS,
    }
}

/// Every item of `scale` with its allowed answers and their Chinese labels.
pub fn item_options(scale: Scale) -> Vec<ItemSpec> {
    items(scale)
        .iter()
        .zip(options(scale))
        .enumerate()
        .map(|(i, (label, opts))| ItemSpec {
            label: (*label).to_owned(),
            options: opts
                .iter()
                .map(|&(value, text)| OptionSpec {
                    value,
                    label: match scale {
                        // The answer is a level; show the item's points next to it, since they
                        // differ per item (进餐 轻度依赖 is 0 points, 梳洗 轻度依赖 is 1).
                        Scale::SelfCare => {
                            format!("{text}（{}分）", self_care::points(i, value))
                        }
                        _ => text.to_owned(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The whole form of `scale`, for the UI to render.
pub fn scale_spec(scale: Scale) -> ScaleSpec {
    ScaleSpec {
        scale,
        name: scale_label(scale).to_owned(),
        items: item_options(scale),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
