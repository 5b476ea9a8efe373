//! Tests of the contract rules: one broken field per table row, the fee split, the term and the
//! steps (sign, renew, terminate).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use yiyang_protocol::{PackageItemInput, PopulationCategory as Cat, TerminationReason as Why};

use super::*;
use crate::text::parse_iso_date;

fn d(s: &str) -> NaiveDate {
    parse_iso_date(s).unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-22")
}

fn valid_input() -> ContractInput {
    ContractInput {
        resident_id: " r-1 ".into(),
        team_id: "t-1".into(),
        doctor_id: "u-1".into(),
        categories: vec![Cat::Hypertension, Cat::Elderly],
        package_kind: PackageKind::Personalized,
        package_items: vec![
            PackageItemInput {
                name: " 上门测血糖 ".into(),
                price: "20".into(),
            },
            PackageItemInput {
                name: "中医理疗".into(),
                price: "１００．５".into(),
            },
        ],
        price: "120".into(),
        insurance_part: "¥100.00".into(),
        self_paid: "20".into(),
        start_on: "2026-12-01".into(),
        end_on: "2027-11-30".into(),
    }
}

#[test]
fn a_valid_contract_is_normalized() {
    let v = validate_contract(&valid_input()).unwrap();
    assert_eq!(v.resident_id, "r-1");
    assert_eq!(v.categories, vec![Cat::Elderly, Cat::Hypertension]);
    assert_eq!(v.package_items[0].name, "上门测血糖");
    assert_eq!(v.package_items[1].price_cents, 10_050);
    assert_eq!(v.price.cents(), 12_000);
    assert_eq!(v.insurance.cents(), 10_000);
    assert_eq!(v.self_paid.cents(), 2_000);
    assert_eq!(v.term.start, d("2026-12-01"));
    assert_eq!(v.term.end, d("2027-11-30"));

    // A basic package may list no items, and may be free.
    let basic = ContractInput {
        package_kind: PackageKind::Basic,
        package_items: Vec::new(),
        price: "0".into(),
        insurance_part: "0".into(),
        self_paid: "0".into(),
        ..valid_input()
    };
    let v = validate_contract(&basic).unwrap();
    assert!(v.package_items.is_empty());
    assert_eq!(v.price, Money::ZERO);
}

type Edit = fn(&mut ContractInput);
/// None, or the (field, code) of the error.
type Failure = Option<(&'static str, &'static str)>;

/// One broken rule per row: (edit of a valid form, field, code).
const CASES: &[(Edit, &str, &str)] = &[
    (
        |c| c.resident_id = " ".into(),
        "residentId",
        "contract.required",
    ),
    (|c| c.team_id = String::new(), "teamId", "contract.required"),
    (
        |c| c.doctor_id = String::new(),
        "doctorId",
        "contract.required",
    ),
    (
        |c| c.categories.clear(),
        "categories",
        "contract.categories_required",
    ),
    (
        |c| c.categories.push(Cat::Elderly),
        "categories",
        "contract.category_duplicate",
    ),
    (
        |c| c.package_items.clear(),
        "packageItems",
        "contract.package_items_required",
    ),
    (
        |c| c.package_items[0].name = " ".into(),
        "packageItems",
        "contract.package_item",
    ),
    (
        |c| c.package_items[1].price = "1.005".into(),
        "packageItems",
        "contract.package_item",
    ),
    (
        |c| c.package_items[1].name = "上门测血糖".into(),
        "packageItems",
        "contract.package_item_duplicate",
    ),
    (
        |c| {
            c.package_items = vec![
                PackageItemInput {
                    name: "项".into(),
                    price: "1".into(),
                };
                MAX_PACKAGE_ITEMS + 1
            ]
        },
        "packageItems",
        "contract.package_items_too_many",
    ),
    (|c| c.price = String::new(), "price", "money.required"),
    (|c| c.price = "-120".into(), "price", "money.negative"),
    (
        |c| c.insurance_part = "abc".into(),
        "insurancePart",
        "money.format",
    ),
    (
        |c| c.self_paid = "20.001".into(),
        "selfPaid",
        "money.decimals",
    ),
    (
        |c| c.self_paid = "2000000".into(),
        "selfPaid",
        "money.too_large",
    ),
    (
        |c| c.self_paid = "30".into(),
        "price",
        "contract.price_mismatch",
    ),
    (|c| c.start_on = String::new(), "startOn", "date.required"),
    (|c| c.end_on = "2027/11/30".into(), "endOn", "date.format"),
    (
        |c| c.start_on = "2026-02-30".into(),
        "startOn",
        "date.format",
    ),
    (
        |c| c.end_on = "2026-12-01".into(),
        "endOn",
        "term.end_before_start",
    ),
    (
        |c| c.end_on = "2026-11-30".into(),
        "endOn",
        "term.end_before_start",
    ),
    (|c| c.end_on = "2029-12-02".into(), "endOn", "term.too_long"),
];

#[test]
fn each_rule_reports_its_field() {
    for (i, (edit, field, code)) in CASES.iter().enumerate() {
        let mut input = valid_input();
        edit(&mut input);
        let errors = validate_contract(&input).unwrap_err();
        assert_eq!(errors.codes(), [*code], "row {i}: {errors:?}");
        assert_eq!(errors.0[0].field, *field, "row {i}");
    }
}

#[test]
fn three_years_is_the_longest_term() {
    let mut input = valid_input();
    input.end_on = "2029-12-01".into();
    assert!(validate_contract(&input).is_ok());
}

#[test]
fn a_fee_mismatch_names_the_three_figures() {
    let mut input = valid_input();
    input.self_paid = "30".into();
    let e = validate_contract(&input).unwrap_err();
    assert_eq!(
        e.0[0].message,
        "总费用应等于医保/公卫经费支付加个人自付：总费用 120.00 元，医保/公卫经费支付 100.00 元，\
         个人自付 30.00 元（两者合计 130.00 元）"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let e = validate_contract(&ContractInput {
        package_kind: PackageKind::Personalized,
        ..ContractInput::default()
    })
    .unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "residentId",
            "teamId",
            "doctorId",
            "categories",
            "packageItems",
            "price",
            "insurancePart",
            "selfPaid",
            "startOn",
            "endOn"
        ]
    );
    assert_eq!(e.0[0].message, "请选择签约居民");
}

#[test]
fn terms_and_reminders() {
    assert_eq!(default_end(d("2026-01-01")), d("2026-12-31"));
    assert_eq!(default_end(d("2024-02-29")), d("2025-02-28"));
    assert_eq!(default_end(d("2023-03-01")), d("2024-02-29"));
    let t = proposed_renewal(d("2026-12-31"));
    assert_eq!((t.start, t.end), (d("2027-01-01"), d("2027-12-31")));
    // (end, days to expiry on 2026-11-22, reminder due)
    let cases = [
        ("2026-11-22", 0, true),
        ("2026-12-22", 30, true),
        ("2026-12-23", 31, false),
        ("2026-11-01", -21, true),
        ("2027-11-21", 364, false),
    ];
    for (end, days, due) in cases {
        assert_eq!(days_to_expiry(d(end), today()), days, "{end}");
        assert_eq!(renewal_due(d(end), today()), due, "{end}");
    }
}

#[test]
fn signing() {
    let term = Term {
        start: d("2026-11-01"),
        end: d("2026-11-20"),
    };
    let later = Term {
        start: d("2026-12-01"),
        end: d("2027-11-30"),
    };
    // (term, signed on, date or code)
    let cases: &[(Term, &str, Result<&str, &str>)] = &[
        (later, "2026-11-22", Ok("2026-11-22")),
        (later, " 2026-10-01 ", Ok("2026-10-01")),
        (term, "2026-11-20", Ok("2026-11-20")),
        (later, "", Err("date.required")),
        (later, "2026-11-31", Err("date.format")),
        (later, "2026-11-23", Err("contract.signed_future")),
        (term, "2026-11-21", Err("contract.signed_after_end")),
    ];
    for (term, raw, expect) in cases {
        match (validate_sign(raw, *term, today()), expect) {
            (Ok(on), Ok(want)) => assert_eq!(on, d(want), "{raw:?}"),
            (Err(e), Err(code)) => {
                assert_eq!(e.codes(), [*code], "{raw:?}");
                assert_eq!(e.0[0].field, "signedOn");
            }
            (got, _) => panic!("{raw:?}: expected {expect:?}, got {got:?}"),
        }
    }
    let e = validate_sign("2026-11-23", later, today()).unwrap_err();
    assert_eq!(e.0[0].message, "签约日期 2026-11-23 晚于今天");
}

#[test]
fn renewing() {
    let old = Term {
        start: d("2025-12-01"),
        end: d("2026-11-30"),
    };
    // (start, end, field and code of the error)
    let cases: &[(&str, &str, Failure)] = &[
        ("2026-12-01", "2027-11-30", None),
        ("2027-02-01", "2028-01-31", None),
        ("2026-06-01", "2027-05-31", None),
        (
            "2025-12-01",
            "2026-11-30",
            Some(("startOn", "contract.renewal_start")),
        ),
        (
            "2025-01-01",
            "2025-12-31",
            Some(("startOn", "contract.renewal_start")),
        ),
        (
            "2026-12-01",
            "2026-12-01",
            Some(("endOn", "term.end_before_start")),
        ),
        ("2026-12-01", "2030-01-01", Some(("endOn", "term.too_long"))),
        ("", "2027-11-30", Some(("startOn", "date.required"))),
    ];
    for (start, end, expect) in cases {
        match (validate_renewal(old, start, end), expect) {
            (Ok(t), None) => assert_eq!((t.start, t.end), (d(start), d(end))),
            (Err(e), Some((field, code))) => {
                assert_eq!(e.codes(), [*code], "{start}");
                assert_eq!(e.0[0].field, *field, "{start}");
            }
            (got, _) => panic!("{start}: expected {expect:?}, got {got:?}"),
        }
    }
    let e = validate_renewal(old, "2025-11-01", "2026-10-31").unwrap_err();
    assert_eq!(
        e.0[0].message,
        "续约开始日期 2025-11-01 应晚于原签约的开始日期 2025-12-01（通常为原签约结束的次日 2026-12-01）"
    );
}

#[test]
fn terminating() {
    let start = d("2026-01-01");
    // (reason, date, note, field and code of the error)
    let cases: &[(Why, &str, &str, Failure)] = &[
        (Why::Deceased, "2026-11-22", "", None),
        (Why::MovedOut, "2026-01-01", "随子女迁往杭州", None),
        (Why::Other, "2026-06-01", "家属要求", None),
        (
            Why::Other,
            "2026-06-01",
            "  ",
            Some(("note", "contract.note_required")),
        ),
        (
            Why::Refused,
            "",
            "",
            Some(("terminatedOn", "date.required")),
        ),
        (
            Why::Refused,
            "2026-6-1",
            "",
            Some(("terminatedOn", "date.format")),
        ),
        (
            Why::LostToFollowUp,
            "2026-11-23",
            "",
            Some(("terminatedOn", "contract.terminated_future")),
        ),
        (
            Why::Resigned,
            "2025-12-31",
            "",
            Some(("terminatedOn", "contract.terminated_before_start")),
        ),
        (
            Why::Refused,
            "2026-06-01",
            "\u{7}",
            Some(("note", "text.control_char")),
        ),
    ];
    for (reason, on, note, expect) in cases {
        match (
            validate_termination(*reason, on, note, start, today()),
            expect,
        ) {
            (Ok(t), None) => {
                assert_eq!(t.on, d(on));
                assert_eq!(t.reason, *reason);
                assert_eq!(t.note, note.trim());
            }
            (Err(e), Some((field, code))) => {
                assert_eq!(e.codes(), [*code], "{on} {note:?}");
                assert_eq!(e.0[0].field, *field, "{on}");
            }
            (got, _) => panic!("{on}: expected {expect:?}, got {got:?}"),
        }
    }
    let e = validate_termination(Why::Other, "2026-06-01", "", start, today()).unwrap_err();
    assert_eq!(e.0[0].message, "解约原因为「其他」时，请填写解约说明");
    let e = validate_termination(Why::Refused, "2025-12-31", "", start, today()).unwrap_err();
    assert_eq!(
        e.0[0].message,
        "解约日期 2025-12-31 早于 2026-01-01（签约开始日期；开始前已签署的，为签署日期）"
    );
}

#[test]
fn the_earliest_termination_day() {
    // (start, signed on, earliest) on 2026-11-22
    let cases = [
        ("2026-01-01", Some("2025-12-20"), "2025-12-20"),
        ("2026-01-01", Some("2026-01-05"), "2026-01-01"),
        ("2026-12-01", Some("2026-11-20"), "2026-11-20"),
        ("2026-12-01", None, "2026-11-22"),
        ("2026-06-01", None, "2026-06-01"),
    ];
    for (start, signed, earliest) in cases {
        assert_eq!(
            termination_earliest(d(start), signed.map(d), today()),
            d(earliest),
            "{start} {signed:?}"
        );
    }
}

#[test]
fn labels() {
    assert_eq!(category_label(Cat::Elderly), "65岁及以上老年人");
    assert_eq!(package_label(PackageKind::Personalized), "个性化包");
    assert_eq!(contract_status_label(ContractStatus::Renewed), "续约");
    assert_eq!(termination_reason_label(Why::LostToFollowUp), "失访");
}
