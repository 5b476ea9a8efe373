/**
 * The record drawer's values and their conversion to and from the IPC types, per kind. Only
 * shaping: every rule (what is required, ranges, dates) is Rust's. Field names are the camelCase
 * names of the nested input, so the issues Rust returns land on the right input.
 */
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import type {
  AbsenceReason,
  BedLevel,
  CareRecord,
  Confirmation,
  CorrectRecord,
  DrugLine,
  FieldIssue,
  Frequency,
  Payer,
  RecordInput,
  RecordInputDetail,
  Scale,
} from "../../ipc";
import { answersOf } from "./assessmentForm";
import type { AssessmentValues } from "./assessmentForm";
import { HC_FIELDS, emptyHealthCheckValues, healthCheckToValues, toHealthCheckInput } from "./healthCheckFields";
import type { HealthCheckValues } from "./healthCheckFields";
import type { FormTarget, RecordKind } from "./recordKinds";
import { targetOfRecord } from "./recordKinds";

export const DATE_FORMAT = "YYYY-MM-DD";

/** Fields every kind has. `correctionReason` is shown only when correcting. */
export interface CommonValues {
  occurredOn?: Dayjs | null;
  place?: string;
  correctionReason?: string;
}

type Opt<T> = { [K in keyof T]?: T[K] | undefined };

/** The kind-specific part of the form, per kind. */
export interface KindValues {
  health_check: HealthCheckValues;
  assessment: AssessmentValues;
  health_plan: { problems?: string; goals?: string; measures?: string };
  long_prescription: { diagnosis?: string; drugs?: Opt<DrugLine>[]; weeks?: string };
  psych_intervention: { note?: string };
  rehab_guidance: { note?: string };
  consultation: { note?: string };
  referral: { destination?: string; reason?: string };
  specialist_booking: { hospital?: string; department?: string; appointmentOn?: Dayjs | null; note?: string };
  round: { systolic?: string; diastolic?: string; pulse?: string; glucose?: string; note?: string };
  round_absence: { reason?: AbsenceReason; note?: string };
  bedside_visit: { reason?: string; note?: string };
  nursing_plan: { content?: string; frequency?: Frequency | null };
  nursing_visit: { note?: string };
  hospice_plan: { content?: string; frequency?: Frequency | null };
  hospice_visit: { note?: string };
  home_care_plan: { services?: Opt<PlannedRow>[]; note?: string };
  home_service: {
    service?: string;
    quantity?: string;
    minutes?: string;
    provider?: string;
    payer?: Payer | null;
    confirmation?: Confirmation;
    confirmedBy?: string;
    note?: string;
  };
  family_bed: { address?: string; adaptations?: string; devices?: string; centre?: string; level?: BedLevel };
  family_bed_end: { reason?: string };
  bed_visit: { provider?: string; findings?: string };
}

/** One row of a home-care plan's service list. */
export interface PlannedRow {
  service: string;
  frequency: Frequency | null;
  provider: string;
}

export type RecordFormValues = CommonValues & Record<string, unknown>;

/** Form fields of each kind, in form order (the issues Rust may name). */
export const KIND_FIELDS: { [K in RecordKind]: readonly string[] } = {
  health_check: HC_FIELDS,
  assessment: ["answers", "abilityFactors"],
  health_plan: ["problems", "goals", "measures"],
  long_prescription: ["diagnosis", "drugs", "weeks"],
  psych_intervention: ["note"],
  rehab_guidance: ["note"],
  consultation: ["note"],
  referral: ["destination", "reason"],
  specialist_booking: ["hospital", "department", "appointmentOn", "note"],
  round: ["systolic", "diastolic", "pulse", "glucose", "note"],
  round_absence: ["reason", "note"],
  bedside_visit: ["reason", "note"],
  nursing_plan: ["content", "frequency"],
  nursing_visit: ["note"],
  hospice_plan: ["content", "frequency"],
  hospice_visit: ["note"],
  home_care_plan: ["services", "note"],
  home_service: ["service", "quantity", "minutes", "provider", "payer", "confirmation", "confirmedBy", "note"],
  family_bed: ["address", "adaptations", "devices", "centre", "level"],
  family_bed_end: ["reason"],
  bed_visit: ["provider", "findings"],
};

/** Every field the drawer shows for `kind` (common ones first). */
export function formFields(kind: RecordKind, correcting: boolean): string[] {
  return ["occurredOn", "place", ...(correcting ? ["correctionReason"] : []), ...KIND_FIELDS[kind]];
}

const EMPTY_DRUG: DrugLine = { name: "", dose: "", usage: "" };

/** A fresh form of `target`: today's date, no place, everything else blank. */
export function defaultValues(target: FormTarget, today: Dayjs): RecordFormValues {
  const common: CommonValues = { occurredOn: today, place: "" };
  switch (target.kind) {
    case "health_check":
      return { ...common, ...emptyHealthCheckValues() };
    case "assessment":
      return { ...common, answers: [], abilityFactors: {} };
    case "long_prescription":
      return { ...common, diagnosis: "", drugs: [{ ...EMPTY_DRUG }], weeks: "" };
    case "nursing_plan":
    case "hospice_plan":
      return { ...common, content: "", frequency: null };
    case "specialist_booking":
      return { ...common, hospital: "", department: "", appointmentOn: null, note: "" };
    case "home_care_plan":
      return { ...common, services: [{ service: undefined, frequency: null, provider: "" }], note: "" };
    case "home_service":
      return { ...common, quantity: "1", minutes: "", provider: "", payer: null, confirmation: "person", confirmedBy: "", note: "" };
    case "family_bed":
      return { ...common, address: "", adaptations: "", devices: "", centre: "", level: "managed24h" };
    default:
      return { ...common };
  }
}

const s = (v: unknown): string => (typeof v === "string" ? v : "");
const dateText = (v: Dayjs | null | undefined): string => (v && v.isValid() ? v.format(DATE_FORMAT) : "");

/** The kind-specific input Rust gets. `itemCount` is the scale's number of items, when known. */
export function toDetail(target: FormTarget, v: RecordFormValues, itemCount?: number): RecordInputDetail {
  const occurredOn = dateText(v.occurredOn);
  switch (target.kind) {
    case "health_check":
      return { kind: "health_check", input: toHealthCheckInput(v as HealthCheckValues, occurredOn) };
    case "assessment":
      return { kind: "assessment", input: answersOf(target.scale, v as AssessmentValues, itemCount) };
    case "health_plan":
      return { kind: "health_plan", input: { problems: s(v.problems), goals: s(v.goals), measures: s(v.measures) } };
    case "long_prescription": {
      const drugs = Array.isArray(v.drugs) ? (v.drugs as Opt<DrugLine>[]) : [];
      return {
        kind: "long_prescription",
        input: {
          diagnosis: s(v.diagnosis),
          drugs: drugs.map((d) => ({ name: s(d?.name), dose: s(d?.dose), usage: s(d?.usage) })),
          weeks: s(v.weeks),
        },
      };
    }
    case "referral":
      return { kind: "referral", input: { destination: s(v.destination), reason: s(v.reason) } };
    case "specialist_booking":
      return {
        kind: "specialist_booking",
        input: {
          hospital: s(v.hospital),
          department: s(v.department),
          appointmentOn: dateText(v.appointmentOn as Dayjs | null | undefined),
          note: s(v.note),
        },
      };
    case "round":
      return {
        kind: "round",
        input: {
          systolic: s(v.systolic),
          diastolic: s(v.diastolic),
          pulse: s(v.pulse),
          glucose: s(v.glucose),
          note: s(v.note),
        },
      };
    case "round_absence":
      return { kind: "round_absence", input: { reason: (v.reason as AbsenceReason) ?? "other", note: s(v.note) } };
    case "bedside_visit":
      return { kind: "bedside_visit", input: { reason: s(v.reason), note: s(v.note) } };
    case "nursing_plan":
    case "hospice_plan":
      return {
        kind: target.kind,
        input: { content: s(v.content), frequency: (v.frequency as Frequency | null | undefined) ?? null },
      };
    case "psych_intervention":
    case "rehab_guidance":
    case "consultation":
    case "nursing_visit":
    case "hospice_visit":
      return { kind: target.kind, input: { note: s(v.note) } };
    case "home_care_plan": {
      const rows = Array.isArray(v.services) ? (v.services as Opt<PlannedRow>[]) : [];
      return {
        kind: "home_care_plan",
        input: {
          services: rows.map((r) => ({
            service: s(r?.service),
            serviceName: "",
            // No number typed: every 0, which Rust refuses with its own message.
            frequency: r?.frequency ?? { every: 0, unit: "week" },
            provider: s(r?.provider),
          })),
          note: s(v.note),
        },
      };
    }
    case "home_service":
      return {
        kind: "home_service",
        input: {
          service: s(v.service),
          quantity: s(v.quantity),
          minutes: s(v.minutes),
          provider: s(v.provider),
          payer: (v.payer as Payer | null | undefined) ?? null,
          confirmation: (v.confirmation as Confirmation | undefined) ?? "none",
          confirmedBy: s(v.confirmedBy),
          note: s(v.note),
          priced: null,
        },
      };
    case "family_bed":
      return {
        kind: "family_bed",
        input: {
          address: s(v.address),
          adaptations: s(v.adaptations),
          devices: s(v.devices),
          centre: s(v.centre),
          level: (v.level as BedLevel | undefined) ?? "ordinary",
        },
      };
    case "family_bed_end":
      return { kind: "family_bed_end", input: { reason: s(v.reason) } };
    case "bed_visit":
      return { kind: "bed_visit", input: { provider: s(v.provider), findings: s(v.findings) } };
  }
}

/** The whole entry. */
export function toRecordInput(
  residentId: string,
  target: FormTarget,
  v: RecordFormValues,
  itemCount?: number,
): RecordInput {
  return {
    residentId,
    occurredOn: dateText(v.occurredOn),
    place: s(v.place),
    detail: toDetail(target, v, itemCount),
  };
}

/** The correction of `recordId`: the reason and the replacing entry. */
export function toCorrection(recordId: string, replacement: RecordInput, v: RecordFormValues): CorrectRecord {
  return { recordId, reason: s(v.correctionReason), replacement };
}

/** A stored entry back in its form, to correct it; `null` for a 作废 entry. */
export function valuesFromRecord(record: CareRecord): { target: FormTarget; values: RecordFormValues } | null {
  const target = targetOfRecord(record);
  if (!target) return null;
  const common: CommonValues = {
    occurredOn: dayjs(record.occurredOn, DATE_FORMAT),
    place: record.place,
    correctionReason: "",
  };
  const d = record.detail;
  switch (d.kind) {
    case "void":
      return null;
    case "health_check":
      return { target, values: { ...common, ...healthCheckToValues(d.detail) } };
    case "assessment": {
      const f = d.detail.answers.abilityFactors;
      return {
        target,
        values: { ...common, answers: [...d.detail.answers.answers], abilityFactors: f ? { ...f } : {} },
      };
    }
    case "long_prescription":
      return {
        target,
        values: {
          ...common,
          diagnosis: d.detail.diagnosis,
          drugs: d.detail.drugs.map((x) => ({ ...x })),
          weeks: String(d.detail.weeks),
        },
      };
    case "round":
      return {
        target,
        values: {
          ...common,
          systolic: String(d.detail.vitals.systolic),
          diastolic: String(d.detail.vitals.diastolic),
          pulse: String(d.detail.vitals.pulse),
          glucose: d.detail.vitals.glucose ?? "",
          note: d.detail.note,
        },
      };
    case "specialist_booking":
      return {
        target,
        values: {
          ...common,
          ...d.detail,
          appointmentOn: d.detail.appointmentOn ? dayjs(d.detail.appointmentOn, DATE_FORMAT) : null,
        },
      };
    case "nursing_plan":
    case "hospice_plan":
      return {
        target,
        values: { ...common, content: d.detail.content, frequency: d.detail.frequency ? { ...d.detail.frequency } : null },
      };
    case "home_care_plan":
      return {
        target,
        values: {
          ...common,
          services: d.detail.services.map((x) => ({ service: x.service, frequency: { ...x.frequency }, provider: x.provider })),
          note: d.detail.note,
        },
      };
    case "home_service":
      return {
        target,
        values: {
          ...common,
          service: d.detail.service,
          quantity: String(d.detail.quantityCenti / 100),
          minutes: d.detail.minutes === null ? "" : String(d.detail.minutes),
          provider: d.detail.provider,
          payer: d.detail.payer,
          confirmation: d.detail.confirmation,
          confirmedBy: d.detail.confirmedBy,
          note: d.detail.note,
        },
      };
    default:
      return { target, values: { ...common, ...d.detail } };
  }
}

/**
 * Issues as the drawer shows them. A health check's own date is the entry's date, so issues on
 * `checkedOn` show under 服务日期 (and stand in for the entry's date issues, which say the same).
 * When correcting, Rust checks the correction's `reason` before anything else and answers with
 * that alone: it is shown under 更正原因, unless the kind has a `reason` of its own (转诊原因,
 * 出诊原因), in which case the message's subject tells them apart.
 */
export function remapIssues(kind: RecordKind, issues: readonly FieldIssue[], correcting: boolean): FieldIssue[] {
  let out = [...issues];
  if (kind === "health_check" && out.some((i) => i.field === "checkedOn")) {
    out = out.filter((i) => i.field !== "occurredOn").map((i) => (i.field === "checkedOn" ? { ...i, field: "occurredOn" } : i));
  }
  if (correcting) {
    const ownReason = KIND_FIELDS[kind].includes("reason");
    out = out.map((i) =>
      i.field === "reason" && (!ownReason || i.message.startsWith("更正原因")) ? { ...i, field: "correctionReason" } : i,
    );
  }
  return out;
}

/** Scale of a target, if it is an assessment. */
export function scaleOf(target: FormTarget): Scale | null {
  return target.kind === "assessment" ? target.scale : null;
}
