/** Form values of an institution and their conversion to the IPC input. */
import type { InstitutionInput, InstitutionKind } from "../../ipc";

export const INSTITUTION_FIELDS = [
  "kind",
  "name",
  "creditCode",
  "countyCode",
  "townshipCode",
  "villageCode",
  "address",
  "contactPhone",
] as const satisfies readonly (keyof InstitutionInput)[];

export type InstitutionField = (typeof INSTITUTION_FIELDS)[number];

export type InstitutionFormValues = {
  kind?: InstitutionKind | null;
  name?: string;
  creditCode?: string;
  countyCode?: string;
  townshipCode?: string;
  villageCode?: string;
  address?: string;
  contactPhone?: string;
};

/** Every field present, as typed (Rust trims and validates). */
export function toInstitutionInput(v: InstitutionFormValues): InstitutionInput {
  return {
    kind: v.kind ?? null,
    name: v.name ?? "",
    creditCode: v.creditCode ?? "",
    countyCode: v.countyCode ?? "",
    townshipCode: v.townshipCode ?? "",
    villageCode: v.villageCode ?? "",
    address: v.address ?? "",
    contactPhone: v.contactPhone ?? "",
  };
}
