import { describe, expect, it } from "vitest";
import {
  ABSENCE_KEYS,
  absenceReasonForKey,
  EMPTY_ROUND,
  firstPendingIndex,
  flagText,
  mergeRows,
  nextPendingIndex,
  progressText,
  roundInputOf,
  roundKeyAction,
  roundProgress,
  roundStatus,
  todaysFlags,
} from "./rounds";
import type { KeyLike } from "./rounds";
import { ABSENCE_REASON_LABELS } from "../../shared/labels";
import { unionMembers } from "../../test/bindingsSource";
import { absenceRecord, roundRecord, roundRow } from "./testing/fixtures";

const recorded = (id: string) => roundRow(id, { today: roundRecord(id) });
const absent = (id: string) => roundRow(id, { today: absenceRecord(id) });
const pending = (id: string) => roundRow(id);

describe("roundStatus and progress", () => {
  it("reads today's entry", () => {
    expect(roundStatus(recorded("a"))).toBe("recorded");
    expect(roundStatus(absent("a"))).toBe("absent");
    expect(roundStatus(pending("a"))).toBe("pending");
  });

  it("counts absences as done", () => {
    const p = roundProgress([recorded("a"), absent("b"), pending("c"), pending("d")]);
    expect(p).toEqual({ done: 2, total: 4 });
    expect(progressText(p)).toBe("已完成 2 / 4 人");
    expect(progressText(roundProgress([]))).toBe("已完成 0 / 0 人");
  });
});

describe("nextPendingIndex", () => {
  const rows = [pending("a"), recorded("b"), absent("c"), pending("d"), recorded("e")];

  it("skips residents with today's entry", () => {
    expect(nextPendingIndex(rows, 0)).toBe(3);
  });

  it("wraps round to the top", () => {
    expect(nextPendingIndex(rows, 3)).toBe(0);
    expect(nextPendingIndex(rows, 4)).toBe(0);
  });

  it("is null when everyone has an entry", () => {
    expect(nextPendingIndex([recorded("a"), absent("b")], 0)).toBeNull();
    expect(nextPendingIndex([], 0)).toBeNull();
  });

  it("returns the same resident when it is the only one left", () => {
    expect(nextPendingIndex([recorded("a"), pending("b")], 1)).toBe(1);
  });

  it("starts at the first pending resident", () => {
    expect(firstPendingIndex(rows)).toBe(0);
    expect(firstPendingIndex([recorded("a"), pending("b")])).toBe(1);
    expect(firstPendingIndex([recorded("a")])).toBe(0);
    expect(firstPendingIndex([])).toBe(0);
  });
});

describe("mergeRows", () => {
  it("puts saved rows in place, keeping the sheet's order", () => {
    const sheet = [pending("a"), pending("b")];
    const merged = mergeRows(sheet, { b: recorded("b") });
    expect(merged.map((r) => [r.residentId, roundStatus(r)])).toEqual([
      ["a", "pending"],
      ["b", "recorded"],
    ]);
  });
});

describe("roundInputOf", () => {
  it("prefills today's round so it can be retyped", () => {
    const row = roundRow("a", {
      today: roundRecord("a", {
        detail: {
          kind: "round",
          detail: { vitals: { systolic: 150, diastolic: 90, pulse: 80, glucose: "6.1", flags: [] }, note: "头晕" },
        },
      }),
    });
    expect(roundInputOf(row)).toEqual({ systolic: "150", diastolic: "90", pulse: "80", glucose: "6.1", note: "头晕" });
  });

  it("is empty without a round (also after an absence)", () => {
    expect(roundInputOf(pending("a"))).toEqual(EMPTY_ROUND);
    expect(roundInputOf(absent("a"))).toEqual(EMPTY_ROUND);
  });
});

describe("absence keys", () => {
  it("maps 1–4 to 外出 住院 拒绝 其他", () => {
    expect(["1", "2", "3", "4"].map((k) => ABSENCE_REASON_LABELS[absenceReasonForKey(k)!])).toEqual([
      "外出",
      "住院",
      "拒绝",
      "其他",
    ]);
  });

  it("ignores other keys", () => {
    for (const k of ["0", "5", "a", "12", "", "Enter"]) expect(absenceReasonForKey(k)).toBeNull();
  });

  it("covers every AbsenceReason of bindings.ts", () => {
    expect([...ABSENCE_KEYS].sort()).toEqual(unionMembers("AbsenceReason").sort());
    expect(Object.keys(ABSENCE_REASON_LABELS).sort()).toEqual(unionMembers("AbsenceReason").sort());
  });
});

describe("roundKeyAction", () => {
  const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...k,
  });

  it.each([
    [key({ key: "F8" }), "absence"],
    [key({ key: "a", altKey: true }), "absence"],
    [key({ key: "A", altKey: true }), "absence"],
    [key({ key: "å", code: "KeyA", altKey: true }), "absence"],
    [key({ key: "PageUp" }), "previous"],
    [key({ key: "PageDown" }), "next"],
  ] as const)("%o → %s", (e, action) => {
    expect(roundKeyAction(e)).toBe(action);
  });

  it.each([
    key({ key: "a" }),
    key({ key: "a", ctrlKey: true, altKey: true }),
    key({ key: "PageDown", ctrlKey: true }),
    key({ key: "PageUp", shiftKey: true }),
    key({ key: "Enter" }),
    key({ key: "F8", ctrlKey: true }),
  ])("%o → nothing", (e) => {
    expect(roundKeyAction(e)).toBeNull();
  });
});

describe("flags", () => {
  it("reads Rust's flags of today's round", () => {
    const flag = { field: "systolic", label: "收缩压", value: "162", normalRange: "90–139 mmHg", direction: "high" as const };
    const row = roundRow("a", {
      today: roundRecord("a", {
        detail: {
          kind: "round",
          detail: { vitals: { systolic: 162, diastolic: 84, pulse: 72, glucose: null, flags: [flag] }, note: "" },
        },
      }),
    });
    expect(todaysFlags(row).map(flagText)).toEqual(["收缩压 162↑（正常 90–139 mmHg）"]);
    expect(todaysFlags(absent("b"))).toEqual([]);
  });
});
