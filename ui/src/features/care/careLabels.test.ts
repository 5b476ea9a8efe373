import { describe, expect, it } from "vitest";
import { unionMembers } from "../../test/bindingsSource";
import { DISABILITY_GRADE_LABELS, DUE_STATE_LABELS, SERVICE_ITEM_LABELS } from "../../shared/labels";
import {
  DIET_HABIT_LABELS,
  DRINKING_FREQUENCY_LABELS,
  EXAM_RESULT_LABELS,
  EXERCISE_FREQUENCY_LABELS,
  FREQUENCY_UNIT_LABELS,
  HEALTH_GUIDANCE_LABELS,
  HEARING_LABELS,
  MOTOR_FUNCTION_LABELS,
  RECORD_KIND_LABELS,
  SCALE_LABELS,
  SMOKING_STATUS_LABELS,
  TCM_CONSTITUTION_LABELS,
  TCM_VERDICT_LABELS,
  URINE_DIPSTICK_LABELS,
} from "./careLabels";

const MAPS: [string, Record<string, string>][] = [
  ["ServiceItem", SERVICE_ITEM_LABELS],
  ["DueState", DUE_STATE_LABELS],
  ["DisabilityGrade", DISABILITY_GRADE_LABELS],
  ["Scale", SCALE_LABELS],
  ["TcmConstitution", TCM_CONSTITUTION_LABELS],
  ["TcmVerdict", TCM_VERDICT_LABELS],
  ["ExerciseFrequency", EXERCISE_FREQUENCY_LABELS],
  ["DietHabit", DIET_HABIT_LABELS],
  ["SmokingStatus", SMOKING_STATUS_LABELS],
  ["DrinkingFrequency", DRINKING_FREQUENCY_LABELS],
  ["ExamResult", EXAM_RESULT_LABELS],
  ["Hearing", HEARING_LABELS],
  ["MotorFunction", MOTOR_FUNCTION_LABELS],
  ["UrineDipstick", URINE_DIPSTICK_LABELS],
  ["HealthGuidance", HEALTH_GUIDANCE_LABELS],
  ["FrequencyUnit", FREQUENCY_UNIT_LABELS],
];

describe("care labels", () => {
  it.each(MAPS)("%s: one label for every value in bindings.ts", (union, labels) => {
    expect(Object.keys(labels).sort()).toEqual(unionMembers(union).sort());
    for (const label of Object.values(labels)) expect(label.trim()).not.toBe("");
  });

  it("names the 7+3+4 items, states and grades as the clinics do", () => {
    expect(SERVICE_ITEM_LABELS).toEqual({
      G1: "专业医护团队",
      G2: "健康档案",
      G3: "年度健康体检",
      G4: "健康管理方案",
      G5: "慢性病长处方",
      G6: "心理健康评估",
      G7: "失能评估与康复指导",
      P1: "优先就诊",
      P2: "优先转诊",
      P3: "优先预约专家",
      S1: "定期巡诊",
      S2: "上门出诊",
      S3: "长期护理康复",
      S4: "安宁疗护",
    });
    expect(DUE_STATE_LABELS).toEqual({
      done: "已完成",
      due: "待完成",
      overdue: "已逾期",
      on_demand: "按需",
      not_applicable: "不适用",
    });
    expect(Object.values(DISABILITY_GRADE_LABELS)).toEqual(["能力完好", "轻度失能", "中度失能", "重度失能", "能力完全丧失"]);
  });

  it("labels every stored kind, including 作废", () => {
    const kinds = [
      "health_check",
      "assessment",
      "health_plan",
      "long_prescription",
      "psych_intervention",
      "rehab_guidance",
      "consultation",
      "referral",
      "specialist_booking",
      "round",
      "round_absence",
      "bedside_visit",
      "nursing_plan",
      "nursing_visit",
      "hospice_plan",
      "hospice_visit",
      "home_care_plan",
      "home_service",
      "family_bed",
      "family_bed_end",
      "bed_visit",
      "void",
    ];
    expect(Object.keys(RECORD_KIND_LABELS).sort()).toEqual(kinds.sort());
  });
});
