//! Tests of the agreement rules: one broken field per table row, defaults, and the steps.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use yiyang_protocol::{Frequency, FrequencyUnit};

use super::*;
use crate::text::parse_iso_date;

fn d(s: &str) -> NaiveDate {
    parse_iso_date(s).unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-22")
}

fn weekly() -> Option<Frequency> {
    Some(Frequency {
        every: 1,
        unit: FrequencyUnit::Week,
    })
}

fn item(item: ServiceItem, frequency: Option<Frequency>) -> AgreementItem {
    AgreementItem { item, frequency }
}

fn valid_input() -> AgreementInput {
    AgreementInput {
        nursing_home_id: " home-1 ".into(),
        number: String::new(),
        start_on: "2026-12-01".into(),
        end_on: "2029-11-30".into(),
        items: vec![
            item(ServiceItem::G1, None),
            item(ServiceItem::S1, weekly()),
            item(ServiceItem::G3, None),
        ],
        methods: vec![
            ServiceMethod::ScheduledRounds,
            ServiceMethod::OnCall,
            ServiceMethod::ScheduledRounds,
        ],
        file_within_days: String::new(),
        note: " 每周二上午巡诊 ".into(),
    }
}

#[test]
fn a_valid_agreement_is_normalized() {
    let v = validate_agreement(&valid_input()).unwrap();
    assert_eq!(v.nursing_home_id, "home-1");
    assert_eq!(v.number, None, "empty: assigned by the store");
    assert_eq!(v.term.start, d("2026-12-01"));
    assert_eq!(v.items.len(), 3);
    assert_eq!(v.items[0].frequency, None, "the due rules give the default");
    assert_eq!(
        v.methods,
        vec![ServiceMethod::ScheduledRounds, ServiceMethod::OnCall]
    );
    assert_eq!(v.file_within_days, DEFAULT_FILE_WITHIN_DAYS);
    assert_eq!(v.note, "每周二上午巡诊");

    let numbered = AgreementInput {
        number: " XY2026-城南-01 ".into(),
        file_within_days: "１５".into(),
        end_on: "2036-12-01".into(),
        ..valid_input()
    };
    let v = validate_agreement(&numbered).unwrap();
    assert_eq!(v.number.as_deref(), Some("XY2026-城南-01"));
    assert_eq!(v.file_within_days, 15);
}

type Edit = fn(&mut AgreementInput);
/// Ok, or the (field, code) of the error.
type Expect = Result<(), (&'static str, &'static str)>;

/// One broken rule per row: (edit of a valid form, field, code).
const CASES: &[(Edit, &str, &str)] = &[
    (
        |a| a.nursing_home_id = " ".into(),
        "nursingHomeId",
        "agreement.home_required",
    ),
    (|a| a.number = "号".repeat(41), "number", "text.too_long"),
    (|a| a.number = "XY\t1".into(), "number", "text.control_char"),
    (|a| a.start_on = String::new(), "startOn", "date.required"),
    (|a| a.end_on = "2029-11-31".into(), "endOn", "date.format"),
    (
        |a| a.end_on = "2026-11-30".into(),
        "endOn",
        "term.end_before_start",
    ),
    (|a| a.end_on = "2036-12-02".into(), "endOn", "term.too_long"),
    (|a| a.items.clear(), "items", "agreement.items_required"),
    (
        |a| a.items.push(item(ServiceItem::S1, None)),
        "items",
        "agreement.item_duplicate",
    ),
    (
        |a| {
            a.items[1].frequency = Some(Frequency {
                every: 0,
                unit: FrequencyUnit::Week,
            })
        },
        "items",
        "agreement.frequency_range",
    ),
    (
        |a| {
            a.items[1].frequency = Some(Frequency {
                every: 366,
                unit: FrequencyUnit::Day,
            })
        },
        "items",
        "agreement.frequency_range",
    ),
    (
        |a| a.methods.clear(),
        "methods",
        "agreement.methods_required",
    ),
    (
        |a| a.file_within_days = "0".into(),
        "fileWithinDays",
        "agreement.file_within_days",
    ),
    (
        |a| a.file_within_days = "366".into(),
        "fileWithinDays",
        "agreement.file_within_days",
    ),
    (
        |a| a.file_within_days = "三十".into(),
        "fileWithinDays",
        "agreement.file_within_days",
    ),
    (
        |a| a.file_within_days = "-1".into(),
        "fileWithinDays",
        "agreement.file_within_days",
    ),
    (|a| a.note = "注".repeat(1001), "note", "text.too_long"),
];

#[test]
fn each_rule_reports_its_field() {
    for (i, (edit, field, code)) in CASES.iter().enumerate() {
        let mut input = valid_input();
        edit(&mut input);
        let errors = validate_agreement(&input).unwrap_err();
        assert_eq!(errors.codes(), [*code], "row {i}: {errors:?}");
        assert_eq!(errors.0[0].field, *field, "row {i}");
    }
}

#[test]
fn boundaries_are_accepted() {
    for (every, days) in [(1, "1"), (365, "365"), (7, " 30 ")] {
        let mut input = valid_input();
        input.items[1].frequency = Some(Frequency {
            every,
            unit: FrequencyUnit::Day,
        });
        input.file_within_days = days.into();
        let v = validate_agreement(&input).unwrap();
        assert_eq!(v.file_within_days, days.trim().parse::<u32>().unwrap());
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let e = validate_agreement(&AgreementInput::default()).unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        ["nursingHomeId", "startOn", "endOn", "items", "methods"]
    );
    let mut input = valid_input();
    input.items[1].frequency = Some(Frequency {
        every: 400,
        unit: FrequencyUnit::Day,
    });
    let e = validate_agreement(&input).unwrap_err();
    assert_eq!(
        e.0[0].message,
        "服务项目 S1 的频次有误：每 400 个周期一次，应为 1 到 365"
    );
}

#[test]
fn activation() {
    let term = Term {
        start: d("2026-01-01"),
        end: d("2026-10-31"),
    };
    let later = Term {
        start: d("2026-12-01"),
        end: d("2029-11-30"),
    };
    // (term, date, date or code)
    let cases: &[(Term, &str, Result<&str, &str>)] = &[
        (later, "2026-11-22", Ok("2026-11-22")),
        (term, "2026-10-31", Ok("2026-10-31")),
        (later, "", Err("date.required")),
        (later, "2026-11-23", Err("agreement.activated_future")),
        (term, "2026-11-01", Err("agreement.activated_after_end")),
    ];
    for (term, raw, expect) in cases {
        match (validate_activation(raw, *term, today()), expect) {
            (Ok(on), Ok(want)) => assert_eq!(on, d(want)),
            (Err(e), Err(code)) => {
                assert_eq!(e.codes(), [*code], "{raw}");
                assert_eq!(e.0[0].field, "on");
            }
            (got, _) => panic!("{raw}: expected {expect:?}, got {got:?}"),
        }
    }
}

#[test]
fn termination() {
    let activated = d("2026-06-01");
    // (date, reason, Ok or (field, code))
    let cases: &[(&str, &str, Expect)] = &[
        ("2026-11-22", "敬老院撤并", Ok(())),
        ("2026-06-01", " 双方协商一致 ", Ok(())),
        ("2026-11-22", "  ", Err(("reason", "text.required"))),
        (
            "2026-11-23",
            "敬老院撤并",
            Err(("on", "agreement.terminated_future")),
        ),
        (
            "2026-05-31",
            "敬老院撤并",
            Err(("on", "agreement.terminated_before_activation")),
        ),
        ("", "敬老院撤并", Err(("on", "date.required"))),
    ];
    for (on, reason, expect) in cases {
        match (
            validate_agreement_termination(on, reason, activated, today()),
            expect,
        ) {
            (Ok(v), Ok(())) => {
                assert_eq!(v.on, d(on));
                assert_eq!(v.reason, reason.trim());
            }
            (Err(e), Err((field, code))) => {
                assert_eq!(e.codes(), [*code], "{on} {reason}");
                assert_eq!(e.0[0].field, *field);
            }
            (got, _) => panic!("{on}: expected {expect:?}, got {got:?}"),
        }
    }
    let e = validate_agreement_termination("2026-11-22", "", activated, today()).unwrap_err();
    assert_eq!(e.0[0].message, "终止原因不能为空");
}

#[test]
fn labels() {
    assert_eq!(
        method_label(ServiceMethod::EmergencyChannel),
        "急诊绿色通道/转诊"
    );
    assert_eq!(agreement_status_label(AgreementStatus::Active), "生效");
}

#[test]
fn expiring_agreements_are_listed_a_month_ahead() {
    // (end, listed on `today()`)
    let cases = [
        (today(), true),
        (today() + chrono::Days::new(30), true),
        (today() + chrono::Days::new(31), false),
        (today() - chrono::Days::new(5), true),
        (today() + chrono::Days::new(365), false),
    ];
    for (end, listed) in cases {
        assert_eq!(expiry_notice_due(end, today()), listed, "{end}");
    }
}
