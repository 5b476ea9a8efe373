//! 中医体质辨识 (老年版, 33 items, 基本公卫 老年人中医药健康管理). Each type is the raw sum of its
//! items, with no conversion (the 60-item self-test's 转化分 does not apply). Several biased
//! types may hold at once; all nine verdicts are recorded.
use yiyang_protocol::{AssessmentResult, Scale, TcmConstitution, TcmTypeResult, TcmVerdict};

use super::{tcm_constitution_label, Options};

/// Source: 国家基本公共卫生服务规范（第三版）老年人中医药健康管理服务记录表 and its 体质判定标准表.
pub const RULE_VERSION: &str = "tcm-elderly-2024.1";

pub const ITEMS: [&str; 33] = [
    "您精力充沛吗",
    "您容易疲乏吗",
    "您容易气短（呼吸短促，接不上气）吗",
    "您说话声音低弱无力吗",
    "您感到闷闷不乐、情绪低沉吗",
    "您容易精神紧张、焦虑不安吗",
    "您因为生活状态改变而感到孤独、失落吗",
    "您容易感到害怕或受到惊吓吗",
    "您感到身体超重不轻松吗（按体质指数 BMI）",
    "您眼睛干涩吗",
    "您手脚发凉吗",
    "您胃脘部、背部或腰膝部怕冷吗",
    "您比一般人耐受不了寒冷吗",
    "您容易患感冒吗",
    "您没有感冒时也会鼻塞、流鼻涕吗",
    "您有口黏口腻，或睡眠打鼾吗",
    "您容易过敏（药物、食物、气味、花粉、季节交替或气候变化时）吗",
    "您的皮肤容易起荨麻疹（风团、风疹块、风疙瘩）吗",
    "您的皮肤在不知不觉中会出现青紫瘀斑、皮下出血吗",
    "您的皮肤一抓就红，并出现抓痕吗",
    "您皮肤或口唇干吗",
    "您有肢体麻木或固定部位疼痛的感觉吗",
    "您面部或鼻部有油腻感或者油亮发光吗",
    "您面色或目眶晦暗，或出现褐色斑块、斑点吗",
    "您有皮肤湿疹、疮疖吗",
    "您感到口干咽燥、总想喝水吗",
    "您感到口苦或嘴里有异味吗",
    "您腹部肥大吗（按腹围）",
    "您吃（喝）凉的东西会感到不舒服或者怕吃（喝）凉的东西吗",
    "您有大便黏滞不爽、解不尽的感觉吗",
    "您容易大便干燥吗",
    "您舌苔厚腻或有舌苔厚厚的感觉吗",
    "您舌下静脉瘀紫或增粗吗",
];

const FREQUENCY: Options = &[
    (1, "没有（根本不）"),
    (2, "很少（有一点）"),
    (3, "有时（有些）"),
    (4, "经常（相当）"),
    (5, "总是（非常）"),
];

/// Item 9 is answered by the BMI band (see [`tcm_item9_from_bmi`]).
const BMI: Options = &[
    (1, "BMI<24"),
    (2, "24≤BMI<25"),
    (3, "25≤BMI<26"),
    (4, "26≤BMI<28"),
    (5, "BMI≥28"),
];

/// Item 14 is answered by how often the person catches a cold.
const COLDS: Options = &[
    (1, "一年少于2次"),
    (2, "一年2～4次"),
    (3, "一年5～6次"),
    (4, "一年8次以上"),
    (5, "几乎每月都感冒"),
];

/// Item 28 is answered by the waist band (see [`tcm_item28_from_waist`]).
const WAIST: Options = &[
    (1, "腹围<80厘米"),
    (2, "腹围80～85厘米"),
    (3, "腹围86～90厘米"),
    (4, "腹围91～105厘米"),
    (5, "腹围>105厘米"),
];

const F: Options = FREQUENCY;
pub const OPTIONS: [Options; 33] = [
    F, F, F, F, F, F, F, F, BMI, F, F, F, F, COLDS, F, F, F, F, F, F, F, F, F, F, F, F, F, WAIST,
    F, F, F, F, F,
];

/// Upper bounds (exclusive, BMI × 10) of answers 1..=4 of item 9; above the last bound is 5.
pub const ITEM9_BMI_TENTHS: [i32; 4] = [240, 250, 260, 280];

/// Upper bounds (exclusive, whole cm) of answers 1..=4 of item 28: <80, 80–85, 86–90, 91–105.
pub const ITEM28_WAIST_CM: [i32; 4] = [80, 86, 91, 106];

/// The biased types and their 1-based items.
pub const BIASED_ITEMS: [(TcmConstitution, [usize; 4]); 8] = [
    (TcmConstitution::Qixu, [2, 3, 4, 14]),
    (TcmConstitution::Yangxu, [11, 12, 13, 29]),
    (TcmConstitution::Yinxu, [10, 21, 26, 31]),
    (TcmConstitution::Tanshi, [9, 16, 28, 32]),
    (TcmConstitution::Shire, [23, 25, 27, 30]),
    (TcmConstitution::Xueyu, [19, 22, 24, 33]),
    (TcmConstitution::Qiyu, [5, 6, 7, 8]),
    (TcmConstitution::Tebing, [15, 17, 18, 20]),
];

/// 平和's 1-based items; those in [`PINGHE_REVERSED`] count as `6 - answer` (1↔5, 2↔4).
pub const PINGHE_ITEMS: [usize; 5] = [1, 2, 4, 5, 13];
pub const PINGHE_REVERSED: [usize; 4] = [2, 4, 5, 13];

/// The verdict thresholds on raw sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcmRules {
    /// A biased type at or above this is 是.
    pub biased_yes_min: i32,
    /// A biased type at or above this (and below `biased_yes_min`) is 倾向是; lower is 否.
    pub biased_tendency_min: i32,
    /// 平和 needs at least this.
    pub pinghe_min: i32,
    /// 平和 是 needs every other type at or below this. *To confirm*: one copy of the table
    /// reads "< 8" instead of "≤ 8"; correcting it means changing this to 7 and the version.
    pub pinghe_yes_others_max: i32,
    /// 平和 基本是 needs every other type at or below this.
    pub pinghe_basic_others_max: i32,
}

pub const RULES: TcmRules = TcmRules {
    biased_yes_min: 11,
    biased_tendency_min: 9,
    pinghe_min: 17,
    pinghe_yes_others_max: 8,
    pinghe_basic_others_max: 10,
};

/// Item 9's answer from the BMI in tenths (`245` = 24.5): <24 → 1, 24–25 → 2, 25–26 → 3,
/// 26–28 → 4, ≥ 28 → 5.
pub fn tcm_item9_from_bmi(bmi_tenths: i32) -> i32 {
    band_answer(&ITEM9_BMI_TENTHS, bmi_tenths)
}

/// Item 28's answer from the waist in whole centimetres (round first): <80 → 1, 80–85 → 2,
/// 86–90 → 3, 91–105 → 4, > 105 → 5.
pub fn tcm_item28_from_waist(waist_cm: i32) -> i32 {
    band_answer(&ITEM28_WAIST_CM, waist_cm)
}

/// 1 + the number of exclusive upper bounds that `value` reaches.
fn band_answer(upper_bounds: &[i32; 4], value: i32) -> i32 {
    let below = upper_bounds.iter().position(|&b| value < b);
    match below {
        Some(i) => i32::try_from(i).map_or(5, |i| i + 1),
        None => 5,
    }
}

/// Sum of the 1-based `items` of validated answers.
fn sum(answers: &[i32], items: &[usize], reversed: &[usize]) -> i32 {
    items
        .iter()
        .map(|&n| {
            let a = answers.get(n - 1).copied().unwrap_or(0);
            if reversed.contains(&n) {
                6 - a
            } else {
                a
            }
        })
        .sum()
}

/// Scores validated answers: every type's sum and verdict, 平和 first.
pub(super) fn score(answers: &[i32]) -> AssessmentResult {
    let r = RULES;
    let biased: Vec<TcmTypeResult> = BIASED_ITEMS
        .iter()
        .map(|(constitution, items)| {
            let score = sum(answers, items, &[]);
            let verdict = if score >= r.biased_yes_min {
                TcmVerdict::Yes
            } else if score >= r.biased_tendency_min {
                TcmVerdict::Tendency
            } else {
                TcmVerdict::No
            };
            TcmTypeResult {
                constitution: *constitution,
                score,
                verdict,
            }
        })
        .collect();
    let others_max = biased.iter().map(|t| t.score).max().unwrap_or(0);
    let pinghe = sum(answers, &PINGHE_ITEMS, &PINGHE_REVERSED);
    let pinghe_verdict = if pinghe < r.pinghe_min {
        TcmVerdict::No
    } else if others_max <= r.pinghe_yes_others_max {
        TcmVerdict::Yes
    } else if others_max <= r.pinghe_basic_others_max {
        TcmVerdict::Basic
    } else {
        TcmVerdict::No
    };

    let names = |v: TcmVerdict| -> Vec<&'static str> {
        biased
            .iter()
            .filter(|t| t.verdict == v)
            .map(|t| tcm_constitution_label(t.constitution))
            .collect()
    };
    let (yes, tendency) = (names(TcmVerdict::Yes), names(TcmVerdict::Tendency));
    let (band, mut label) = match pinghe_verdict {
        TcmVerdict::Yes => ("pinghe", "平和质".to_owned()),
        TcmVerdict::Basic => ("pinghe", "基本是平和质".to_owned()),
        _ if !yes.is_empty() => ("biased", yes.join("、")),
        _ if !tendency.is_empty() => ("biased", String::new()),
        _ => ("undetermined", "未辨识出明确体质".to_owned()),
    };
    if !tendency.is_empty() {
        let note = format!("倾向是：{}", tendency.join("、"));
        label = if label.is_empty() {
            note
        } else {
            format!("{label}；{note}")
        };
    }

    let mut types = vec![TcmTypeResult {
        constitution: TcmConstitution::Pinghe,
        score: pinghe,
        verdict: pinghe_verdict,
    }];
    types.extend(biased);
    AssessmentResult {
        scale: Scale::TcmConstitution,
        rule_version: RULE_VERSION.to_owned(),
        total: 0,
        band: band.to_owned(),
        label,
        positive: false,
        flags: Vec::new(),
        grade: None,
        domain_scores: Vec::new(),
        tcm_types: types,
    }
}
