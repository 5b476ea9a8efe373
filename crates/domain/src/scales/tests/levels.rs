//! 老年人能力评估: level cut-offs on both sides, domain subtotals, and the coma, dementia and
//! care-risk adjustments with their clamping at 能力完全丧失.
use yiyang_protocol::DisabilityGrade::{self, Intact, Mild, Moderate, Severe, Total};

use super::*;

/// Answers totalling `total`: every item at its maximum, then lowered from the last item back.
pub(super) fn answers_for(total: i32) -> Vec<i32> {
    let mut answers: Vec<i32> = ability::OPTIONS
        .iter()
        .map(|o| o.iter().map(|(v, _)| *v).max().unwrap())
        .collect();
    let mut excess = answers.iter().sum::<i32>() - total;
    for a in answers.iter_mut().rev() {
        let cut = excess.min(*a);
        *a -= cut;
        excess -= cut;
    }
    answers
}

fn factors(coma: bool, dementia: bool, events: i32) -> AbilityFactors {
    AbilityFactors {
        coma,
        dementia_or_psychiatric_diagnosis: dementia,
        care_risk_events_30_days: events,
    }
}

#[test]
fn level_boundaries() {
    let cases: &[(i32, &str, &str, DisabilityGrade)] = &[
        (90, "intact", "能力完好", Intact),
        (89, "mild", "轻度失能", Mild),
        (66, "mild", "轻度失能", Mild),
        (65, "moderate", "中度失能", Moderate),
        (46, "moderate", "中度失能", Moderate),
        (45, "severe", "重度失能", Severe),
        (30, "severe", "重度失能", Severe),
        (29, "total", "能力完全丧失", Total),
        (0, "total", "能力完全丧失", Total),
    ];
    for (total, band, label, grade) in cases {
        let r = run(Scale::Ability, &answers_for(*total));
        assert_eq!(r.total, *total);
        assert_eq!(
            (r.band.as_str(), r.label.as_str(), r.grade),
            (*band, *label, Some(*grade)),
            "{total}"
        );
        assert!(r.flags.is_empty(), "{total}: {:?}", r.flags);
        assert!(!r.positive);
    }
}

#[test]
fn domain_subtotals() {
    let r = run(Scale::Ability, &answers_for(90));
    let got: Vec<(&str, i32, i32)> = r
        .domain_scores
        .iter()
        .map(|d| (d.name.as_str(), d.score, d.max))
        .collect();
    assert_eq!(
        got,
        [
            ("自理能力", 32, 32),
            ("基础运动能力", 15, 15),
            ("精神状态", 28, 28),
            ("感知觉与社会参与", 15, 15),
        ]
    );
    // 80 takes 10 points off the last domain (15) and nothing elsewhere.
    let r = run(Scale::Ability, &answers_for(80));
    assert_eq!(r.domain_scores[3].score, 5);
    assert_eq!(r.domain_scores[2].score, 28);
}

#[test]
fn adjustments_are_cumulative_and_clamped() {
    // (total, coma, dementia, events in 30 days, final grade, number of flags)
    let cases: &[(i32, bool, bool, i32, DisabilityGrade, usize)] = &[
        (90, false, false, 0, Intact, 0),
        (90, false, false, 1, Intact, 0),
        (90, false, false, 2, Mild, 2),
        (90, false, true, 0, Mild, 2),
        (90, false, true, 2, Moderate, 3),
        (70, false, true, 5, Severe, 3),
        (45, false, false, 2, Total, 2),
        // Severe plus two levels stops at 能力完全丧失.
        (40, false, true, 3, Total, 3),
        // Already 能力完全丧失: nothing to add, so no "初步等级" note.
        (20, false, true, 2, Total, 2),
        (90, true, false, 0, Total, 2),
        (90, true, true, 4, Total, 2),
        (10, true, false, 0, Total, 1),
    ];
    for &(total, coma, dementia, events, grade, n_flags) in cases {
        let r = run_with(
            Scale::Ability,
            &answers_for(total),
            Some(factors(coma, dementia, events)),
        );
        let what = format!("{total} coma={coma} dementia={dementia} events={events}");
        assert_eq!(r.total, total, "{what}");
        assert_eq!(r.grade, Some(grade), "{what}");
        assert_eq!(r.label, grade_label(grade), "{what}");
        assert_eq!(r.flags.len(), n_flags, "{what}: {:?}", r.flags);
    }
}

#[test]
fn adjustment_flags_explain_the_level() {
    let r = run_with(
        Scale::Ability,
        &answers_for(70),
        Some(factors(false, true, 2)),
    );
    assert_eq!(r.band, "severe");
    assert_eq!(
        r.flags,
        [
            "确诊痴呆或精神障碍，等级加重一级",
            "近30天照护风险事件 2 次，等级加重一级",
            "初步等级：轻度失能（总分 70）",
        ]
    );
    let r = run_with(
        Scale::Ability,
        &answers_for(90),
        Some(factors(true, false, 0)),
    );
    assert_eq!(r.band, "total");
    assert_eq!(
        r.flags,
        [
            "昏迷，直接评定为能力完全丧失",
            "初步等级：能力完好（总分 90）"
        ]
    );
}

#[test]
fn worsen_stops_at_total() {
    assert_eq!(ability::worsen(Intact, 0), Intact);
    assert_eq!(ability::worsen(Intact, 4), Total);
    assert_eq!(ability::worsen(Moderate, 1), Severe);
    assert_eq!(ability::worsen(Severe, 9), Total);
    assert_eq!(ability::worsen(Total, usize::MAX), Total);
}
