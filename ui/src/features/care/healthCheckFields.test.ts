import { describe, expect, it } from "vitest";
import { objectFields } from "../../test/bindingsSource";
import {
  HC_FIELDS,
  HC_SECTIONS,
  emptyHealthCheckValues,
  healthCheckToValues,
  healthCheckView,
  sectionOf,
  toHealthCheckInput,
} from "./healthCheckFields";
import { healthCheck } from "./testFixtures";

describe("the health-check field table", () => {
  it("has every field of HealthCheckInput but the date, once, in four sections", () => {
    const expected = objectFields("HealthCheckInput").filter((f) => f !== "checkedOn");
    expect([...HC_FIELDS].sort()).toEqual(expected.sort());
    expect(new Set(HC_FIELDS).size).toBe(HC_FIELDS.length);
    expect(HC_SECTIONS.map((s) => s.title)).toEqual(["生活方式", "体格检查", "辅助检查", "健康评价与指导"]);
  });

  it("knows the section of a field", () => {
    expect(sectionOf("leftSystolic")).toBe("exam");
    expect(sectionOf("ldl")).toBe("tests");
    expect(sectionOf("smoking")).toBe("lifestyle");
    expect(sectionOf("abnormalities")).toBe("evaluation");
    expect(sectionOf("occurredOn")).toBeUndefined();
  });

  it("shows units on numeric fields", () => {
    const defs = HC_SECTIONS.flatMap((s) => s.fields);
    const unit = (name: string) => {
      const d = defs.find((x) => x.name === name);
      return d?.type === "measure" ? d.unit : undefined;
    };
    expect(unit("leftSystolic")).toBe("mmHg");
    expect(unit("fastingGlucose")).toBe("mmol/L");
    expect(unit("temperature")).toBe("℃");
  });
});

describe("toHealthCheckInput", () => {
  it("sends an empty form as blanks, empty lists and nothing chosen", () => {
    const input = toHealthCheckInput(emptyHealthCheckValues(), "2025-03-01");
    expect(input.checkedOn).toBe("2025-03-01");
    expect(input.leftSystolic).toBe("");
    expect(input.symptoms).toEqual([]);
    expect(input.smoking).toBeNull();
    expect(input.skin).toBeNull();
    expect(input.healthEvaluation).toBeNull();
    expect(Object.keys(input).sort()).toEqual(objectFields("HealthCheckInput").sort());
  });

  it("keeps numbers as the text that was typed (Rust parses them)", () => {
    const input = toHealthCheckInput({ leftSystolic: " １５０ ", weight: "62.5" }, "2025-03-01");
    expect(input.leftSystolic).toBe(" １５０ ");
    expect(input.weight).toBe("62.5");
  });

  it("round-trips a stored check through the form", () => {
    const input = toHealthCheckInput(healthCheckToValues(healthCheck), healthCheck.checkedOn);
    expect(input.leftSystolic).toBe("150");
    expect(input.rightSystolic).toBe("");
    expect(input.heart).toEqual({ result: "abnormal", detail: "心律不齐" });
    expect(input.lungs).toBeNull();
    expect(input.dietHabits).toEqual(["balanced", "salty"]);
    expect(input.urineProtein).toBe("plus1");
    expect(input.healthEvaluation).toBe("abnormal");
  });
});

describe("healthCheckView", () => {
  const view = healthCheckView(healthCheck);
  const row = (field: string) => view.flatMap((s) => s.rows).find((r) => r.field === field);

  it("leaves blank fields out and labels choices", () => {
    expect(row("rightSystolic")).toBeUndefined();
    expect(row("exerciseFrequency")?.value).toBe("每天");
    expect(row("dietHabits")?.value).toBe("荤素均衡、嗜盐");
    expect(row("heart")?.value).toBe("异常：心律不齐");
    expect(row("skin")?.value).toBe("未见异常");
  });

  it("highlights flagged values with Rust's normal range, BMI after 体重", () => {
    expect(row("leftSystolic")).toMatchObject({ value: "150 mmHg", flag: { normalRange: "90–139 mmHg" } });
    expect(row("leftDiastolic")?.flag).toBeUndefined();
    expect(row("urineProtein")?.flag?.value).toBe("+");
    const exam = view.find((s) => s.key === "exam")?.rows.map((r) => r.field) ?? [];
    expect(exam.indexOf("bmi")).toBe(exam.indexOf("weight") + 1);
    expect(row("bmi")).toMatchObject({ value: "24.2 kg/m²", flag: { direction: "high" } });
  });
});
