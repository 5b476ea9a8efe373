//! Tests of the assessment scales: form checks and rule-table integrity here, band boundaries
//! and special rules per scale in the submodules.
use yiyang_protocol::{AbilityFactors, AssessmentAnswers, AssessmentResult, Scale};

use super::*;

mod bands;
mod constitution;
mod levels;

/// Scores answers that must be valid.
fn run(scale: Scale, answers: &[i32]) -> AssessmentResult {
    let factors = (scale == Scale::Ability).then(AbilityFactors::default);
    run_with(scale, answers, factors)
}

fn run_with(scale: Scale, answers: &[i32], factors: Option<AbilityFactors>) -> AssessmentResult {
    let input = AssessmentAnswers {
        scale,
        answers: answers.to_vec(),
        ability_factors: factors,
    };
    score(&input).unwrap_or_else(|e| panic!("{scale:?} {answers:?}: {e}"))
}

fn rejected(scale: Scale, answers: &[i32], factors: Option<AbilityFactors>) -> ValidationErrors {
    let input = AssessmentAnswers {
        scale,
        answers: answers.to_vec(),
        ability_factors: factors,
    };
    score(&input).expect_err("must be refused")
}

/// (scale, answers, expected codes, first message)
type Reject = (Scale, &'static [i32], &'static [&'static str], &'static str);

const REJECTS: &[Reject] = &[
    (
        Scale::Phq9,
        &[0; 8],
        &["assessment.answer_count"],
        "PHQ-9 抑郁筛查量表应有 9 题答案，实际收到 8 个",
    ),
    (
        Scale::Phq9,
        &[0, 0, 0, 0, 0, 0, 0, 0, 4],
        &["assessment.answer_range"],
        "PHQ-9 抑郁筛查量表第 9 题（有不如死掉或用某种方式伤害自己的念头）的答案 4 无效，只能是 0、1、2、3",
    ),
    (
        Scale::Phq9,
        &[-1, 0, 0, 0, 0, 0, 0, 0, 0],
        &["assessment.answer_range"],
        "PHQ-9 抑郁筛查量表第 1 题（做事时提不起劲或没有兴趣）的答案 -1 无效，只能是 0、1、2、3",
    ),
    (
        Scale::Barthel,
        &[10, 10, 5, 10, 10, 10, 10, 15, 15, 12],
        &["assessment.answer_range", "assessment.answer_range"],
        "Barthel 日常生活活动能力评定第 2 题（洗澡）的答案 10 无效，只能是 0、5",
    ),
    (
        Scale::Barthel,
        &[],
        &["assessment.answer_count"],
        "Barthel 日常生活活动能力评定应有 10 题答案，实际收到 0 个",
    ),
    (
        Scale::SelfCare,
        &[0, 0, 4, 0, 0],
        &["assessment.answer_range"],
        "老年人生活自理能力评估表第 3 题（穿衣）的答案 4 无效，只能是 0、1、2、3",
    ),
    (
        Scale::Gds15,
        &[1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 2],
        &["assessment.answer_range"],
        "GDS-15 老年抑郁量表第 15 题（您是否觉得大多数人比自己过得好）的答案 2 无效，只能是 0、1",
    ),
    (
        Scale::MiniCog,
        &[3, 1],
        &["assessment.answer_range"],
        "Mini-Cog 简易认知评估第 2 题（画钟试验）的答案 1 无效，只能是 0、2",
    ),
    (
        Scale::MiniCog,
        &[3, 2, 0],
        &["assessment.answer_count"],
        "Mini-Cog 简易认知评估应有 2 题答案，实际收到 3 个",
    ),
];

#[test]
fn wrong_answers_are_refused_with_item_and_allowed_values() {
    for (scale, answers, codes, message) in REJECTS {
        let errors = rejected(*scale, answers, None);
        assert_eq!(errors.codes(), *codes, "{scale:?} {answers:?}");
        assert!(errors.0.iter().all(|e| e.field == "answers"));
        assert_eq!(errors.0[0].message, *message);
    }
}

#[test]
fn tcm_answers_outside_one_to_five_are_refused() {
    let mut answers = [1; 33];
    answers[0] = 0;
    answers[27] = 6;
    let errors = rejected(Scale::TcmConstitution, &answers, None);
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors.0[1].message,
        "中医体质辨识第 28 题（您腹部肥大吗（按腹围））的答案 6 无效，只能是 1、2、3、4、5"
    );
}

#[test]
fn ability_needs_plausible_factors() {
    let full = levels::answers_for(90);
    let e = rejected(Scale::Ability, &full, None);
    assert_eq!(e.codes(), ["assessment.factors_required"]);
    assert_eq!(e.0[0].field, "abilityFactors");
    for events in [-1, 100] {
        let f = AbilityFactors {
            care_risk_events_30_days: events,
            ..AbilityFactors::default()
        };
        let e = rejected(Scale::Ability, &full, Some(f));
        assert_eq!(e.codes(), ["assessment.risk_events_range"], "{events}");
        assert_eq!(
            e.0[0].message,
            format!("近30天照护风险事件次数 {events} 无效，只能是 0～99 次")
        );
    }
    // Every problem at once: a bad item and missing factors.
    let mut bad = full.clone();
    bad[25] = 5;
    let e = rejected(Scale::Ability, &bad, None);
    assert_eq!(
        e.codes(),
        ["assessment.answer_range", "assessment.factors_required"]
    );
    assert_eq!(
        e.0[0].message,
        "老年人能力评估第 26 题（社会交往能力）的答案 5 无效，只能是 0、1、2、3、4"
    );
}

#[test]
fn other_scales_ignore_ability_factors() {
    let f = AbilityFactors {
        coma: true,
        ..AbilityFactors::default()
    };
    let r = run_with(Scale::Phq9, &[0; 9], Some(f));
    assert_eq!(r.band, "none");
}

/// (scale, bands, maximum total, step between reachable totals)
const TABLES: &[(Scale, &[Band], i32, usize)] = &[
    (Scale::SelfCare, self_care::BANDS, 37, 1),
    (Scale::Phq9, phq9::BANDS, 27, 1),
    (Scale::Gds15, gds15::BANDS, 15, 1),
    (Scale::MiniCog, mini_cog::BANDS, 5, 1),
    (Scale::Barthel, barthel::BANDS, 100, 5),
    (Scale::Ability, ability::BANDS, 90, 1),
];

#[test]
fn every_reachable_total_has_exactly_one_band() {
    for (scale, bands, max, step) in TABLES {
        let item_max: i32 = item_options(*scale)
            .iter()
            .map(|i| i.options.iter().map(|o| o.value).max().unwrap())
            .sum();
        // Self-care answers are levels, not points: its maximum is the sum of the worst points.
        let want_max = match scale {
            Scale::SelfCare => self_care::POINTS.iter().map(|r| r[3]).sum(),
            _ => item_max,
        };
        assert_eq!(want_max, *max, "{scale:?}");
        for total in (0..=*max).step_by(*step) {
            let n = bands.iter().filter(|b| b.contains(total)).count();
            assert_eq!(n, 1, "{scale:?} total {total}");
        }
        assert!(bands.iter().all(|b| b.min <= b.max), "{scale:?}");
    }
}

#[test]
fn band_codes_are_unique_per_scale_and_graded_scales_grade() {
    for (scale, bands, _, _) in TABLES {
        let mut codes: Vec<&str> = bands.iter().map(|b| b.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), bands.len(), "{scale:?}");
        let graded = matches!(scale, Scale::SelfCare | Scale::Barthel | Scale::Ability);
        assert!(
            bands.iter().all(|b| b.grade.is_some() == graded),
            "{scale:?}"
        );
    }
}

#[test]
fn specs_match_the_scorer() {
    for scale in Scale::ALL {
        let spec = scale_spec(scale);
        assert_eq!(spec.scale, scale);
        assert_eq!(spec.name, scale_label(scale));
        assert_eq!(spec.items.len(), items(scale).len(), "{scale:?}");
        assert!(!rule_version(scale).is_empty());
        for (i, item) in spec.items.iter().enumerate() {
            let mut values: Vec<i32> = item.options.iter().map(|o| o.value).collect();
            values.sort_unstable();
            values.dedup();
            assert_eq!(values.len(), item.options.len(), "{scale:?} item {}", i + 1);
            assert!(item.options.iter().all(|o| !o.label.is_empty()));
        }
    }
    let self_care = scale_spec(Scale::SelfCare);
    assert_eq!(self_care.items[1].label, "梳洗");
    assert_eq!(self_care.items[1].options[1].label, "轻度依赖（1分）");
    assert_eq!(self_care.items[0].options[3].label, "不能自理（5分）");
    assert_eq!(items(Scale::TcmConstitution).len(), 33);
    assert_eq!(items(Scale::Ability).len(), 26);
}
