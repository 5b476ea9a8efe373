import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RoundEntry, RoundAbsenceEntry, RoundRow, RoundSheet } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { absenceRecord, roundRecord, roundRow } from "../testing/fixtures";
import { RoundsPage } from "./RoundsPage";

// The whole path is real (hooks → bindings → call); only the Tauri runtime is replaced.
const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

function sheet(rows: RoundRow[]): RoundSheet {
  return { nursingHomeId: "h-1", nursingHomeName: "城关镇敬老院", date: "2025-03-08", rows };
}

/** 王一 (pending), 李二 (already recorded today), 赵三 (pending). */
const ROWS: RoundRow[] = [
  roundRow("r-1", { name: "王一", room: "101", bed: "1" }),
  roundRow("r-2", { name: "李二", room: "101", bed: "2", today: roundRecord("r-2") }),
  roundRow("r-3", { name: "赵三", room: "102", bed: "1" }),
];

/** What Rust answers after a save: the row with today's entry. */
function answered(entry: RoundEntry): RoundRow {
  const row = ROWS.find((r) => r.residentId === entry.residentId)!;
  return {
    ...row,
    due: { ...row.due, state: "done", reason: "今日已巡诊" },
    today: roundRecord(entry.residentId, {
      summary: `巡诊：血压 ${entry.round.systolic}/${entry.round.diastolic} mmHg，脉搏 ${entry.round.pulse} 次/分`,
    }),
  };
}

beforeEach(() => {
  handlers = {
    round_sheet: ({ nursingHomeId }) => {
      expect(nursingHomeId).toBe("h-1");
      return sheet(ROWS);
    },
    record_round: ({ entry }) => answered(entry as RoundEntry),
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

function renderRounds() {
  return renderAt("/services/rounds/h-1", [
    ["/services/rounds/:homeId", <RoundsPage />],
    ["/services", <div data-testid="services-page" />],
  ]);
}

const field = (name: string) => screen.getByTestId(`round-${name}`) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
const status = (id: string) => screen.getByTestId(`round-row-${id}`).getAttribute("data-status");
const calls = (cmd: string) => invoke.mock.calls.filter(([c]) => c === cmd).map(([, a]) => a as Record<string, unknown>);

async function opened() {
  await screen.findByTestId("round-card");
}

describe("RoundsPage", () => {
  it("starts at the first resident without an entry, cursor in 收缩压", async () => {
    renderRounds();
    await opened();
    expect(screen.getByTestId("round-name").textContent).toBe("王一");
    expect(document.activeElement).toBe(field("systolic"));
    expect(field("systolic").tagName).toBe("INPUT");
    expect(field("note").tagName).toBe("TEXTAREA");
    expect(screen.getByTestId("rounds-progress").textContent).toBe("已完成 1 / 3 人");
    expect([status("r-1"), status("r-2"), status("r-3")]).toEqual(["pending", "recorded", "pending"]);
  });

  it("Enter saves the round and moves on to the next resident without an entry", async () => {
    renderRounds();
    await opened();
    type("systolic", "132");
    type("diastolic", "84");
    type("pulse", "72");
    type("note", "精神好");
    await act(async () => {
      fireEvent.keyDown(field("pulse"), { key: "Enter" });
    });

    expect(calls("record_round")).toEqual([
      {
        entry: {
          residentId: "r-1",
          nursingHomeId: "h-1",
          round: { systolic: "132", diastolic: "84", pulse: "72", glucose: "", note: "精神好" },
        },
      },
    ]);
    // 李二 already has today's round: skipped.
    await waitFor(() => expect(screen.getByTestId("round-name").textContent).toBe("赵三"));
    expect(document.activeElement).toBe(field("systolic"));
    expect(field("systolic").value).toBe("");
    expect(field("note").value).toBe("");
    expect(status("r-1")).toBe("recorded");
    expect(screen.getByTestId("rounds-progress").textContent).toBe("已完成 2 / 3 人");
  });

  it("a validation error marks the fields, keeps what was typed and stays on the resident", async () => {
    handlers.record_round = () => {
      throw {
        code: "validation",
        message: "输入有误，请按提示修改",
        fields: [
          { field: "systolic", code: "measure.range", message: "收缩压应在 60–260 mmHg 之间" },
          { field: "pulse", code: "measure.required", message: "请填写脉搏" },
        ],
      };
    };
    renderRounds();
    await opened();
    type("systolic", "600");
    type("diastolic", "84");
    type("note", "复测");
    await act(async () => {
      fireEvent.keyDown(field("diastolic"), { key: "Enter" });
    });

    expect((await screen.findByTestId("error-systolic")).textContent).toBe("收缩压应在 60–260 mmHg 之间");
    expect(screen.getByTestId("error-pulse").textContent).toBe("请填写脉搏");
    expect(screen.getByTestId("round-name").textContent).toBe("王一");
    expect(field("systolic").value).toBe("600");
    expect(field("diastolic").value).toBe("84");
    expect(field("note").value).toBe("复测");
    expect(document.activeElement).toBe(field("systolic"));
    expect(status("r-1")).toBe("pending");
    expect(screen.getByTestId("rounds-progress").textContent).toBe("已完成 1 / 3 人");

    // Retyping the field clears only its message.
    type("systolic", "160");
    await waitFor(() => expect(screen.queryByTestId("error-systolic")).toBeNull());
    expect(screen.getByTestId("error-pulse")).toBeTruthy();
  });

  it("F8 then a number key records an absence", async () => {
    handlers.record_round_absence = ({ entry }) => {
      const e = entry as RoundAbsenceEntry;
      return { ...ROWS[0], today: absenceRecord(e.residentId) };
    };
    renderRounds();
    await opened();
    type("note", "家属接回");
    act(() => {
      fireEvent.keyDown(field("systolic"), { key: "F8" });
    });
    expect(await screen.findByTestId("round-absence-popover")).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(field("systolic"), { key: "2" });
    });

    expect(calls("record_round_absence")).toEqual([
      { entry: { residentId: "r-1", nursingHomeId: "h-1", absence: { reason: "in_hospital", note: "家属接回" } } },
    ]);
    await waitFor(() => expect(screen.getByTestId("round-name").textContent).toBe("赵三"));
    expect(status("r-1")).toBe("absent");
    expect(screen.getByTestId("round-row-r-1").textContent).toContain("未见");
  });

  it("shows today's round for retyping and moves with PageUp / PageDown", async () => {
    renderRounds();
    await opened();
    act(() => {
      fireEvent.keyDown(field("systolic"), { key: "PageDown" });
    });
    await waitFor(() => expect(screen.getByTestId("round-name").textContent).toBe("李二"));
    expect(screen.getByTestId("round-existing").textContent).toContain("已记录，重新保存将更正");
    expect(field("systolic").value).toBe("132");
    expect(field("pulse").value).toBe("72");
    act(() => {
      fireEvent.keyDown(field("systolic"), { key: "PageUp" });
    });
    await waitFor(() => expect(screen.getByTestId("round-name").textContent).toBe("王一"));
  });

  it("完成 returns to the home's tab", async () => {
    renderRounds();
    await opened();
    fireEvent.click(screen.getByTestId("rounds-done"));
    await waitFor(() => expect(screen.getByTestId("services-page")).toBeTruthy());
  });
});
