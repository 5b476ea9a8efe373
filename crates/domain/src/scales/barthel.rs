//! Barthel 指数 日常生活活动能力 (10 items, 0–100). The form records the item points; each item
//! has its own allowed set (洗澡 0/5, 床椅转移 0/5/10/15 …), so any other value is refused.
use yiyang_protocol::{AssessmentResult, DisabilityGrade, Scale};

use super::{band_of, result, Band, Options, ScaleError};

/// Source: Mahoney & Barthel 1965 items; grades of MZ/T 039-2013 老年人能力评估 日常生活活动.
pub const RULE_VERSION: &str = "barthel-mzt039-2024.1";

pub const ITEMS: [&str; 10] = [
    "进食",
    "洗澡",
    "修饰",
    "穿衣",
    "大便控制",
    "小便控制",
    "如厕",
    "床椅转移",
    "平地行走",
    "上下楼梯",
];

pub const OPTIONS: [Options; 10] = [
    &[
        (10, "可独立进食"),
        (5, "需部分帮助（如夹菜、盛饭）"),
        (0, "需极大帮助或完全依赖他人"),
    ],
    &[(5, "可独立洗澡"), (0, "需他人帮助")],
    &[(5, "可独立洗脸、梳头、刷牙、剃须"), (0, "需他人帮助")],
    &[
        (10, "可独立穿脱衣服、鞋袜，系扣、拉拉链"),
        (5, "需部分帮助"),
        (0, "需极大帮助或完全依赖他人"),
    ],
    &[
        (10, "可控制大便"),
        (5, "偶尔失控（每周少于1次）"),
        (0, "完全失控"),
    ],
    &[
        (10, "可控制小便"),
        (5, "偶尔失控（每天少于1次，每周多于1次）"),
        (0, "完全失控或留置导尿管"),
    ],
    &[
        (10, "可独立如厕"),
        (5, "需部分帮助"),
        (0, "需极大帮助或完全依赖他人"),
    ],
    &[
        (15, "可独立完成"),
        (10, "需少量帮助或监护"),
        (5, "需大量帮助，能坐"),
        (0, "完全依赖他人，不能坐"),
    ],
    &[
        (15, "可独立在平地上行走45米"),
        (10, "需少量帮助或监护"),
        (5, "需大量帮助，或可独自操作轮椅"),
        (0, "完全依赖他人"),
    ],
    &[
        (10, "可独立上下楼梯"),
        (5, "需部分帮助"),
        (0, "需极大帮助或完全依赖他人"),
    ],
];

pub const MAX_TOTAL: i32 = 100;

/// Totals are multiples of 5, so the gaps between bands (41–44 …) cannot occur.
pub const BANDS: &[Band] = &[
    Band {
        min: 0,
        max: 40,
        code: "severe",
        label: "重度受损",
        grade: Some(DisabilityGrade::Severe),
    },
    Band {
        min: 45,
        max: 60,
        code: "moderate",
        label: "中度受损",
        grade: Some(DisabilityGrade::Moderate),
    },
    Band {
        min: 65,
        max: 95,
        code: "mild",
        label: "轻度受损",
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

pub(super) fn score(answers: &[i32]) -> Result<AssessmentResult, ScaleError> {
    let total = answers.iter().sum();
    let band = band_of(Scale::Barthel, BANDS, total)?;
    Ok(result(Scale::Barthel, total, band))
}
