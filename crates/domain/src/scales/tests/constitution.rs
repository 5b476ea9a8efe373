//! 中医体质辨识: verdict boundaries of the biased types and of 平和, several types at once, the
//! reversed 平和 items, and the BMI / waist helpers.
use yiyang_protocol::{TcmConstitution as C, TcmVerdict as V};

use super::*;

/// All answers 1 (没有), then the 1-based `(item, answer)` overrides. All 1 gives 平和 21 (its
/// reversed items score 5) and every biased type 4.
fn tcm(overrides: &[(usize, i32)]) -> Vec<i32> {
    let mut a = vec![1; 33];
    for &(item, value) in overrides {
        a[item - 1] = value;
    }
    a
}

fn verdict(r: &AssessmentResult, c: C) -> (i32, V) {
    let t = r.tcm_types.iter().find(|t| t.constitution == c).unwrap();
    (t.score, t.verdict)
}

#[test]
fn biased_type_boundaries() {
    // 湿热 (23, 25, 27, 30) shares no item with 平和.
    let cases = [
        (&[(23, 2), (25, 2), (27, 2), (30, 2)], 8, V::No),
        (&[(23, 3), (25, 2), (27, 2), (30, 2)], 9, V::Tendency),
        (&[(23, 3), (25, 3), (27, 2), (30, 2)], 10, V::Tendency),
        (&[(23, 3), (25, 3), (27, 3), (30, 2)], 11, V::Yes),
        (&[(23, 5), (25, 5), (27, 5), (30, 5)], 20, V::Yes),
    ];
    for (overrides, score, want) in cases {
        let r = run(Scale::TcmConstitution, &tcm(overrides));
        assert_eq!(verdict(&r, C::Shire), (score, want), "{overrides:?}");
    }
}

/// (1-based item, answer) overrides of [`tcm`].
type Overrides = &'static [(usize, i32)];

#[test]
fn pinghe_yes_basic_no() {
    // (overrides, 平和 score, 平和 verdict, band, label)
    let cases: &[(Overrides, i32, V, &str, &str)] = &[
        (&[], 21, V::Yes, "pinghe", "平和质"),
        // 平和 17 (items 2 and 4 at 3 reverse to 3) while 气虚 (2, 3, 4, 14) reaches 8.
        (&[(2, 3), (4, 3)], 17, V::Yes, "pinghe", "平和质"),
        // One step more on item 13 (reversed): 平和 16.
        (
            &[(2, 3), (4, 3), (13, 2)],
            16,
            V::No,
            "undetermined",
            "未辨识出明确体质",
        ),
        // Another type at 9 or 10: 基本是.
        (
            &[(9, 3), (16, 2), (28, 2), (32, 2)],
            21,
            V::Basic,
            "pinghe",
            "基本是平和质；倾向是：痰湿质",
        ),
        (
            &[(9, 3), (16, 3), (28, 2), (32, 2)],
            21,
            V::Basic,
            "pinghe",
            "基本是平和质；倾向是：痰湿质",
        ),
        // Another type at 11: 平和 否 although its own sum is high.
        (
            &[(9, 3), (16, 3), (28, 3), (32, 2)],
            21,
            V::No,
            "biased",
            "痰湿质",
        ),
    ];
    for (overrides, score, want, band, label) in cases {
        let r = run(Scale::TcmConstitution, &tcm(overrides));
        assert_eq!(verdict(&r, C::Pinghe), (*score, *want), "{overrides:?}");
        assert_eq!(
            (r.band.as_str(), r.label.as_str()),
            (*band, *label),
            "{overrides:?}"
        );
        assert_eq!(r.total, 0);
        assert_eq!(r.tcm_types.len(), 9);
        assert_eq!(r.tcm_types[0].constitution, C::Pinghe);
    }
}

#[test]
fn several_types_at_once() {
    // 气虚 and 阳虚 at 12, 痰湿 at 10; 平和 = 1 + 3 + 3 + 5 + 3 = 15.
    let r = run(
        Scale::TcmConstitution,
        &tcm(&[
            (2, 3),
            (3, 3),
            (4, 3),
            (14, 3),
            (11, 3),
            (12, 3),
            (13, 3),
            (29, 3),
            (9, 4),
            (16, 2),
            (28, 2),
            (32, 2),
        ]),
    );
    assert_eq!(verdict(&r, C::Qixu), (12, V::Yes));
    assert_eq!(verdict(&r, C::Yangxu), (12, V::Yes));
    assert_eq!(verdict(&r, C::Tanshi), (10, V::Tendency));
    assert_eq!(verdict(&r, C::Pinghe), (15, V::No));
    assert_eq!(verdict(&r, C::Qiyu), (4, V::No));
    assert_eq!(r.band, "biased");
    assert_eq!(r.label, "气虚质、阳虚质；倾向是：痰湿质");
    // Everything 总是: every biased type 20 (是), 平和 5 + 1 + 1 + 1 + 1 = 9 (否).
    let r = run(Scale::TcmConstitution, &[5; 33]);
    assert_eq!(verdict(&r, C::Pinghe), (9, V::No));
    assert!(r.tcm_types[1..]
        .iter()
        .all(|t| t.verdict == V::Yes && t.score == 20));
}

#[test]
fn the_pinghe_threshold_is_rule_data() {
    assert_eq!(tcm::RULES.pinghe_yes_others_max, 8);
    assert_eq!(tcm::RULES.pinghe_basic_others_max, 10);
    assert_eq!(
        (tcm::RULES.biased_tendency_min, tcm::RULES.biased_yes_min),
        (9, 11)
    );
}

#[test]
fn bmi_and_waist_bands() {
    let bmi = [
        (180, 1),
        (239, 1),
        (240, 2),
        (249, 2),
        (250, 3),
        (259, 3),
        (260, 4),
        (279, 4),
        (280, 5),
        (350, 5),
    ];
    for (tenths, want) in bmi {
        assert_eq!(tcm_item9_from_bmi(tenths), want, "BMI {tenths}");
    }
    let waist = [
        (70, 1),
        (79, 1),
        (80, 2),
        (85, 2),
        (86, 3),
        (90, 3),
        (91, 4),
        (105, 4),
        (106, 5),
        (120, 5),
    ];
    for (cm, want) in waist {
        assert_eq!(tcm_item28_from_waist(cm), want, "waist {cm}");
    }
}
