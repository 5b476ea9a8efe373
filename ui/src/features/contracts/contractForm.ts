/**
 * The contract forms (新建签约, 签约, 续约, 解约) and their conversion to the IPC inputs. Only
 * shaping: every rule (amounts, the fee split, terms, what is required) is Rust's.
 */
import type { Dayjs } from "dayjs";
import type {
  Contract,
  ContractInput,
  PackageKind,
  PopulationCategory,
  RenewContract,
  SignContract,
  SignContractDocument,
  TerminateContract,
  TerminationReason,
} from "../../ipc";
import { signatoryValues, toDrawnSignature } from "../documents/documentForm";
import type { SignatoryValues } from "../documents/documentForm";
import { defaultEnd, proposedRenewal, toDateText, todayDate } from "./contractTerm";

/** Every field of `ContractInput`, in form order. */
export const CONTRACT_FIELDS = [
  "residentId",
  "teamId",
  "doctorId",
  "categories",
  "packageKind",
  "packageItems",
  "price",
  "insurancePart",
  "selfPaid",
  "startOn",
  "endOn",
] as const satisfies readonly (keyof ContractInput)[];

export type ContractField = (typeof CONTRACT_FIELDS)[number];

/**
 * FieldIssue whose `message` is the id of the resident's current contract (when a second one was
 * refused); not a form field, and not for people to read.
 */
export const EXISTING_CONTRACT_FIELD = "existingContractId";

export interface PackageItemValues {
  name?: string;
  price?: string;
}

/** What antd's form store holds for 新建签约. */
export interface ContractFormValues {
  residentId?: string;
  teamId?: string;
  doctorId?: string;
  categories?: PopulationCategory[];
  packageKind?: PackageKind;
  packageItems?: PackageItemValues[];
  price?: string;
  insurancePart?: string;
  selfPaid?: string;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
}

/** A new form: basic package, a one-year term from `today`. */
export function newContractValues(today: Dayjs = todayDate()): ContractFormValues {
  return {
    categories: [],
    packageKind: "basic",
    packageItems: [{ name: "", price: "" }],
    price: "",
    insurancePart: "",
    selfPaid: "",
    startOn: today,
    endOn: defaultEnd(today),
  };
}

/**
 * The input Rust gets. The items of a personalised package are sent only for that package (the
 * form keeps them in case the choice is switched back); money stays as typed.
 */
export function toContractInput(v: ContractFormValues): ContractInput {
  const packageKind = v.packageKind ?? "basic";
  return {
    residentId: v.residentId ?? "",
    teamId: v.teamId ?? "",
    doctorId: v.doctorId ?? "",
    categories: v.categories ?? [],
    packageKind,
    packageItems:
      packageKind === "personalized"
        ? (v.packageItems ?? []).map((i) => ({ name: i?.name ?? "", price: i?.price ?? "" }))
        : [],
    price: v.price ?? "",
    insurancePart: v.insurancePart ?? "",
    selfPaid: v.selfPaid ?? "",
    startOn: toDateText(v.startOn),
    endOn: toDateText(v.endOn),
  };
}

/**
 * The end date to show after the start changed: the default one-year end, unless the person
 * chose an end of their own (`endTouched`).
 */
export function endAfterStartChange(start: Dayjs | null | undefined, endTouched: boolean): Dayjs | null | undefined {
  if (endTouched || !start || !start.isValid()) return undefined;
  return defaultEnd(start);
}

/** Which steps a contract allows (Rust refuses the others anyway). */
export interface ContractActions {
  sign: boolean;
  renew: boolean;
  terminate: boolean;
}

export function contractActions(c: Pick<Contract, "status" | "renewedBy">): ContractActions {
  const current = c.status !== "terminated" && c.renewedBy === null;
  return {
    sign: c.status === "pending",
    renew: current && (c.status === "signed" || c.status === "renewed"),
    terminate: current,
  };
}

// ── 签约 ──────────────────────────────────────────────────────────────────────

export const SIGN_FIELDS = ["signedOn"] as const satisfies readonly (keyof SignContract)[];
export type SignField = (typeof SIGN_FIELDS)[number];

export interface SignFormValues {
  signedOn?: Dayjs | null;
}

export function toSignContract(c: Pick<Contract, "id" | "version">, v: SignFormValues): SignContract {
  return { contractId: c.id, version: c.version, signedOn: toDateText(v.signedOn) };
}

// ── 续约 ──────────────────────────────────────────────────────────────────────

export const RENEW_FIELDS = ["startOn", "endOn"] as const satisfies readonly (keyof RenewContract)[];
export type RenewField = (typeof RENEW_FIELDS)[number];

export interface RenewFormValues {
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
}

/** Proposed: from the day after the old end, for one year. */
export function renewValues(c: Pick<Contract, "endOn">): RenewFormValues {
  const { start, end } = proposedRenewal(c.endOn);
  return { startOn: start, endOn: end };
}

export function toRenewContract(c: Pick<Contract, "id" | "version">, v: RenewFormValues): RenewContract {
  return { contractId: c.id, version: c.version, startOn: toDateText(v.startOn), endOn: toDateText(v.endOn) };
}

// ── 解约 ──────────────────────────────────────────────────────────────────────

export const TERMINATE_FIELDS = [
  "terminatedOn",
  "reason",
  "note",
] as const satisfies readonly (keyof TerminateContract)[];
export type TerminateField = (typeof TERMINATE_FIELDS)[number];

export interface TerminateFormValues {
  terminatedOn?: Dayjs | null;
  reason?: TerminationReason;
  note?: string;
}

/**
 * The input Rust gets, or `null` while no reason is chosen: the contract has no "no reason"
 * value, so the form asks for one before sending.
 */
export function toTerminateContract(
  c: Pick<Contract, "id" | "version">,
  v: TerminateFormValues,
): TerminateContract | null {
  if (!v.reason) return null;
  return {
    contractId: c.id,
    version: c.version,
    terminatedOn: toDateText(v.terminatedOn),
    reason: v.reason,
    note: v.note ?? "",
  };
}

// ── 协议书 ────────────────────────────────────────────────────────────────────

/**
 * What a contract's 协议书 allows: a current contract (待签约, 签约 or 续约, not replaced by a
 * renewal) without a signed PDF is previewed and signed; only a signed one can have a PDF.
 */
export function contractDocumentActions(c: Pick<Contract, "status" | "renewedBy">) {
  return {
    sign: c.status !== "terminated" && c.renewedBy === null,
    signedDocument: c.status !== "pending",
  };
}

/** Fields Rust names when it refuses the signing (`document`: the PDF itself; `status` shows as a banner). */
export const SIGN_DOCUMENT_FIELDS = ["signedOn", "doctor", "resident", "document"] as const satisfies readonly (
  | keyof SignContractDocument
  | "document"
)[];
export type SignDocumentField = (typeof SIGN_DOCUMENT_FIELDS)[number];

export interface SignDocumentFormValues {
  signedOn?: Dayjs | null;
  doctor?: SignatoryValues;
  resident?: SignatoryValues;
}

/** Today, the contract's doctor and resident as the signatories, nothing drawn yet. */
export function newSignDocumentValues(
  c: Pick<Contract, "doctorName" | "residentName">,
  today: Dayjs = todayDate(),
): SignDocumentFormValues {
  return { signedOn: today, doctor: signatoryValues(c.doctorName), resident: signatoryValues(c.residentName) };
}

/** The signing date matters only for a 待签约 contract (it is signed now); otherwise it is sent empty. */
export function toSignContractDocument(
  c: Pick<Contract, "id" | "version" | "status">,
  v: SignDocumentFormValues,
): SignContractDocument {
  return {
    contractId: c.id,
    version: c.version,
    signedOn: c.status === "pending" ? toDateText(v.signedOn) : "",
    doctor: toDrawnSignature(v.doctor),
    resident: toDrawnSignature(v.resident),
  };
}
