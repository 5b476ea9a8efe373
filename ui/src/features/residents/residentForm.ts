/**
 * The resident form's values and their conversion to and from the IPC types. Only shaping: every
 * rule (formats, check digits, what is required) is Rust's.
 */
import type { Resident, ResidentInput } from "../../ipc";

/** Every field of `ResidentInput`, in form order (also the order of the `rf-*` inputs). */
export const RESIDENT_FIELDS = [
  "name",
  "idNumber",
  "sex",
  "birthDate",
  "phone",
  "address",
  "hukouAddress",
  "livingKind",
  "nursingHomeId",
  "room",
  "bed",
  "emergencyContactName",
  "emergencyContactPhone",
  "medicalInsurance",
  "ltcInsurance",
  "specialCategories",
  "chronicConditions",
  "allergies",
  "healthFileNo",
  "villageCode",
] as const satisfies readonly (keyof ResidentInput)[];

export type ResidentField = (typeof RESIDENT_FIELDS)[number];

/** What antd's form store holds: any field may be missing or cleared. */
export type ResidentFormValues = { [K in keyof ResidentInput]?: ResidentInput[K] | undefined };

/** Suggestions for the 慢性病 tags; anything else may be typed. */
export const CHRONIC_CONDITION_SUGGESTIONS = [
  "高血压",
  "2型糖尿病",
  "冠心病",
  "慢阻肺",
  "脑卒中",
  "骨质疏松",
] as const;

export const EMPTY_RESIDENT_FORM: ResidentFormValues = {
  livingKind: "home",
  medicalInsurance: "urban_rural_resident",
  ltcInsurance: false,
  specialCategories: [],
  chronicConditions: [],
};

/** Fields shown only for someone living in a nursing home. */
export const NURSING_HOME_ONLY: readonly ResidentField[] = ["nursingHomeId", "room", "bed"];

/**
 * The input Rust gets. Fields the form does not show (the 养老机构, room and bed of someone living
 * at home) are sent empty; the form keeps what was typed in case the choice is switched back.
 */
export function toResidentInput(v: ResidentFormValues): ResidentInput {
  const livingKind = v.livingKind ?? "home";
  const inHome = livingKind === "nursing_home";
  return {
    name: v.name ?? "",
    idNumber: v.idNumber ?? "",
    sex: v.sex ?? null,
    birthDate: v.birthDate ?? "",
    phone: v.phone ?? "",
    address: v.address ?? "",
    hukouAddress: v.hukouAddress ?? "",
    livingKind,
    nursingHomeId: inHome ? (v.nursingHomeId ?? null) : null,
    room: inHome ? (v.room ?? "") : "",
    bed: inHome ? (v.bed ?? "") : "",
    emergencyContactName: v.emergencyContactName ?? "",
    emergencyContactPhone: v.emergencyContactPhone ?? "",
    medicalInsurance: v.medicalInsurance ?? "urban_rural_resident",
    ltcInsurance: v.ltcInsurance ?? false,
    specialCategories: v.specialCategories ?? [],
    chronicConditions: v.chronicConditions ?? [],
    allergies: v.allergies ?? "",
    healthFileNo: v.healthFileNo ?? "",
    villageCode: v.villageCode ?? "",
  };
}

/**
 * The form for editing a stored file. 性别 and 出生日期 start empty: they are derived from the
 * 身份证号, so a corrected 身份证号 is not contradicted by the old derived values. The stored
 * values are shown as hints instead. The 村/居委会代码 is part of the stored 健康档案编号, which is
 * kept as it is.
 */
export function residentToFormValues(r: Resident): ResidentFormValues {
  return {
    name: r.name,
    idNumber: r.idNumber,
    sex: undefined,
    birthDate: "",
    phone: r.phone,
    address: r.address,
    hukouAddress: r.hukouAddress,
    livingKind: r.livingKind,
    nursingHomeId: r.nursingHomeId ?? undefined,
    room: r.room,
    bed: r.bed,
    emergencyContactName: r.emergencyContactName,
    emergencyContactPhone: r.emergencyContactPhone,
    medicalInsurance: r.medicalInsurance,
    ltcInsurance: r.ltcInsurance,
    specialCategories: [...r.specialCategories],
    chronicConditions: [...r.chronicConditions],
    allergies: r.allergies,
    healthFileNo: r.healthFileNo,
    villageCode: "",
  };
}
