//! 老年人生活自理能力评估表 (基本公卫 老年人健康管理, 5 items). The form records a level per
//! item; the points of a level differ per item, so the scorer maps level to points from
//! [`POINTS`] and bands the total.
use yiyang_protocol::{AssessmentResult, DisabilityGrade, Scale};

use super::{band_of, result, Band, Options, ScaleError};

/// Source: 国家基本公共卫生服务规范（第三版）老年人生活自理能力评估表.
pub const RULE_VERSION: &str = "self-care-2024.1";

pub const ITEMS: [&str; 5] = ["进餐", "梳洗", "穿衣", "如厕", "活动"];

/// The answer is the level 0..=3.
const LEVELS: Options = &[
    (0, "可自理"),
    (1, "轻度依赖"),
    (2, "中度依赖"),
    (3, "不能自理"),
];

pub const OPTIONS: [Options; 5] = [LEVELS; 5];

/// Points per item (rows, in [`ITEMS`] order) and level (columns 可自理 … 不能自理).
pub const POINTS: [[i32; 4]; 5] = [
    [0, 0, 3, 5],
    [0, 1, 3, 7],
    [0, 0, 3, 5],
    [0, 1, 5, 10],
    [0, 1, 5, 10],
];

pub const MAX_TOTAL: i32 = 37;

pub const BANDS: &[Band] = &[
    Band {
        min: 0,
        max: 3,
        code: "independent",
        label: "可自理",
        grade: Some(DisabilityGrade::Intact),
    },
    Band {
        min: 4,
        max: 8,
        code: "mild",
        label: "轻度依赖",
        grade: Some(DisabilityGrade::Mild),
    },
    Band {
        min: 9,
        max: 18,
        code: "moderate",
        label: "中度依赖",
        grade: Some(DisabilityGrade::Moderate),
    },
    Band {
        min: 19,
        max: MAX_TOTAL,
        code: "dependent",
        label: "不能自理",
        grade: Some(DisabilityGrade::Severe),
    },
];

/// Points of `level` on the 0-based item `item`; 0 for a level or item outside the table,
/// which validation has already refused.
pub fn points(item: usize, level: i32) -> i32 {
    let row = POINTS.get(item);
    let col = usize::try_from(level).ok();
    match (row, col) {
        (Some(row), Some(col)) => row.get(col).copied().unwrap_or(0),
        _ => 0,
    }
}

/// Scores validated answers (one level per item).
pub(super) fn score(answers: &[i32]) -> Result<AssessmentResult, ScaleError> {
    let total = answers
        .iter()
        .enumerate()
        .map(|(item, &level)| points(item, level))
        .sum();
    let band = band_of(Scale::SelfCare, BANDS, total)?;
    Ok(result(Scale::SelfCare, total, band))
}
