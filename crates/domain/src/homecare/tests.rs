#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Table-driven tests of the home-care rules: entitlements, care levels, 长护险 eligibility and
//! the monthly cap, family-bed visits, plan due dates, entry validation and indicators.
use chrono::NaiveDate;
use yiyang_protocol::{
    BedLevel, BedVisitState, CareLevel, CatalogueItemInput, Confirmation, DisabilityGrade as G,
    DueState, EntitledGroup as E, Frequency, FrequencyUnit, HomeService, HomeServiceInput,
    LtcEligibility, Payer, PlannedService, RecordDetail, RecordInput, RecordInputDetail,
    ServiceUnit, SpecialCategory as S,
};

use super::indicators::{compute, AtHome, BedFact, DeliveryFact};
use super::*;
use crate::records::validate_record;

fn d(s: &str) -> NaiveDate {
    crate::text::parse_iso_date(s).unwrap()
}

fn assessed(on: &str, grade: G) -> Assessed {
    Assessed { on: d(on), grade }
}

#[test]
fn entitlement_groups_follow_the_rule_table() {
    // (age, special categories, grade, groups)
    type Case = (Option<u32>, &'static [S], Option<G>, &'static [E]);
    let cases: &[Case] = &[
        (Some(70), &[], None, &[]),
        (Some(79), &[], Some(G::Mild), &[]),
        (Some(80), &[], None, &[E::Gaoling]),
        (Some(66), &[S::Gaoling], None, &[E::Gaoling]),
        (None, &[S::Tekun], None, &[E::Tekun]),
        (
            Some(72),
            &[S::Dibao, S::Kongchao],
            Some(G::Moderate),
            &[E::Dibao, E::Disabled],
        ),
        (
            Some(91),
            &[S::Tekun, S::Dibao],
            Some(G::Total),
            &[E::Tekun, E::Dibao, E::Gaoling, E::Disabled],
        ),
    ];
    for (i, (age, special, grade, want)) in cases.iter().enumerate() {
        let person = Person {
            age: *age,
            special,
            grade: *grade,
        };
        assert_eq!(entitled_groups(person, &ENTITLEMENT_V1), *want, "case {i}");
    }
    // A county that counts 高龄 from 85 and 失能 only from severe.
    let strict = EntitlementRule {
        version: "test",
        gaoling_age: 85,
        disabled_from: G::Severe,
    };
    let person = Person {
        age: Some(82),
        special: &[],
        grade: Some(G::Moderate),
    };
    assert_eq!(entitled_groups(person, &strict), vec![]);
}

#[test]
fn subsidies_follow_the_catalogue_groups() {
    let catalogue = built_in_catalogue();
    let item = |code: &str| catalogue.iter().find(|i| i.code == code).unwrap();
    assert!(is_subsidised(&item("meal").subsidised, &[E::Gaoling]));
    assert!(!is_subsidised(&item("meal").subsidised, &[E::Disabled]));
    assert!(is_subsidised(
        &item("rehab_nursing").subsidised,
        &[E::Disabled]
    ));
    assert!(!is_subsidised(&item("rehab_nursing").subsidised, &[]));
}

#[test]
fn the_built_in_catalogue_has_the_eight_services_and_a_county_can_extend_it() {
    let names: Vec<String> = built_in_catalogue().into_iter().map(|i| i.name).collect();
    assert_eq!(
        names,
        [
            "助餐",
            "助洁",
            "助行",
            "助浴",
            "助医",
            "助急",
            "康复护理",
            "精神慰藉"
        ]
    );
    let added = validate_catalogue_item(&CatalogueItemInput {
        code: "foot_care".into(),
        name: "足部护理".into(),
        unit: Some(ServiceUnit::Visit),
        price: "25".into(),
        payer: Some(Payer::SelfPaid),
        subsidised: vec![E::Disabled, E::Tekun, E::Disabled],
    })
    .unwrap();
    assert_eq!(added.price_cents, 2_500);
    assert_eq!(added.subsidised, vec![E::Tekun, E::Disabled]);
    let repriced = validate_catalogue_item(&CatalogueItemInput {
        code: "meal".into(),
        name: "助餐".into(),
        unit: Some(ServiceUnit::Meal),
        price: "10".into(),
        payer: Some(Payer::Government),
        subsidised: vec![],
    })
    .unwrap();
    let catalogue = catalogue_with(&[added, repriced]);
    assert_eq!(catalogue.len(), 9);
    assert_eq!(catalogue[0].price_cents, 1_000);
    assert!(catalogue[0].built_in);
    assert_eq!(catalogue[8].name, "足部护理");
    assert!(!catalogue[8].built_in);

    let bad = validate_catalogue_item(&CatalogueItemInput {
        code: "Foot Care".into(),
        name: " ".into(),
        unit: None,
        price: "-3".into(),
        payer: None,
        subsidised: vec![],
    })
    .unwrap_err();
    let fields: Vec<&str> = bad.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["code", "name", "unit", "payer", "price"]);
}

#[test]
fn a_new_assessment_changes_the_care_level() {
    let history = [
        assessed("2025-03-01", G::Mild),
        assessed("2026-02-10", G::Severe),
        assessed("2026-06-20", G::Moderate),
    ];
    // (as of, level)
    let cases = [
        ("2025-02-28", CareLevel::None),
        ("2025-03-01", CareLevel::Level1),
        ("2026-02-09", CareLevel::Level1),
        ("2026-02-10", CareLevel::Level3),
        ("2026-06-19", CareLevel::Level3),
        ("2026-06-20", CareLevel::Level2),
        ("2026-12-31", CareLevel::Level2),
    ];
    for (as_of, want) in cases {
        assert_eq!(
            care_level(&history, d(as_of), &CARE_LEVEL_V1).0,
            want,
            "{as_of}"
        );
    }
    // Two assessments on one day: the one recorded later counts.
    let same_day = [
        assessed("2026-05-01", G::Severe),
        assessed("2026-05-01", G::Mild),
    ];
    assert_eq!(
        care_level(&same_day, d("2026-05-02"), &CARE_LEVEL_V1).0,
        CareLevel::Level1
    );
}

#[test]
fn ltc_eligibility_follows_the_county_rule() {
    let moderate_county = LtcRule {
        version: "test-moderate",
        min_grade: G::Moderate,
        ..LTC_V1
    };
    let eligible = |from: &str, until: &str, grade| LtcEligibility::Eligible {
        from: from.into(),
        until: until.into(),
        grade,
    };
    // (history, as of, rule, expected)
    let cases: Vec<(Vec<Assessed>, &str, &LtcRule, LtcEligibility)> = vec![
        (vec![], "2026-05-01", &LTC_V1, LtcEligibility::NotAssessed),
        (
            vec![assessed("2026-01-15", G::Moderate)],
            "2026-05-01",
            &LTC_V1,
            LtcEligibility::NotQualifying { grade: G::Moderate },
        ),
        (
            vec![assessed("2026-01-15", G::Moderate)],
            "2026-05-01",
            &moderate_county,
            eligible("2026-01-15", "2028-01-14", G::Moderate),
        ),
        (
            vec![assessed("2026-01-15", G::Severe)],
            "2026-05-01",
            &LTC_V1,
            eligible("2026-01-15", "2028-01-14", G::Severe),
        ),
        (
            vec![assessed("2026-01-15", G::Total)],
            "2028-01-14",
            &LTC_V1,
            eligible("2026-01-15", "2028-01-14", G::Total),
        ),
        (
            vec![assessed("2026-01-15", G::Total)],
            "2028-01-15",
            &LTC_V1,
            LtcEligibility::Expired {
                until: "2028-01-14".into(),
            },
        ),
        // Recovered: the newer assessment ends the benefit.
        (
            vec![
                assessed("2026-01-15", G::Severe),
                assessed("2026-04-01", G::Mild),
            ],
            "2026-05-01",
            &LTC_V1,
            LtcEligibility::NotQualifying { grade: G::Mild },
        ),
        // An assessment after the day asked about does not count yet.
        (
            vec![assessed("2026-06-01", G::Severe)],
            "2026-05-31",
            &LTC_V1,
            LtcEligibility::NotAssessed,
        ),
    ];
    for (i, (history, as_of, rule, want)) in cases.into_iter().enumerate() {
        assert_eq!(
            ltc_eligibility(true, &history, d(as_of), rule),
            want,
            "case {i}"
        );
    }
    // Not enrolled: no benefit whatever the grade.
    assert_eq!(
        ltc_eligibility(
            false,
            &[assessed("2026-01-15", G::Total)],
            d("2026-05-01"),
            &LTC_V1
        ),
        LtcEligibility::NotInsured
    );
}

fn delivery(code: &str, payer: Payer, amount_cents: i64) -> HomeService {
    HomeService {
        service: code.into(),
        service_name: code.into(),
        unit: ServiceUnit::Visit,
        quantity_centi: 100,
        minutes: None,
        unit_price_cents: amount_cents,
        amount_cents,
        payer,
        provider: "李护士".into(),
        confirmation: Confirmation::Person,
        confirmed_by: "王大爷".into(),
        note: String::new(),
    }
}

#[test]
fn the_monthly_statement_never_pays_beyond_the_cap_and_says_so() {
    let bath = delivery("bathing", Payer::LongTermCare, 60_000);
    let meal = delivery("meal", Payer::SelfPaid, 1_200);
    let clean = delivery("cleaning", Payer::Government, 4_000);
    let month = Month::parse("2026-05").unwrap();
    let eligible = ltc_eligibility(
        true,
        &[assessed("2026-01-15", G::Severe)],
        month.last_day(),
        &LTC_V1,
    );
    let on = |day| d(&format!("2026-05-{day:02}"));
    // (LTC deliveries in May, paid, uncovered, flags)
    let cases: &[(usize, i64, i64, usize)] = &[
        (0, 0, 0, 0),
        (2, 120_000, 0, 0),
        (3, 155_000, 25_000, 1),
        (5, 155_000, 145_000, 1),
    ];
    for &(n, paid, uncovered, flags) in cases {
        let mut deliveries: Vec<Delivery<'_>> = (0..n)
            .map(|i| Delivery {
                on: on(i as u32 + 1),
                service: &bath,
            })
            .collect();
        deliveries.push(Delivery {
            on: on(3),
            service: &meal,
        });
        deliveries.push(Delivery {
            on: on(4),
            service: &clean,
        });
        // Another month's entries are left out.
        deliveries.push(Delivery {
            on: d("2026-04-30"),
            service: &bath,
        });
        deliveries.push(Delivery {
            on: d("2026-06-01"),
            service: &bath,
        });
        let s = monthly_statement("r1", month, &deliveries, eligible.clone(), &LTC_V1);
        assert_eq!(s.ltc_charged_cents, 60_000 * n as i64, "{n} baths");
        assert_eq!(s.ltc_paid_cents, paid, "{n} baths");
        assert!(s.ltc_paid_cents <= s.ltc_cap_cents);
        assert_eq!(s.ltc_uncovered_cents, uncovered, "{n} baths");
        assert_eq!(s.flags.len(), flags, "{n} baths: {:?}", s.flags);
        assert_eq!(s.self_paid_cents, 1_200);
        assert_eq!(s.government_cents, 4_000);
        assert_eq!(s.month, "2026-05");
        if flags > 0 {
            assert!(
                s.flags[0].contains("超过月度限额 ¥1550.00"),
                "{:?}",
                s.flags
            );
        }
    }
    let lines = monthly_statement(
        "r1",
        month,
        &[
            Delivery {
                on: on(1),
                service: &bath,
            },
            Delivery {
                on: on(2),
                service: &bath,
            },
            Delivery {
                on: on(2),
                service: &meal,
            },
        ],
        eligible,
        &LTC_V1,
    )
    .lines;
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0].deliveries, lines[0].amount_cents), (2, 120_000));
}

#[test]
fn ltc_services_outside_the_benefit_are_flagged_not_paid() {
    let bath = delivery("bathing", Payer::LongTermCare, 60_000);
    let month = Month::parse("2026-05").unwrap();
    // Assessed severe on 10 May: the bath of 5 May is before the benefit began.
    let eligible = ltc_eligibility(
        true,
        &[assessed("2026-05-10", G::Severe)],
        month.last_day(),
        &LTC_V1,
    );
    let s = monthly_statement(
        "r1",
        month,
        &[
            Delivery {
                on: d("2026-05-05"),
                service: &bath,
            },
            Delivery {
                on: d("2026-05-12"),
                service: &bath,
            },
        ],
        eligible,
        &LTC_V1,
    );
    assert_eq!((s.ltc_paid_cents, s.ltc_uncovered_cents), (60_000, 60_000));
    assert!(s.flags[0].contains("不在长护险待遇期"), "{:?}", s.flags);

    let not_qualifying = ltc_eligibility(
        true,
        &[assessed("2026-01-10", G::Mild)],
        month.last_day(),
        &LTC_V1,
    );
    let s = monthly_statement(
        "r1",
        month,
        &[Delivery {
            on: d("2026-05-05"),
            service: &bath,
        }],
        not_qualifying,
        &LTC_V1,
    );
    assert_eq!((s.ltc_paid_cents, s.ltc_uncovered_cents), (0, 60_000));
    assert!(s.flags[0].contains("轻度失能"), "{:?}", s.flags);
}

#[test]
fn a_family_bed_without_the_visits_its_level_requires_is_overdue() {
    let bed = |registered: &str, level, last: Option<&str>| Bed {
        registered_on: d(registered),
        level,
        ended_on: None,
        last_visit: last.map(d),
    };
    // (bed, today, overdue days or None when on time, due by)
    let cases = [
        (
            bed("2026-05-01", BedLevel::Managed24h, None),
            "2026-05-08",
            None,
            "2026-05-08",
        ),
        (
            bed("2026-05-01", BedLevel::Managed24h, None),
            "2026-05-09",
            Some(1),
            "2026-05-08",
        ),
        (
            bed("2026-05-01", BedLevel::Managed24h, Some("2026-05-06")),
            "2026-05-13",
            None,
            "2026-05-13",
        ),
        (
            bed("2026-05-01", BedLevel::Managed24h, Some("2026-05-06")),
            "2026-05-20",
            Some(7),
            "2026-05-13",
        ),
        (
            bed("2026-05-01", BedLevel::Ordinary, Some("2026-05-06")),
            "2026-05-20",
            None,
            "2026-06-05",
        ),
        (
            bed("2026-05-01", BedLevel::Ordinary, None),
            "2026-06-10",
            Some(10),
            "2026-05-31",
        ),
        // A visit before the (re-)registration does not count for it.
        (
            bed("2026-05-01", BedLevel::Managed24h, Some("2026-04-30")),
            "2026-05-09",
            Some(1),
            "2026-05-08",
        ),
    ];
    for (i, (b, today, over, due_by)) in cases.into_iter().enumerate() {
        let (state, reason) = bed_state(b, d(today), &BED_V1);
        let want = match over {
            Some(days_over) => BedVisitState::Overdue {
                due_by: due_by.into(),
                days_over,
            },
            None => BedVisitState::OnTime {
                due_by: due_by.into(),
            },
        };
        assert_eq!(state, want, "case {i}: {reason}");
    }
    let (state, reason) = bed_state(
        Bed {
            ended_on: Some(d("2026-05-03")),
            ..bed("2026-05-01", BedLevel::Managed24h, None)
        },
        d("2026-07-01"),
        &BED_V1,
    );
    assert_eq!(
        state,
        BedVisitState::Ended {
            on: "2026-05-03".into()
        }
    );
    assert!(reason.contains("撤销"));
    let (_, reason) = bed_state(
        bed("2026-05-01", BedLevel::Managed24h, None),
        d("2026-05-10"),
        &BED_V1,
    );
    assert!(
        reason.contains("每 7 天至少巡访一次") && reason.contains("已逾期 2 天"),
        "{reason}"
    );
}

fn planned(code: &str, name: &str, every: u32, unit: FrequencyUnit) -> PlannedService {
    PlannedService {
        service: code.into(),
        service_name: name.into(),
        frequency: Frequency { every, unit },
        provider: "中心".into(),
    }
}

#[test]
fn planned_services_are_due_done_or_missed() {
    let plan = [
        planned("meal", "助餐", 1, FrequencyUnit::Day),
        planned("cleaning", "助洁", 1, FrequencyUnit::Week),
        planned("bathing", "助浴", 2, FrequencyUnit::Week),
    ];
    let deliveries = [
        (d("2026-05-10"), "meal"),
        (d("2026-04-28"), "cleaning"), // before the plan: does not count
        (d("2026-05-03"), "cleaning"),
    ];
    let due = plan_due(d("2026-05-01"), &plan, &deliveries, d("2026-05-11"));
    let states: Vec<(DueState, &str)> = due.iter().map(|c| (c.state, c.due_by.as_str())).collect();
    assert_eq!(
        states,
        [
            (DueState::Done, "2026-05-11"),
            (DueState::Overdue, "2026-05-10"),
            (DueState::Due, "2026-05-15"),
        ]
    );
    assert_eq!(
        due[1].reason,
        "助洁：计划每周一次，上次服务在 2026-05-03，已逾期 1 天"
    );
    assert_eq!(due[2].last_done, None);
}

fn service_input(quantity: &str, confirmation: Confirmation, by: &str, note: &str) -> RecordInput {
    let priced = built_in_catalogue()
        .into_iter()
        .find(|i| i.code == "rehab_nursing");
    RecordInput {
        resident_id: "r1".into(),
        occurred_on: "2026-05-10".into(),
        place: String::new(),
        detail: RecordInputDetail::HomeService(HomeServiceInput {
            service: "rehab_nursing".into(),
            quantity: quantity.into(),
            minutes: String::new(),
            provider: "李护士".into(),
            payer: None,
            confirmation,
            confirmed_by: by.into(),
            note: note.into(),
            priced,
        }),
    }
}

#[test]
fn a_delivery_is_priced_from_the_catalogue_and_confirmed() {
    // (quantity, amount in 分 at ¥80.00 an hour, or the error code)
    let cases: &[(&str, Result<i64, &str>)] = &[
        ("1", Ok(8_000)),
        ("1.5", Ok(12_000)),
        ("0.25", Ok(2_000)),
        ("１.５", Ok(12_000)),
        ("0", Err("homecare.quantity")),
        ("1.555", Err("homecare.quantity")),
        ("-1", Err("homecare.quantity")),
        ("1001", Err("homecare.quantity")),
        ("", Err("homecare.quantity")),
    ];
    for (quantity, want) in cases {
        let got = validate_record(
            &service_input(quantity, Confirmation::Person, "王大爷", ""),
            d("2026-05-10"),
        );
        match (got, want) {
            (Ok(v), Ok(cents)) => match v.detail {
                RecordDetail::HomeService(s) => {
                    assert_eq!(s.amount_cents, *cents, "{quantity}");
                    assert_eq!(s.payer, Payer::LongTermCare);
                    assert_eq!(v.kind, "home_service");
                    assert_eq!(v.item, None);
                }
                other => panic!("{other:?}"),
            },
            (Err(e), Err(code)) => assert_eq!(e.codes(), [*code], "{quantity}"),
            (got, want) => panic!("{quantity}: {got:?} vs {want:?}"),
        }
    }
    let v = validate_record(
        &service_input("1", Confirmation::Family, "王小明", ""),
        d("2026-05-10"),
    )
    .unwrap();
    assert_eq!(
        v.summary,
        "康复护理 1 小时，¥80.00（长护险，李护士，家属（王小明）确认）"
    );
    // Confirmed by someone: a name. Not confirmed: a note saying why.
    let e = validate_record(
        &service_input("1", Confirmation::Person, " ", ""),
        d("2026-05-10"),
    )
    .unwrap_err();
    assert_eq!(e.codes(), ["text.required"]);
    assert_eq!(e.0[0].field, "confirmedBy");
    let e = validate_record(
        &service_input("1", Confirmation::None, "", ""),
        d("2026-05-10"),
    )
    .unwrap_err();
    assert_eq!(e.codes(), ["homecare.unconfirmed_note"]);
    assert!(validate_record(
        &service_input("1", Confirmation::None, "", "老人熟睡，家属不在"),
        d("2026-05-10")
    )
    .is_ok());
    // Not priced from the catalogue: refused, naming the field.
    let mut unpriced = service_input("1", Confirmation::Person, "王大爷", "");
    if let RecordInputDetail::HomeService(s) = &mut unpriced.detail {
        s.priced = None;
    }
    let e = validate_record(&unpriced, d("2026-05-10")).unwrap_err();
    assert_eq!(
        (e.0[0].field, e.0[0].code),
        ("service", "homecare.not_in_catalogue")
    );
}

#[test]
fn a_plan_needs_services_each_once() {
    let input = |services| RecordInput {
        resident_id: "r1".into(),
        occurred_on: "2026-05-01".into(),
        place: String::new(),
        detail: RecordInputDetail::HomeCarePlan(yiyang_protocol::HomeCarePlanInput {
            services,
            note: String::new(),
        }),
    };
    let e = validate_record(&input(vec![]), d("2026-05-10")).unwrap_err();
    assert_eq!(e.codes(), ["homecare.no_services"]);
    let e = validate_record(
        &input(vec![
            planned("meal", "助餐", 1, FrequencyUnit::Day),
            planned("meal", "助餐", 2, FrequencyUnit::Day),
            planned("cleaning", "助洁", 0, FrequencyUnit::Week),
        ]),
        d("2026-05-10"),
    )
    .unwrap_err();
    assert_eq!(
        e.codes(),
        ["homecare.duplicate_service", "homecare.frequency"]
    );
    let v = validate_record(
        &input(vec![
            planned("meal", "助餐", 1, FrequencyUnit::Day),
            planned("cleaning", "助洁", 1, FrequencyUnit::Week),
        ]),
        d("2026-05-10"),
    )
    .unwrap();
    assert_eq!(v.summary, "居家照护计划：助餐每天一次、助洁每周一次");
}

#[test]
fn home_care_indicators_count_people_services_beds_and_coverage() {
    let people = [
        AtHome {
            resident_id: "a",
            care_level: CareLevel::Level3,
        },
        AtHome {
            resident_id: "b",
            care_level: CareLevel::Level1,
        },
        AtHome {
            resident_id: "c",
            care_level: CareLevel::None,
        },
        AtHome {
            resident_id: "e",
            care_level: CareLevel::Level2,
        },
    ];
    let fact = |resident_id, on: &str, service, service_name| DeliveryFact {
        resident_id,
        on: d(on),
        service,
        service_name,
    };
    let deliveries = [
        fact("a", "2026-01-05", "meal", "助餐"),
        fact("a", "2026-01-06", "meal", "助餐"),
        fact("a", "2026-02-01", "bathing", "助浴"),
        fact("c", "2026-02-03", "meal", "助餐"),
        fact("b", "2025-12-31", "meal", "助餐"), // before the period
        fact("x", "2026-01-09", "meal", "助餐"), // not living at home (e.g. moved into a home)
    ];
    let beds = [
        BedFact {
            registered_on: d("2026-01-01"),
            level: BedLevel::Managed24h,
            ended_on: None,
        },
        BedFact {
            registered_on: d("2026-01-01"),
            level: BedLevel::Ordinary,
            ended_on: None,
        },
        BedFact {
            registered_on: d("2026-01-01"),
            level: BedLevel::Managed24h,
            ended_on: Some(d("2026-02-01")),
        },
    ];
    let order = ["meal", "cleaning", "bathing"];
    let r = compute(
        &people,
        &deliveries,
        &beds,
        d("2026-01-01"),
        d("2026-12-31"),
        &order,
    );
    assert_eq!(r.served_at_home, 2);
    let counts: Vec<(&str, &str, u32)> = r
        .deliveries
        .iter()
        .map(|c| (c.month.as_str(), c.service.as_str(), c.deliveries))
        .collect();
    assert_eq!(
        counts,
        [
            ("2026-01", "meal", 2),
            ("2026-02", "meal", 1),
            ("2026-02", "bathing", 1)
        ]
    );
    assert_eq!((r.beds_total, r.beds_managed_24h), (2, 1));
    // a, b, e need care; only a was served.
    assert_eq!(
        (r.care_coverage.numerator, r.care_coverage.denominator),
        (1, 3)
    );
    assert_eq!(r.care_coverage.meets_target, Some(false));
}

#[test]
fn a_county_sets_its_own_ltc_rule_within_bounds() {
    use yiyang_protocol::LtcSettingsInput;
    let ok = validate_ltc_settings(&LtcSettingsInput {
        min_grade: Some(G::Moderate),
        monthly_cap: "1200".into(),
        valid_months: "１２".into(),
    })
    .unwrap();
    let rule = LtcRule::from_settings(&ok);
    assert_eq!(
        (rule.min_grade, rule.monthly_cap_cents, rule.valid_months),
        (G::Moderate, 120_000, 12)
    );
    assert!(rule.settings().customised);
    assert!(!LTC_V1.settings().customised);
    // A moderate person qualifies under it, for 12 months.
    assert_eq!(
        ltc_eligibility(
            true,
            &[assessed("2026-01-15", G::Moderate)],
            d("2026-05-01"),
            &rule
        ),
        LtcEligibility::Eligible {
            from: "2026-01-15".into(),
            until: "2027-01-14".into(),
            grade: G::Moderate
        }
    );
    // (min grade, cap, months, fields refused)
    let cases: &[(Option<G>, &str, &str, &[&str])] = &[
        (Some(G::Mild), "1550", "24", &["minGrade"]),
        (None, "1550", "24", &["minGrade"]),
        (Some(G::Severe), "0", "24", &["monthlyCap"]),
        (Some(G::Severe), "一千", "24", &["monthlyCap"]),
        (Some(G::Severe), "1550", "0", &["validMonths"]),
        (Some(G::Severe), "1550", "61", &["validMonths"]),
        (
            Some(G::Intact),
            "",
            "",
            &["minGrade", "monthlyCap", "validMonths"],
        ),
    ];
    for (grade, cap, months, want) in cases {
        let e = validate_ltc_settings(&LtcSettingsInput {
            min_grade: *grade,
            monthly_cap: (*cap).into(),
            valid_months: (*months).into(),
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field).collect();
        assert_eq!(fields, *want, "{grade:?} {cap} {months}");
    }
}
