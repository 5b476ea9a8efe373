//! Scored assessment scales (老年人生活自理能力评估表, 中医体质辨识, PHQ-9, GDS-15, Mini-Cog,
//! Barthel, 老年人能力评估): the answers a form sends, the scored result, and the form
//! description the UI renders from. The scoring rules live in `yiyang-domain::scales`.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which scale an assessment uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// 老年人生活自理能力评估表 (基本公卫, 5 items).
    SelfCare,
    /// 中医体质辨识 (老年版, 33 items).
    TcmConstitution,
    /// 患者健康问卷 PHQ-9.
    Phq9,
    /// 老年抑郁量表 GDS-15.
    Gds15,
    /// 简易认知评估 Mini-Cog.
    MiniCog,
    /// Barthel 日常生活活动能力 (MZ/T 039-2013 bands).
    Barthel,
    /// 老年人能力评估 GB/T 42195-2022.
    Ability,
}

impl Scale {
    pub const ALL: [Scale; 7] = [
        Scale::SelfCare,
        Scale::TcmConstitution,
        Scale::Phq9,
        Scale::Gds15,
        Scale::MiniCog,
        Scale::Barthel,
        Scale::Ability,
    ];
}

/// Disability grade, from best to worst; the latest one drives S1–S4 eligibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DisabilityGrade {
    /// 能力完好
    Intact,
    /// 轻度失能
    Mild,
    /// 中度失能
    Moderate,
    /// 重度失能
    Severe,
    /// 能力完全丧失
    Total,
}

/// What an assessment form sends.
///
/// `answers` holds one value per item, in the scale's item order (see `ScaleSpec`):
/// - `self_care`: the chosen level 0..=3 (可自理/轻度依赖/中度依赖/不能自理), not the points;
/// - `tcm_constitution`: 1..=5 (没有/很少/有时/经常/总是); items 9, 14 and 28 already mapped
///   to 1..=5 from the BMI, colds-per-year and waist bands;
/// - `phq9`: 0..=3;
/// - `gds15`: the answer as given, 1 = 是 and 0 = 否 (the scorer handles the reversed items);
/// - `mini_cog`: words recalled 0..=3, then the clock 0 or 2;
/// - `barthel`: the item points (e.g. 进食 0/5/10);
/// - `ability`: the item scores of GB/T 42195-2022 B.1–B.4 (26 items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentAnswers {
    pub scale: Scale,
    pub answers: Vec<i32>,
    /// Required for `ability`; ignored by the other scales.
    pub ability_factors: Option<AbilityFactors>,
}

/// The facts besides the item scores that change a 老年人能力评估 level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AbilityFactors {
    /// 昏迷
    pub coma: bool,
    /// Diagnosed dementia (痴呆) or another psychiatric / behavioural disorder.
    pub dementia_or_psychiatric_diagnosis: bool,
    /// Care-risk events (跌倒、噎食、自杀自伤、走失) in the last 30 days.
    pub care_risk_events_30_days: i32,
}

/// The scored result of one assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentResult {
    pub scale: Scale,
    /// Version of the rule data that scored it, e.g. `phq9-2024.1`.
    pub rule_version: String,
    /// Scale total. 0 for `tcm_constitution`, which has no total (see `tcmTypes`).
    pub total: i32,
    /// Stable band code, e.g. `moderate`.
    pub band: String,
    /// Chinese band label, e.g. `中度依赖`.
    pub label: String,
    /// Positive screen (PHQ-9, GDS-15, Mini-Cog): drives follow-up and intervention. Always
    /// false for the graded scales, whose outcome is `grade`.
    pub positive: bool,
    /// Chinese follow-up notes, e.g. `第9题（自伤念头）阳性，需随访`.
    pub flags: Vec<String>,
    /// Set by `self_care`, `barthel` and `ability`.
    pub grade: Option<DisabilityGrade>,
    /// Per-domain subtotals (`ability`: the four domains; `mini_cog`: recall and clock).
    pub domain_scores: Vec<DomainScore>,
    /// All nine constitutions with their verdicts (`tcm_constitution` only).
    pub tcm_types: Vec<TcmTypeResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DomainScore {
    pub name: String,
    pub score: i32,
    pub max: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TcmConstitution {
    /// 平和质
    Pinghe,
    /// 气虚质
    Qixu,
    /// 阳虚质
    Yangxu,
    /// 阴虚质
    Yinxu,
    /// 痰湿质
    Tanshi,
    /// 湿热质
    Shire,
    /// 血瘀质
    Xueyu,
    /// 气郁质
    Qiyu,
    /// 特禀质
    Tebing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TcmVerdict {
    /// 是
    Yes,
    /// 倾向是 (biased types only)
    Tendency,
    /// 基本是 (平和 only)
    Basic,
    /// 否
    No,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TcmTypeResult {
    pub constitution: TcmConstitution,
    /// Raw sum of the type's items (平和 with its reversed items).
    pub score: i32,
    pub verdict: TcmVerdict,
}

/// A scale's form, so the UI renders it from data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScaleSpec {
    pub scale: Scale,
    /// Chinese name, e.g. `老年人生活自理能力评估表`.
    pub name: String,
    /// In answer order.
    pub items: Vec<ItemSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemSpec {
    /// Chinese item name.
    pub label: String,
    /// The allowed answers, in the order the form shows them.
    pub options: Vec<OptionSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OptionSpec {
    /// The value sent in `AssessmentAnswers.answers`.
    pub value: i32,
    pub label: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The wire shape the UI sends and gets back: camelCase fields, snake_case enums.
    #[test]
    fn wire_shape() {
        let json = r#"{"scale":"ability","answers":[4,3],
            "abilityFactors":{"coma":false,"dementiaOrPsychiatricDiagnosis":true,
            "careRiskEvents30Days":2}}"#;
        let a: AssessmentAnswers = serde_json::from_str(json).unwrap();
        assert_eq!(a.scale, Scale::Ability);
        assert_eq!(a.ability_factors.unwrap().care_risk_events_30_days, 2);
        let s =
            serde_json::to_string(&(Scale::MiniCog, DisabilityGrade::Total, TcmVerdict::Tendency));
        assert_eq!(s.unwrap(), r#"["mini_cog","total","tendency"]"#);
    }
}
