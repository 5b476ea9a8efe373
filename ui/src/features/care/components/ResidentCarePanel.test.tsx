import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AssessmentResult, CareRecord, ResidentDue, ScaleSpec } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { careRecord, residentDue } from "../testFixtures";
import { ResidentCarePanel } from "./ResidentCarePanel";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const due: ResidentDue = residentDue({
  G1: { state: "done", reason: "已签约城关镇家庭医生团队" },
  G3: { state: "overdue", reason: "今年尚无健康体检记录", dueBy: "2025-06-30" },
  G6: { state: "due", reason: "今年尚未做心理评估" },
  P1: { state: "on_demand", reason: "签约居民按需使用" },
});

const round: CareRecord = careRecord({
  id: "rec-9",
  item: "S1",
  summary: "巡诊：血压 132/84 mmHg，脉搏 72 次/分",
  detail: {
    kind: "round",
    detail: { vitals: { systolic: 132, diastolic: 84, pulse: 72, glucose: null, flags: [] }, note: "" },
  },
});

const miniCogSpec: ScaleSpec = {
  scale: "mini_cog",
  name: "Mini-Cog 简易认知评估",
  items: [
    {
      label: "三个词回忆",
      options: [0, 1, 2, 3].map((v) => ({ value: v, label: `${v} 个` })),
    },
    {
      label: "画钟试验",
      options: [
        { value: 0, label: "不正确" },
        { value: 2, label: "正确" },
      ],
    },
  ],
};

const miniCogResult: AssessmentResult = {
  scale: "mini_cog",
  ruleVersion: "mini_cog-2024.1",
  total: 5,
  band: "negative",
  label: "阴性",
  positive: false,
  flags: [],
  grade: null,
  domainScores: [],
  tcmTypes: [],
};

const miniCog: CareRecord = careRecord({
  id: "rec-mc",
  item: "G6",
  summary: "Mini-Cog 简易认知评估：5 分，阴性",
  detail: {
    kind: "assessment",
    detail: { answers: { scale: "mini_cog", answers: [3, 2], abilityFactors: null }, result: miniCogResult },
  },
});

let records: CareRecord[];
let onAdd: (args: Record<string, unknown>) => unknown;
let onCorrect: (args: Record<string, unknown>) => unknown;

beforeEach(() => {
  records = [];
  onAdd = () => ({ ...round, id: "new" });
  onCorrect = () => ({ ...round, id: "new" });
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    if (cmd === "resident_due") return due;
    if (cmd === "list_records") return records;
    if (cmd === "add_record") return onAdd(args);
    if (cmd === "correct_record") return onCorrect(args);
    throw { code: "internal", message: cmd, fields: [] };
  });
});

const render = (session = testSession()) =>
  renderAt("/residents/r-1", [["/residents/:id", <ResidentCarePanel residentId="r-1" />]], { session });

describe("ResidentCarePanel grid", () => {
  it("shows the 14 cells in the states Rust computed, and the disability grade", async () => {
    render();
    const g3 = await screen.findByTestId("due-cell-G3");
    expect(g3.getAttribute("data-state")).toBe("overdue");
    expect(g3.textContent).toContain("年度健康体检");
    expect(g3.textContent).toContain("已逾期");
    expect(screen.getByTestId("due-cell-G1").getAttribute("data-state")).toBe("done");
    expect(screen.getByTestId("due-cell-G6").getAttribute("data-state")).toBe("due");
    expect(screen.getByTestId("due-cell-P1").getAttribute("data-state")).toBe("on_demand");
    expect(screen.getByTestId("due-cell-S4").getAttribute("data-state")).toBe("not_applicable");
    expect(screen.getByTestId("due-disability").textContent).toContain("轻度失能");
    const year = new Date().getFullYear();
    expect(invoke).toHaveBeenCalledWith("resident_due", { residentId: "r-1", year });
  });

  it("clicking a cell shows its reason and filters the records by its item", async () => {
    render();
    fireEvent.click(await screen.findByTestId("due-cell-G3"));
    expect((await screen.findByTestId("due-reason")).textContent).toContain("今年尚无健康体检记录");
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("list_records", {
        query: { residentId: "r-1", item: "G3", includeSuperseded: false },
      }),
    );
  });
});

describe("ResidentCarePanel forms", () => {
  it("marks the field Rust names and keeps what was typed", async () => {
    onAdd = () => {
      throw {
        code: "validation",
        message: "输入有误",
        fields: [{ field: "leftSystolic", code: "health_check.range", message: "收缩压（左）300 超出合理范围 60–260 mmHg" }],
      };
    };
    render();
    fireEvent.click(await screen.findByTestId("add-record"));
    fireEvent.click(await screen.findByTestId("add-record-health_check"));
    const systolic = (await screen.findByTestId("rec-leftSystolic")) as HTMLInputElement;
    fireEvent.change(systolic, { target: { value: "300" } });
    fireEvent.change(screen.getByTestId("rec-leftDiastolic"), { target: { value: "90" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("record-save"));
    });
    expect((await screen.findByTestId("error-leftSystolic")).textContent).toBe("收缩压（左）300 超出合理范围 60–260 mmHg");
    expect((screen.getByTestId("rec-leftSystolic") as HTMLInputElement).value).toBe("300");
    expect(screen.queryByTestId("form-error")).toBeNull();
    const call = invoke.mock.calls.find(([cmd]) => cmd === "add_record");
    const input = (call?.[1] as { input: { occurredOn: string; place: string; detail: { kind: string; input: Record<string, unknown> } } }).input;
    expect(input.detail.kind).toBe("health_check");
    expect(input.detail.input.leftSystolic).toBe("300");
    expect(input.detail.input.checkedOn).toBe(input.occurredOn);
    expect(input.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(input.place).toBe("");
  }, 60_000);

  it("saves, closes the drawer and reloads the grid and the list", async () => {
    render();
    fireEvent.click(await screen.findByTestId("add-record"));
    fireEvent.click(await screen.findByTestId("add-record-consultation"));
    fireEvent.change(await screen.findByTestId("rec-note"), { target: { value: "头晕半天" } });
    fireEvent.change(screen.getByTestId("rec-place"), { target: { value: "卫生院" } });
    const dueCalls = () => invoke.mock.calls.filter(([cmd]) => cmd === "resident_due").length;
    const before = dueCalls();
    await act(async () => {
      fireEvent.click(screen.getByTestId("record-save"));
    });
    expect(await screen.findByText("记录已保存")).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId("record-form")).toBeNull());
    await waitFor(() => expect(dueCalls()).toBeGreaterThan(before));
    expect(invoke).toHaveBeenCalledWith("add_record", {
      input: expect.objectContaining({
        residentId: "r-1",
        place: "卫生院",
        detail: { kind: "consultation", input: { note: "头晕半天" } },
      }),
    });
  });

  it("renders a scale from Rust's spec; digits pick options; Rust scores it live", async () => {
    records = [miniCog];
    const previews: unknown[] = [];
    invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
      if (cmd === "resident_due") return due;
      if (cmd === "list_records") return records;
      if (cmd === "scale_spec") return miniCogSpec;
      if (cmd === "preview_assessment") {
        previews.push(args.answers);
        const answers = (args.answers as { answers: number[] }).answers;
        const total = answers[0] + answers[1];
        return { ...miniCogResult, total, label: total <= 2 ? "阳性" : "阴性", positive: total <= 2 };
      }
      throw { code: "internal", message: cmd, fields: [] };
    });
    render();
    fireEvent.click(await screen.findByTestId("record-correct-rec-mc"));
    expect((await screen.findByTestId("scale-item-1")).textContent).toContain("画钟试验");
    expect((await screen.findByTestId("assessment-total")).textContent).toBe("总分 5");
    expect(previews[0]).toEqual({ scale: "mini_cog", answers: [3, 2], abilityFactors: null });
    fireEvent.keyDown(screen.getByTestId("scale-item-0"), { key: "1" });
    await waitFor(() => expect(screen.getByTestId("assessment-total").textContent).toBe("总分 2"));
    expect(screen.getByTestId("assessment-label").textContent).toBe("阳性");
    expect(previews[previews.length - 1]).toEqual({ scale: "mini_cog", answers: [0, 2], abilityFactors: null });
  });

  it("corrects an entry from its prefilled form; the correction's reason error shows under 更正原因", async () => {
    records = [round];
    onCorrect = () => {
      throw {
        code: "validation",
        message: "输入有误",
        fields: [{ field: "reason", code: "text.required", message: "更正原因不能为空" }],
      };
    };
    render();
    fireEvent.click(await screen.findByTestId("record-correct-rec-9"));
    expect(((await screen.findByTestId("rec-systolic")) as HTMLInputElement).value).toBe("132");
    await act(async () => {
      fireEvent.click(screen.getByTestId("record-save"));
    });
    expect((await screen.findByTestId("error-correctionReason")).textContent).toBe("更正原因不能为空");
    const call = invoke.mock.calls.find(([cmd]) => cmd === "correct_record");
    expect(call?.[1]).toMatchObject({
      input: { recordId: "rec-9", reason: "", replacement: { detail: { kind: "round", input: { systolic: "132" } } } },
    });
  });

  it("offers no 新增/更正/作废 to a role that does not record care", async () => {
    records = [round];
    render(testSession({ role: "care_home_admin", permissions: ["view_residents"] }));
    const row = await screen.findByTestId("record-row-rec-9");
    expect(within(row).queryByTestId("record-correct-rec-9")).toBeNull();
    expect(screen.queryByTestId("add-record")).toBeNull();
  });
});
