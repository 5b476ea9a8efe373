import { describe, expect, it } from "vitest";
import type { Permission, RecordDetail } from "../../ipc";
import { canChange, isCurrent, kindMenu, menuTargets, recordTitle, targetOfRecord } from "./recordKinds";
import { careRecord } from "./testFixtures";

const note: RecordDetail = { kind: "consultation", detail: { note: "头晕" } };
const prescription: RecordDetail = {
  kind: "long_prescription",
  detail: { diagnosis: "高血压", drugs: [{ name: "氨氯地平", dose: "5 mg", usage: "每日一次" }], weeks: 8, until: "2025-04-25" },
};

describe("kindMenu", () => {
  it("lists every kind, the seven scales under 评估量表", () => {
    const menu = kindMenu(true);
    expect(menu.map((m) => m.label)).toEqual([
      "年度健康体检",
      "评估量表",
      "健康管理方案",
      "慢性病长处方",
      "心理干预",
      "康复指导",
      "优先就诊",
      "优先转诊",
      "优先预约专家",
      "巡诊",
      "上门出诊",
      "护理康复计划/服务",
      "安宁疗护计划/服务",
    ]);
    expect(menu[1].children).toHaveLength(7);
    const targets = menuTargets(menu);
    expect(targets.get("assessment:phq9")).toEqual({ kind: "assessment", scale: "phq9" });
    expect(targets.get("hospice_visit")).toEqual({ kind: "hospice_visit" });
    expect(targets.has("assessment")).toBe(false);
  });

  it("offers 居家照护 only for someone living at home", () => {
    expect(menuTargets(kindMenu(true)).has("family_bed")).toBe(false);
    const home = kindMenu(true, true);
    expect(home[home.length - 1].label).toBe("居家照护");
    expect(home[home.length - 1].children?.map((c) => c.label)).toEqual([
      "居家照护计划",
      "居家照护服务",
      "家庭养老床位登记",
      "床位巡访",
      "家庭养老床位撤销",
    ]);
  });

  it("hides 慢性病长处方 from someone who may not sign prescriptions", () => {
    expect(menuTargets(kindMenu(false)).has("long_prescription")).toBe(false);
  });
});

describe("entries", () => {
  const can = (granted: Permission[]) => (p: Permission) => granted.includes(p);

  it("are corrected with the form of their kind (an assessment with its scale)", () => {
    expect(targetOfRecord(careRecord({ detail: note }))).toEqual({ kind: "consultation" });
    const assessment = careRecord({
      detail: {
        kind: "assessment",
        detail: {
          answers: { scale: "gds15", answers: [], abilityFactors: null },
          result: {
            scale: "gds15",
            ruleVersion: "x",
            total: 0,
            band: "none",
            label: "正常",
            positive: false,
            flags: [],
            grade: null,
            domainScores: [],
            tcmTypes: [],
          },
        },
      },
    });
    expect(targetOfRecord(assessment)).toEqual({ kind: "assessment", scale: "gds15" });
    expect(recordTitle(assessment)).toBe("评估量表 · GDS-15 老年抑郁量表");
    expect(targetOfRecord(careRecord({ detail: { kind: "void", detail: { reason: "误录" } } }))).toBeNull();
  });

  it("offer 更正/作废 only on current entries, to someone who records care", () => {
    const current = careRecord({ detail: note });
    expect(canChange(current, can(["record_care"]))).toBe(true);
    expect(canChange(current, can(["view_residents"]))).toBe(false);
    const replaced = careRecord({ detail: note, supersededBy: "rec-2" });
    expect(isCurrent(replaced)).toBe(false);
    expect(canChange(replaced, can(["record_care"]))).toBe(false);
    expect(canChange(careRecord({ detail: { kind: "void", detail: { reason: "x" } } }), can(["record_care"]))).toBe(false);
  });

  it("leave long prescriptions to those who sign prescriptions", () => {
    const r = careRecord({ detail: prescription });
    expect(canChange(r, can(["record_care"]))).toBe(false);
    expect(canChange(r, can(["record_care", "sign_prescriptions"]))).toBe(true);
  });
});
