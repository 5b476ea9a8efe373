//! Mini-Cog 简易认知评估: three-word recall (0–3) plus the clock drawing (0 or 2), total 0–5.
use yiyang_protocol::{AssessmentResult, DomainScore, Scale};

use super::{band_of, result, Band, Options, ScaleError};

/// Source: Borson et al. 2000; total 0–2 is a positive screen for cognitive impairment.
pub const RULE_VERSION: &str = "mini-cog-2024.1";

pub const ITEMS: [&str; 2] = ["三个词语回忆", "画钟试验"];

pub const OPTIONS: [Options; 2] = [
    &[
        (0, "回忆出 0 个词"),
        (1, "回忆出 1 个词"),
        (2, "回忆出 2 个词"),
        (3, "回忆出 3 个词"),
    ],
    &[(2, "画钟正常"), (0, "画钟不正常或拒绝")],
];

/// Maximum of each item, for the subtotals.
const ITEM_MAX: [i32; 2] = [3, 2];

pub const POSITIVE_FLAG: &str = "Mini-Cog ≤2 分，认知障碍筛查阳性，建议进一步评估";

pub const BANDS: &[Band] = &[
    Band {
        min: 0,
        max: 2,
        code: "positive",
        label: "认知障碍筛查阳性",
        grade: None,
    },
    Band {
        min: 3,
        max: 5,
        code: "negative",
        label: "认知障碍筛查阴性",
        grade: None,
    },
];

/// The band code that is a positive screen.
const POSITIVE_BAND: &str = "positive";

pub(super) fn score(answers: &[i32]) -> Result<AssessmentResult, ScaleError> {
    let total = answers.iter().sum();
    let band = band_of(Scale::MiniCog, BANDS, total)?;
    let mut out = result(Scale::MiniCog, total, band);
    out.positive = band.code == POSITIVE_BAND;
    if out.positive {
        out.flags.push(POSITIVE_FLAG.to_owned());
    }
    out.domain_scores = ITEMS
        .iter()
        .zip(answers)
        .zip(ITEM_MAX)
        .map(|((name, &score), max)| DomainScore {
            name: (*name).to_owned(),
            score,
            max,
        })
        .collect();
    Ok(out)
}
