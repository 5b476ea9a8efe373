import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { CareRecord, FieldIssue } from "../../ipc";
import { defaultValues, formFields, remapIssues, toCorrection, toRecordInput, valuesFromRecord } from "./recordForm";
import { careRecord, healthCheck } from "./testFixtures";

const today = dayjs("2025-03-05");
const issue = (field: string, message = `${field} 有误`): FieldIssue => ({ field, code: "rule", message });

describe("defaultValues", () => {
  it("starts on today with no place", () => {
    const v = defaultValues({ kind: "referral" }, today);
    expect(v.occurredOn?.format("YYYY-MM-DD")).toBe("2025-03-05");
    expect(v.place).toBe("");
    expect(toRecordInput("r-1", { kind: "referral" }, v)).toEqual({
      residentId: "r-1",
      occurredOn: "2025-03-05",
      place: "",
      detail: { kind: "referral", input: { destination: "", reason: "" } },
    });
  });

  it("gives a prescription one empty drug line and a care plan no frequency", () => {
    const p = toRecordInput("r-1", { kind: "long_prescription" }, defaultValues({ kind: "long_prescription" }, today));
    expect(p.detail).toEqual({
      kind: "long_prescription",
      input: { diagnosis: "", drugs: [{ name: "", dose: "", usage: "" }], weeks: "" },
    });
    const c = toRecordInput("r-1", { kind: "nursing_plan" }, defaultValues({ kind: "nursing_plan" }, today));
    expect(c.detail).toEqual({ kind: "nursing_plan", input: { content: "", frequency: null } });
  });

  it("every note kind sends its note", () => {
    for (const kind of ["psych_intervention", "rehab_guidance", "consultation", "nursing_visit", "hospice_visit"] as const) {
      const input = toRecordInput("r-1", { kind }, { ...defaultValues({ kind }, today), note: "随访" });
      expect(input.detail).toEqual({ kind, input: { note: "随访" } });
    }
  });
});

describe("toRecordInput", () => {
  it("uses the entry's date as the 体检日期", () => {
    const input = toRecordInput("r-1", { kind: "health_check" }, {
      ...defaultValues({ kind: "health_check" }, today),
      leftSystolic: "300",
    });
    expect(input.occurredOn).toBe("2025-03-05");
    expect(input.detail.kind === "health_check" && input.detail.input.checkedOn).toBe("2025-03-05");
    expect(input.detail.kind === "health_check" && input.detail.input.leftSystolic).toBe("300");
  });

  it("sends a cleared date as blank (Rust says it is required)", () => {
    expect(toRecordInput("r-1", { kind: "round" }, { occurredOn: null }).occurredOn).toBe("");
  });

  it("writes the appointment date as YYYY-MM-DD, or blank", () => {
    const booked = toRecordInput("r-1", { kind: "specialist_booking" }, {
      hospital: "县医院",
      appointmentOn: dayjs("2025-04-01"),
    });
    expect(booked.detail).toEqual({
      kind: "specialist_booking",
      input: { hospital: "县医院", department: "", appointmentOn: "2025-04-01", note: "" },
    });
  });

  it("sends assessment answers for the target's scale", () => {
    const input = toRecordInput("r-1", { kind: "assessment", scale: "mini_cog" }, { answers: [3, 2] }, 2);
    expect(input.detail).toEqual({
      kind: "assessment",
      input: { scale: "mini_cog", answers: [3, 2], abilityFactors: null },
    });
  });

  it("builds a correction from the reason and the replacement", () => {
    const replacement = toRecordInput("r-1", { kind: "consultation" }, { note: "x" });
    expect(toCorrection("rec-1", replacement, { correctionReason: "日期录错" })).toEqual({
      recordId: "rec-1",
      reason: "日期录错",
      replacement,
    });
  });
});

describe("valuesFromRecord", () => {
  const roundTrip = (r: CareRecord) => {
    const v = valuesFromRecord(r);
    if (!v) throw new Error("no form");
    return toRecordInput(r.residentId, v.target, v.values, 99);
  };

  it("prefills a round from its vitals", () => {
    const r = careRecord({
      item: "S1",
      detail: {
        kind: "round",
        detail: {
          vitals: { systolic: 132, diastolic: 84, pulse: 72, glucose: null, flags: [] },
          note: "精神可",
        },
      },
    });
    expect(roundTrip(r)).toEqual({
      residentId: "r-1",
      occurredOn: "2025-03-01",
      place: "城关镇敬老院",
      detail: { kind: "round", input: { systolic: "132", diastolic: "84", pulse: "72", glucose: "", note: "精神可" } },
    });
    expect(valuesFromRecord(r)?.values.correctionReason).toBe("");
  });

  it("prefills a prescription, a care plan, a booking and an assessment", () => {
    const p = roundTrip(
      careRecord({
        detail: {
          kind: "long_prescription",
          detail: { diagnosis: "高血压", drugs: [{ name: "氨氯地平", dose: "5 mg", usage: "口服" }], weeks: 8, until: "x" },
        },
      }),
    );
    expect(p.detail).toEqual({
      kind: "long_prescription",
      input: { diagnosis: "高血压", drugs: [{ name: "氨氯地平", dose: "5 mg", usage: "口服" }], weeks: "8" },
    });
    const plan = roundTrip(
      careRecord({ detail: { kind: "hospice_plan", detail: { content: "镇痛", frequency: { every: 2, unit: "week" } } } }),
    );
    expect(plan.detail).toEqual({ kind: "hospice_plan", input: { content: "镇痛", frequency: { every: 2, unit: "week" } } });
    const booking = roundTrip(
      careRecord({
        detail: { kind: "specialist_booking", detail: { hospital: "县医院", department: "", appointmentOn: "", note: "" } },
      }),
    );
    expect(booking.detail).toEqual({
      kind: "specialist_booking",
      input: { hospital: "县医院", department: "", appointmentOn: "", note: "" },
    });
  });

  it("prefills a health check (its date is the entry's)", () => {
    const input = roundTrip(careRecord({ detail: { kind: "health_check", detail: healthCheck } }));
    expect(input.detail.kind === "health_check" && input.detail.input.checkedOn).toBe("2025-03-01");
    expect(input.detail.kind === "health_check" && input.detail.input.leftSystolic).toBe("150");
  });

  it("has no form for a 作废 entry", () => {
    expect(valuesFromRecord(careRecord({ detail: { kind: "void", detail: { reason: "x" } } }))).toBeNull();
  });
});

describe("formFields", () => {
  it("lists the common fields, the correction reason when correcting, then the kind's", () => {
    expect(formFields("referral", false)).toEqual(["occurredOn", "place", "destination", "reason"]);
    expect(formFields("round", true).slice(0, 4)).toEqual(["occurredOn", "place", "correctionReason", "systolic"]);
    expect(formFields("health_check", false)).toContain("leftSystolic");
    expect(formFields("assessment", false)).toEqual(["occurredOn", "place", "answers", "abilityFactors"]);
  });
});

describe("remapIssues", () => {
  it("shows a health check's date issues once, under the date", () => {
    const out = remapIssues("health_check", [issue("occurredOn"), issue("checkedOn", "体检日期不能为空"), issue("pulse")], false);
    expect(out).toEqual([issue("occurredOn", "体检日期不能为空"), issue("pulse")]);
    expect(remapIssues("health_check", [issue("occurredOn")], false)).toEqual([issue("occurredOn")]);
  });

  it("puts the correction's reason under 更正原因", () => {
    expect(remapIssues("round", [issue("reason", "更正原因不能为空")], true)).toEqual([
      issue("correctionReason", "更正原因不能为空"),
    ]);
    expect(remapIssues("round", [issue("reason")], false)).toEqual([issue("reason")]);
  });

  it("tells a kind's own reason from the correction's by its subject", () => {
    expect(remapIssues("referral", [issue("reason", "转诊原因不能为空")], true)).toEqual([issue("reason", "转诊原因不能为空")]);
    expect(remapIssues("referral", [issue("reason", "更正原因不能为空")], true)).toEqual([
      issue("correctionReason", "更正原因不能为空"),
    ]);
  });
});
