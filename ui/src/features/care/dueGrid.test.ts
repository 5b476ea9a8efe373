import { describe, expect, it } from "vitest";
import { unionMembers } from "../../test/bindingsSource";
import { DUE_ROWS, DUE_STATE_STYLES, cellFacts, cellsByItem } from "./dueGrid";
import { dueCell } from "./testFixtures";

describe("DUE_ROWS", () => {
  it("places every item once: 7 基本 in the first row, 3 优先 + 4 拓展 in the second", () => {
    const all = DUE_ROWS.flatMap((row) => row.flatMap((g) => g.items));
    expect([...all].sort()).toEqual(unionMembers("ServiceItem").sort());
    expect(new Set(all).size).toBe(14);
    expect(DUE_ROWS[0].flatMap((g) => g.items)).toEqual(["G1", "G2", "G3", "G4", "G5", "G6", "G7"]);
    expect(DUE_ROWS[1].map((g) => [g.title, g.items.length])).toEqual([
      ["优先服务", 3],
      ["拓展服务", 4],
    ]);
  });

  it("colours each state: green done, blue due, red overdue, grey n/a", () => {
    expect(Object.keys(DUE_STATE_STYLES).sort()).toEqual(unionMembers("DueState").sort());
    expect(DUE_STATE_STYLES.done.tag).toBe("success");
    expect(DUE_STATE_STYLES.due.tag).toBe("processing");
    expect(DUE_STATE_STYLES.overdue.tag).toBe("error");
    expect(DUE_STATE_STYLES.not_applicable.background).not.toBe(DUE_STATE_STYLES.on_demand.background);
  });
});

describe("cells", () => {
  it("are looked up by item", () => {
    const m = cellsByItem([dueCell("G3", { state: "overdue" }), dueCell("S1", { state: "due" })]);
    expect(m.get("G3")?.state).toBe("overdue");
    expect(m.get("G1")).toBeUndefined();
  });

  it("state their dates and counts as Rust sent them", () => {
    expect(cellFacts(dueCell("S1", { lastDone: "2025-03-01", dueBy: "2025-03-08", countThisYear: 5 }))).toBe(
      "最近：2025-03-01 · 应于 2025-03-08 前 · 本年 5 次",
    );
    expect(cellFacts(dueCell("P1"))).toBe("");
  });
});
