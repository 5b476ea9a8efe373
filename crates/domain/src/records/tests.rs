#![allow(clippy::unwrap_used, clippy::expect_used)]
use yiyang_protocol::*;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn input(on: &str, detail: RecordInputDetail) -> RecordInput {
    RecordInput {
        resident_id: "r1".into(),
        occurred_on: on.into(),
        place: "敬老院".into(),
        detail,
    }
}

fn note(text: &str) -> NoteInput {
    NoteInput { note: text.into() }
}

#[test]
fn each_kind_counts_for_its_item() {
    use RecordInputDetail as D;
    let rows: Vec<(RecordInputDetail, Option<ServiceItem>, &str)> = vec![
        (
            D::HealthPlan(PlanInput {
                problems: "高血压".into(),
                goals: "控压".into(),
                measures: "服药".into(),
            }),
            Some(ServiceItem::G4),
            "health_plan",
        ),
        (
            D::PsychIntervention(note("谈心")),
            Some(ServiceItem::G6),
            "psych_intervention",
        ),
        (
            D::RehabGuidance(note("站立训练")),
            Some(ServiceItem::G7),
            "rehab_guidance",
        ),
        (
            D::Consultation(note("优先就诊")),
            Some(ServiceItem::P1),
            "consultation",
        ),
        (
            D::Referral(ReferralInput {
                destination: "县医院".into(),
                reason: "胸痛".into(),
            }),
            Some(ServiceItem::P2),
            "referral",
        ),
        (
            D::SpecialistBooking(BookingInput {
                hospital: "县医院".into(),
                department: "心内科".into(),
                appointment_on: "2026-12-01".into(),
                note: String::new(),
            }),
            Some(ServiceItem::P3),
            "specialist_booking",
        ),
        (
            D::Round(RoundInput {
                systolic: "120".into(),
                diastolic: "80".into(),
                pulse: "70".into(),
                glucose: String::new(),
                note: String::new(),
            }),
            Some(ServiceItem::S1),
            "round",
        ),
        (
            D::RoundAbsence(AbsenceInput {
                reason: AbsenceReason::Away,
                note: String::new(),
            }),
            None,
            "round_absence",
        ),
        (
            D::BedsideVisit(VisitInput {
                reason: "发热".into(),
                note: String::new(),
            }),
            Some(ServiceItem::S2),
            "bedside_visit",
        ),
        (
            D::NursingPlan(CarePlanInput {
                content: "压疮护理".into(),
                frequency: Some(Frequency {
                    every: 2,
                    unit: FrequencyUnit::Week,
                }),
            }),
            Some(ServiceItem::S3),
            "nursing_plan",
        ),
        (
            D::NursingVisit(note("翻身")),
            Some(ServiceItem::S3),
            "nursing_visit",
        ),
        (
            D::HospicePlan(CarePlanInput {
                content: "镇痛".into(),
                frequency: None,
            }),
            Some(ServiceItem::S4),
            "hospice_plan",
        ),
        (
            D::HospiceVisit(note("陪伴")),
            Some(ServiceItem::S4),
            "hospice_visit",
        ),
    ];
    for (detail, item, kind) in rows {
        let valid = validate_record(&input("2026-11-20", detail), today()).unwrap();
        assert_eq!(valid.item, item, "{kind}");
        assert_eq!(valid.kind, kind);
        assert!(!valid.summary.is_empty(), "{kind}");
        assert_eq!(
            decode_facts(&encode_facts(valid.facts)),
            valid.facts,
            "{kind}"
        );
    }
}

#[test]
fn dates_outside_the_allowed_window_are_refused_with_their_field() {
    let rows = [
        ("", "record.date_required"),
        ("2026/11/20", "record.date_format"),
        ("2026-11-23", "record.date_future"),
        ("2025-11-20", "record.date_too_old"),
    ];
    for (on, code) in rows {
        let err = validate_record(
            &input(on, RecordInputDetail::Consultation(note("x"))),
            today(),
        )
        .unwrap_err();
        assert_eq!(err.codes(), vec![code], "{on}");
        assert_eq!(err.0[0].field, "occurredOn");
    }
    // 366 days back is still accepted (paper records typed in late).
    assert!(validate_record(
        &input("2025-11-21", RecordInputDetail::Consultation(note("x"))),
        today()
    )
    .is_ok());
}

#[test]
fn prescriptions_run_one_to_twelve_weeks_and_need_a_drug() {
    let rx = |weeks: &str, drugs: Vec<DrugLine>| {
        input(
            "2026-11-20",
            RecordInputDetail::LongPrescription(PrescriptionInput {
                diagnosis: "糖尿病".into(),
                drugs,
                weeks: weeks.into(),
            }),
        )
    };
    let drug = || {
        vec![DrugLine {
            name: "二甲双胍".into(),
            dose: "0.5 g".into(),
            usage: "每日两次".into(),
        }]
    };
    for (weeks, ok) in [
        ("0", false),
        ("1", true),
        ("１２", true),
        ("13", false),
        ("", false),
    ] {
        assert_eq!(
            validate_record(&rx(weeks, drug()), today()).is_ok(),
            ok,
            "{weeks}"
        );
    }
    let valid = validate_record(&rx("1", drug()), today()).unwrap();
    assert_eq!(valid.facts, RecordFacts::Prescription { weeks: 1 });
    let RecordDetail::LongPrescription { until, .. } = valid.detail else {
        panic!()
    };
    assert_eq!(until, "2026-11-26", "covers 7 days including the first");
    let err = validate_record(&rx("4", vec![]), today()).unwrap_err();
    assert_eq!(err.codes(), vec!["record.prescription_no_drugs"]);
}

#[test]
fn assessments_map_to_g6_g7_and_carry_their_facts() {
    let assess = |scale: Scale, answers: Vec<i32>| {
        input(
            "2026-11-20",
            RecordInputDetail::Assessment(AssessmentAnswers {
                scale,
                answers,
                ability_factors: None,
            }),
        )
    };
    let phq = validate_record(
        &assess(Scale::Phq9, vec![2, 2, 2, 2, 2, 0, 0, 0, 0]),
        today(),
    )
    .unwrap();
    assert_eq!(phq.item, Some(ServiceItem::G6));
    assert_eq!(phq.facts, RecordFacts::Screen { positive: true });
    assert!(phq.summary.contains("筛查阳性"), "{}", phq.summary);
    let barthel = validate_record(
        &assess(Scale::Barthel, vec![10, 5, 5, 10, 10, 10, 10, 15, 15, 10]),
        today(),
    )
    .unwrap();
    assert_eq!(barthel.item, Some(ServiceItem::G7));
    assert_eq!(
        barthel.facts,
        RecordFacts::Disability {
            grade: DisabilityGrade::Intact
        }
    );
    let err = validate_record(&assess(Scale::Phq9, vec![0; 8]), today()).unwrap_err();
    assert_eq!(err.0[0].field, "answers");
}

#[test]
fn frequencies_read_in_chinese() {
    let f = |every, unit| frequency_label(Frequency { every, unit });
    assert_eq!(f(1, FrequencyUnit::Week), "每周一次");
    assert_eq!(f(2, FrequencyUnit::Week), "每 2 周一次");
    assert_eq!(f(3, FrequencyUnit::Month), "每 3 个月一次");
    assert_eq!(f(1, FrequencyUnit::Year), "每年一次");
}

#[test]
fn unknown_fact_codes_read_as_plain_entries() {
    for code in ["", "nonsense", "grade:unknown", "rx:x", "plan:0:fortnight"] {
        let facts = decode_facts(code);
        assert!(
            matches!(
                facts,
                RecordFacts::Plain | RecordFacts::CarePlan { frequency: None }
            ),
            "{code}: {facts:?}"
        );
    }
}
