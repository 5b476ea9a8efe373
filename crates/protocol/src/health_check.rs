//! The annual health check of residents ≥ 65 (基本公卫 老年人健康管理, 老年人健康体检表): the form
//! input, the validated record with its computed BMI and out-of-normal flags, and the vital signs
//! taken on rounds.
//!
//! Measurements travel as strings both ways. In the input they are exactly what was typed (empty:
//! not measured). In the record they are normalised decimals (`"36.5"`, `"120"`, `"5.18"`): no
//! floating point crosses the boundary, so a stored record serialises the same way every time and
//! compares exactly.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 体育锻炼 – 锻炼频率.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseFrequency {
    /// 每天
    Daily,
    /// 每周一次以上
    Weekly,
    /// 偶尔
    Occasionally,
    /// 不锻炼
    Never,
}

/// 饮食习惯 (several may apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DietHabit {
    /// 荤素均衡
    Balanced,
    /// 荤食为主
    Meat,
    /// 素食为主
    Vegetarian,
    /// 嗜盐
    Salty,
    /// 嗜油
    Oily,
    /// 嗜糖
    Sweet,
}

/// 吸烟状况.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SmokingStatus {
    /// 从不吸烟
    Never,
    /// 已戒烟
    Quit,
    /// 吸烟
    Current,
}

/// 饮酒频率.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DrinkingFrequency {
    /// 从不
    Never,
    /// 偶尔
    Occasionally,
    /// 经常
    Often,
    /// 每天
    Daily,
}

/// Result of one examination item: 未见异常 / 异常.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExamResult {
    Normal,
    Abnormal,
}

/// One examination item (皮肤, 淋巴结, 肺, 心脏, 腹部, 口腔, 心电图, 腹部B超). The same shape in the
/// input and the record; `detail` is required when the result is abnormal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExamFinding {
    pub result: ExamResult,
    /// What was abnormal (or a remark); trimmed in the record.
    pub detail: String,
}

/// 听力 (rough check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Hearing {
    /// 听见
    Heard,
    /// 听不清或无法听见
    NotHeard,
}

/// 运动功能 (rough check: touch the back of the head, pick something up, walk and turn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MotorFunction {
    /// 可顺利完成
    CanComplete,
    /// 无法独立完成其中任何一个动作
    CannotComplete,
}

/// A urine dipstick reading: 阴性 (-), 微量 (±), + to ++++.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UrineDipstick {
    Negative,
    Trace,
    Plus1,
    Plus2,
    Plus3,
    Plus4,
}

/// 健康指导 (several may apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HealthGuidance {
    /// 纳入高血压患者健康管理
    EnrolHypertension,
    /// 纳入2型糖尿病患者健康管理
    EnrolDiabetes,
    /// 建议转诊
    Referral,
    /// 疫苗接种
    Vaccination,
    /// 骨质疏松预防
    Osteoporosis,
    /// 防跌倒措施
    FallPrevention,
    /// 认知和情感（防痴呆、抑郁）
    CognitionAndMood,
    /// 定期随访
    RegularFollowUp,
}

/// What the health-check form sends. Every measurement is the raw text typed (full-width digits
/// are fine; empty: not measured); `yiyang-domain` parses and range-checks every one and reports
/// all problems at once, each on the camelCase name of its field here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheckInput {
    /// 体检日期 `YYYY-MM-DD`; required, not in the future.
    pub checked_on: String,

    // 生活方式与健康状态评估
    pub exercise_frequency: Option<ExerciseFrequency>,
    pub diet_habits: Vec<DietHabit>,
    pub smoking: Option<SmokingStatus>,
    /// 日吸烟量（支）; only with smoking `quit` (the amount before quitting) or `current`.
    pub cigarettes_per_day: String,
    pub drinking: Option<DrinkingFrequency>,
    /// 日饮酒量（两）; only when drinking is not `never`.
    pub alcohol_per_day: String,
    /// 症状, one chip each.
    pub symptoms: Vec<String>,
    /// 既往史 (diseases, operations, hospital stays).
    pub history_note: String,
    /// 主要用药, one chip each.
    pub medications: Vec<String>,
    /// 生活自理能力 remark (the scored 自理能力评估表 is a separate form).
    pub self_care_note: String,

    // 体格检查
    /// 体温 ℃
    pub temperature: String,
    /// 脉率 次/分钟
    pub pulse: String,
    /// 呼吸频率 次/分钟
    pub respiration: String,
    /// 血压 mmHg; on each arm both or neither.
    pub left_systolic: String,
    pub left_diastolic: String,
    pub right_systolic: String,
    pub right_diastolic: String,
    /// 身高 cm
    pub height: String,
    /// 体重 kg
    pub weight: String,
    /// 腰围 cm
    pub waist: String,
    pub skin: Option<ExamFinding>,
    pub lymph_nodes: Option<ExamFinding>,
    pub lungs: Option<ExamFinding>,
    pub heart: Option<ExamFinding>,
    pub abdomen: Option<ExamFinding>,
    /// 口腔 (口唇、齿列、咽部).
    pub mouth: Option<ExamFinding>,
    /// 视力, decimal acuity (e.g. `0.8`).
    pub vision_left: String,
    pub vision_right: String,
    pub hearing: Option<Hearing>,
    pub motor_function: Option<MotorFunction>,

    // 辅助检查
    /// 血红蛋白 g/L
    pub hemoglobin: String,
    /// 白细胞 ×10⁹/L
    pub wbc: String,
    /// 血小板 ×10⁹/L
    pub platelets: String,
    pub urine_protein: Option<UrineDipstick>,
    pub urine_glucose: Option<UrineDipstick>,
    /// 血清谷丙转氨酶 U/L
    pub alt: String,
    /// 血清谷草转氨酶 U/L
    pub ast: String,
    /// 总胆红素 μmol/L
    pub total_bilirubin: String,
    /// 血清肌酐 μmol/L
    pub creatinine: String,
    /// 血尿素 mmol/L
    pub urea: String,
    /// 空腹血糖 mmol/L
    pub fasting_glucose: String,
    /// 总胆固醇 mmol/L
    pub tc: String,
    /// 甘油三酯 mmol/L
    pub tg: String,
    /// 低密度脂蛋白胆固醇 mmol/L
    pub ldl: String,
    /// 高密度脂蛋白胆固醇 mmol/L
    pub hdl: String,
    pub ecg: Option<ExamFinding>,
    /// 腹部B超
    pub ultrasound: Option<ExamFinding>,

    // 健康评价与健康指导
    /// Required: 体检无异常 (`normal`) or 有异常 (`abnormal`).
    pub health_evaluation: Option<ExamResult>,
    /// 异常1, 异常2, …: at least one when abnormal, none when normal.
    pub abnormalities: Vec<String>,
    pub guidance: Vec<HealthGuidance>,
    pub guidance_note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FlagDirection {
    High,
    Low,
}

/// A value outside its normal range: recorded and shown, never refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HealthFlag {
    /// camelCase field name (`leftSystolic`, `bmi`, `urineProtein`).
    pub field: String,
    /// Chinese label, e.g. `收缩压（左）`.
    pub label: String,
    /// The normalised value without unit (`"150"`, `"24.2"`), or the dipstick reading (`"++"`).
    pub value: String,
    /// The normal range with unit, e.g. `90–139 mmHg`, `< 5.2 mmol/L`, `阴性`.
    pub normal_range: String,
    pub direction: FlagDirection,
}

/// A validated health check as stored and shown back. Every measurement is a normalised decimal
/// string (`None`: not measured), lists are cleaned (trimmed, blanks and duplicates dropped),
/// free text trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    pub checked_on: String,
    /// Version of the range table the flags were computed with.
    pub rule_version: u32,

    pub exercise_frequency: Option<ExerciseFrequency>,
    /// Sorted, without duplicates.
    pub diet_habits: Vec<DietHabit>,
    pub smoking: Option<SmokingStatus>,
    pub cigarettes_per_day: Option<String>,
    pub drinking: Option<DrinkingFrequency>,
    pub alcohol_per_day: Option<String>,
    pub symptoms: Vec<String>,
    pub history_note: String,
    pub medications: Vec<String>,
    pub self_care_note: String,

    pub temperature: Option<String>,
    pub pulse: Option<String>,
    pub respiration: Option<String>,
    pub left_systolic: Option<String>,
    pub left_diastolic: Option<String>,
    pub right_systolic: Option<String>,
    pub right_diastolic: Option<String>,
    pub height: Option<String>,
    pub weight: Option<String>,
    /// 体质指数 kg/m², one decimal, computed from height and weight (never typed).
    pub bmi: Option<String>,
    pub waist: Option<String>,
    pub skin: Option<ExamFinding>,
    pub lymph_nodes: Option<ExamFinding>,
    pub lungs: Option<ExamFinding>,
    pub heart: Option<ExamFinding>,
    pub abdomen: Option<ExamFinding>,
    pub mouth: Option<ExamFinding>,
    pub vision_left: Option<String>,
    pub vision_right: Option<String>,
    pub hearing: Option<Hearing>,
    pub motor_function: Option<MotorFunction>,

    pub hemoglobin: Option<String>,
    pub wbc: Option<String>,
    pub platelets: Option<String>,
    pub urine_protein: Option<UrineDipstick>,
    pub urine_glucose: Option<UrineDipstick>,
    pub alt: Option<String>,
    pub ast: Option<String>,
    pub total_bilirubin: Option<String>,
    pub creatinine: Option<String>,
    pub urea: Option<String>,
    pub fasting_glucose: Option<String>,
    pub tc: Option<String>,
    pub tg: Option<String>,
    pub ldl: Option<String>,
    pub hdl: Option<String>,
    pub ecg: Option<ExamFinding>,
    pub ultrasound: Option<ExamFinding>,

    pub health_evaluation: ExamResult,
    pub abnormalities: Vec<String>,
    /// Sorted, without duplicates.
    pub guidance: Vec<HealthGuidance>,
    pub guidance_note: String,

    /// Every value outside its normal range, in form order.
    pub flags: Vec<HealthFlag>,
}

/// Vital signs taken on rounds (查房): blood pressure and pulse always, glucose when measured. The
/// same plausible and normal ranges as the health check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vitals {
    /// mmHg
    pub systolic: i32,
    /// mmHg
    pub diastolic: i32,
    /// 次/分钟
    pub pulse: i32,
    /// mmol/L, one decimal; `None`: not measured.
    pub glucose: Option<String>,
    pub flags: Vec<HealthFlag>,
}
