/**
 * The 医养合作协议 form (a draft), its steps (生效, 签署, 终止) and how an agreement's scope reads.
 * Only shaping: Rust checks the term, the items and their frequencies, the methods, the deadline
 * and the signatures.
 */
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import type {
  Agreement,
  AgreementInput,
  AgreementItem,
  AgreementStep,
  Frequency,
  SignAgreementDocument,
  FrequencyUnit,
  ServiceItem,
  ServiceMethod,
  UpdateAgreement,
} from "../../ipc";
import { formatDate } from "../../shared/format";
import { DATE_FORMAT, defaultEnd, toDateText, todayDate } from "../contracts/contractTerm";
import { SERVICE_ITEMS } from "../../shared/labels";
import { signatoryValues, toDrawnSignature } from "../documents/documentForm";
import type { SignatoryValues } from "../documents/documentForm";

/** Every field of `AgreementInput`, in form order. */
export const AGREEMENT_FIELDS = [
  "nursingHomeId",
  "number",
  "startOn",
  "endOn",
  "items",
  "methods",
  "fileWithinDays",
  "note",
] as const satisfies readonly (keyof AgreementInput)[];

export type AgreementField = (typeof AGREEMENT_FIELDS)[number];


/** The three groups of the checklist. */
export const SERVICE_ITEM_GROUPS: readonly { title: string; items: readonly ServiceItem[] }[] = [
  { title: "7 项基本服务", items: SERVICE_ITEMS.slice(0, 7) },
  { title: "3 项优先服务", items: SERVICE_ITEMS.slice(7, 10) },
  { title: "4 项拓展服务", items: SERVICE_ITEMS.slice(10) },
];

/** Frequencies proposed when an item is ticked: rounds weekly, the health check yearly. */
export const DEFAULT_FREQUENCIES: Partial<Record<ServiceItem, Frequency>> = {
  S1: { every: 1, unit: "week" },
  G3: { every: 1, unit: "year" },
};

/** The filing deadline the form starts with (Rust's default when empty, too). */
export const DEFAULT_FILE_WITHIN_DAYS = "30";

/** 天 / 周 / 月 / 年 — how often an item is due. */
export const FREQUENCY_UNIT_TEXT: Record<FrequencyUnit, string> = {
  day: "天",
  week: "周",
  month: "月",
  year: "年",
};

/** `{1, week}` → 每周1次, `{2, week}` → 每2周1次, `{3, month}` → 每3个月1次. */
export function frequencyText(f: Frequency | null | undefined): string {
  if (!f) return "";
  const unit = f.unit === "month" && f.every !== 1 ? "个月" : FREQUENCY_UNIT_TEXT[f.unit];
  return f.every === 1 ? `每${unit}1次` : `每${f.every}${unit}1次`;
}

/** `S1 每周1次`; an item without a frequency is only its code. */
export function agreementItemText(i: AgreementItem): string {
  const f = frequencyText(i.frequency);
  return f ? `${i.item} ${f}` : i.item;
}

/** One row of the checklist (all 14 are always in the form, in `SERVICE_ITEMS` order). */
export interface ItemRow {
  item: ServiceItem;
  checked?: boolean;
  /** Every N units; empty: no frequency of the agreement's own (the due rules' default). */
  every?: number | null;
  unit?: FrequencyUnit;
}

export interface AgreementFormValues {
  nursingHomeId?: string;
  number?: string;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
  items?: ItemRow[];
  methods?: ServiceMethod[];
  fileWithinDays?: string;
  note?: string;
}

function rowsFor(items: readonly AgreementItem[]): ItemRow[] {
  return SERVICE_ITEMS.map((item) => {
    const found = items.find((i) => i.item === item);
    return {
      item,
      checked: found !== undefined,
      every: found?.frequency?.every ?? null,
      unit: found?.frequency?.unit ?? "week",
    };
  });
}

/** A new draft: today for a year, rounds as the method, files within 30 days. */
export function newAgreementValues(today: Dayjs = todayDate()): AgreementFormValues {
  return {
    number: "",
    startOn: today,
    endOn: defaultEnd(today),
    items: rowsFor([]),
    methods: ["scheduled_rounds"],
    fileWithinDays: DEFAULT_FILE_WITHIN_DAYS,
    note: "",
  };
}

export function agreementToFormValues(a: Agreement): AgreementFormValues {
  const parse = (d: string) => dayjs(d, DATE_FORMAT);
  return {
    nursingHomeId: a.nursingHomeId,
    number: a.number,
    startOn: parse(a.startOn),
    endOn: parse(a.endOn),
    items: rowsFor(a.items),
    methods: [...a.methods],
    fileWithinDays: String(a.fileWithinDays),
    note: a.note,
  };
}

/** A row just ticked gets its proposed frequency, unless one is already filled in. */
export function withDefaultFrequency(row: ItemRow): ItemRow {
  const proposed = DEFAULT_FREQUENCIES[row.item];
  if (!row.checked || !proposed || (row.every !== null && row.every !== undefined)) return row;
  return { ...row, every: proposed.every, unit: proposed.unit };
}

export function toAgreementInput(v: AgreementFormValues): AgreementInput {
  return {
    nursingHomeId: v.nursingHomeId ?? "",
    number: v.number ?? "",
    startOn: toDateText(v.startOn),
    endOn: toDateText(v.endOn),
    items: (v.items ?? [])
      .filter((r) => r?.checked)
      .map((r) => ({
        item: r.item,
        frequency:
          typeof r.every === "number" && Number.isFinite(r.every) ? { every: r.every, unit: r.unit ?? "week" } : null,
      })),
    methods: v.methods ?? [],
    fileWithinDays: v.fileWithinDays ?? "",
    note: v.note ?? "",
  };
}

export function toUpdateAgreement(a: Pick<Agreement, "id" | "version">, v: AgreementFormValues): UpdateAgreement {
  return { id: a.id, version: a.version, input: toAgreementInput(v) };
}

/** Why an agreement can no longer be edited; `undefined` for a draft. */
export function readOnlyReason(a: Pick<Agreement, "status" | "activatedOn" | "terminatedOn" | "terminationReason">): string | undefined {
  switch (a.status) {
    case "draft":
      return undefined;
    case "active":
      return `协议已于 ${formatDate(a.activatedOn)} 生效，生效后内容不能再修改；如需变更，请终止本协议后另签新协议。`;
    case "terminated":
      return `协议已于 ${formatDate(a.terminatedOn)} 终止${a.terminationReason ? `（${a.terminationReason}）` : ""}，不能再修改。`;
  }
}

/**
 * Which steps an agreement allows (Rust refuses the others anyway). A draft is previewed and signed
 * (signing puts it into force); only an agreement in force or ended can have a signed PDF.
 */
export function agreementActions(a: Pick<Agreement, "status" | "amendedBy">) {
  const draft = a.status === "draft";
  return {
    edit: draft,
    activate: draft,
    preview: draft,
    sign: draft,
    terminate: a.status === "active",
    /** 变更: an active agreement without an open amendment. */
    amend: a.status === "active" && !a.amendedBy,
    signedDocument: !draft,
  };
}

// ── 生效 / 终止 ───────────────────────────────────────────────────────────────

export const STEP_FIELDS = ["on", "reason"] as const satisfies readonly (keyof AgreementStep)[];
export type StepField = (typeof STEP_FIELDS)[number];

export interface StepFormValues {
  on?: Dayjs | null;
  reason?: string;
}

export function toAgreementStep(a: Pick<Agreement, "id" | "version">, v: StepFormValues): AgreementStep {
  return { id: a.id, version: a.version, on: toDateText(v.on), reason: v.reason ?? "" };
}

// ── 签署 ──────────────────────────────────────────────────────────────────────

/**
 * Fields Rust names when it refuses a signing; `document` is the PDF itself (characters the font
 * lacks). `status` (no longer a draft) names no field of the form and shows as a banner.
 */
export const SIGN_AGREEMENT_FIELDS = ["on", "licenceNo", "clinic", "home", "document"] as const satisfies readonly (
  | keyof SignAgreementDocument
  | "document"
)[];
export type SignAgreementField = (typeof SIGN_AGREEMENT_FIELDS)[number];

export interface SignAgreementFormValues {
  on?: Dayjs | null;
  licenceNo?: string;
  clinic?: SignatoryValues;
  home?: SignatoryValues;
}

/** A new signing: today, the licence number used last time, nobody signed yet. */
export function newSignAgreementValues(today: Dayjs = todayDate(), licenceNo = ""): SignAgreementFormValues {
  return { on: today, licenceNo, clinic: signatoryValues(), home: signatoryValues() };
}

export function toSignAgreementDocument(
  a: Pick<Agreement, "id" | "version">,
  v: SignAgreementFormValues,
): SignAgreementDocument {
  return {
    id: a.id,
    version: a.version,
    on: toDateText(v.on),
    licenceNo: v.licenceNo ?? "",
    clinic: toDrawnSignature(v.clinic),
    home: toDrawnSignature(v.home),
  };
}
