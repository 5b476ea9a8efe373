//! Care records on a real data file: entries are append-only (corrections supersede, the table
//! refuses edits), every write reaches the outbox and the audit log, bad input writes nothing,
//! rounds mode saves each resident as it goes, and the due list follows the records.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod team;

use common::{now, today};
use yiyang_protocol::*;
use yiyang_store::{Store, StoreError, WriteCtx};

fn ctx(store: &Store) -> WriteCtx {
    common::ctx(store)
}

fn round(sbp: &str, dbp: &str, pulse: &str) -> RoundInput {
    RoundInput {
        systolic: sbp.into(),
        diastolic: dbp.into(),
        pulse: pulse.into(),
        glucose: String::new(),
        note: String::new(),
    }
}

fn record(resident_id: &str, on: &str, detail: RecordInputDetail) -> RecordInput {
    RecordInput {
        resident_id: resident_id.into(),
        occurred_on: on.into(),
        place: "城南镇中心敬老院".into(),
        detail,
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn barthel(total_points: [i32; 10]) -> RecordInputDetail {
    RecordInputDetail::Assessment(AssessmentAnswers {
        scale: Scale::Barthel,
        answers: total_points.to_vec(),
        ability_factors: None,
    })
}

#[test]
fn a_round_is_stored_with_its_outbox_mutation_and_audit_entry() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let outbox_before = count(&nurse, "SELECT count(*) FROM outbox");
    let saved = nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.in_home.id,
                "2026-11-20",
                RecordInputDetail::Round(round("150", "92", "80")),
            ),
        )
        .unwrap();
    assert_eq!(saved.item, Some(ServiceItem::S1));
    assert_eq!(saved.occurred_on, "2026-11-20");
    assert!(saved.summary.contains("150/92"), "{}", saved.summary);
    assert_eq!(saved.recorded_by_name, "赵慧珊");
    let RecordDetail::Round { vitals, .. } = &saved.detail else {
        panic!("a round: {:?}", saved.detail)
    };
    assert!(!vitals.flags.is_empty(), "150/92 is flagged as high");
    assert_eq!(
        count(&nurse, "SELECT count(*) FROM outbox") - outbox_before,
        1
    );
    assert_eq!(
        count(
            &nurse,
            "SELECT count(*) FROM outbox WHERE table_name = 'care_records' AND op = 'insert'"
        ),
        1
    );
    assert_eq!(
        count(
            &nurse,
            "SELECT count(*) FROM audit_log WHERE action = 'create_record'"
        ),
        1
    );
    let listed = nurse
        .list_records(&RecordQuery {
            resident_id: t.in_home.id.clone(),
            item: None,
            include_superseded: false,
        })
        .unwrap();
    assert_eq!(listed, vec![saved]);
}

#[test]
fn bad_vitals_name_the_field_and_write_nothing() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let outbox_before = count(&nurse, "SELECT count(*) FROM outbox");
    let err = nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.in_home.id,
                "2026-11-20",
                RecordInputDetail::Round(round("300", "90", "")),
            ),
        )
        .unwrap_err();
    let StoreError::Validation(errors) = &err else {
        panic!("validation: {err}")
    };
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
    assert!(fields.contains(&"systolic"), "{fields:?}");
    assert!(fields.contains(&"pulse"), "{fields:?}");
    assert!(
        errors.0.iter().any(|e| e.message.contains("收缩压")),
        "{errors}"
    );
    assert_eq!(count(&nurse, "SELECT count(*) FROM care_records"), 0);
    assert_eq!(count(&nurse, "SELECT count(*) FROM outbox"), outbox_before);
}

#[test]
fn a_correction_supersedes_and_the_original_stays() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let first = nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.in_home.id,
                "2026-11-20",
                RecordInputDetail::Round(round("128", "80", "70")),
            ),
        )
        .unwrap();
    let fixed = nurse
        .correct_record(
            &ctx(&nurse),
            &CorrectRecord {
                record_id: first.id.clone(),
                reason: "收缩压录错，应为 138".into(),
                replacement: record(
                    &t.in_home.id,
                    "2026-11-20",
                    RecordInputDetail::Round(round("138", "80", "70")),
                ),
            },
        )
        .unwrap();
    assert_eq!(fixed.supersedes.as_deref(), Some(first.id.as_str()));
    assert_eq!(fixed.correction_reason, "收缩压录错，应为 138");
    let current = nurse
        .list_records(&RecordQuery {
            resident_id: t.in_home.id.clone(),
            item: None,
            include_superseded: false,
        })
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, fixed.id);
    let history = nurse
        .list_records(&RecordQuery {
            resident_id: t.in_home.id.clone(),
            item: Some(ServiceItem::S1),
            include_superseded: true,
        })
        .unwrap();
    assert_eq!(history.len(), 2);
    let original = history.iter().find(|r| r.id == first.id).unwrap();
    assert_eq!(original.superseded_by.as_deref(), Some(fixed.id.as_str()));
    assert!(original.summary.contains("128/80"));

    // The superseded entry cannot be corrected again, and the table refuses edits outright.
    let again = nurse
        .correct_record(
            &ctx(&nurse),
            &CorrectRecord {
                record_id: first.id.clone(),
                reason: "再改".into(),
                replacement: record(
                    &t.in_home.id,
                    "2026-11-20",
                    RecordInputDetail::Round(round("140", "80", "70")),
                ),
            },
        )
        .unwrap_err();
    assert_eq!(again.code(), ErrorCode::InvalidState, "{again}");
    let conn = nurse.raw_connection_for_tests();
    assert!(conn
        .execute("UPDATE care_records SET summary = 'x'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM care_records", []).is_err());
    assert_eq!(count(&nurse, "SELECT count(*) FROM care_records"), 2);
    // A correction needs a reason.
    let err = nurse
        .correct_record(
            &ctx(&nurse),
            &CorrectRecord {
                record_id: fixed.id.clone(),
                reason: "  ".into(),
                replacement: record(
                    &t.in_home.id,
                    "2026-11-20",
                    RecordInputDetail::Round(round("138", "82", "70")),
                ),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
}

#[test]
fn a_void_entry_stops_the_original_from_counting() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let wrong = nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.at_home.id,
                "2026-11-21",
                RecordInputDetail::Referral(ReferralInput {
                    destination: "县人民医院心内科".into(),
                    reason: "胸闷".into(),
                }),
            ),
        )
        .unwrap();
    nurse
        .void_record(
            &ctx(&nurse),
            &VoidRecord {
                record_id: wrong.id.clone(),
                reason: "录错了居民".into(),
            },
        )
        .unwrap();
    let current = nurse
        .list_records(&RecordQuery {
            resident_id: t.at_home.id.clone(),
            item: None,
            include_superseded: false,
        })
        .unwrap();
    assert!(current.is_empty(), "{current:?}");
    assert_eq!(
        count(
            &nurse,
            "SELECT count(*) FROM audit_log WHERE action = 'void_record'"
        ),
        1
    );
}

#[test]
fn only_doctors_write_long_prescriptions() {
    let t = team::team();
    let rx = || {
        record(
            &t.at_home.id,
            "2026-11-21",
            RecordInputDetail::LongPrescription(PrescriptionInput {
                diagnosis: "高血压".into(),
                drugs: vec![DrugLine {
                    name: "氨氯地平片".into(),
                    dose: "5 mg".into(),
                    usage: "每日一次 口服".into(),
                }],
                weeks: "12".into(),
            }),
        )
    };
    let mut nurse = t.as_role(Role::Nurse);
    let err = nurse.add_record(&ctx(&nurse), &rx()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let mut doctor = t.as_role(Role::Doctor);
    let saved = doctor.add_record(&ctx(&doctor), &rx()).unwrap();
    let RecordDetail::LongPrescription { until, weeks, .. } = &saved.detail else {
        panic!("{:?}", saved.detail)
    };
    assert_eq!(*weeks, 12);
    assert_eq!(until, "2027-02-12");
    let mut too_long = rx();
    if let RecordInputDetail::LongPrescription(p) = &mut too_long.detail {
        p.weeks = "13".into();
    }
    let err = doctor.add_record(&ctx(&doctor), &too_long).unwrap_err();
    let StoreError::Validation(errors) = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.0[0].field, "weeks");
}

#[test]
fn nothing_is_recorded_after_a_resident_died() {
    let t = team::team();
    let mut admin = t.as_role(Role::ClinicAdmin);
    admin
        .change_resident_status(
            &ctx(&admin),
            &ChangeStatus {
                id: t.at_home.id.clone(),
                base_version: 1,
                status: ResidentStatus::Deceased,
                date: "2026-11-10".into(),
                note: "病故".into(),
            },
        )
        .unwrap();
    let mut nurse = t.as_role(Role::Nurse);
    let err = nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.at_home.id,
                "2026-11-12",
                RecordInputDetail::Consultation(NoteInput {
                    note: "优先就诊".into(),
                }),
            ),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);
    assert!(err.to_string().contains("2026-11-10"), "{err}");
    // A visit before the death can still be typed in late.
    nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.at_home.id,
                "2026-11-08",
                RecordInputDetail::Consultation(NoteInput {
                    note: "优先就诊".into(),
                }),
            ),
        )
        .unwrap();
    let due = nurse.resident_due(&t.at_home.id, 2026, today()).unwrap();
    for cell in &due.cells {
        assert!(
            matches!(
                cell.state,
                DueState::Done | DueState::NotApplicable | DueState::OnDemand
            ),
            "{cell:?}"
        );
    }
}

#[test]
fn a_health_check_makes_g3_done_and_an_assessment_sets_the_grade() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let before = nurse.resident_due(&t.at_home.id, 2026, today()).unwrap();
    let g3 = |d: &ResidentDue| {
        d.cells
            .iter()
            .find(|c| c.item == ServiceItem::G3)
            .unwrap()
            .clone()
    };
    assert_ne!(g3(&before).state, DueState::Done, "{:?}", g3(&before));
    let check = HealthCheckInput {
        checked_on: "2026-11-18".into(),
        left_systolic: "128".into(),
        left_diastolic: "78".into(),
        height: "160".into(),
        weight: "70".into(),
        health_evaluation: Some(ExamResult::Normal),
        ..HealthCheckInput::default()
    };
    let saved = nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.at_home.id,
                "",
                RecordInputDetail::HealthCheck(Box::new(check)),
            ),
        )
        .unwrap();
    assert_eq!(saved.occurred_on, "2026-11-18");
    let RecordDetail::HealthCheck(stored) = &saved.detail else {
        panic!("{:?}", saved.detail)
    };
    assert_eq!(stored.bmi.as_deref(), Some("27.3"), "BMI is computed");
    let after = nurse.resident_due(&t.at_home.id, 2026, today()).unwrap();
    assert_eq!(g3(&after).state, DueState::Done, "{:?}", g3(&after));
    assert_eq!(g3(&after).last_done.as_deref(), Some("2026-11-18"));

    assert_eq!(after.disability, None);
    nurse
        .add_record(
            &ctx(&nurse),
            &record(
                &t.at_home.id,
                "2026-11-19",
                barthel([10, 5, 5, 10, 10, 10, 10, 10, 5, 5]),
            ),
        )
        .unwrap();
    let graded = nurse.resident_due(&t.at_home.id, 2026, today()).unwrap();
    assert_eq!(graded.disability, Some(DisabilityGrade::Mild));
}

#[test]
fn rounds_mode_saves_each_resident_and_a_retyped_round_supersedes() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let sheet = nurse.round_sheet(&t.home_id, today()).unwrap();
    assert_eq!(sheet.rows.len(), 1);
    assert!(sheet.rows[0].today.is_none());
    let entry = |sbp: &str| RoundEntry {
        resident_id: t.in_home.id.clone(),
        nursing_home_id: t.home_id.clone(),
        round: round(sbp, "80", "72"),
    };
    let row = nurse.record_round(&ctx(&nurse), &entry("130")).unwrap();
    let first = row.today.clone().unwrap();
    assert_eq!(first.occurred_on, today().to_string());
    let row = nurse.record_round(&ctx(&nurse), &entry("135")).unwrap();
    let second = row.today.unwrap();
    assert_eq!(second.supersedes.as_deref(), Some(first.id.as_str()));
    let sheet = nurse.round_sheet(&t.home_id, today()).unwrap();
    assert_eq!(sheet.rows[0].today.as_ref().unwrap().id, second.id);

    // A resident of another home cannot be recorded on this home's round.
    let err = nurse
        .record_round(
            &ctx(&nurse),
            &RoundEntry {
                resident_id: t.elsewhere.id.clone(),
                nursing_home_id: t.home_id.clone(),
                round: round("120", "80", "70"),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);

    // An absence is kept but counts for nothing.
    let absent = nurse
        .record_round_absence(
            &ctx(&nurse),
            &RoundAbsenceEntry {
                resident_id: t.in_home.id.clone(),
                nursing_home_id: t.home_id.clone(),
                absence: AbsenceInput {
                    reason: AbsenceReason::InHospital,
                    note: "县医院住院".into(),
                },
            },
        )
        .unwrap();
    assert!(absent.today.unwrap().summary.contains("住院"));
}

#[test]
fn a_care_home_admin_sees_only_own_homes_records_and_due_list() {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    for id in [&t.in_home.id, &t.elsewhere.id] {
        nurse
            .add_record(
                &ctx(&nurse),
                &record(
                    id,
                    "2026-11-20",
                    RecordInputDetail::Round(round("128", "80", "70")),
                ),
            )
            .unwrap();
    }
    let home_admin = t.as_role(Role::CareHomeAdmin);
    let own = home_admin
        .list_records(&RecordQuery {
            resident_id: t.in_home.id.clone(),
            ..RecordQuery::default()
        })
        .unwrap();
    assert_eq!(own.len(), 1);
    let err = home_admin
        .list_records(&RecordQuery {
            resident_id: t.elsewhere.id.clone(),
            ..RecordQuery::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert!(home_admin.home_due(&t.home_id, 2026, today()).is_ok());
    assert_eq!(
        home_admin
            .home_due(&t.other_home_id, 2026, today())
            .unwrap_err()
            .code(),
        ErrorCode::Forbidden
    );
    let err = home_admin
        .resident_due(&t.elsewhere.id, 2026, today())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let _ = now();
}

#[test]
fn the_demo_county_has_agreements_and_rounds_that_are_due() {
    let dir = tempfile::TempDir::new().unwrap();
    let vault = common::vault(&dir);
    let (admin, _) = yiyang_store::demo::seed_demo(&vault, 120, now(), today()).unwrap();
    drop(admin);
    yiyang_store::demo::seed_care(&vault, now(), today()).unwrap();
    let nurse = team::log_in(&vault, "zhaohs", team::PASSWORD, now()).unwrap();
    let agreements = nurse.list_agreements().unwrap();
    assert_eq!(agreements.len(), 3);
    let statuses: Vec<(&str, AgreementStatus)> = agreements
        .iter()
        .map(|a| (a.nursing_home_name.as_str(), a.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("城南镇中心敬老院", AgreementStatus::Active),
            ("桐庐康乐养老院", AgreementStatus::Active),
            ("石桥村敬老院", AgreementStatus::Draft),
        ]
    );
    let home = &nurse.list_nursing_homes().unwrap()[0];
    let due = nurse.home_due(&home.id, 2026, today()).unwrap();
    assert!(!due.rows.is_empty());
    for row in &due.rows {
        assert_eq!(row.disability, Some(DisabilityGrade::Mild));
        let s1 = &row.cells[ServiceItem::S1 as usize];
        // The demo files were created today, so this week's round is due, not yet overdue.
        assert_eq!(s1.state, DueState::Due, "{s1:?}");
        assert!(s1.reason.contains("每周"), "{}", s1.reason);
    }
    let tasks = nurse.today_tasks(today()).unwrap();
    assert!(tasks
        .iter()
        .any(|t| t.cell.item == ServiceItem::S1 && t.nursing_home_name == home.name));
}
