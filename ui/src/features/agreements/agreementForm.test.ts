import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { Agreement } from "../../ipc";
import { objectFields, unionMembers } from "../../test/bindingsSource";
import { AGREEMENT_STATUS_LABELS, SERVICE_ITEM_LABELS, SERVICE_METHOD_LABELS } from "../../shared/labels";
import {
  AGREEMENT_FIELDS,
  FREQUENCY_UNIT_TEXT,
  SERVICE_ITEM_GROUPS,
  SIGN_AGREEMENT_FIELDS,
  STEP_FIELDS,
  agreementActions,
  agreementItemText,
  agreementToFormValues,
  frequencyText,
  newAgreementValues,
  newSignAgreementValues,
  readOnlyReason,
  toAgreementInput,
  toAgreementStep,
  toSignAgreementDocument,
  withDefaultFrequency,
} from "./agreementForm";
import { SERVICE_ITEMS } from "../../shared/labels";

const d = (s: string) => dayjs(s, "YYYY-MM-DD");
const version = 4 as unknown as Agreement["version"];

const agreement: Agreement = {
  id: "a-1",
  version,
  number: "XY2026-001",
  clinicId: "i-1",
  clinicName: "城关镇卫生院",
  nursingHomeId: "h-1",
  nursingHomeName: "城关镇敬老院",
  startOn: "2026-01-01",
  endOn: "2028-12-31",
  items: [
    { item: "S1", frequency: { every: 1, unit: "week" } },
    { item: "G2", frequency: null },
  ],
  methods: ["scheduled_rounds", "on_call"],
  fileWithinDays: 15,
  note: "每周二巡诊",
  status: "draft",
  activatedOn: null,
  terminatedOn: null,
  terminationReason: "",
  residents: 32,
  amends: null,
  amendsNumber: null,
  amendedBy: null,
};

describe("the agreement form", () => {
  it("names every field of AgreementInput and AgreementStep", () => {
    expect([...AGREEMENT_FIELDS].sort()).toEqual(objectFields("AgreementInput").sort());
    expect(["id", "version", ...STEP_FIELDS].sort()).toEqual(objectFields("AgreementStep").sort());
  });

  it("lists the 14 items of the contract once, in three groups", () => {
    expect([...SERVICE_ITEMS].sort()).toEqual(unionMembers("ServiceItem").sort());
    expect(SERVICE_ITEM_GROUPS.flatMap((g) => g.items)).toEqual(SERVICE_ITEMS);
    expect(SERVICE_ITEM_GROUPS.map((g) => g.items.length)).toEqual([7, 3, 4]);
  });

  it("has a Chinese label for every status, method and unit", () => {
    expect(Object.keys(AGREEMENT_STATUS_LABELS).sort()).toEqual(unionMembers("AgreementStatus").sort());
    expect(Object.keys(SERVICE_METHOD_LABELS).sort()).toEqual(unionMembers("ServiceMethod").sort());
    expect(Object.keys(FREQUENCY_UNIT_TEXT).sort()).toEqual(unionMembers("FrequencyUnit").sort());
    expect(Object.keys(SERVICE_ITEM_LABELS).sort()).toEqual(unionMembers("ServiceItem").sort());
    expect(Object.values(AGREEMENT_STATUS_LABELS)).toEqual(["草稿", "生效", "终止"]);
  });
});

describe("frequencyText", () => {
  it.each([
    [{ every: 1, unit: "week" }, "每周1次"],
    [{ every: 2, unit: "week" }, "每2周1次"],
    [{ every: 1, unit: "day" }, "每天1次"],
    [{ every: 1, unit: "month" }, "每月1次"],
    [{ every: 6, unit: "month" }, "每6个月1次"],
    [{ every: 1, unit: "year" }, "每年1次"],
    [null, ""],
  ] as const)("%o → %s", (f, text) => {
    expect(frequencyText(f)).toBe(text);
  });

  it("item codes with their frequency", () => {
    expect(agreementItemText({ item: "S1", frequency: { every: 1, unit: "week" } })).toBe("S1 每周1次");
    expect(agreementItemText({ item: "G2", frequency: null })).toBe("G2");
  });
});

describe("toAgreementInput", () => {
  it("a new draft: today for a year, rounds, 30 days, nothing ticked", () => {
    const v = newAgreementValues(d("2026-03-01"));
    expect(toAgreementInput(v)).toEqual({
      nursingHomeId: "",
      number: "",
      startOn: "2026-03-01",
      endOn: "2027-02-28",
      items: [],
      methods: ["scheduled_rounds"],
      fileWithinDays: "30",
      note: "",
    });
    expect(v.items).toHaveLength(14);
  });

  it("sends the ticked items in table order, a frequency only where a number was given", () => {
    const v = agreementToFormValues(agreement);
    expect(toAgreementInput(v)).toEqual({
      nursingHomeId: "h-1",
      number: "XY2026-001",
      startOn: "2026-01-01",
      endOn: "2028-12-31",
      items: [
        { item: "G2", frequency: null },
        { item: "S1", frequency: { every: 1, unit: "week" } },
      ],
      methods: ["scheduled_rounds", "on_call"],
      fileWithinDays: "15",
      note: "每周二巡诊",
    });
    // An unticked row's frequency is not sent.
    const rows = v.items!.map((r) => (r.item === "G3" ? { ...r, every: 1, unit: "year" as const } : r));
    expect(toAgreementInput({ ...v, items: rows }).items.map((i) => i.item)).toEqual(["G2", "S1"]);
  });
});

describe("withDefaultFrequency", () => {
  it("proposes S1 weekly and G3 yearly when ticked, and keeps what was typed", () => {
    expect(withDefaultFrequency({ item: "S1", checked: true, every: null, unit: "month" })).toEqual({
      item: "S1",
      checked: true,
      every: 1,
      unit: "week",
    });
    expect(withDefaultFrequency({ item: "G3", checked: true, every: null })).toMatchObject({ every: 1, unit: "year" });
    const typed = { item: "S1" as const, checked: true, every: 2, unit: "week" as const };
    expect(withDefaultFrequency(typed)).toBe(typed);
    const other = { item: "G5" as const, checked: true, every: null };
    expect(withDefaultFrequency(other)).toBe(other);
    const unticked = { item: "S1" as const, checked: false, every: null };
    expect(withDefaultFrequency(unticked)).toBe(unticked);
  });
});

describe("states", () => {
  it("only drafts are edited; active ones say why not", () => {
    expect(readOnlyReason(agreement)).toBeUndefined();
    expect(readOnlyReason({ ...agreement, status: "active", activatedOn: "2026-01-05" })).toContain("2026年1月5日 生效");
    expect(
      readOnlyReason({ ...agreement, status: "terminated", terminatedOn: "2026-06-30", terminationReason: "机构停业" }),
    ).toContain("2026年6月30日 终止（机构停业）");
    expect(agreementActions({ status: "draft", amendedBy: null })).toEqual({
      edit: true,
      activate: true,
      preview: true,
      sign: true,
      terminate: false,
      amend: false,
      signedDocument: false,
    });
    expect(agreementActions({ status: "active", amendedBy: null })).toEqual({
      edit: false,
      activate: false,
      preview: false,
      sign: false,
      terminate: true,
      amend: true,
      signedDocument: true,
    });
    // An open amendment draft: no second one.
    expect(agreementActions({ status: "active", amendedBy: "a-2" }).amend).toBe(false);
    expect(agreementActions({ status: "terminated", amendedBy: null })).toEqual({
      edit: false,
      activate: false,
      preview: false,
      sign: false,
      terminate: false,
      amend: false,
      signedDocument: true,
    });
  });

  it("steps carry the version read", () => {
    expect(toAgreementStep(agreement, { on: d("2026-02-01") })).toEqual({
      id: "a-1",
      version,
      on: "2026-02-01",
      reason: "",
    });
  });
});

describe("签署", () => {
  it("names every field of SignAgreementDocument, and the document itself", () => {
    expect(["id", "version", ...SIGN_AGREEMENT_FIELDS].sort()).toEqual(
      [...objectFields("SignAgreementDocument"), "document"].sort(),
    );
  });

  it("starts today with the licence number used last time and nobody signed", () => {
    const v = newSignAgreementValues(d("2026-03-01"), "PDY00001X33010212A1001");
    expect(toSignAgreementDocument(agreement, v)).toEqual({
      id: "a-1",
      version,
      on: "2026-03-01",
      licenceNo: "PDY00001X33010212A1001",
      clinic: { name: "", png: "" },
      home: { name: "", png: "" },
    });
  });

  it("sends names as typed and the pads' PNGs; an empty date is sent empty for Rust to name", () => {
    expect(
      toSignAgreementDocument(agreement, {
        on: null,
        clinic: { name: " 王院长 ", png: "data:image/png;base64,AAAA" },
        home: { name: "李主任" },
      }),
    ).toEqual({
      id: "a-1",
      version,
      on: "",
      licenceNo: "",
      clinic: { name: " 王院长 ", png: "data:image/png;base64,AAAA" },
      home: { name: "李主任", png: "" },
    });
  });
});
