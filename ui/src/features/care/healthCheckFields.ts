/**
 * The annual health check's form as data: four sections, each field with its label, unit and kind
 * of input. The form and the read-only view both walk this table. Numbers stay the text that was
 * typed; Rust parses them, checks plausible ranges and flags values outside the normal range.
 */
import type { HealthCheck, HealthCheckInput, HealthFlag } from "../../ipc";
import {
  DIET_HABIT_LABELS,
  DRINKING_FREQUENCY_LABELS,
  EXAM_RESULT_LABELS,
  EXERCISE_FREQUENCY_LABELS,
  HEALTH_EVALUATION_LABELS,
  HEALTH_GUIDANCE_LABELS,
  HEARING_LABELS,
  MOTOR_FUNCTION_LABELS,
  SMOKING_STATUS_LABELS,
  URINE_DIPSTICK_LABELS,
} from "./careLabels";

/** Every field of the input but the date (the drawer's 服务日期 is the 体检日期). */
export type HcField = Exclude<keyof HealthCheckInput, "checkedOn">;

export type HcFieldDef =
  | { name: HcField; label: string; type: "measure"; unit: string }
  | { name: HcField; label: string; type: "choice" | "multi"; labels: Record<string, string> }
  | { name: HcField; label: string; type: "finding" | "tags" | "text" | "note" };

export type HcSectionKey = "lifestyle" | "exam" | "tests" | "evaluation";

export interface HcSection {
  key: HcSectionKey;
  title: string;
  fields: HcFieldDef[];
}

const m = (name: HcField, label: string, unit: string): HcFieldDef => ({ name, label, type: "measure", unit });
const choice = (name: HcField, label: string, labels: Record<string, string>): HcFieldDef => ({
  name,
  label,
  type: "choice",
  labels,
});
const finding = (name: HcField, label: string): HcFieldDef => ({ name, label, type: "finding" });

export const HC_SECTIONS: readonly HcSection[] = [
  {
    key: "lifestyle",
    title: "生活方式",
    fields: [
      choice("exerciseFrequency", "体育锻炼", EXERCISE_FREQUENCY_LABELS),
      { name: "dietHabits", label: "饮食习惯", type: "multi", labels: DIET_HABIT_LABELS },
      choice("smoking", "吸烟状况", SMOKING_STATUS_LABELS),
      m("cigarettesPerDay", "日吸烟量", "支"),
      choice("drinking", "饮酒频率", DRINKING_FREQUENCY_LABELS),
      m("alcoholPerDay", "日饮酒量", "两"),
      { name: "symptoms", label: "症状", type: "tags" },
      { name: "historyNote", label: "既往史", type: "note" },
      { name: "medications", label: "主要用药", type: "tags" },
      { name: "selfCareNote", label: "生活自理能力说明", type: "text" },
    ],
  },
  {
    key: "exam",
    title: "体格检查",
    fields: [
      m("temperature", "体温", "℃"),
      m("pulse", "脉率", "次/分钟"),
      m("respiration", "呼吸频率", "次/分钟"),
      m("leftSystolic", "收缩压（左）", "mmHg"),
      m("leftDiastolic", "舒张压（左）", "mmHg"),
      m("rightSystolic", "收缩压（右）", "mmHg"),
      m("rightDiastolic", "舒张压（右）", "mmHg"),
      m("height", "身高", "cm"),
      m("weight", "体重", "kg"),
      m("waist", "腰围", "cm"),
      finding("skin", "皮肤"),
      finding("lymphNodes", "淋巴结"),
      finding("lungs", "肺"),
      finding("heart", "心脏"),
      finding("abdomen", "腹部"),
      finding("mouth", "口腔"),
      m("visionLeft", "左眼视力", ""),
      m("visionRight", "右眼视力", ""),
      choice("hearing", "听力", HEARING_LABELS),
      choice("motorFunction", "运动功能", MOTOR_FUNCTION_LABELS),
    ],
  },
  {
    key: "tests",
    title: "辅助检查",
    fields: [
      m("hemoglobin", "血红蛋白", "g/L"),
      m("wbc", "白细胞", "×10⁹/L"),
      m("platelets", "血小板", "×10⁹/L"),
      choice("urineProtein", "尿蛋白", URINE_DIPSTICK_LABELS),
      choice("urineGlucose", "尿糖", URINE_DIPSTICK_LABELS),
      m("alt", "血清谷丙转氨酶", "U/L"),
      m("ast", "血清谷草转氨酶", "U/L"),
      m("totalBilirubin", "总胆红素", "μmol/L"),
      m("creatinine", "血清肌酐", "μmol/L"),
      m("urea", "血尿素", "mmol/L"),
      m("fastingGlucose", "空腹血糖", "mmol/L"),
      m("tc", "总胆固醇", "mmol/L"),
      m("tg", "甘油三酯", "mmol/L"),
      m("ldl", "低密度脂蛋白胆固醇", "mmol/L"),
      m("hdl", "高密度脂蛋白胆固醇", "mmol/L"),
      finding("ecg", "心电图"),
      finding("ultrasound", "腹部B超"),
    ],
  },
  {
    key: "evaluation",
    title: "健康评价与指导",
    fields: [
      choice("healthEvaluation", "健康评价", HEALTH_EVALUATION_LABELS),
      { name: "abnormalities", label: "异常情况", type: "tags" },
      { name: "guidance", label: "健康指导", type: "multi", labels: HEALTH_GUIDANCE_LABELS },
      { name: "guidanceNote", label: "健康指导说明", type: "text" },
    ],
  },
];

/** Every field of the form, in form order. */
export const HC_FIELDS: readonly HcField[] = HC_SECTIONS.flatMap((s) => s.fields.map((f) => f.name));

/** The section holding `field`, if any. */
export function sectionOf(field: string): HcSectionKey | undefined {
  return HC_SECTIONS.find((s) => s.fields.some((f) => f.name === field))?.key;
}

/** What antd's store holds for the health check: any field may be missing. */
export type HealthCheckValues = { [K in HcField]?: HealthCheckInput[K] | undefined };

const TEXT_FIELDS = HC_SECTIONS.flatMap((s) =>
  s.fields.filter((f) => f.type === "measure" || f.type === "text" || f.type === "note").map((f) => f.name),
);
const LIST_FIELDS = HC_SECTIONS.flatMap((s) =>
  s.fields.filter((f) => f.type === "tags" || f.type === "multi").map((f) => f.name),
);

/** An empty form: blank text, empty lists, nothing chosen. */
export function emptyHealthCheckValues(): HealthCheckValues {
  const v: Record<string, unknown> = {};
  for (const f of HC_FIELDS) v[f] = TEXT_FIELDS.includes(f) ? "" : LIST_FIELDS.includes(f) ? [] : null;
  return v as HealthCheckValues;
}

/** The input Rust gets; `checkedOn` is the entry's date. */
export function toHealthCheckInput(v: HealthCheckValues, checkedOn: string): HealthCheckInput {
  const out: Record<string, unknown> = { checkedOn };
  for (const f of HC_FIELDS) {
    const value = v[f];
    if (TEXT_FIELDS.includes(f)) out[f] = typeof value === "string" ? value : "";
    else if (LIST_FIELDS.includes(f)) out[f] = Array.isArray(value) ? [...value] : [];
    else out[f] = value ?? null;
  }
  return out as HealthCheckInput;
}

/** A stored check back in the form (to correct it): missing numbers become blank text. */
export function healthCheckToValues(c: HealthCheck): HealthCheckValues {
  const out: Record<string, unknown> = {};
  for (const f of HC_FIELDS) {
    const value = (c as Record<HcField, unknown>)[f];
    if (TEXT_FIELDS.includes(f)) out[f] = typeof value === "string" ? value : "";
    else if (LIST_FIELDS.includes(f)) out[f] = Array.isArray(value) ? [...(value as unknown[])] : [];
    else if (value && typeof value === "object") out[f] = { ...(value as object) };
    else out[f] = value ?? null;
  }
  return out as HealthCheckValues;
}

/** One line of a stored check as read: label, value with unit, and its flag if out of range. */
export interface HcViewRow {
  field: string;
  label: string;
  value: string;
  flag?: HealthFlag;
}

export interface HcViewSection {
  key: HcSectionKey;
  title: string;
  rows: HcViewRow[];
}

function valueText(def: HcFieldDef, value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (Array.isArray(value)) {
    const labels = def.type === "multi" ? def.labels : undefined;
    return value.map((x: string) => labels?.[x] ?? x).join("、");
  }
  if (def.type === "finding" && typeof value === "object") {
    const f = value as { result: keyof typeof EXAM_RESULT_LABELS; detail: string };
    return f.detail ? `${EXAM_RESULT_LABELS[f.result]}：${f.detail}` : EXAM_RESULT_LABELS[f.result];
  }
  if (def.type === "choice") return def.labels[String(value)] ?? String(value);
  if (def.type === "measure") return def.unit ? `${String(value)} ${def.unit}` : String(value);
  return String(value);
}

/**
 * A stored check as sections of filled-in lines (blank fields left out), with the BMI Rust
 * computed after 体重 and each flagged value carrying its flag (normal range, direction).
 */
export function healthCheckView(c: HealthCheck): HcViewSection[] {
  const flags = new Map(c.flags.map((f) => [f.field, f]));
  const record = c as unknown as Record<string, unknown>;
  return HC_SECTIONS.map((s) => {
    const rows: HcViewRow[] = [];
    for (const def of s.fields) {
      const value = valueText(def, record[def.name]);
      if (value) rows.push({ field: def.name, label: def.label, value, flag: flags.get(def.name) });
      if (def.name === "weight" && c.bmi) {
        rows.push({ field: "bmi", label: "体质指数", value: `${c.bmi} kg/m²`, flag: flags.get("bmi") });
      }
    }
    return { key: s.key, title: s.title, rows };
  }).filter((s) => s.rows.length > 0);
}
