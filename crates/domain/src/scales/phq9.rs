//! PHQ-9 患者健康问卷抑郁筛查 (9 items, 0–27). Item 9 (thoughts of death or self-harm) is
//! flagged for follow-up at any total: a person can score "none" overall and still need a call.
use yiyang_protocol::{AssessmentResult, Scale};

use super::{band_of, result, Band, Options, ScaleError};

/// Source: Kroenke, Spitzer & Williams 2001 severity bands; positive at total ≥ 10.
pub const RULE_VERSION: &str = "phq9-2024.1";

pub const ITEMS: [&str; 9] = [
    "做事时提不起劲或没有兴趣",
    "感到心情低落、沮丧或绝望",
    "入睡困难、睡不安稳或睡眠过多",
    "感觉疲倦或没有活力",
    "食欲不振或吃太多",
    "觉得自己很糟，或让自己、家人失望",
    "对事物专注有困难，如读报纸或看电视",
    "动作或说话缓慢，或烦躁、坐立不安",
    "有不如死掉或用某种方式伤害自己的念头",
];

/// How often in the last two weeks.
const FREQUENCY: Options = &[
    (0, "完全不会"),
    (1, "好几天"),
    (2, "一半以上的天数"),
    (3, "几乎每天"),
];

pub const OPTIONS: [Options; 9] = [FREQUENCY; 9];

/// A total at or above this is a positive screen.
pub const POSITIVE_MIN_TOTAL: i32 = 10;

/// 1-based number of the self-harm item; any answer above 0 is a positive screen.
pub const SELF_HARM_ITEM: usize = 9;

pub const SELF_HARM_FLAG: &str = "第9题（自伤念头）阳性，需随访";
pub const POSITIVE_FLAG: &str = "PHQ-9 总分≥10，提示抑郁，需干预并随访";

pub const BANDS: &[Band] = &[
    Band {
        min: 0,
        max: 4,
        code: "none",
        label: "无或极轻微抑郁",
        grade: None,
    },
    Band {
        min: 5,
        max: 9,
        code: "mild",
        label: "轻度抑郁",
        grade: None,
    },
    Band {
        min: 10,
        max: 14,
        code: "moderate",
        label: "中度抑郁",
        grade: None,
    },
    Band {
        min: 15,
        max: 19,
        code: "moderately_severe",
        label: "中重度抑郁",
        grade: None,
    },
    Band {
        min: 20,
        max: 27,
        code: "severe",
        label: "重度抑郁",
        grade: None,
    },
];

pub(super) fn score(answers: &[i32]) -> Result<AssessmentResult, ScaleError> {
    let total = answers.iter().sum();
    let band = band_of(Scale::Phq9, BANDS, total)?;
    let mut out = result(Scale::Phq9, total, band);
    let self_harm = answers.get(SELF_HARM_ITEM - 1).is_some_and(|&a| a > 0);
    if total >= POSITIVE_MIN_TOTAL {
        out.flags.push(POSITIVE_FLAG.to_owned());
    }
    if self_harm {
        out.flags.push(SELF_HARM_FLAG.to_owned());
    }
    out.positive = total >= POSITIVE_MIN_TOTAL || self_harm;
    Ok(out)
}
