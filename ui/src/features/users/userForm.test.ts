import { describe, expect, it } from "vitest";
import type { Institution } from "../../ipc";
import { objectFields } from "../../test/bindingsSource";
import { USER_FIELDS, defaultInstitutionId, institutionChoices, toUserInput } from "./userForm";

const inst = (id: string, kind: Institution["kind"]): Institution => ({
  id,
  version: 1,
  kind,
  name: id,
  creditCode: "",
  countyCode: "",
  townshipCode: "",
  villageCode: "",
  address: "",
  contactPhone: "",
});
const clinic = inst("clinic", "township_clinic");
const homes = [inst("home-1", "elderly_home"), inst("home-2", "care_institution")];

describe("user form", () => {
  it("lists every field of UserInput", () => {
    expect([...USER_FIELDS].sort()).toEqual(objectFields("UserInput").sort());
  });

  it("sends every field, empty when not filled", () => {
    expect(toUserInput({ login: "wangys", role: "doctor" })).toEqual({
      login: "wangys",
      name: "",
      role: "doctor",
      institutionId: "",
      password: "",
      passwordAgain: "",
    });
    expect(toUserInput({}).role).toBeNull();
  });

  it("offers the clinic to its staff and the nursing homes to a 养老机构管理员", () => {
    for (const role of ["doctor", "nurse", "public_health", "clinic_admin"] as const) {
      expect(institutionChoices(role, clinic, homes)).toEqual([clinic]);
    }
    expect(institutionChoices("care_home_admin", clinic, homes)).toEqual(homes);
    expect(institutionChoices(null, clinic, homes)).toEqual([]);
  });

  it("preselects the only choice and keeps a still valid one", () => {
    expect(defaultInstitutionId([clinic], undefined)).toBe("clinic");
    expect(defaultInstitutionId([clinic], "home-1")).toBe("clinic");
    expect(defaultInstitutionId(homes, "home-2")).toBe("home-2");
    expect(defaultInstitutionId(homes, "clinic")).toBeUndefined();
    expect(defaultInstitutionId([], undefined)).toBeUndefined();
  });
});
