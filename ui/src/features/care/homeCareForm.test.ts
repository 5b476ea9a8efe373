import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { HomeService } from "../../ipc";
import { detailLines } from "./recordDisplay";
import { defaultValues, toRecordInput, valuesFromRecord } from "./recordForm";
import { careRecord } from "./testFixtures";

const today = dayjs("2026-11-22");

const bath: HomeService = {
  service: "bathing",
  serviceName: "助浴",
  unit: "visit",
  quantityCenti: 150,
  minutes: 45,
  unitPriceCents: 6000,
  amountCents: 9000,
  payer: "long_term_care",
  provider: "李护理员",
  confirmation: "family",
  confirmedBy: "王小明",
  note: "",
};

describe("home-care forms", () => {
  it("sends a plan row without a typed frequency as every 0, for Rust to refuse by name", () => {
    const v = { ...defaultValues({ kind: "home_care_plan" }, today), services: [{ service: "meal", frequency: null, provider: "中心" }] };
    expect(toRecordInput("r-1", { kind: "home_care_plan" }, v).detail).toEqual({
      kind: "home_care_plan",
      input: {
        services: [{ service: "meal", serviceName: "", frequency: { every: 0, unit: "week" }, provider: "中心" }],
        note: "",
      },
    });
  });

  it("starts a delivery at one unit confirmed by the person, priced by Rust", () => {
    const input = toRecordInput("r-1", { kind: "home_service" }, { ...defaultValues({ kind: "home_service" }, today), service: "meal" });
    expect(input.detail).toEqual({
      kind: "home_service",
      input: {
        service: "meal",
        quantity: "1",
        minutes: "",
        provider: "",
        payer: null,
        confirmation: "person",
        confirmedBy: "",
        note: "",
        priced: null,
      },
    });
  });

  it("opens a stored delivery for correction with what was typed", () => {
    const record = careRecord({ detail: { kind: "home_service", detail: bath } });
    const opened = valuesFromRecord(record);
    expect(opened?.target).toEqual({ kind: "home_service" });
    const again = toRecordInput("r-1", { kind: "home_service" }, opened!.values);
    expect(again.detail).toMatchObject({ kind: "home_service", input: { service: "bathing", quantity: "1.5", minutes: "45", payer: "long_term_care" } });
  });

  it("shows a delivery's quantity, money and confirmation", () => {
    const lines = detailLines({ kind: "home_service", detail: bath });
    expect(lines.map((l) => `${l.label}:${l.value}`)).toEqual([
      "服务项目:助浴",
      "数量:1.5 次",
      "时长:45 分钟",
      "单价:¥60.00/次",
      "金额:¥90.00",
      "付费方式:长护险",
      "服务人员:李护理员",
      "确认:家属确认（王小明）",
    ]);
  });
});
