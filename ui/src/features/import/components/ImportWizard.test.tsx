import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportProgress, ImportSummary, SheetOverview } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { ImportWizard } from "./ImportWizard";

const { invoke, listen } = vi.hoisted(() => ({ invoke: vi.fn(), listen: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/api/event", () => ({ listen }));

const overview: SheetOverview = {
  sheets: ["花名册", "说明"],
  sheet: "花名册",
  headerRow: 2,
  headers: ["序号", "姓名", "身份证号", "电话"],
  dataRows: 3,
  mapping: [
    { column: 1, field: "name" },
    { column: 2, field: "idNumber" },
  ],
  remembered: true,
  sample: [["1", "王五", "110105194401010011", "13800000000"]],
};

const summary = (stored: boolean): ImportSummary => ({
  total: 3,
  new: 1,
  update: 1,
  unchanged: 0,
  rejected: 1,
  stored,
  rows: [
    { row: 3, name: "王五", idNumber: "110105********0011", outcome: "new", residentId: null, duplicateOfRow: null, issues: [] },
    { row: 4, name: "赵六", idNumber: "110105********0022", outcome: "update", residentId: "r-2", duplicateOfRow: null, issues: [] },
    {
      row: 5,
      name: "钱七",
      idNumber: "1101",
      outcome: "rejected",
      residentId: null,
      duplicateOfRow: null,
      issues: [{ field: "idNumber", code: "id_number.length", message: "身份证号应为 18 位" }],
    },
  ],
  rejectedRows: [{ row: 5, name: "钱七", idNumber: "1101", issues: [{ column: "身份证号", code: "id_number.length", message: "身份证号应为 18 位" }] }],
});

let progressListener: ((e: { payload: ImportProgress }) => void) | undefined;
let failPreview = false;
/** When set, the preview reports progress and waits for this to be called. */
let holdPreview: ((release: () => void) => void) | undefined;

beforeEach(() => {
  failPreview = false;
  holdPreview = undefined;
  progressListener = undefined;
  listen.mockReset();
  listen.mockImplementation(async (_name: string, cb: (e: { payload: ImportProgress }) => void) => {
    progressListener = cb;
    return () => undefined;
  });
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string) => {
    switch (cmd) {
      case "list_nursing_homes":
        return [];
      case "choose_import_file":
        return "/home/nurse/花名册.xlsx";
      case "import_overview":
        return overview;
      case "preview_import":
        if (failPreview) throw {
          code: "validation",
          message: "有 1 项需要修改",
          fields: [{ field: "mapping", code: "import.mapping_missing", message: "未选择“身份证号”对应的列" }],
        };
        if (holdPreview) {
          progressListener?.({ payload: { done: 120, total: 500 } });
          const hold = holdPreview;
          await new Promise<void>((release) => hold(release));
        }
        return summary(false);
      case "import_residents":
        progressListener?.({ payload: { done: 250, total: 500 } });
        return summary(true);
      case "rejected_rows_xlsx":
        return "/home/nurse/导入错误报告.xlsx";
      default:
        throw { code: "internal", message: cmd, fields: [] };
    }
  });
});

function renderWizard() {
  return renderAt("/residents/import", [
    ["/residents/import", <ImportWizard />],
    ["/residents", <div />],
  ]);
}

async function toMapping() {
  renderWizard();
  fireEvent.click(screen.getByTestId("import-choose"));
  await screen.findByTestId("import-mapping");
}

describe("ImportWizard", () => {
  it("pre-fills the mapping Rust remembered and reads the chosen file in Rust", async () => {
    await toMapping();
    expect(invoke).toHaveBeenCalledWith("import_overview", {
      path: "/home/nurse/花名册.xlsx",
      sheet: null,
      headerRow: 0,
      nursingHomeId: null,
    });
    expect(screen.getByText("已沿用上次的列对应")).toBeTruthy();
    expect(screen.getByTestId("import-field-1").textContent).toContain("姓名");
    expect(screen.getByTestId("import-field-2").textContent).toContain("身份证号");
    expect(screen.getByTestId("import-field-3").textContent).toContain("不导入");
  });

  it("keeps the mapping when the preview fails, and shows why", async () => {
    failPreview = true;
    await toMapping();
    fireEvent.click(screen.getByTestId("import-preview"));
    expect((await screen.findByTestId("import-error")).textContent).toContain("未选择“身份证号”对应的列");
    expect(screen.getByTestId("import-mapping")).toBeTruthy();
    expect(screen.getByTestId("import-field-1").textContent).toContain("姓名");
    expect(screen.getByTestId("import-field-2").textContent).toContain("身份证号");
    // Fixed: the same mapping is sent again.
    failPreview = false;
    fireEvent.click(screen.getByTestId("import-preview"));
    await screen.findByTestId("import-preview-step");
    const previews = invoke.mock.calls.filter((c) => c[0] === "preview_import");
    expect(previews[1][1]).toEqual(previews[0][1]);
    expect(previews[1][1]).toEqual({
      path: "/home/nurse/花名册.xlsx",
      options: {
        sheet: "花名册",
        headerRow: 2,
        mapping: [
          { column: 1, field: "name" },
          { column: 2, field: "idNumber" },
        ],
        nursingHomeId: null,
      },
    });
  });

  it("previews counts and per-row errors, imports with progress and saves the error report", async () => {
    await toMapping();
    fireEvent.click(screen.getByTestId("import-preview"));
    await screen.findByTestId("import-preview-step");
    const counts = screen.getByTestId("import-counts").textContent ?? "";
    expect(counts).toContain("新建1");
    expect(counts).toContain("更新1");
    expect(counts).toContain("有误1");
    expect(screen.getByTestId("import-row-issues").textContent).toBe("身份证号：身份证号应为 18 位");

    await act(async () => {
      fireEvent.click(screen.getByTestId("import-run"));
    });
    expect(listen).toHaveBeenCalledWith("import-progress", expect.any(Function));
    await screen.findByTestId("import-save-rejected");
    expect(invoke).toHaveBeenCalledWith("import_residents", expect.objectContaining({ path: "/home/nurse/花名册.xlsx" }));

    fireEvent.click(screen.getByTestId("import-save-rejected"));
    await waitFor(() => expect(screen.getByTestId("import-saved-to").textContent).toContain("导入错误报告.xlsx"));
    expect(invoke).toHaveBeenCalledWith("rejected_rows_xlsx", { rows: summary(true).rejectedRows });
  });

  it("shows how far the preview has checked a large list", async () => {
    let release: (() => void) | undefined;
    holdPreview = (r) => {
      release = r;
    };
    await toMapping();
    fireEvent.click(screen.getByTestId("import-preview"));
    const bar = await screen.findByTestId("import-preview-progress");
    await waitFor(() => expect(bar.textContent).toContain("已检查 120 / 500 行"));
    expect(listen).toHaveBeenCalledWith("import-progress", expect.any(Function));
    await act(async () => release?.());
    await screen.findByTestId("import-preview-step");
    expect(screen.queryByTestId("import-preview-progress")).toBeNull();
  });

  it("reads the file again for a new header row only when typing is done", async () => {
    await toMapping();
    const input = screen.getByTestId("import-header-row") as HTMLInputElement;
    const field = input.tagName === "INPUT" ? input : (input.querySelector("input") as HTMLInputElement);
    fireEvent.change(field, { target: { value: "1" } });
    fireEvent.change(field, { target: { value: "12" } });
    const reads = () => invoke.mock.calls.filter((c) => c[0] === "import_overview");
    expect(reads()).toHaveLength(1);
    fireEvent.keyDown(field, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() => expect(reads()).toHaveLength(2));
    expect(reads()[1][1]).toEqual({ path: "/home/nurse/花名册.xlsx", sheet: "花名册", headerRow: 12, nursingHomeId: null });
    // Leaving the field without a change reads nothing more.
    fireEvent.blur(field);
    expect(reads()).toHaveLength(2);
  });

  it("stays on the first step when the file dialog is cancelled", async () => {
    invoke.mockImplementation(async (cmd: string) => (cmd === "list_nursing_homes" ? [] : null));
    renderWizard();
    fireEvent.click(screen.getByTestId("import-choose"));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith("choose_import_file", {}));
    expect(invoke).not.toHaveBeenCalledWith("import_overview", expect.anything());
    expect(screen.getByTestId("import-choose")).toBeTruthy();
  });
});
