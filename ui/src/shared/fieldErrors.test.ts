import { describe, expect, it } from "vitest";
import type { FieldIssue } from "../ipc";
import { issueFieldName, mapFieldIssues } from "./fieldErrors";

const issue = (field: string, message: string, code = "rule"): FieldIssue => ({ field, code, message });

describe("issueFieldName", () => {
  it.each([
    ["idNumber", "idNumber"],
    ["institution.creditCode", "creditCode"],
    ["chronicConditions[2]", "chronicConditions"],
    ["chronicConditions.2", "chronicConditions"],
    ["", ""],
  ])("%s → %s", (field, expected) => {
    expect(issueFieldName(field)).toBe(expected);
  });
});

describe("mapFieldIssues", () => {
  const fields = ["name", "idNumber", "phone", "chronicConditions"] as const;

  it("puts each message under its form field", () => {
    const mapped = mapFieldIssues(
      [issue("idNumber", "身份证号校验位不正确"), issue("phone", "联系电话格式不正确")],
      fields,
    );
    expect(mapped.byField).toEqual({ idNumber: "身份证号校验位不正确", phone: "联系电话格式不正确" });
    expect(mapped.unmatched).toEqual([]);
  });

  it("joins several messages for one field in order", () => {
    const mapped = mapFieldIssues(
      [issue("chronicConditions[0]", "第 1 项太长"), issue("chronicConditions[3]", "第 4 项为空")],
      fields,
    );
    expect(mapped.byField.chronicConditions).toBe("第 1 项太长；第 4 项为空");
  });

  it("returns issues for fields the form does not have", () => {
    const stray = issue("existingResidentId", "0190-abc");
    const mapped = mapFieldIssues([issue("name", "姓名不能为空"), stray], fields);
    expect(mapped.byField).toEqual({ name: "姓名不能为空" });
    expect(mapped.unmatched).toEqual([stray]);
  });

  it("maps nothing from nothing", () => {
    expect(mapFieldIssues([], fields)).toEqual({ byField: {}, unmatched: [] });
  });
});
