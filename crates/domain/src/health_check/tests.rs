//! Tests of the health-check and vitals rules: every plausible and normal boundary of the range
//! table, BMI rounding, cross-field rules, full-width input and all errors at once.
use yiyang_protocol::{
    DietHabit, DrinkingFrequency, ExamFinding, ExamResult, ExerciseFrequency, FlagDirection,
    HealthCheckInput, HealthGuidance, Hearing, MotorFunction, SmokingStatus, UrineDipstick,
};

use super::ranges::{format_hundredths, Limit, MeasureRule, NumberProblem, RULES};
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

fn normal() -> Option<ExamFinding> {
    Some(ExamFinding {
        result: ExamResult::Normal,
        detail: String::new(),
    })
}

/// A complete form with every value inside its normal range.
fn valid_input() -> HealthCheckInput {
    HealthCheckInput {
        checked_on: "2025-05-20".into(),
        exercise_frequency: Some(ExerciseFrequency::Weekly),
        diet_habits: vec![DietHabit::Salty, DietHabit::Balanced, DietHabit::Salty],
        smoking: Some(SmokingStatus::Current),
        cigarettes_per_day: "10".into(),
        drinking: Some(DrinkingFrequency::Occasionally),
        alcohol_per_day: "0.5".into(),
        symptoms: vec![" 头晕 ".into(), "".into(), "头晕".into(), "乏力".into()],
        history_note: " 2010 年阑尾切除 ".into(),
        medications: vec!["氨氯地平".into()],
        self_care_note: String::new(),
        temperature: "36.5".into(),
        pulse: "72".into(),
        respiration: "18".into(),
        left_systolic: "128".into(),
        left_diastolic: "78".into(),
        right_systolic: "126".into(),
        right_diastolic: "76".into(),
        height: "165".into(),
        weight: "60".into(),
        waist: "82.5".into(),
        skin: normal(),
        lymph_nodes: normal(),
        lungs: normal(),
        heart: normal(),
        abdomen: normal(),
        mouth: Some(ExamFinding {
            result: ExamResult::Abnormal,
            detail: " 缺齿 ".into(),
        }),
        vision_left: "0.8".into(),
        vision_right: "1.0".into(),
        hearing: Some(Hearing::Heard),
        motor_function: Some(MotorFunction::CanComplete),
        hemoglobin: "135".into(),
        wbc: "6.2".into(),
        platelets: "210".into(),
        urine_protein: Some(UrineDipstick::Negative),
        urine_glucose: Some(UrineDipstick::Negative),
        alt: "22".into(),
        ast: "25".into(),
        total_bilirubin: "12.3".into(),
        creatinine: "80".into(),
        urea: "5.5".into(),
        fasting_glucose: "5.2".into(),
        tc: "4.8".into(),
        tg: "1.20".into(),
        ldl: "2.9".into(),
        hdl: "1.3".into(),
        ecg: normal(),
        ultrasound: normal(),
        health_evaluation: Some(ExamResult::Abnormal),
        abnormalities: vec!["缺齿".into()],
        guidance: vec![
            HealthGuidance::RegularFollowUp,
            HealthGuidance::FallPrevention,
        ],
        guidance_note: String::new(),
    }
}

fn codes_of(result: &Result<HealthCheck, ValidationErrors>) -> Vec<(String, &'static str)> {
    match result {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(|e| (e.field.to_owned(), e.code)).collect(),
    }
}

#[test]
fn valid_form_is_normalised() {
    let check = validate_health_check(&valid_input(), today()).unwrap();
    assert_eq!(check.checked_on, "2025-05-20");
    assert_eq!(check.rule_version, RULE_VERSION);
    assert_eq!(
        check.diet_habits,
        vec![DietHabit::Balanced, DietHabit::Salty]
    );
    assert_eq!(check.symptoms, vec!["头晕", "乏力"]);
    assert_eq!(check.history_note, "2010 年阑尾切除");
    assert_eq!(check.temperature.as_deref(), Some("36.5"));
    assert_eq!(check.left_systolic.as_deref(), Some("128"));
    assert_eq!(check.height.as_deref(), Some("165.0"));
    assert_eq!(check.tg.as_deref(), Some("1.2"));
    assert_eq!(check.vision_right.as_deref(), Some("1.0"));
    assert_eq!(check.bmi.as_deref(), Some("22.0"));
    assert_eq!(
        check.mouth.as_ref().map(|m| m.detail.as_str()),
        Some("缺齿")
    );
    assert_eq!(
        check.guidance,
        vec![
            HealthGuidance::FallPrevention,
            HealthGuidance::RegularFollowUp
        ]
    );
    assert!(check.flags.is_empty(), "{:?}", check.flags);
}

#[test]
fn blank_measurements_are_not_measured() {
    let mut input = valid_input();
    input.temperature = "  ".into();
    input.left_systolic = String::new();
    input.left_diastolic = String::new();
    input.weight = String::new();
    input.skin = None;
    let check = validate_health_check(&input, today()).unwrap();
    assert_eq!(check.temperature, None);
    assert_eq!(check.left_systolic, None);
    assert_eq!(check.bmi, None, "no BMI without the weight");
    assert_eq!(check.skin, None);
}

/// One step of the rule's last decimal, in hundredths.
fn step(rule: &MeasureRule) -> i64 {
    10i64.pow(2 - u32::from(rule.decimals))
}

fn hundredths(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

#[test]
fn every_plausible_boundary_is_accepted_and_one_step_beyond_refused() {
    for rule in RULES {
        let (min, max) = (
            hundredths(rule.plausible_min),
            hundredths(rule.plausible_max),
        );
        for (value, ok) in [
            (min, true),
            (max, true),
            (min - step(rule), false),
            (max + step(rule), false),
        ] {
            let raw = format_hundredths(value, rule.decimals);
            let got = rule.parse(&raw);
            if ok {
                let text = got.unwrap().map(|m| m.text());
                assert_eq!(text.as_deref(), Some(raw.as_str()), "{}", rule.field);
            } else {
                assert_eq!(
                    got.err(),
                    Some(NumberProblem::OutOfPlausibleRange),
                    "{} {raw}",
                    rule.field
                );
            }
        }
    }
}

#[test]
fn every_normal_boundary_flags_only_beyond_it() {
    for rule in RULES {
        let Some(normal) = rule.normal else { continue };
        let mut cases = Vec::new();
        // (value, expected direction)
        match normal.low {
            Some(Limit::Incl(v)) => {
                cases.push((hundredths(v), None));
                cases.push((hundredths(v) - step(rule), Some(FlagDirection::Low)));
            }
            Some(Limit::Excl(v)) => {
                cases.push((hundredths(v), Some(FlagDirection::Low)));
                cases.push((hundredths(v) + step(rule), None));
            }
            None => {}
        }
        match normal.high {
            Some(Limit::Incl(v)) => {
                cases.push((hundredths(v), None));
                cases.push((hundredths(v) + step(rule), Some(FlagDirection::High)));
            }
            Some(Limit::Excl(v)) => {
                cases.push((hundredths(v), Some(FlagDirection::High)));
                cases.push((hundredths(v) - step(rule), None));
            }
            None => {}
        }
        for (value, direction) in cases {
            let raw = format_hundredths(value, rule.decimals);
            let measure = rule.parse(&raw).unwrap().unwrap();
            let flag = measure.flag();
            assert_eq!(
                flag.as_ref().map(|f| f.direction),
                direction,
                "{} {raw}",
                rule.field
            );
            if let Some(flag) = flag {
                assert_eq!(flag.field, rule.field);
                assert_eq!(flag.value, raw);
                assert_eq!(Some(flag.normal_range), rule.normal_text());
            }
        }
    }
}

#[test]
fn rule_table_is_consistent() {
    let mut fields: Vec<&str> = RULES.iter().map(|r| r.field).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields.len(), RULES.len(), "duplicate field in RULES");
    for rule in RULES {
        assert!(rule.decimals <= 2, "{}", rule.field);
        assert!(rule.plausible_min < rule.plausible_max, "{}", rule.field);
    }
}

type Edit = fn(&mut HealthCheckInput);

/// Plausible boundaries through the whole form: (edit, field, expected error code or None).
const PLAUSIBLE: &[(Edit, &str, Option<&str>)] = &[
    (|i| i.left_systolic = "260".into(), "leftSystolic", None),
    (
        |i| i.left_systolic = "261".into(),
        "leftSystolic",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| {
            i.left_systolic = "60".into();
            i.left_diastolic = "30".into();
        },
        "leftSystolic",
        None,
    ),
    (
        |i| i.right_systolic = "59".into(),
        "rightSystolic",
        Some("health_check.out_of_plausible_range"),
    ),
    (|i| i.left_diastolic = "30".into(), "leftDiastolic", None),
    (
        |i| i.left_diastolic = "29".into(),
        "leftDiastolic",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| {
            i.right_systolic = "200".into();
            i.right_diastolic = "151".into();
        },
        "rightDiastolic",
        Some("health_check.out_of_plausible_range"),
    ),
    (|i| i.pulse = "20".into(), "pulse", None),
    (
        |i| i.pulse = "251".into(),
        "pulse",
        Some("health_check.out_of_plausible_range"),
    ),
    (|i| i.temperature = "43.0".into(), "temperature", None),
    (
        |i| i.temperature = "31.9".into(),
        "temperature",
        Some("health_check.out_of_plausible_range"),
    ),
    (|i| i.height = "230".into(), "height", None),
    (
        |i| i.height = "99.9".into(),
        "height",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| i.weight = "250.1".into(),
        "weight",
        Some("health_check.out_of_plausible_range"),
    ),
    (|i| i.waist = "40".into(), "waist", None),
    (|i| i.fasting_glucose = "1.0".into(), "fastingGlucose", None),
    (
        |i| i.fasting_glucose = "0.99".into(),
        "fastingGlucose",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| i.fasting_glucose = "40.01".into(),
        "fastingGlucose",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| i.temperature = "-36".into(),
        "temperature",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| i.hemoglobin = "99999999999999999999999".into(),
        "hemoglobin",
        Some("health_check.out_of_plausible_range"),
    ),
    (
        |i| i.temperature = "36.55".into(),
        "temperature",
        Some("health_check.too_many_decimals"),
    ),
    (|i| i.temperature = "36.50".into(), "temperature", None),
    (
        |i| i.pulse = "72.5".into(),
        "pulse",
        Some("health_check.too_many_decimals"),
    ),
    (
        |i| i.tc = "5.183".into(),
        "tc",
        Some("health_check.too_many_decimals"),
    ),
    (
        |i| i.pulse = "七十二".into(),
        "pulse",
        Some("health_check.not_a_number"),
    ),
    (
        |i| i.weight = "60kg".into(),
        "weight",
        Some("health_check.not_a_number"),
    ),
    (
        |i| i.weight = "6 0".into(),
        "weight",
        Some("health_check.not_a_number"),
    ),
    (
        |i| i.tg = "1.2.3".into(),
        "tg",
        Some("health_check.not_a_number"),
    ),
    (
        |i| i.hdl = ".".into(),
        "hdl",
        Some("health_check.not_a_number"),
    ),
    (|i| i.hdl = ".9".into(), "hdl", None),
];

#[test]
fn plausible_ranges_through_the_form() {
    for (n, (edit, field, code)) in PLAUSIBLE.iter().enumerate() {
        let mut input = valid_input();
        edit(&mut input);
        let got = codes_of(&validate_health_check(&input, today()));
        let want: Vec<(String, &str)> = code.iter().map(|c| ((*field).to_owned(), *c)).collect();
        assert_eq!(got, want, "row {n}");
    }
}

/// Normal boundaries through the whole form: (edit, flagged field, expected direction or None).
const NORMAL: &[(Edit, &str, Option<FlagDirection>)] = &[
    (|i| i.left_systolic = "139".into(), "leftSystolic", None),
    (
        |i| i.left_systolic = "140".into(),
        "leftSystolic",
        Some(FlagDirection::High),
    ),
    (|i| i.right_systolic = "90".into(), "rightSystolic", None),
    (
        |i| {
            i.right_systolic = "89".into();
            i.right_diastolic = "60".into();
        },
        "rightSystolic",
        Some(FlagDirection::Low),
    ),
    (|i| i.left_diastolic = "89".into(), "leftDiastolic", None),
    (
        |i| i.left_diastolic = "90".into(),
        "leftDiastolic",
        Some(FlagDirection::High),
    ),
    (
        |i| i.left_diastolic = "59".into(),
        "leftDiastolic",
        Some(FlagDirection::Low),
    ),
    (|i| i.temperature = "37.3".into(), "temperature", None),
    (
        |i| i.temperature = "37.4".into(),
        "temperature",
        Some(FlagDirection::High),
    ),
    (|i| i.temperature = "36".into(), "temperature", None),
    (
        |i| i.temperature = "35.9".into(),
        "temperature",
        Some(FlagDirection::Low),
    ),
    (|i| i.pulse = "100".into(), "pulse", None),
    (|i| i.pulse = "59".into(), "pulse", Some(FlagDirection::Low)),
    (|i| i.fasting_glucose = "6.1".into(), "fastingGlucose", None),
    (
        |i| i.fasting_glucose = "6.11".into(),
        "fastingGlucose",
        Some(FlagDirection::High),
    ),
    (|i| i.fasting_glucose = "3.9".into(), "fastingGlucose", None),
    (
        |i| i.fasting_glucose = "3.89".into(),
        "fastingGlucose",
        Some(FlagDirection::Low),
    ),
    (|i| i.tc = "5.19".into(), "tc", None),
    (|i| i.tc = "5.2".into(), "tc", Some(FlagDirection::High)),
    (|i| i.hdl = "1.0".into(), "hdl", None),
    (|i| i.hdl = "0.99".into(), "hdl", Some(FlagDirection::Low)),
    (|i| i.alt = "0".into(), "alt", None),
    (|i| i.alt = "50.1".into(), "alt", Some(FlagDirection::High)),
    (|i| i.vision_left = "0.5".into(), "visionLeft", None),
    (
        |i| i.vision_left = "0.4".into(),
        "visionLeft",
        Some(FlagDirection::Low),
    ),
    (|i| i.waist = "120".into(), "waist", None),
    (
        |i| i.urine_protein = Some(UrineDipstick::Trace),
        "urineProtein",
        Some(FlagDirection::High),
    ),
    (
        |i| i.urine_glucose = Some(UrineDipstick::Plus2),
        "urineGlucose",
        Some(FlagDirection::High),
    ),
];

#[test]
fn normal_ranges_flag_but_never_refuse() {
    for (n, (edit, field, direction)) in NORMAL.iter().enumerate() {
        let mut input = valid_input();
        edit(&mut input);
        let check =
            validate_health_check(&input, today()).unwrap_or_else(|e| panic!("row {n}: {e}"));
        let got: Vec<(&str, FlagDirection)> = check
            .flags
            .iter()
            .map(|f| (f.field.as_str(), f.direction))
            .collect();
        let want: Vec<(&str, FlagDirection)> = direction.iter().map(|d| (*field, *d)).collect();
        assert_eq!(got, want, "row {n}");
    }
}

#[test]
fn flags_carry_label_value_and_range() {
    let mut input = valid_input();
    input.left_systolic = "１８０".into();
    input.tc = "6.5".into();
    input.hdl = "0.9".into();
    input.urine_protein = Some(UrineDipstick::Plus2);
    let check = validate_health_check(&input, today()).unwrap();
    let flags: Vec<(&str, &str, &str, &str)> = check
        .flags
        .iter()
        .map(|f| {
            (
                f.field.as_str(),
                f.label.as_str(),
                f.value.as_str(),
                f.normal_range.as_str(),
            )
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            ("leftSystolic", "收缩压（左）", "180", "90–139 mmHg"),
            ("urineProtein", "尿蛋白", "++", "阴性"),
            ("tc", "总胆固醇", "6.5", "< 5.2 mmol/L"),
            ("hdl", "高密度脂蛋白胆固醇", "0.9", "≥ 1.0 mmol/L"),
        ]
    );
}

#[test]
fn bmi_is_computed_rounded_half_up_and_flagged() {
    // (height cm, weight kg, BMI, flag)
    let cases: &[(&str, &str, &str, Option<FlagDirection>)] = &[
        ("170", "65", "22.5", None),
        ("165", "60", "22.0", None),
        // 95.8 / 2.0² = 23.95 exactly: half up gives 24.0, overweight.
        ("200", "95.8", "24.0", Some(FlagDirection::High)),
        ("200", "95.7", "23.9", None),
        ("160", "61.3", "23.9", None),
        ("160", "61.4", "24.0", Some(FlagDirection::High)),
        ("200", "74", "18.5", None),
        // 18.45 exactly: half up gives 18.5, not underweight.
        ("200", "73.8", "18.5", None),
        ("200", "73.7", "18.4", Some(FlagDirection::Low)),
        ("１５８．５", "４８．２", "19.2", None),
    ];
    for (height, weight, bmi, direction) in cases {
        let mut input = valid_input();
        input.height = (*height).into();
        input.weight = (*weight).into();
        let check = validate_health_check(&input, today()).unwrap();
        assert_eq!(check.bmi.as_deref(), Some(*bmi), "{height}/{weight}");
        let flag = check.flags.iter().find(|f| f.field == "bmi");
        assert_eq!(flag.map(|f| f.direction), *direction, "{height}/{weight}");
        if let Some(flag) = flag {
            assert_eq!(flag.value, *bmi);
            assert_eq!(flag.normal_range, "18.5–23.9 kg/m²");
        }
    }
}

#[test]
fn systolic_must_exceed_diastolic_on_each_arm() {
    /// (left arm, right arm, fields refused)
    type Case = (
        (&'static str, &'static str),
        (&'static str, &'static str),
        &'static [&'static str],
    );
    let cases: &[Case] = &[
        (("120", "120"), ("126", "76"), &["leftSystolic"]),
        (("128", "78"), ("80", "90"), &["rightSystolic"]),
        (
            ("90", "100"),
            ("100", "100"),
            &["leftSystolic", "rightSystolic"],
        ),
        (("121", "120"), ("126", "76"), &[]),
    ];
    for (left, right, fields) in cases {
        let mut input = valid_input();
        (input.left_systolic, input.left_diastolic) = (left.0.into(), left.1.into());
        (input.right_systolic, input.right_diastolic) = (right.0.into(), right.1.into());
        let got = codes_of(&validate_health_check(&input, today()));
        let want: Vec<(String, &str)> = fields
            .iter()
            .map(|f| ((*f).to_owned(), "health_check.systolic_not_above_diastolic"))
            .collect();
        assert_eq!(got, want, "{left:?} {right:?}");
    }
    let mut input = valid_input();
    input.left_diastolic = "130".into();
    let e = validate_health_check(&input, today()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "收缩压（左）（128 mmHg）应高于舒张压（左）（130 mmHg），请核对是否填反"
    );
}

#[test]
fn blood_pressure_needs_both_values() {
    let mut input = valid_input();
    input.left_diastolic = String::new();
    input.right_systolic = " ".into();
    let got = codes_of(&validate_health_check(&input, today()));
    assert_eq!(
        got,
        vec![
            (
                "leftDiastolic".to_owned(),
                "health_check.blood_pressure_incomplete"
            ),
            (
                "rightSystolic".to_owned(),
                "health_check.blood_pressure_incomplete"
            ),
        ]
    );
}

#[test]
fn full_width_digits_and_spaces_are_accepted() {
    let mut input = valid_input();
    input.temperature = "３６．８　".into();
    input.left_systolic = " １３２ ".into();
    input.left_diastolic = "８６\u{3000}".into();
    input.fasting_glucose = "５．６０".into();
    input.weight = "060.0".into();
    let check = validate_health_check(&input, today()).unwrap();
    assert_eq!(check.temperature.as_deref(), Some("36.8"));
    assert_eq!(check.left_systolic.as_deref(), Some("132"));
    assert_eq!(check.left_diastolic.as_deref(), Some("86"));
    assert_eq!(check.fasting_glucose.as_deref(), Some("5.6"));
    assert_eq!(check.weight.as_deref(), Some("60.0"));
}

#[test]
fn check_date_is_real_and_not_in_the_future() {
    let cases: &[(&str, Option<&str>)] = &[
        ("2025-06-01", None),
        (" 2024-02-29 ", None),
        ("2025-06-02", Some("health_check.checked_on_future")),
        ("2025-02-29", Some("health_check.checked_on_format")),
        ("2025/05/20", Some("health_check.checked_on_format")),
        ("", Some("health_check.checked_on_required")),
    ];
    for (raw, code) in cases {
        let mut input = valid_input();
        input.checked_on = (*raw).into();
        let got = codes_of(&validate_health_check(&input, today()));
        let want: Vec<(String, &str)> = code.iter().map(|c| ("checkedOn".to_owned(), *c)).collect();
        assert_eq!(got, want, "{raw:?}");
    }
    let mut input = valid_input();
    input.checked_on = "2025-06-02".into();
    let e = validate_health_check(&input, today()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "体检日期 2025-06-02 晚于今天（2025-06-01），不能填写将来的日期"
    );
}

/// Cross-field and text rules: (edit, field, code).
const CROSS_FIELD: &[(Edit, &str, &str)] = &[
    (
        |i| i.smoking = Some(SmokingStatus::Never),
        "cigarettesPerDay",
        "health_check.amount_without_habit",
    ),
    (
        |i| i.smoking = None,
        "cigarettesPerDay",
        "health_check.amount_without_habit",
    ),
    (
        |i| i.drinking = Some(DrinkingFrequency::Never),
        "alcoholPerDay",
        "health_check.amount_without_habit",
    ),
    (
        |i| {
            i.skin = Some(ExamFinding {
                result: ExamResult::Abnormal,
                detail: "  ".into(),
            })
        },
        "skin",
        "health_check.detail_required",
    ),
    (
        |i| {
            i.ecg = Some(ExamFinding {
                result: ExamResult::Normal,
                detail: "窦".repeat(201),
            })
        },
        "ecg",
        "text.too_long",
    ),
    (
        |i| i.health_evaluation = None,
        "healthEvaluation",
        "health_check.evaluation_required",
    ),
    (
        |i| i.abnormalities = vec![" ".into()],
        "abnormalities",
        "health_check.abnormalities_required",
    ),
    (
        |i| i.health_evaluation = Some(ExamResult::Normal),
        "abnormalities",
        "health_check.abnormalities_with_normal",
    ),
    (
        |i| i.symptoms = vec!["头晕\n乏力".into()],
        "symptoms",
        "text.control_char",
    ),
    (
        |i| i.guidance_note = "注".repeat(501),
        "guidanceNote",
        "text.too_long",
    ),
];

#[test]
fn cross_field_rules() {
    for (n, (edit, field, code)) in CROSS_FIELD.iter().enumerate() {
        let mut input = valid_input();
        edit(&mut input);
        let got = codes_of(&validate_health_check(&input, today()));
        assert_eq!(got, vec![((*field).to_owned(), *code)], "row {n}");
    }
}

#[test]
fn amounts_are_allowed_with_the_habit() {
    let mut input = valid_input();
    input.smoking = Some(SmokingStatus::Quit);
    input.cigarettes_per_day = "20".into();
    input.drinking = Some(DrinkingFrequency::Never);
    input.alcohol_per_day = String::new();
    let check = validate_health_check(&input, today()).unwrap();
    assert_eq!(check.cigarettes_per_day.as_deref(), Some("20"));
    assert_eq!(check.alcohol_per_day, None);
}

#[test]
fn every_error_is_reported_at_once_in_form_order() {
    let mut input = valid_input();
    input.checked_on = "2030-01-01".into();
    input.temperature = "３６.５５".into();
    input.pulse = "abc".into();
    input.left_systolic = "300".into();
    input.right_systolic = "70".into();
    input.right_diastolic = "80".into();
    input.fasting_glucose = "0.5".into();
    input.health_evaluation = None;
    let e = validate_health_check(&input, today()).unwrap_err();
    assert_eq!(
        codes_of(&Err(e.clone())),
        vec![
            ("checkedOn".to_owned(), "health_check.checked_on_future"),
            ("temperature".to_owned(), "health_check.too_many_decimals"),
            ("pulse".to_owned(), "health_check.not_a_number"),
            (
                "leftSystolic".to_owned(),
                "health_check.out_of_plausible_range"
            ),
            (
                "rightSystolic".to_owned(),
                "health_check.systolic_not_above_diastolic"
            ),
            (
                "fastingGlucose".to_owned(),
                "health_check.out_of_plausible_range"
            ),
            (
                "healthEvaluation".to_owned(),
                "health_check.evaluation_required"
            ),
        ]
    );
    let messages: Vec<&str> = e.0.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages[1], "体温：36.55 最多保留 1 位小数");
    assert_eq!(
        messages[2],
        "脉率：「abc」不是数字，请填写数值（单位 次/分钟）"
    );
    assert_eq!(
        messages[3],
        "收缩压（左）：300 不是合理的数值，应在 60–260 mmHg 之间"
    );
    assert_eq!(
        messages[5],
        "空腹血糖：0.5 不是合理的数值，应在 1.0–40.0 mmol/L 之间"
    );
}

#[test]
fn integer_fields_say_so() {
    let mut input = valid_input();
    input.left_systolic = "180.5".into();
    let e = validate_health_check(&input, today()).unwrap_err();
    assert_eq!(e.to_string(), "收缩压（左）：180.5 应为整数");
}

#[test]
fn vitals() {
    let v = validate_vitals("１４８", "92 ", "76", "").unwrap();
    assert_eq!((v.systolic, v.diastolic, v.pulse), (148, 92, 76));
    assert_eq!(v.glucose, None);
    let flagged: Vec<(&str, FlagDirection)> = v
        .flags
        .iter()
        .map(|f| (f.field.as_str(), f.direction))
        .collect();
    assert_eq!(
        flagged,
        vec![
            ("systolic", FlagDirection::High),
            ("diastolic", FlagDirection::High)
        ]
    );
    assert_eq!(v.flags[0].label, "收缩压");

    let v = validate_vitals("120", "80", "70", "6").unwrap();
    assert_eq!(v.glucose.as_deref(), Some("6.0"));
    assert!(v.flags.is_empty());
    let v = validate_vitals("120", "80", "70", "7.8").unwrap();
    assert_eq!(v.flags[0].field, "glucose");
    assert_eq!(v.flags[0].normal_range, "3.9–6.1 mmol/L");

    /// (systolic, diastolic, pulse, glucose, expected (field, code) errors)
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let cases: &[Case] = &[
        (
            "",
            "",
            "",
            "",
            &[
                ("systolic", "health_check.required"),
                ("diastolic", "health_check.required"),
                ("pulse", "health_check.required"),
            ],
        ),
        (
            "80",
            "90",
            "70",
            "",
            &[("systolic", "health_check.systolic_not_above_diastolic")],
        ),
        (
            "261",
            "80",
            "19",
            "5.62",
            &[
                ("systolic", "health_check.out_of_plausible_range"),
                ("pulse", "health_check.out_of_plausible_range"),
                ("glucose", "health_check.too_many_decimals"),
            ],
        ),
        (
            "120",
            "80",
            "70",
            "40.1",
            &[("glucose", "health_check.out_of_plausible_range")],
        ),
    ];
    for (s, d, p, g, want) in cases {
        let e = validate_vitals(s, d, p, g).unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(got, *want, "{s}/{d} {p} {g}");
    }
    let e = validate_vitals("", "80", "70", "").unwrap_err();
    assert_eq!(e.to_string(), "收缩压不能为空");
}

#[test]
fn bp_flags() {
    let cases: &[(i32, i32, Option<FlagDirection>)] = &[
        (120, 80, None),
        (139, 89, None),
        (90, 60, None),
        (140, 80, Some(FlagDirection::High)),
        (130, 90, Some(FlagDirection::High)),
        // Isolated systolic hypertension with a low diastolic is still high.
        (150, 55, Some(FlagDirection::High)),
        (89, 60, Some(FlagDirection::Low)),
        (100, 59, Some(FlagDirection::Low)),
    ];
    for (s, d, want) in cases {
        assert_eq!(bp_flag(*s, *d), *want, "{s}/{d}");
    }
}

#[test]
fn canonical_number_text() {
    let cases: &[(i64, u8, &str)] = &[
        (12000, 0, "120"),
        (3650, 1, "36.5"),
        (3600, 1, "36.0"),
        (518, 2, "5.18"),
        (170, 2, "1.7"),
        (1, 2, "0.01"),
        (-10, 1, "-0.1"),
    ];
    for (hundredths, decimals, want) in cases {
        assert_eq!(format_hundredths(*hundredths, *decimals), *want);
    }
}
