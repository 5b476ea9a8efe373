//! The annual health check (老年人健康体检表) and rounds vitals: every typed number parsed and
//! checked against its plausible range (refused: a typo), values outside the normal range flagged
//! (never refused), the BMI computed, and the cross-field rules (systolic above diastolic on each
//! arm, amounts only with the matching habit, abnormal findings described). All problems are
//! reported at once, each on its camelCase input field. The ranges live in [`ranges`].
use chrono::NaiveDate;
use thiserror::Error;
use yiyang_protocol::{
    DrinkingFrequency, ExamResult, FlagDirection, HealthCheck, HealthCheckInput, SmokingStatus,
    UrineDipstick, Vitals,
};

use crate::error::{Coded, ValidationErrors};
use crate::text::{parse_iso_date, TextRule};

mod form;
pub mod ranges;

use form::Form;
use ranges::{
    Measure, MeasureRule, ALCOHOL_PER_DAY, ALT, AST, CIGARETTES_PER_DAY, CREATININE, DIASTOLIC,
    FASTING_GLUCOSE, GLUCOSE, HDL, HEIGHT, HEMOGLOBIN, LDL, LEFT_DIASTOLIC, LEFT_SYSTOLIC,
    PLATELETS, PULSE, RESPIRATION, RIGHT_DIASTOLIC, RIGHT_SYSTOLIC, SYSTOLIC, TC, TEMPERATURE, TG,
    TOTAL_BILIRUBIN, UREA, VISION_LEFT, VISION_RIGHT, WAIST, WBC, WEIGHT,
};
pub use ranges::{RULES, RULE_VERSION};

const SYMPTOM: TextRule = chip("症状", 50);
const MEDICATION: TextRule = chip("用药", 100);
const ABNORMALITY: TextRule = chip("异常项", 100);
const HISTORY_NOTE: TextRule = note("既往史", 500);
const SELF_CARE_NOTE: TextRule = note("生活自理能力说明", 200);
const GUIDANCE_NOTE: TextRule = note("健康指导说明", 500);

const fn chip(label: &'static str, max_chars: usize) -> TextRule {
    TextRule {
        label,
        max_chars,
        required: false,
        multiline: false,
    }
}

const fn note(label: &'static str, max_chars: usize) -> TextRule {
    TextRule {
        label,
        max_chars,
        required: false,
        multiline: true,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HealthCheckError {
    #[error("{label}：「{raw}」不是数字，请填写数值{}", unit_hint(unit))]
    NotANumber {
        label: &'static str,
        unit: &'static str,
        raw: String,
    },
    #[error("{label}：{raw} {}", decimals_rule(*decimals))]
    TooManyDecimals {
        label: &'static str,
        raw: String,
        decimals: u8,
    },
    #[error("{label}：{raw} 不是合理的数值，应在 {range} 之间")]
    OutOfPlausibleRange {
        label: &'static str,
        raw: String,
        range: String,
    },
    #[error("{label}不能为空")]
    Required { label: &'static str },
    #[error("{systolic_label}（{systolic} mmHg）应高于{diastolic_label}（{diastolic} mmHg），请核对是否填反")]
    SystolicNotAboveDiastolic {
        systolic_label: &'static str,
        diastolic_label: &'static str,
        systolic: String,
        diastolic: String,
    },
    #[error("{label}须同时填写收缩压和舒张压")]
    BloodPressureIncomplete { label: &'static str },
    #[error("体检日期不能为空")]
    CheckedOnRequired,
    #[error("体检日期格式不正确：应为 YYYY-MM-DD（如 2025-06-01），实际为「{0}」")]
    CheckedOnFormat(String),
    #[error("体检日期 {date} 晚于今天（{today}），不能填写将来的日期")]
    CheckedOnFuture { date: NaiveDate, today: NaiveDate },
    #[error("{label}：选择“异常”时请填写异常情况")]
    DetailRequired { label: &'static str },
    #[error("{label}：{reason}，不应填写")]
    AmountWithoutHabit {
        label: &'static str,
        reason: &'static str,
    },
    #[error("健康评价不能为空：请选择“体检无异常”或“有异常”")]
    EvaluationRequired,
    #[error("健康评价为“有异常”时请至少填写一项异常")]
    AbnormalitiesRequired,
    #[error("健康评价为“体检无异常”时不应填写异常项")]
    AbnormalitiesWithNormal,
}

fn unit_hint(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!("（单位 {unit}）")
    }
}

fn decimals_rule(decimals: u8) -> String {
    if decimals == 0 {
        "应为整数".to_owned()
    } else {
        format!("最多保留 {decimals} 位小数")
    }
}

impl Coded for HealthCheckError {
    fn code(&self) -> &'static str {
        match self {
            HealthCheckError::NotANumber { .. } => "health_check.not_a_number",
            HealthCheckError::TooManyDecimals { .. } => "health_check.too_many_decimals",
            HealthCheckError::OutOfPlausibleRange { .. } => "health_check.out_of_plausible_range",
            HealthCheckError::Required { .. } => "health_check.required",
            HealthCheckError::SystolicNotAboveDiastolic { .. } => {
                "health_check.systolic_not_above_diastolic"
            }
            HealthCheckError::BloodPressureIncomplete { .. } => {
                "health_check.blood_pressure_incomplete"
            }
            HealthCheckError::CheckedOnRequired => "health_check.checked_on_required",
            HealthCheckError::CheckedOnFormat(_) => "health_check.checked_on_format",
            HealthCheckError::CheckedOnFuture { .. } => "health_check.checked_on_future",
            HealthCheckError::DetailRequired { .. } => "health_check.detail_required",
            HealthCheckError::AmountWithoutHabit { .. } => "health_check.amount_without_habit",
            HealthCheckError::EvaluationRequired => "health_check.evaluation_required",
            HealthCheckError::AbnormalitiesRequired => "health_check.abnormalities_required",
            HealthCheckError::AbnormalitiesWithNormal => "health_check.abnormalities_with_normal",
        }
    }
}

/// The symbol printed on lab sheets.
pub fn dipstick_symbol(reading: UrineDipstick) -> &'static str {
    match reading {
        UrineDipstick::Negative => "-",
        UrineDipstick::Trace => "±",
        UrineDipstick::Plus1 => "+",
        UrineDipstick::Plus2 => "++",
        UrineDipstick::Plus3 => "+++",
        UrineDipstick::Plus4 => "++++",
    }
}

/// Whether a blood pressure is outside the normal range (90–139 / 60–89 mmHg): `High` when either
/// value is high (isolated systolic hypertension included), else `Low` when either is low.
pub fn bp_flag(systolic: i32, diastolic: i32) -> Option<FlagDirection> {
    let side = |rule: &MeasureRule, value: i32| {
        rule.normal
            .and_then(|normal| ranges::direction(&normal, i64::from(value) * 100))
    };
    match (side(&SYSTOLIC, systolic), side(&DIASTOLIC, diastolic)) {
        (Some(FlagDirection::High), _) | (_, Some(FlagDirection::High)) => {
            Some(FlagDirection::High)
        }
        (Some(FlagDirection::Low), _) | (_, Some(FlagDirection::Low)) => Some(FlagDirection::Low),
        (None, None) => None,
    }
}

/// Checks the vitals of a round: blood pressure and pulse required, glucose optional (blank: not
/// measured). Errors are on the fields `systolic`, `diastolic`, `pulse`, `glucose`.
pub fn validate_vitals(
    systolic: &str,
    diastolic: &str,
    pulse: &str,
    glucose: &str,
) -> Result<Vitals, ValidationErrors> {
    let mut form = Form::default();
    let (sys, dia) = form.blood_pressure((&SYSTOLIC, &DIASTOLIC), (systolic, diastolic), None);
    let pulse = form.required(&PULSE, pulse);
    let glucose = form.measure(&GLUCOSE, glucose);
    match (sys, dia, pulse) {
        (Some(sys), Some(dia), Some(pulse)) if form.errors.is_empty() => Ok(Vitals {
            systolic: sys.whole(),
            diastolic: dia.whole(),
            pulse: pulse.whole(),
            glucose: glucose.map(|g| g.text()),
            flags: form.flags,
        }),
        _ => Err(form.errors),
    }
}

fn checked_on(raw: &str, today: NaiveDate, errors: &mut ValidationErrors) -> Option<NaiveDate> {
    let field = "checkedOn";
    let text = raw.trim();
    let error = if text.is_empty() {
        HealthCheckError::CheckedOnRequired
    } else {
        match parse_iso_date(text) {
            None => HealthCheckError::CheckedOnFormat(text.to_owned()),
            Some(date) if date > today => HealthCheckError::CheckedOnFuture { date, today },
            Some(date) => return Some(date),
        }
    };
    errors.push(field, &error);
    None
}

fn smoking_allows_amount(smoking: Option<SmokingStatus>) -> Result<(), &'static str> {
    match smoking {
        // An ex-smoker's amount is what they smoked before quitting, as on the paper form.
        Some(SmokingStatus::Current | SmokingStatus::Quit) => Ok(()),
        Some(SmokingStatus::Never) => Err("吸烟状况为“从不吸烟”"),
        None => Err("未选择吸烟状况"),
    }
}

fn drinking_allows_amount(drinking: Option<DrinkingFrequency>) -> Result<(), &'static str> {
    match drinking {
        Some(DrinkingFrequency::Never) => Err("饮酒频率为“从不”"),
        Some(_) => Ok(()),
        None => Err("未选择饮酒频率"),
    }
}

/// Checks every field of the health-check form and reports all problems at once, each on its
/// camelCase input field. `today` bounds the check date. Values outside their normal range are
/// accepted and listed in `flags`.
pub fn validate_health_check(
    input: &HealthCheckInput,
    today: NaiveDate,
) -> Result<HealthCheck, ValidationErrors> {
    let mut f = Form::default();
    let checked_on = checked_on(&input.checked_on, today, &mut f.errors);
    let text = |m: Option<Measure>| m.map(|m| m.text());

    let mut diet_habits = input.diet_habits.clone();
    diet_habits.sort();
    diet_habits.dedup();
    let cigarettes_per_day = f.amount(
        &CIGARETTES_PER_DAY,
        &input.cigarettes_per_day,
        smoking_allows_amount(input.smoking),
    );
    let alcohol_per_day = f.amount(
        &ALCOHOL_PER_DAY,
        &input.alcohol_per_day,
        drinking_allows_amount(input.drinking),
    );
    let symptoms = f.chips("symptoms", &SYMPTOM, &input.symptoms);
    let history_note = f.text("historyNote", &HISTORY_NOTE, &input.history_note);
    let medications = f.chips("medications", &MEDICATION, &input.medications);
    let self_care_note = f.text("selfCareNote", &SELF_CARE_NOTE, &input.self_care_note);

    let temperature = f.measure(&TEMPERATURE, &input.temperature);
    let pulse = f.measure(&PULSE, &input.pulse);
    let respiration = f.measure(&RESPIRATION, &input.respiration);
    let left = f.blood_pressure(
        (&LEFT_SYSTOLIC, &LEFT_DIASTOLIC),
        (&input.left_systolic, &input.left_diastolic),
        Some("血压（左）"),
    );
    let right = f.blood_pressure(
        (&RIGHT_SYSTOLIC, &RIGHT_DIASTOLIC),
        (&input.right_systolic, &input.right_diastolic),
        Some("血压（右）"),
    );
    let height = f.measure(&HEIGHT, &input.height);
    let weight = f.measure(&WEIGHT, &input.weight);
    let bmi = f.bmi(height, weight);
    let waist = f.measure(&WAIST, &input.waist);
    let skin = f.finding(("skin", "皮肤", "皮肤异常情况"), &input.skin);
    let lymph_nodes = f.finding(
        ("lymphNodes", "淋巴结", "淋巴结异常情况"),
        &input.lymph_nodes,
    );
    let lungs = f.finding(("lungs", "肺", "肺异常情况"), &input.lungs);
    let heart = f.finding(("heart", "心脏", "心脏异常情况"), &input.heart);
    let abdomen = f.finding(("abdomen", "腹部", "腹部异常情况"), &input.abdomen);
    let mouth = f.finding(("mouth", "口腔", "口腔异常情况"), &input.mouth);
    let vision_left = f.measure(&VISION_LEFT, &input.vision_left);
    let vision_right = f.measure(&VISION_RIGHT, &input.vision_right);

    let hemoglobin = f.measure(&HEMOGLOBIN, &input.hemoglobin);
    let wbc = f.measure(&WBC, &input.wbc);
    let platelets = f.measure(&PLATELETS, &input.platelets);
    f.urine("urineProtein", "尿蛋白", input.urine_protein);
    f.urine("urineGlucose", "尿糖", input.urine_glucose);
    let alt = f.measure(&ALT, &input.alt);
    let ast = f.measure(&AST, &input.ast);
    let total_bilirubin = f.measure(&TOTAL_BILIRUBIN, &input.total_bilirubin);
    let creatinine = f.measure(&CREATININE, &input.creatinine);
    let urea = f.measure(&UREA, &input.urea);
    let fasting_glucose = f.measure(&FASTING_GLUCOSE, &input.fasting_glucose);
    let tc = f.measure(&TC, &input.tc);
    let tg = f.measure(&TG, &input.tg);
    let ldl = f.measure(&LDL, &input.ldl);
    let hdl = f.measure(&HDL, &input.hdl);
    let ecg = f.finding(("ecg", "心电图", "心电图异常情况"), &input.ecg);
    let ultrasound = f.finding(
        ("ultrasound", "腹部B超", "腹部B超异常情况"),
        &input.ultrasound,
    );

    let abnormalities = f.chips("abnormalities", &ABNORMALITY, &input.abnormalities);
    match input.health_evaluation {
        None => f
            .errors
            .push("healthEvaluation", &HealthCheckError::EvaluationRequired),
        Some(ExamResult::Abnormal) if abnormalities.is_empty() => f
            .errors
            .push("abnormalities", &HealthCheckError::AbnormalitiesRequired),
        Some(ExamResult::Normal) if !abnormalities.is_empty() => f
            .errors
            .push("abnormalities", &HealthCheckError::AbnormalitiesWithNormal),
        Some(_) => {}
    }
    let mut guidance = input.guidance.clone();
    guidance.sort();
    guidance.dedup();
    let guidance_note = f.text("guidanceNote", &GUIDANCE_NOTE, &input.guidance_note);

    let (Some(checked_on), Some(health_evaluation)) = (checked_on, input.health_evaluation) else {
        return Err(f.errors);
    };
    if !f.errors.is_empty() {
        return Err(f.errors);
    }
    Ok(HealthCheck {
        checked_on: checked_on.format("%Y-%m-%d").to_string(),
        rule_version: RULE_VERSION,
        exercise_frequency: input.exercise_frequency,
        diet_habits,
        smoking: input.smoking,
        cigarettes_per_day: text(cigarettes_per_day),
        drinking: input.drinking,
        alcohol_per_day: text(alcohol_per_day),
        symptoms,
        history_note,
        medications,
        self_care_note,
        temperature: text(temperature),
        pulse: text(pulse),
        respiration: text(respiration),
        left_systolic: text(left.0),
        left_diastolic: text(left.1),
        right_systolic: text(right.0),
        right_diastolic: text(right.1),
        height: text(height),
        weight: text(weight),
        bmi: text(bmi),
        waist: text(waist),
        skin,
        lymph_nodes,
        lungs,
        heart,
        abdomen,
        mouth,
        vision_left: text(vision_left),
        vision_right: text(vision_right),
        hearing: input.hearing,
        motor_function: input.motor_function,
        hemoglobin: text(hemoglobin),
        wbc: text(wbc),
        platelets: text(platelets),
        urine_protein: input.urine_protein,
        urine_glucose: input.urine_glucose,
        alt: text(alt),
        ast: text(ast),
        total_bilirubin: text(total_bilirubin),
        creatinine: text(creatinine),
        urea: text(urea),
        fasting_glucose: text(fasting_glucose),
        tc: text(tc),
        tg: text(tg),
        ldl: text(ldl),
        hdl: text(hdl),
        ecg,
        ultrasound,
        health_evaluation,
        abnormalities,
        guidance,
        guidance_note,
        flags: f.flags,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
