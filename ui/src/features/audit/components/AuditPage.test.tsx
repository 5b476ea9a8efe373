import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry, AuditQuery } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { AuditPage } from "./AuditPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

const entry = (seq: number, action: AuditEntry["action"]): AuditEntry => ({
  seq,
  at: "2026-11-22T08:30:05Z",
  userId: "u-1",
  userName: "林晓燕",
  deviceId: "dev-1",
  action,
  recordKind: "resident",
  recordId: `r-${seq}`,
  detail: seq === 2 ? "查看完整身份证号" : "",
});

beforeEach(() => {
  handlers = {
    list_audit: () => ({ entries: [entry(2, "reveal_identity"), entry(1, "log_in")], total: 2 }),
    list_users: () => [
      {
        id: "u-1",
        login: "linxy",
        name: "林晓燕",
        role: "clinic_admin",
        institutionId: "i-1",
        institutionName: "城关镇卫生院",
        canLogIn: true,
      },
    ],
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const lastQuery = () => {
  const calls = invoke.mock.calls.filter(([c]) => c === "list_audit");
  return (calls[calls.length - 1][1] as { query: AuditQuery }).query;
};

describe("AuditPage", () => {
  it("shows entries with local time, Chinese action labels and the record", async () => {
    renderAt("/audit", [["/audit", <AuditPage />]]);
    const rows = await screen.findAllByTestId("audit-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("查看完整身份信息");
    expect(rows[0].textContent).toContain("居民档案");
    expect(rows[0].textContent).toContain("r-2");
    expect(rows[0].textContent).toContain("查看完整身份证号");
    expect(rows[1].textContent).toContain("登录");
    expect(rows[0].textContent).toMatch(/2026-11-22 \d\d:30:05/);
    expect(lastQuery()).toEqual({
      page: 1,
      pageSize: 50,
      from: null,
      to: null,
      userId: null,
      action: null,
      recordId: null,
    });
    expect(screen.getByTestId("audit-table").textContent).toContain("共 2 条");
  });

  it("filters by record id on Enter", async () => {
    renderAt("/audit", [["/audit", <AuditPage />]]);
    await screen.findAllByTestId("audit-row");
    fireEvent.change(screen.getByTestId("audit-filter-record"), { target: { value: " r-2 " } });
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("audit-filter-record"), { key: "Enter" });
    });
    await waitFor(() => expect(lastQuery().recordId).toBe("r-2"));
  });

  it("reports an intact log with its length, and the first bad entry otherwise", async () => {
    let answer = { intact: true, checked: 1234, firstBadSeq: null as number | null };
    handlers.verify_audit = () => answer;
    renderAt("/audit", [["/audit", <AuditPage />]]);
    await screen.findAllByTestId("audit-row");
    await act(async () => {
      fireEvent.click(screen.getByTestId("audit-verify"));
    });
    expect((await screen.findByTestId("audit-verify-result")).textContent).toContain("审计日志完整，共 1234 条");
    answer = { intact: false, checked: 57, firstBadSeq: 57 };
    await act(async () => {
      fireEvent.click(screen.getByTestId("audit-verify"));
    });
    await waitFor(() =>
      expect(screen.getByTestId("audit-verify-result").textContent).toContain("第 57 条记录被篡改或缺失"),
    );
    expect(screen.getByTestId("audit-verify-result").getAttribute("data-intact")).toBe("false");
  });

  it("exports the filtered entries and says where they went; a cancelled dialog says nothing", async () => {
    let answer: string | null = null;
    handlers.export_audit = () => answer;
    renderAt("/audit", [["/audit", <AuditPage />]]);
    await screen.findAllByTestId("audit-row");
    await act(async () => {
      fireEvent.click(screen.getByTestId("audit-export"));
    });
    expect(screen.queryByTestId("audit-export-result")).toBeNull();
    answer = "C:\\Users\\nurse\\Desktop\\医养通审计日志.csv";
    await act(async () => {
      fireEvent.click(screen.getByTestId("audit-export"));
    });
    expect((await screen.findByTestId("audit-export-result")).textContent).toContain(
      "已导出到 C:\\Users\\nurse\\Desktop\\医养通审计日志.csv",
    );
    expect(invoke).toHaveBeenCalledWith("export_audit", {
      query: { page: 1, pageSize: 50, from: null, to: null, userId: null, action: null, recordId: null },
    });
  });
});
