import { describe, expect, it } from "vitest";
import type { Resident } from "../../ipc";
import { objectFields } from "../../test/bindingsSource";
import { EMPTY_RESIDENT_FORM, RESIDENT_FIELDS, residentToFormValues, toResidentInput } from "./residentForm";

const stored: Resident = {
  id: "0190a1b2-0000-7000-8000-000000000001",
  version: 4,
  name: "张三",
  idNumber: "11010519491231002X",
  sex: "female",
  birthDate: "1949-12-31",
  age: 75,
  phone: "13800000000",
  address: "城关镇幸福路 1 号",
  hukouAddress: "城关镇",
  livingKind: "nursing_home",
  nursingHomeId: "home-1",
  nursingHomeName: "城关敬老院",
  room: "201",
  bed: "2",
  emergencyContactName: "李四",
  emergencyContactPhone: "13900000000",
  medicalInsurance: "employee",
  ltcInsurance: true,
  specialCategories: ["gaoling"],
  chronicConditions: ["高血压"],
  allergies: "青霉素",
  healthFileNo: "11010500100100001",
  status: "active",
  statusDate: null,
  statusNote: "",
  createdAt: "2025-01-02T03:04:05Z",
  updatedAt: "2025-01-02T03:04:05Z",
  createdByName: "王医生",
  updatedByName: "王医生",
  identityMasked: false,
};

describe("resident form", () => {
  it("lists every field of ResidentInput exactly once", () => {
    expect([...RESIDENT_FIELDS].sort()).toEqual(objectFields("ResidentInput").sort());
    expect(new Set(RESIDENT_FIELDS).size).toBe(RESIDENT_FIELDS.length);
  });

  it("sends every field even when the form never touched it", () => {
    const input = toResidentInput({});
    expect(Object.keys(input).sort()).toEqual(objectFields("ResidentInput").sort());
    expect(input).toMatchObject({
      name: "",
      sex: null,
      livingKind: "home",
      nursingHomeId: null,
      medicalInsurance: "urban_rural_resident",
      ltcInsurance: false,
      specialCategories: [],
      chronicConditions: [],
      healthFileNo: "",
    });
  });

  it("keeps what was typed, untrimmed: Rust decides what is valid", () => {
    const input = toResidentInput({ ...EMPTY_RESIDENT_FORM, name: " 阿依古丽·买买提 ", idNumber: "11010519491231002x" });
    expect(input.name).toBe(" 阿依古丽·买买提 ");
    expect(input.idNumber).toBe("11010519491231002x");
  });

  it("does not send the nursing home, room and bed of someone living at home", () => {
    const values = { ...residentToFormValues(stored), livingKind: "home" as const };
    expect(toResidentInput(values)).toMatchObject({ nursingHomeId: null, room: "", bed: "" });
    const inHome = toResidentInput(residentToFormValues(stored));
    expect(inHome).toMatchObject({ nursingHomeId: "home-1", room: "201", bed: "2" });
  });

  it("round-trips a stored file, leaving the derived sex and birth date to Rust", () => {
    const input = toResidentInput(residentToFormValues(stored));
    expect(input).toEqual({
      name: "张三",
      idNumber: "11010519491231002X",
      sex: null,
      birthDate: "",
      phone: "13800000000",
      address: "城关镇幸福路 1 号",
      hukouAddress: "城关镇",
      livingKind: "nursing_home",
      nursingHomeId: "home-1",
      room: "201",
      bed: "2",
      emergencyContactName: "李四",
      emergencyContactPhone: "13900000000",
      medicalInsurance: "employee",
      ltcInsurance: true,
      specialCategories: ["gaoling"],
      chronicConditions: ["高血压"],
      allergies: "青霉素",
      healthFileNo: "11010500100100001",
      villageCode: "",
    });
  });
});
