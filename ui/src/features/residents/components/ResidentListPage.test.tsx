import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ResidentRow } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { ResidentListPage } from "./ResidentListPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const row = (id: string, name: string): ResidentRow => ({
  id,
  name,
  sex: "male",
  age: 80,
  idNumber: "110105194401010011",
  phone: "",
  healthFileNo: `1101050010010000${id.slice(-1)}`,
  livingKind: "home",
  nursingHomeName: null,
  status: "active",
  updatedAt: "2026-11-22T08:30:00.000Z",
});

beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: { query: { text?: string } }) => {
    if (cmd === "list_residents") return { items: [row("r-1", "王五"), row("r-2", "赵六")], total: 2, page: 1, pageSize: 20 };
    if (cmd === "search_residents") {
      return args.query.text === "zs" ? [{ resident: row("r-9", "张三"), matchedBy: "pinyin_initials" }] : [];
    }
    throw { code: "internal", message: cmd, fields: [] };
  });
});

function renderList() {
  return renderAt("/residents", [
    ["/residents", <ResidentListPage />],
    ["/residents/:id", <div />],
  ]);
}

describe("ResidentListPage", () => {
  it("shows the first page, sorted by name, and opens a row on click", async () => {
    renderList();
    const rows = await screen.findAllByTestId("resident-row");
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining("王五"), expect.stringContaining("赵六")]);
    expect(invoke).toHaveBeenCalledWith("list_residents", {
      query: { page: 1, pageSize: 20, sort: "name", order: "asc", status: null },
    });
    expect(document.activeElement).toBe(screen.getByTestId("resident-search"));
    fireEvent.click(rows[1]);
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/residents/r-2"));
  });

  it("searches as one types, tags what matched, and Enter opens the first hit", async () => {
    renderList();
    const box = screen.getByTestId("resident-search");
    fireEvent.change(box, { target: { value: "zs" } });
    // Enter before the debounced search answered: the first hit opens once it arrives.
    fireEvent.keyDown(box, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/residents/r-9"));
    expect(invoke).toHaveBeenCalledWith("search_residents", { query: { text: "zs", limit: 50 } });
  });

  it("shows the hit with its match kind", async () => {
    renderList();
    fireEvent.change(screen.getByTestId("resident-search"), { target: { value: "zs" } });
    const hit = await screen.findByTestId("resident-row");
    expect(hit.textContent).toContain("张三");
    expect(hit.textContent).toContain("拼音首字母");
  });

  it("asks the server to sort when a column header is clicked", async () => {
    renderList();
    await screen.findAllByTestId("resident-row");
    await act(async () => {
      const header = [...document.querySelectorAll("th.ant-table-column-has-sorters")].find((th) =>
        th.textContent?.includes("年龄"),
      );
      if (!header) throw new Error("no sortable 年龄 header");
      fireEvent.click(header);
    });
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("list_residents", {
        query: { page: 1, pageSize: 20, sort: "age", order: "asc", status: null },
      }),
    );
  });
});

describe("ResidentListPage for other roles", () => {
  it("offers 新建档案 only to roles that may edit", async () => {
    const { unmount } = renderList();
    await screen.findAllByTestId("resident-row");
    expect(screen.getByTestId("resident-new")).toBeTruthy();
    unmount();
    renderAt("/residents", [["/residents", <ResidentListPage />]], {
      session: testSession({ role: "care_home_admin", permissions: ["view_residents"] }),
    });
    await screen.findAllByTestId("resident-row");
    expect(screen.queryByTestId("resident-new")).toBeNull();
  });
});

describe("ResidentListPage Excel buttons", () => {
  it("导出 Excel calls export_residents_xlsx and says where the file went", async () => {
    const list = invoke.getMockImplementation();
    invoke.mockImplementation(async (cmd: string, args: unknown) =>
      cmd === "export_residents_xlsx" ? "/home/nurse/居民名单.xlsx" : list?.(cmd, args),
    );
    renderList();
    await screen.findAllByTestId("resident-row");
    fireEvent.click(screen.getByTestId("resident-export"));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith("export_residents_xlsx", {}));
    expect(await screen.findByText("居民名单已导出到 /home/nurse/居民名单.xlsx")).toBeTruthy();
  });

  it("导入居民 opens the wizard, and only for roles that may edit", async () => {
    const { unmount } = renderAt("/residents", [
      ["/residents", <ResidentListPage />],
      ["/residents/import", <div />],
    ]);
    await screen.findAllByTestId("resident-row");
    fireEvent.click(screen.getByTestId("resident-import"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/residents/import"));
    unmount();
    renderAt("/residents", [["/residents", <ResidentListPage />]], {
      session: testSession({ role: "care_home_admin", permissions: ["view_residents"] }),
    });
    await screen.findAllByTestId("resident-row");
    expect(screen.queryByTestId("resident-import")).toBeNull();
    expect(screen.getByTestId("resident-export")).toBeTruthy();
  });
});
