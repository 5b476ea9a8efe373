import { describe, expect, it } from "vitest";
import { detailLines, flagNote, frequencyText, replacementNote } from "./recordDisplay";
import { careRecord } from "./testFixtures";

describe("frequencyText", () => {
  it.each([
    [{ every: 1, unit: "week" as const }, "每周一次"],
    [{ every: 2, unit: "week" as const }, "每 2 周一次"],
    [{ every: 3, unit: "month" as const }, "每 3 个月一次"],
    [{ every: 1, unit: "day" as const }, "每天一次"],
  ])("%j → %s", (f, text) => expect(frequencyText(f)).toBe(text));
  it("reads nothing for no frequency", () => expect(frequencyText(null)).toBe(""));
});

describe("detailLines", () => {
  it("shows a round's vitals with Rust's flags", () => {
    const lines = detailLines({
      kind: "round",
      detail: {
        vitals: {
          systolic: 165,
          diastolic: 84,
          pulse: 72,
          glucose: "7.8",
          flags: [{ field: "systolic", label: "收缩压", value: "165", normalRange: "90–139 mmHg", direction: "high" }],
        },
        note: "",
      },
    });
    expect(lines.map((l) => [l.label, l.value])).toEqual([
      ["收缩压", "165 mmHg"],
      ["舒张压", "84 mmHg"],
      ["脉搏", "72 次/分"],
      ["血糖", "7.8 mmol/L"],
    ]);
    expect(lines[0].flag && flagNote(lines[0].flag)).toBe("↑ 正常范围 90–139 mmHg");
    expect(lines[1].flag).toBeUndefined();
  });

  it("lists a prescription's drugs and weeks", () => {
    const lines = detailLines({
      kind: "long_prescription",
      detail: { diagnosis: "高血压", drugs: [{ name: "氨氯地平", dose: "5 mg", usage: "" }], weeks: 8, until: "2025-04-25" },
    });
    expect(lines.map((l) => `${l.label}:${l.value}`)).toEqual([
      "诊断:高血压",
      "药品 1:氨氯地平　5 mg",
      "处方周数:8 周",
      "用药至:2025-04-25",
    ]);
  });

  it("labels an absence and leaves blanks out", () => {
    expect(detailLines({ kind: "round_absence", detail: { reason: "in_hospital", note: "" } })).toEqual([
      { label: "原因", value: "住院", flag: undefined },
    ]);
  });
});

describe("replacementNote", () => {
  const old = careRecord({ id: "a", detail: { kind: "consultation", detail: { note: "x" } }, supersededBy: "b" });

  it("names who corrected it, when and why", () => {
    const by = careRecord({
      id: "b",
      supersedes: "a",
      correctionReason: "日期录错",
      recordedByName: "李护士",
      recordedAt: "2025-03-02T02:00:00Z",
      detail: { kind: "consultation", detail: { note: "y" } },
    });
    expect(replacementNote(old, [by, old])).toMatch(/^已由 李护士 于 2025-03-02 \d\d:00 更正：日期录错$/);
  });

  it("says 作废 for a void entry", () => {
    const by = careRecord({ id: "b", supersedes: "a", correctionReason: "误录", detail: { kind: "void", detail: { reason: "误录" } } });
    expect(replacementNote(old, [by, old])).toContain("作废：误录");
  });

  it("copes with the replacing entry outside the list, and with current entries", () => {
    expect(replacementNote(old, [old])).toBe("已被更正或作废");
    expect(replacementNote({ ...old, supersededBy: null }, [old])).toBeNull();
  });
});
