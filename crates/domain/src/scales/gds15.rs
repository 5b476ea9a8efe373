//! GDS-15 老年抑郁量表简版 (15 yes/no items). The form records the answer as given (是 = 1,
//! 否 = 0); five items are worded positively and score a point for 否, so the scorer, not the
//! form, reverses them and a nurse never has to.
use yiyang_protocol::{AssessmentResult, Scale};

use super::{band_of, result, Band, Options, ScaleError};

/// Source: Sheikh & Yesavage 1986 short form; ≥ 5 suggests depression. The bands above 5 are
/// the commonly used ones and are *to confirm* (domain.md).
pub const RULE_VERSION: &str = "gds15-2024.1";

pub const ITEMS: [&str; 15] = [
    "您对生活基本满意吗",
    "您是否放弃了许多活动和兴趣",
    "您是否觉得生活空虚",
    "您是否常感到厌倦",
    "您是否大部分时间精神都好",
    "您是否害怕会有不好的事情发生在自己身上",
    "您是否大部分时间感到快乐",
    "您是否常感到无助",
    "您是否宁愿待在家里，也不愿外出做些新鲜事",
    "您是否觉得自己的记忆力比多数人差",
    "您是否觉得现在活着很美好",
    "您是否觉得像现在这样活着毫无价值",
    "您是否觉得精力充沛",
    "您是否觉得自己的处境没有希望",
    "您是否觉得大多数人比自己过得好",
];

const YES_NO: Options = &[(1, "是"), (0, "否")];

pub const OPTIONS: [Options; 15] = [YES_NO; 15];

/// 1-based items that score a point for 否.
pub const REVERSED: [usize; 5] = [1, 5, 7, 11, 13];

/// A total at or above this is a positive screen.
pub const POSITIVE_MIN_TOTAL: i32 = 5;

pub const POSITIVE_FLAG: &str = "GDS-15 总分≥5，提示抑郁，需进一步评估并干预";

pub const BANDS: &[Band] = &[
    Band {
        min: 0,
        max: 4,
        code: "normal",
        label: "无抑郁",
        grade: None,
    },
    Band {
        min: 5,
        max: 8,
        code: "mild",
        label: "轻度抑郁",
        grade: None,
    },
    Band {
        min: 9,
        max: 11,
        code: "moderate",
        label: "中度抑郁",
        grade: None,
    },
    Band {
        min: 12,
        max: 15,
        code: "severe",
        label: "重度抑郁",
        grade: None,
    },
];

pub(super) fn score(answers: &[i32]) -> Result<AssessmentResult, ScaleError> {
    let total = answers
        .iter()
        .enumerate()
        .map(|(i, &yes)| {
            if REVERSED.contains(&(i + 1)) {
                1 - yes
            } else {
                yes
            }
        })
        .sum();
    let band = band_of(Scale::Gds15, BANDS, total)?;
    let mut out = result(Scale::Gds15, total, band);
    out.positive = total >= POSITIVE_MIN_TOTAL;
    if out.positive {
        out.flags.push(POSITIVE_FLAG.to_owned());
    }
    Ok(out)
}
