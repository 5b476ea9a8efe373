//! Home and community care on a real data file: a family bed, a plan of two services and their
//! deliveries are care records (outbox, supersede-only); the overview, the bed list, the plan's
//! due list and the 长护险 statement are read back from them; the catalogue prices deliveries.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod team;

use chrono::NaiveDate;
use common::{now, today};
use yiyang_protocol::*;
use yiyang_store::{Store, StoreError, WriteCtx};

fn ctx(store: &Store) -> WriteCtx {
    common::ctx(store)
}

fn on_day(store: &Store, day: &str) -> WriteCtx {
    let mut c = common::ctx(store);
    c.today = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    c
}

fn entry(resident_id: &str, on: &str, detail: RecordInputDetail) -> RecordInput {
    RecordInput {
        resident_id: resident_id.into(),
        occurred_on: on.into(),
        place: String::new(),
        detail,
    }
}

fn bed(level: BedLevel) -> RecordInputDetail {
    RecordInputDetail::FamilyBed(FamilyBedInput {
        address: "城南镇东街 12 号".into(),
        adaptations: "卫生间扶手、防滑地面".into(),
        devices: "紧急呼叫器".into(),
        centre: "城南镇养老服务中心".into(),
        level,
    })
}

fn planned(code: &str, every: u32, unit: FrequencyUnit) -> PlannedService {
    PlannedService {
        service: code.into(),
        service_name: String::new(),
        frequency: Frequency { every, unit },
        provider: "李护理员".into(),
    }
}

fn service(code: &str, quantity: &str) -> RecordInputDetail {
    RecordInputDetail::HomeService(HomeServiceInput {
        service: code.into(),
        quantity: quantity.into(),
        minutes: String::new(),
        provider: "李护理员".into(),
        payer: None,
        confirmation: Confirmation::Family,
        confirmed_by: "王小明".into(),
        note: String::new(),
        priced: None,
    })
}

fn severe() -> RecordInputDetail {
    RecordInputDetail::Assessment(AssessmentAnswers {
        scale: Scale::Barthel,
        answers: vec![0; 10],
        ability_factors: None,
    })
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Enrols the team's resident at home in 长护险 (the file's 长护险参保).
fn insure(t: &team::Team) {
    let mut admin = t.as_role(Role::ClinicAdmin);
    let mut input = team::resident("李四", "440524188001015368", "13700002222", None);
    input.ltc_insurance = true;
    admin
        .update_resident(
            &ctx(&admin),
            &UpdateResident {
                id: t.at_home.id.clone(),
                base_version: t.at_home.version,
                input,
            },
        )
        .unwrap();
}

#[test]
fn a_bed_a_plan_and_deliveries_give_the_overview_and_the_monthly_statement() {
    let t = team::team();
    insure(&t);
    let mut nurse = t.as_role(Role::Nurse);
    let who = t.at_home.id.clone();
    let outbox_before = count(&nurse, "SELECT count(*) FROM outbox");
    nurse
        .add_record(&ctx(&nurse), &entry(&who, "2026-11-01", severe()))
        .unwrap();
    nurse
        .add_record(
            &ctx(&nurse),
            &entry(&who, "2026-11-02", bed(BedLevel::Managed24h)),
        )
        .unwrap();
    let plan = nurse
        .add_record(
            &ctx(&nurse),
            &entry(
                &who,
                "2026-11-02",
                RecordInputDetail::HomeCarePlan(HomeCarePlanInput {
                    services: vec![
                        planned("bathing", 1, FrequencyUnit::Week),
                        planned("rehab_nursing", 1, FrequencyUnit::Day),
                    ],
                    note: String::new(),
                }),
            ),
        )
        .unwrap();
    // The names come from the catalogue, not from the form.
    assert_eq!(plan.summary, "居家照护计划：助浴每周一次、康复护理每天一次");
    // 助浴 ¥60 × 12 and 康复护理 ¥80/h × 10 h = ¥1,520 under the cap; one more bath goes over.
    for day in 3..=15 {
        nurse
            .add_record(
                &ctx(&nurse),
                &entry(&who, &format!("2026-11-{day:02}"), service("bathing", "1")),
            )
            .unwrap();
    }
    for day in 16..=20 {
        nurse
            .add_record(
                &ctx(&nurse),
                &entry(
                    &who,
                    &format!("2026-11-{day:02}"),
                    service("rehab_nursing", "2"),
                ),
            )
            .unwrap();
    }
    let visit = RecordInputDetail::BedVisit(BedVisitInput {
        provider: "李护理员".into(),
        findings: "呼叫器正常，老人精神可".into(),
    });
    nurse
        .add_record(&ctx(&nurse), &entry(&who, "2026-11-10", visit))
        .unwrap();
    // 1 assessment + bed + plan + 13 baths + 5 rehab + 1 visit, each one outbox mutation.
    assert_eq!(
        count(&nurse, "SELECT count(*) FROM outbox") - outbox_before,
        22
    );

    let o = nurse.home_care_overview(&who, today()).unwrap();
    assert_eq!(o.care_level, CareLevel::Level3);
    assert!(
        o.entitled.contains(&EntitledGroup::Disabled),
        "{:?}",
        o.entitled
    );
    assert!(
        matches!(o.eligibility, LtcEligibility::Eligible { .. }),
        "{:?}",
        o.eligibility
    );
    assert_eq!(o.plan_id.as_deref(), Some(plan.id.as_str()));
    let states: Vec<(&str, DueState)> = o
        .due
        .iter()
        .map(|d| (d.service.as_str(), d.state))
        .collect();
    // 22 Nov: last bath 15 Nov (due 22 Nov), last rehab 20 Nov (due 21 Nov).
    assert_eq!(
        states,
        [
            ("bathing", DueState::Done),
            ("rehab_nursing", DueState::Overdue)
        ]
    );
    let b = o.bed.unwrap();
    assert_eq!(b.last_visit.as_deref(), Some("2026-11-10"));
    assert_eq!(
        b.state,
        BedVisitState::Overdue {
            due_by: "2026-11-17".into(),
            days_over: 5
        }
    );

    let s = nurse
        .home_care_statement(
            &StatementQuery {
                resident_id: who.clone(),
                month: "2026-11".into(),
            },
            today(),
        )
        .unwrap();
    assert_eq!(s.ltc_charged_cents, 13 * 6_000 + 10 * 8_000);
    assert_eq!(s.ltc_paid_cents, 155_000);
    assert_eq!(s.ltc_uncovered_cents, 158_000 - 155_000);
    assert_eq!(s.flags.len(), 1, "{:?}", s.flags);
    let lines: Vec<(&str, u32, i64)> = s
        .lines
        .iter()
        .map(|l| (l.service_name.as_str(), l.deliveries, l.amount_cents))
        .collect();
    assert_eq!(lines, [("助浴", 13, 78_000), ("康复护理", 5, 80_000)]);

    let tasks = nurse.home_care_tasks(today()).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].due.service, "rehab_nursing");
    let beds = nurse.family_beds(today()).unwrap();
    assert_eq!(beds.len(), 1);
    assert_eq!(beds[0].resident_name, t.at_home.name);

    let ind = nurse
        .home_care_indicators(
            IndicatorPeriod {
                year: 2026,
                month: Some(11),
            },
            today(),
        )
        .unwrap();
    assert_eq!(ind.served_at_home, 1);
    assert_eq!((ind.beds_total, ind.beds_managed_24h), (1, 1));
    assert_eq!(
        (ind.care_coverage.numerator, ind.care_coverage.denominator),
        (1, 1)
    );
}

#[test]
fn a_corrected_delivery_counts_once_at_its_new_quantity() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let who = t.at_home.id.clone();
    let first = nurse
        .add_record(
            &ctx(&nurse),
            &entry(&who, "2026-11-05", service("meal", "2")),
        )
        .unwrap();
    assert_eq!(
        first.summary,
        "助餐 2 餐，¥24.00（自费，李护理员，家属（王小明）确认）"
    );
    nurse
        .correct_record(
            &ctx(&nurse),
            &CorrectRecord {
                record_id: first.id.clone(),
                reason: "实际只送了一餐".into(),
                replacement: entry(&who, "2026-11-05", service("meal", "1")),
            },
        )
        .unwrap();
    let s = nurse
        .home_care_statement(
            &StatementQuery {
                resident_id: who.clone(),
                month: "2026-11".into(),
            },
            today(),
        )
        .unwrap();
    assert_eq!(s.self_paid_cents, 1_200);
    assert_eq!(s.lines[0].deliveries, 1);
    // A delivery cannot be corrected into a bed registration.
    let current = nurse
        .list_records(&RecordQuery {
            resident_id: who.clone(),
            item: None,
            include_superseded: false,
        })
        .unwrap();
    let err = nurse
        .correct_record(
            &ctx(&nurse),
            &CorrectRecord {
                record_id: current[0].id.clone(),
                reason: "录错".into(),
                replacement: entry(&who, "2026-11-05", bed(BedLevel::Ordinary)),
            },
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::InvalidState {
                code: "record.kind_change",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn home_care_entries_need_a_person_at_home_a_bed_and_a_catalogue_item() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let before = count(&nurse, "SELECT count(*) FROM care_records");
    let err = nurse
        .add_record(
            &ctx(&nurse),
            &entry(&t.in_home.id, "2026-11-05", bed(BedLevel::Ordinary)),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::InvalidState {
                code: "homecare.not_at_home",
                ..
            }
        ),
        "{err}"
    );
    let visit = RecordInputDetail::BedVisit(BedVisitInput {
        provider: "李护理员".into(),
        findings: "正常".into(),
    });
    let err = nurse
        .add_record(&ctx(&nurse), &entry(&t.at_home.id, "2026-11-05", visit))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::InvalidState {
                code: "homecare.no_bed",
                ..
            }
        ),
        "{err}"
    );
    let err = nurse
        .add_record(
            &ctx(&nurse),
            &entry(&t.at_home.id, "2026-11-05", service("massage", "1")),
        )
        .unwrap_err();
    let StoreError::Validation(errors) = &err else {
        panic!("validation: {err}")
    };
    assert_eq!(errors.0[0].field, "service");
    assert!(errors.0[0].message.contains("不在服务目录中"), "{errors}");
    assert_eq!(count(&nurse, "SELECT count(*) FROM care_records"), before);
}

#[test]
fn a_county_item_prices_new_deliveries_and_leaves_old_ones() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let who = t.at_home.id.clone();
    let old = nurse
        .add_record(
            &ctx(&nurse),
            &entry(&who, "2026-11-05", service("meal", "1")),
        )
        .unwrap();
    let input = CatalogueItemInput {
        code: "meal".into(),
        name: "助餐".into(),
        unit: Some(ServiceUnit::Meal),
        price: "15".into(),
        payer: Some(Payer::SelfPaid),
        subsidised: vec![EntitledGroup::Gaoling],
    };
    let err = nurse.save_catalogue_item(now(), &input).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { .. }), "{err}");
    let mut admin = t.as_role(Role::ClinicAdmin);
    let catalogue = admin.save_catalogue_item(now(), &input).unwrap();
    assert_eq!(catalogue[0].price_cents, 1_500);
    let added = admin
        .save_catalogue_item(
            now(),
            &CatalogueItemInput {
                code: "foot_care".into(),
                name: "足部护理".into(),
                unit: Some(ServiceUnit::Visit),
                price: "25".into(),
                payer: Some(Payer::Government),
                subsidised: vec![],
            },
        )
        .unwrap();
    assert_eq!(added.len(), 9);
    assert_eq!(nurse.home_care_catalogue().unwrap()[8].name, "足部护理");
    nurse
        .add_record(
            &on_day(&nurse, "2026-11-22"),
            &entry(&who, "2026-11-06", service("meal", "1")),
        )
        .unwrap();
    nurse
        .add_record(
            &ctx(&nurse),
            &entry(&who, "2026-11-07", service("foot_care", "1")),
        )
        .unwrap();
    let s = nurse
        .home_care_statement(
            &StatementQuery {
                resident_id: who.clone(),
                month: "2026-11".into(),
            },
            today(),
        )
        .unwrap();
    assert_eq!(s.self_paid_cents, 1_200 + 1_500);
    assert_eq!(s.government_cents, 2_500);
    let RecordDetail::HomeService(kept) = nurse.get_record(&old.id).unwrap().detail else {
        panic!()
    };
    assert_eq!(kept.unit_price_cents, 1_200);
}

#[test]
fn a_county_that_pays_from_moderate_disability_sets_its_own_rule() {
    let t = team::team();
    insure(&t);
    let mut nurse = t.as_role(Role::Nurse);
    let who = t.at_home.id.clone();
    // Barthel 55: 中度失能.
    let moderate = RecordInputDetail::Assessment(AssessmentAnswers {
        scale: Scale::Barthel,
        answers: vec![5, 5, 0, 5, 5, 5, 10, 10, 5, 5],
        ability_factors: None,
    });
    nurse
        .add_record(&ctx(&nurse), &entry(&who, "2026-11-01", moderate))
        .unwrap();
    assert!(matches!(
        nurse.home_care_overview(&who, today()).unwrap().eligibility,
        LtcEligibility::NotQualifying { .. }
    ));
    let input = LtcSettingsInput {
        min_grade: Some(DisabilityGrade::Moderate),
        monthly_cap: "1200".into(),
        valid_months: "12".into(),
    };
    let err = nurse.save_ltc_settings(now(), &input).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden { .. }), "{err}");
    let mut admin = t.as_role(Role::ClinicAdmin);
    let saved = admin.save_ltc_settings(now(), &input).unwrap();
    assert!(saved.customised);
    assert!(matches!(
        nurse.home_care_overview(&who, today()).unwrap().eligibility,
        LtcEligibility::Eligible { .. }
    ));
    for day in 2..=3 {
        nurse
            .add_record(
                &ctx(&nurse),
                &entry(
                    &who,
                    &format!("2026-11-{day:02}"),
                    service("rehab_nursing", "8"),
                ),
            )
            .unwrap();
    }
    let s = nurse
        .home_care_statement(
            &StatementQuery {
                resident_id: who.clone(),
                month: "2026-11".into(),
            },
            today(),
        )
        .unwrap();
    // 16 hours at ¥80 = ¥1,280 against the county's ¥1,200 cap.
    assert_eq!(
        (s.ltc_cap_cents, s.ltc_paid_cents, s.ltc_uncovered_cents),
        (120_000, 120_000, 8_000)
    );
    assert_eq!(s.rule_version, "ltc-county");
    let bad = admin
        .save_ltc_settings(
            now(),
            &LtcSettingsInput {
                min_grade: Some(DisabilityGrade::Mild),
                monthly_cap: "1200".into(),
                valid_months: "12".into(),
            },
        )
        .unwrap_err();
    assert!(matches!(bad, StoreError::Validation(_)), "{bad}");
    assert_eq!(admin.ltc_settings().unwrap(), saved);
}
