/** Entries and cells as Rust sends them, for the care tests. */
import type { CareRecord, DueCell, HealthCheck, RecordDetail, ResidentDue, ServiceItem } from "../../ipc";

export function careRecord(overrides: Partial<CareRecord> & { detail: RecordDetail }): CareRecord {
  return {
    id: "rec-1",
    residentId: "r-1",
    item: null,
    occurredOn: "2025-03-01",
    place: "城关镇敬老院",
    summary: "",
    recordedBy: "u-1",
    recordedByName: "王医生",
    recordedAt: "2025-03-01T02:00:00Z",
    supersedes: null,
    correctionReason: "",
    supersededBy: null,
    ...overrides,
  };
}

export const healthCheck: HealthCheck = {
  checkedOn: "2025-03-01",
  ruleVersion: 1,
  exerciseFrequency: "daily",
  dietHabits: ["balanced", "salty"],
  smoking: "never",
  cigarettesPerDay: null,
  drinking: "never",
  alcoholPerDay: null,
  symptoms: ["头晕"],
  historyNote: "",
  medications: ["氨氯地平"],
  selfCareNote: "",
  temperature: "36.5",
  pulse: "72",
  respiration: null,
  leftSystolic: "150",
  leftDiastolic: "88",
  rightSystolic: null,
  rightDiastolic: null,
  height: "160",
  weight: "62",
  bmi: "24.2",
  waist: null,
  skin: { result: "normal", detail: "" },
  lymphNodes: null,
  lungs: null,
  heart: { result: "abnormal", detail: "心律不齐" },
  abdomen: null,
  mouth: null,
  visionLeft: null,
  visionRight: null,
  hearing: "heard",
  motorFunction: null,
  hemoglobin: null,
  wbc: null,
  platelets: null,
  urineProtein: "plus1",
  urineGlucose: "negative",
  alt: null,
  ast: null,
  totalBilirubin: null,
  creatinine: null,
  urea: null,
  fastingGlucose: "6.5",
  tc: null,
  tg: null,
  ldl: null,
  hdl: null,
  ecg: null,
  ultrasound: null,
  healthEvaluation: "abnormal",
  abnormalities: ["血压偏高"],
  guidance: ["enrol_hypertension"],
  guidanceNote: "",
  flags: [
    { field: "leftSystolic", label: "收缩压（左）", value: "150", normalRange: "90–139 mmHg", direction: "high" },
    { field: "bmi", label: "体质指数", value: "24.2", normalRange: "18.5–23.9 kg/m²", direction: "high" },
    { field: "urineProtein", label: "尿蛋白", value: "+", normalRange: "阴性", direction: "high" },
  ],
};

const ALL_ITEMS: ServiceItem[] = ["G1", "G2", "G3", "G4", "G5", "G6", "G7", "P1", "P2", "P3", "S1", "S2", "S3", "S4"];

export function dueCell(item: ServiceItem, overrides: Partial<DueCell> = {}): DueCell {
  return { item, state: "not_applicable", reason: "", lastDone: null, dueBy: null, countThisYear: 0, ...overrides };
}

export function residentDue(cells: Partial<Record<ServiceItem, Partial<DueCell>>>, year = 2025): ResidentDue {
  return {
    residentId: "r-1",
    year,
    cells: ALL_ITEMS.map((i) => dueCell(i, cells[i] ?? {})),
    disability: "mild",
    ruleVersion: "due-2025.1",
  };
}
