import { describe, expect, it } from "vitest";
import { unionMembers } from "../../test/bindingsSource";
import {
  cellOf,
  coveragePercent,
  DUE_STATE_STYLE,
  homeLabel,
  roomBed,
  sortTasks,
  taskHomes,
} from "./dueDisplay";
import { dueCell, taskRow } from "./testing/fixtures";
import { SERVICE_ITEMS } from "../../shared/labels";

describe("SERVICE_ITEMS", () => {
  it("lists every item of bindings.ts in table order", () => {
    expect([...SERVICE_ITEMS]).toEqual(unionMembers("ServiceItem"));
    expect(Object.keys(DUE_STATE_STYLE).sort()).toEqual(unionMembers("DueState").sort());
  });

  it("finds a cell by its item", () => {
    const cells = [dueCell({ item: "G1", state: "done" }), dueCell({ item: "S1", state: "overdue" })];
    expect(cellOf(cells, "S1")?.state).toBe("overdue");
    expect(cellOf(cells, "G2")).toBeUndefined();
  });
});

describe("coveragePercent", () => {
  it.each([
    [0, 0, null],
    [0, 10, 0],
    [7, 10, 70],
    [2, 3, 66],
    [10, 10, 100],
    [12, 10, 100],
  ])("%d of %d → %s", (done, applicable, pct) => {
    expect(coveragePercent({ item: "G3", done, applicable })).toBe(pct);
  });
});

describe("display helpers", () => {
  it("roomBed", () => {
    expect(roomBed("301", "2")).toBe("301 / 2");
    expect(roomBed("301", "")).toBe("301");
    expect(roomBed(" ", "3")).toBe("3");
    expect(roomBed("", "")).toBe("—");
  });

  it("homeLabel reads 居家 for residents living at home", () => {
    expect(homeLabel("")).toBe("居家");
    expect(homeLabel("城关镇敬老院")).toBe("城关镇敬老院");
  });
});

describe("sortTasks", () => {
  it("groups by home (居家 last), then bed order (2 before 10), then item", () => {
    const rows = [
      taskRow({ residentId: "h", nursingHomeName: "", room: "", bed: "" }),
      taskRow({ residentId: "b10", nursingHomeName: "城关镇敬老院", room: "10", bed: "1" }),
      taskRow({ residentId: "b2", nursingHomeName: "城关镇敬老院", room: "2", bed: "1", cell: dueCell({ item: "S1" }) }),
      taskRow({ residentId: "b2", nursingHomeName: "城关镇敬老院", room: "2", bed: "1", cell: dueCell({ item: "G3" }) }),
      taskRow({ residentId: "a1", nursingHomeName: "阳光养老院", room: "1", bed: "1" }),
    ];
    const sorted = sortTasks(rows).map((r) => `${r.residentId}:${r.cell.item}`);
    const homes = taskHomes(rows);
    expect(homes[homes.length - 1]).toBe("居家");
    expect(homes).toHaveLength(3);
    expect(sorted.indexOf("b2:G3")).toBe(sorted.indexOf("b2:S1") - 1);
    expect(sorted.indexOf("b2:S1")).toBeLessThan(sorted.indexOf("b10:S1"));
    expect(sorted[sorted.length - 1]).toBe("h:S1");
    // rows of one home stay together
    const homeOf = sortTasks(rows).map((r) => homeLabel(r.nursingHomeName));
    expect(homeOf).toEqual([...homeOf].sort((x, y) => homes.indexOf(x) - homes.indexOf(y)));
  });

  it("does not change its input", () => {
    const rows = [taskRow({ residentId: "b", room: "2" }), taskRow({ residentId: "a", room: "1" })];
    sortTasks(rows);
    expect(rows.map((r) => r.residentId)).toEqual(["b", "a"]);
  });
});
