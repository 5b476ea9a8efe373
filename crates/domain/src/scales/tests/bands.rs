//! Both sides of every band boundary of the self-care, Barthel, PHQ-9, GDS-15 and Mini-Cog
//! scales, and their special rules (PHQ-9 item 9, GDS-15 reversed items).
use yiyang_protocol::DisabilityGrade::{self, Intact, Mild, Moderate, Severe};

use super::*;

/// (answers, total, band, grade)
type Graded = (&'static [i32], i32, &'static str, Option<DisabilityGrade>);

/// Answers are levels: 进餐 [0,0,3,5], 梳洗 [0,1,3,7], 穿衣 [0,0,3,5], 如厕/活动 [0,1,5,10].
const SELF_CARE: &[Graded] = &[
    (&[0, 0, 0, 0, 0], 0, "independent", Some(Intact)),
    (&[1, 0, 1, 0, 0], 0, "independent", Some(Intact)),
    (&[0, 1, 0, 1, 1], 3, "independent", Some(Intact)),
    (&[2, 1, 0, 0, 0], 4, "mild", Some(Mild)),
    (&[0, 2, 0, 2, 0], 8, "mild", Some(Mild)),
    (&[2, 2, 2, 0, 0], 9, "moderate", Some(Moderate)),
    (&[0, 2, 0, 3, 2], 18, "moderate", Some(Moderate)),
    (&[2, 1, 0, 3, 2], 19, "dependent", Some(Severe)),
    (&[3, 3, 3, 3, 3], 37, "dependent", Some(Severe)),
];

/// Items: 进食 洗澡 修饰 穿衣 大便 小便 如厕 床椅转移 平地行走 上下楼梯.
const BARTHEL: &[Graded] = &[
    (
        &[10, 5, 5, 10, 10, 10, 10, 15, 15, 10],
        100,
        "intact",
        Some(Intact),
    ),
    (
        &[10, 5, 5, 10, 10, 10, 10, 15, 15, 5],
        95,
        "mild",
        Some(Mild),
    ),
    (
        &[10, 0, 0, 5, 10, 10, 10, 10, 10, 0],
        65,
        "mild",
        Some(Mild),
    ),
    (
        &[10, 0, 0, 5, 10, 10, 5, 10, 10, 0],
        60,
        "moderate",
        Some(Moderate),
    ),
    (
        &[5, 0, 0, 5, 10, 10, 5, 5, 5, 0],
        45,
        "moderate",
        Some(Moderate),
    ),
    (
        &[5, 0, 0, 5, 10, 10, 5, 5, 0, 0],
        40,
        "severe",
        Some(Severe),
    ),
    (&[0; 10], 0, "severe", Some(Severe)),
];

#[test]
fn graded_scale_boundaries() {
    for (scale, cases) in [(Scale::SelfCare, SELF_CARE), (Scale::Barthel, BARTHEL)] {
        for (answers, total, band, grade) in cases {
            let r = run(scale, answers);
            assert_eq!(
                (r.total, r.band.as_str(), r.grade),
                (*total, *band, *grade),
                "{scale:?} {answers:?}"
            );
            assert!(!r.positive);
            assert_eq!(r.rule_version, rule_version(scale));
        }
    }
    assert_eq!(run(Scale::SelfCare, &[2, 1, 0, 3, 2]).label, "不能自理");
    assert_eq!(run(Scale::Barthel, &[0; 10]).label, "重度受损");
}

/// (answers, total, band, positive, self-harm flag)
type Screen = (&'static [i32], i32, &'static str, bool, bool);

const PHQ9: &[Screen] = &[
    (&[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "none", false, false),
    (&[3, 1, 0, 0, 0, 0, 0, 0, 0], 4, "none", false, false),
    (&[3, 2, 0, 0, 0, 0, 0, 0, 0], 5, "mild", false, false),
    (&[3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "mild", false, false),
    (&[3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "moderate", true, false),
    (&[3, 3, 3, 3, 2, 0, 0, 0, 0], 14, "moderate", true, false),
    (
        &[3, 3, 3, 3, 3, 0, 0, 0, 0],
        15,
        "moderately_severe",
        true,
        false,
    ),
    (
        &[3, 3, 3, 3, 3, 3, 1, 0, 0],
        19,
        "moderately_severe",
        true,
        false,
    ),
    (&[3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe", true, false),
    (&[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe", true, true),
    // Item 9 alone: a "none" total is still a positive screen with a follow-up flag.
    (&[0, 0, 0, 0, 0, 0, 0, 0, 1], 1, "none", true, true),
    (&[1, 1, 1, 0, 0, 0, 0, 0, 2], 5, "mild", true, true),
];

#[test]
fn phq9_boundaries_and_item_9() {
    for (answers, total, band, positive, self_harm) in PHQ9 {
        let r = run(Scale::Phq9, answers);
        assert_eq!(
            (r.total, r.band.as_str(), r.positive),
            (*total, *band, *positive),
            "{answers:?}"
        );
        let flagged = r.flags.iter().any(|f| f == phq9::SELF_HARM_FLAG);
        assert_eq!(flagged, *self_harm, "{answers:?}");
        assert_eq!(r.grade, None);
    }
    let low = run(Scale::Phq9, &[0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(low.flags, ["第9题（自伤念头）阳性，需随访"]);
}

/// Answers of someone with no depressive answer: 是 to the five positively worded items.
const GDS_HEALTHY: [i32; 15] = [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0];

/// `GDS_HEALTHY` with the 1-based `items` answered the other way.
fn gds(items: &[usize]) -> Vec<i32> {
    let mut a = GDS_HEALTHY.to_vec();
    for &i in items {
        a[i - 1] = 1 - a[i - 1];
    }
    a
}

#[test]
fn gds15_boundaries() {
    // (items answered the depressive way, total, band, positive)
    let cases: &[(&[usize], i32, &str, bool)] = &[
        (&[], 0, "normal", false),
        (&[2, 3, 4, 6], 4, "normal", false),
        (&[1, 2, 3, 4, 6], 5, "mild", true),
        (&[1, 2, 3, 4, 5, 6, 7, 8], 8, "mild", true),
        (&[1, 2, 3, 4, 5, 6, 7, 8, 9], 9, "moderate", true),
        (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 11, "moderate", true),
        (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 12, "severe", true),
        (
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
            15,
            "severe",
            true,
        ),
    ];
    for (items, total, band, positive) in cases {
        let r = run(Scale::Gds15, &gds(items));
        assert_eq!(
            (r.total, r.band.as_str(), r.positive),
            (*total, *band, *positive),
            "{items:?}"
        );
        assert_eq!(r.flags.is_empty(), !positive);
    }
}

#[test]
fn gds15_reversed_items_score_for_no() {
    // 是 to everything: the ten negatively worded items score, the five reversed do not.
    assert_eq!(run(Scale::Gds15, &[1; 15]).total, 10);
    // 否 to everything: only the five reversed items (1, 5, 7, 11, 13) score.
    assert_eq!(run(Scale::Gds15, &[0; 15]).total, 5);
    for item in gds15::REVERSED {
        assert_eq!(run(Scale::Gds15, &gds(&[item])).total, 1, "item {item}");
    }
}

#[test]
fn mini_cog_boundaries() {
    // (recall, clock, total, band, positive)
    let cases = [
        (0, 0, 0, "positive", true),
        (2, 0, 2, "positive", true),
        (0, 2, 2, "positive", true),
        (3, 0, 3, "negative", false),
        (1, 2, 3, "negative", false),
        (3, 2, 5, "negative", false),
    ];
    for (recall, clock, total, band, positive) in cases {
        let r = run(Scale::MiniCog, &[recall, clock]);
        assert_eq!(
            (r.total, r.band.as_str(), r.positive),
            (total, band, positive),
            "{recall} {clock}"
        );
        assert_eq!(r.domain_scores[0].score, recall);
        assert_eq!(r.domain_scores[1].max, 2);
    }
}
