/**
 * Chinese labels for the enums of care records (scales, health-check choices, record kinds). Typed
 * `Record<Enum, string>`, so tsc fails when Rust adds a value and no label. The wording of scale
 * names, grades and 体质 types is Rust's own (domain/src/scales/labels.rs).
 */
import type {
  DietHabit,
  DrinkingFrequency,
  ExamResult,
  ExerciseFrequency,
  FrequencyUnit,
  HealthGuidance,
  Hearing,
  MotorFunction,
  RecordDetail,
  Scale,
  SmokingStatus,
  TcmConstitution,
  TcmVerdict,
  UrineDipstick,
} from "../../ipc";

/** Every kind of stored entry, including the 作废 entry that voids another. */
export type StoredKind = RecordDetail["kind"];

export const RECORD_KIND_LABELS: Record<StoredKind, string> = {
  health_check: "年度健康体检",
  assessment: "评估量表",
  health_plan: "健康管理方案",
  long_prescription: "慢性病长处方",
  psych_intervention: "心理干预",
  rehab_guidance: "康复指导",
  consultation: "优先就诊",
  referral: "优先转诊",
  specialist_booking: "优先预约专家",
  round: "巡诊",
  round_absence: "巡诊未见",
  bedside_visit: "上门出诊",
  nursing_plan: "护理康复计划",
  nursing_visit: "护理康复服务",
  hospice_plan: "安宁疗护计划",
  hospice_visit: "安宁疗护服务",
  home_care_plan: "居家照护计划",
  home_service: "居家照护服务",
  family_bed: "家庭养老床位登记",
  family_bed_end: "家庭养老床位撤销",
  bed_visit: "床位巡访",
  void: "作废",
};

export const SCALE_LABELS: Record<Scale, string> = {
  self_care: "老年人生活自理能力评估表",
  tcm_constitution: "中医体质辨识",
  phq9: "PHQ-9 抑郁筛查量表",
  gds15: "GDS-15 老年抑郁量表",
  mini_cog: "Mini-Cog 简易认知评估",
  barthel: "Barthel 日常生活活动能力评定",
  ability: "老年人能力评估",
};

export const TCM_CONSTITUTION_LABELS: Record<TcmConstitution, string> = {
  pinghe: "平和质",
  qixu: "气虚质",
  yangxu: "阳虚质",
  yinxu: "阴虚质",
  tanshi: "痰湿质",
  shire: "湿热质",
  xueyu: "血瘀质",
  qiyu: "气郁质",
  tebing: "特禀质",
};

export const TCM_VERDICT_LABELS: Record<TcmVerdict, string> = {
  yes: "是",
  tendency: "倾向是",
  basic: "基本是",
  no: "否",
};

export const EXERCISE_FREQUENCY_LABELS: Record<ExerciseFrequency, string> = {
  daily: "每天",
  weekly: "每周一次以上",
  occasionally: "偶尔",
  never: "不锻炼",
};

export const DIET_HABIT_LABELS: Record<DietHabit, string> = {
  balanced: "荤素均衡",
  meat: "荤食为主",
  vegetarian: "素食为主",
  salty: "嗜盐",
  oily: "嗜油",
  sweet: "嗜糖",
};

export const SMOKING_STATUS_LABELS: Record<SmokingStatus, string> = {
  never: "从不吸烟",
  quit: "已戒烟",
  current: "吸烟",
};

export const DRINKING_FREQUENCY_LABELS: Record<DrinkingFrequency, string> = {
  never: "从不",
  occasionally: "偶尔",
  often: "经常",
  daily: "每天",
};

/** One examination item (皮肤、心电图 …). */
export const EXAM_RESULT_LABELS: Record<ExamResult, string> = {
  normal: "未见异常",
  abnormal: "异常",
};

/** The whole check's 健康评价. */
export const HEALTH_EVALUATION_LABELS: Record<ExamResult, string> = {
  normal: "体检无异常",
  abnormal: "有异常",
};

export const HEARING_LABELS: Record<Hearing, string> = {
  heard: "听见",
  not_heard: "听不清或无法听见",
};

export const MOTOR_FUNCTION_LABELS: Record<MotorFunction, string> = {
  can_complete: "可顺利完成",
  cannot_complete: "无法独立完成",
};

export const URINE_DIPSTICK_LABELS: Record<UrineDipstick, string> = {
  negative: "阴性（−）",
  trace: "微量（±）",
  plus1: "+",
  plus2: "++",
  plus3: "+++",
  plus4: "++++",
};

export const HEALTH_GUIDANCE_LABELS: Record<HealthGuidance, string> = {
  enrol_hypertension: "纳入高血压患者健康管理",
  enrol_diabetes: "纳入2型糖尿病患者健康管理",
  referral: "建议转诊",
  vaccination: "建议疫苗接种",
  osteoporosis: "骨质疏松预防",
  fall_prevention: "防跌倒措施",
  cognition_and_mood: "认知与情绪关注",
  regular_follow_up: "定期随访",
};

export const FREQUENCY_UNIT_LABELS: Record<FrequencyUnit, string> = {
  day: "天",
  week: "周",
  month: "月",
  year: "年",
};
