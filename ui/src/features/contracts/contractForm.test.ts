import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { Contract } from "../../ipc";
import { objectFields } from "../../test/bindingsSource";
import {
  CONTRACT_FIELDS,
  RENEW_FIELDS,
  SIGN_DOCUMENT_FIELDS,
  SIGN_FIELDS,
  TERMINATE_FIELDS,
  contractActions,
  contractDocumentActions,
  endAfterStartChange,
  newContractValues,
  newSignDocumentValues,
  renewValues,
  toContractInput,
  toRenewContract,
  toSignContract,
  toSignContractDocument,
  toTerminateContract,
} from "./contractForm";

const d = (s: string) => dayjs(s, "YYYY-MM-DD");
// Rust's i64 arrives as a JSON number, whatever the generated type says.
const version = 3 as unknown as Contract["version"];
const contract = { id: "c-1", version, endOn: "2026-12-31" };

describe("the contract forms", () => {
  it("name every field of their IPC inputs", () => {
    expect([...CONTRACT_FIELDS].sort()).toEqual(objectFields("ContractInput").sort());
    expect(["contractId", "version", ...SIGN_FIELDS].sort()).toEqual(objectFields("SignContract").sort());
    expect(["contractId", "version", ...RENEW_FIELDS].sort()).toEqual(objectFields("RenewContract").sort());
    expect(["contractId", "version", ...TERMINATE_FIELDS].sort()).toEqual(objectFields("TerminateContract").sort());
    expect(["contractId", "version", ...SIGN_DOCUMENT_FIELDS].sort()).toEqual(
      [...objectFields("SignContractDocument"), "document"].sort(),
    );
  });
});

describe("newContractValues", () => {
  it("starts with a basic package and a one-year term from today", () => {
    const v = newContractValues(d("2026-03-01"));
    expect(v.packageKind).toBe("basic");
    expect(v.startOn?.format("YYYY-MM-DD")).toBe("2026-03-01");
    expect(v.endOn?.format("YYYY-MM-DD")).toBe("2027-02-28");
  });
});

describe("toContractInput", () => {
  it("sends what was typed, dates as YYYY-MM-DD", () => {
    expect(
      toContractInput({
        residentId: "r-1",
        teamId: "t-1",
        doctorId: "u-2",
        categories: ["elderly", "hypertension"],
        packageKind: "personalized",
        packageItems: [{ name: "上门换药", price: "20" }, { name: "血糖监测" }],
        price: "120.5",
        insurancePart: "100",
        selfPaid: " 20.5 ",
        startOn: d("2026-01-01"),
        endOn: d("2026-12-31"),
      }),
    ).toEqual({
      residentId: "r-1",
      teamId: "t-1",
      doctorId: "u-2",
      categories: ["elderly", "hypertension"],
      packageKind: "personalized",
      packageItems: [
        { name: "上门换药", price: "20" },
        { name: "血糖监测", price: "" },
      ],
      price: "120.5",
      insurancePart: "100",
      selfPaid: " 20.5 ",
      startOn: "2026-01-01",
      endOn: "2026-12-31",
    });
  });

  it("sends no items for a basic package, and empty fields as empty", () => {
    expect(toContractInput({ packageKind: "basic", packageItems: [{ name: "x", price: "1" }] })).toEqual({
      residentId: "",
      teamId: "",
      doctorId: "",
      categories: [],
      packageKind: "basic",
      packageItems: [],
      price: "",
      insurancePart: "",
      selfPaid: "",
      startOn: "",
      endOn: "",
    });
  });
});

describe("endAfterStartChange", () => {
  it("follows the start until the end was chosen by hand", () => {
    expect(endAfterStartChange(d("2026-07-01"), false)?.format("YYYY-MM-DD")).toBe("2027-06-30");
    expect(endAfterStartChange(d("2026-07-01"), true)).toBeUndefined();
    expect(endAfterStartChange(null, false)).toBeUndefined();
  });
});

describe("contractActions", () => {
  it.each([
    ["pending", null, { sign: true, renew: false, terminate: true }],
    ["signed", null, { sign: false, renew: true, terminate: true }],
    ["renewed", null, { sign: false, renew: true, terminate: true }],
    ["signed", "c-9", { sign: false, renew: false, terminate: false }],
    ["terminated", null, { sign: false, renew: false, terminate: false }],
  ] as const)("%s (renewed by %s)", (status, renewedBy, expected) => {
    expect(contractActions({ status, renewedBy })).toEqual(expected);
  });
});

describe("steps", () => {
  it("sign and renew carry the id and the version read", () => {
    expect(toSignContract(contract, { signedOn: d("2026-02-03") })).toEqual({
      contractId: "c-1",
      version,
      signedOn: "2026-02-03",
    });
    const proposed = renewValues(contract);
    expect(toRenewContract(contract, proposed)).toEqual({
      contractId: "c-1",
      version,
      startOn: "2027-01-01",
      endOn: "2027-12-31",
    });
  });

  it("terminate needs a reason before anything is sent", () => {
    expect(toTerminateContract(contract, { terminatedOn: d("2026-05-01"), note: "x" })).toBeNull();
    expect(toTerminateContract(contract, { terminatedOn: d("2026-05-01"), reason: "moved_out" })).toEqual({
      contractId: "c-1",
      version,
      terminatedOn: "2026-05-01",
      reason: "moved_out",
      note: "",
    });
  });
});

describe("协议书", () => {
  it.each([
    ["pending", null, { sign: true, signedDocument: false }],
    ["signed", null, { sign: true, signedDocument: true }],
    ["renewed", null, { sign: true, signedDocument: true }],
    ["signed", "c-9", { sign: false, signedDocument: true }],
    ["terminated", null, { sign: false, signedDocument: true }],
  ] as const)("%s (renewed by %s)", (status, renewedBy, expected) => {
    expect(contractDocumentActions({ status, renewedBy })).toEqual(expected);
  });

  const names = { doctorName: "王建国", residentName: "张桂兰" };

  it("a pending contract is signed on the date chosen, with the contract's doctor and resident proposed", () => {
    const v = newSignDocumentValues(names, d("2026-02-03"));
    expect(toSignContractDocument({ ...contract, status: "pending" }, v)).toEqual({
      contractId: "c-1",
      version,
      signedOn: "2026-02-03",
      doctor: { name: "王建国", png: "" },
      resident: { name: "张桂兰", png: "" },
    });
  });

  it("a signed contract sends no date, and the names as typed (a guardian may sign)", () => {
    const v = {
      ...newSignDocumentValues(names, d("2026-02-03")),
      resident: { name: "张小明（监护人）", png: "data:image/png;base64,AAAA" },
    };
    expect(toSignContractDocument({ ...contract, status: "signed" }, v)).toEqual({
      contractId: "c-1",
      version,
      signedOn: "",
      doctor: { name: "王建国", png: "" },
      resident: { name: "张小明（监护人）", png: "data:image/png;base64,AAAA" },
    });
  });
});
