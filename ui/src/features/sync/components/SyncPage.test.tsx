import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConflictView, SyncStatus } from "../../../ipc";
import { formatDateTime } from "../../../shared/format";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { phoneConflict, rejectedPhone, testSyncStatus } from "../testFixtures";
import { SyncBadge } from "./SyncBadge";
import { SyncPage } from "./SyncPage";

// The whole path is real (hooks → bindings → call); only the Tauri runtime is replaced.
const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;
let status: SyncStatus;
let conflicts: ConflictView[];

beforeEach(() => {
  status = testSyncStatus();
  conflicts = [];
  handlers = {
    get_sync_status: () => status,
    sync_now: () => status,
    list_sync_conflicts: () => conflicts,
    list_staff: () => [{ id: "u-2", name: "赵护士", role: "nurse" }],
    resolve_sync_conflict: () => null,
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const calls = (cmd: string) => invoke.mock.calls.filter(([c]) => c === cmd);
const fill = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const renderPage = (path = "/sync", session = testSession()) => renderAt(path, [["/sync", <SyncPage />]], { session });

const nurse = testSession({
  name: "赵护士",
  role: "nurse",
  permissions: ["view_residents", "reveal_identity", "edit_residents", "backup", "record_care", "manage_contracts"],
});

describe("SyncPage · 注册", () => {
  beforeEach(() => {
    status = testSyncStatus({ enrolled: false, serverUrl: null, institutionName: null, pending: 4 }, { phase: "halted" });
  });

  it("checks the form in Chinese before asking the county, then enrols and shows the status", async () => {
    renderPage();
    await screen.findByTestId("sync-enrol-form");
    expect(screen.getByTestId("sync-pending").textContent).toContain("待上传 4 条");
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-enrol-submit"));
    });
    expect(screen.getByTestId("error-serverUrl").textContent).toBe("请填写县级平台的服务器地址");
    expect(screen.getByTestId("error-code").textContent).toBe("请填写县级平台发放的注册码");
    expect(screen.getByTestId("error-deviceName").textContent).toContain("请填写本机名称");
    expect(calls("enrol_device")).toHaveLength(0);

    fill("sync-server-url", "yiyang.tonglu.gov.cn");
    expect(screen.queryByTestId("error-serverUrl")).toBeNull();
    fill("sync-enrol-code", "K7Q2-9XMP");
    fill("sync-device-name", "护士站笔记本");
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-enrol-submit"));
    });
    expect(screen.getByTestId("error-serverUrl").textContent).toContain("https://");
    expect(calls("enrol_device")).toHaveLength(0);

    const enrolled = testSyncStatus({ pending: 4 }, { phase: "pushing", toPush: 4 });
    handlers.enrol_device = () => {
      status = enrolled;
      return enrolled;
    };
    fill("sync-server-url", " https://yiyang.tonglu.gov.cn ");
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-enrol-submit"));
    });
    expect(invoke).toHaveBeenCalledWith("enrol_device", {
      input: { serverUrl: "https://yiyang.tonglu.gov.cn", code: "K7Q2-9XMP", deviceName: "护士站笔记本" },
    });
    expect(await screen.findByTestId("sync-status")).toBeTruthy();
    expect(screen.getByTestId("sync-phase").textContent).toBe("正在上传");
    expect(screen.queryByTestId("sync-enrol-form")).toBeNull();
  });

  it("shows Rust's refusal and the county's answer under the field it concerns", async () => {
    handlers.enrol_device = () => {
      throw { code: "forbidden", message: "当前角色无权管理与县级平台的同步", fields: [] };
    };
    renderPage();
    await screen.findByTestId("sync-enrol-form");
    fill("sync-server-url", "https://yiyang.tonglu.gov.cn");
    fill("sync-enrol-code", "K7Q2-9XMP");
    fill("sync-device-name", "护士站笔记本");
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-enrol-submit"));
    });
    expect((await screen.findByTestId("sync-enrol-error")).textContent).toContain("当前角色无权管理与县级平台的同步");

    handlers.enrol_device = () => {
      const message = "注册码无效、已使用或已过期";
      throw { code: "validation", message, fields: [{ field: "code", code: "sync.enrol_code", message }] };
    };
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-enrol-submit"));
    });
    expect((await screen.findByTestId("error-code")).textContent).toBe("注册码无效、已使用或已过期");
    expect(screen.queryByTestId("sync-enrol-error")).toBeNull();
  });

  it("is read-only for a role that may not enrol", async () => {
    renderPage("/sync", nurse);
    await screen.findByTestId("sync-enrol-form");
    expect((screen.getByTestId("sync-server-url") as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId("sync-enrol").textContent).toContain("只有机构管理员可以把本机注册到县级平台");
  });
});

describe("SyncPage · 状态", () => {
  it("shows the phase, the progress, the pending count and the last success", async () => {
    const at = "2026-11-22T08:30:00.000Z";
    status = testSyncStatus(
      { pending: 7, lastSuccessAt: at },
      { phase: "pushing", pushed: 3, toPush: 10, pulled: 42 },
    );
    renderPage();
    await screen.findByTestId("sync-status");
    expect(screen.getByTestId("sync-phase").textContent).toBe("正在上传");
    expect(screen.getByTestId("sync-progress-push").textContent).toBe("已上传 3 / 10");
    expect(screen.getByTestId("sync-progress-pull").textContent).toBe("已下载 42 条");
    expect(screen.getByTestId("sync-pending").textContent).toBe("待上传 7 条");
    expect(screen.getByTestId("sync-last-success").textContent).toBe(`上次成功同步：${formatDateTime(at)}`);
    expect(screen.getByTestId("sync-ok").textContent).toContain("同步成功");
    expect(screen.queryByTestId("sync-error")).toBeNull();
  });

  it("shows the failure, the retry countdown, and never 同步成功 after a newer failure", async () => {
    status = testSyncStatus(
      { lastSuccessAt: "2026-11-22T08:30:00.000Z", lastError: "无法连接县级服务器：连接超时" },
      {
        phase: "backoff",
        consecutiveFailures: 2,
        lastErrorCode: "network",
        lastErrorMessage: "无法连接县级服务器：连接超时",
        nextAttemptInSeconds: 17,
      },
    );
    renderPage();
    await screen.findByTestId("sync-status");
    expect(screen.getByTestId("sync-phase").textContent).toBe("等待重试");
    expect(screen.getByTestId("sync-error-message").textContent).toBe("无法连接县级服务器：连接超时");
    expect(screen.getByTestId("sync-next-retry").textContent).toContain("17 秒后重试");
    expect(screen.queryByTestId("sync-ok")).toBeNull();
    expect(document.body.textContent).not.toContain("同步成功");
  });

  it("says 从未成功同步 and 已暂停 for a halted sync", async () => {
    status = testSyncStatus(
      {},
      { phase: "halted", lastErrorCode: "revoked", lastErrorMessage: "该设备已被县级平台停用，请重新注册" },
    );
    renderPage();
    await screen.findByTestId("sync-status");
    expect(screen.getByTestId("sync-phase").textContent).toBe("已暂停");
    expect(screen.getByTestId("sync-last-success").textContent).toBe("从未成功同步");
    expect(screen.getByTestId("sync-error").textContent).toContain("该设备已被县级平台停用");
  });

  it("syncs now on the button and shows the answer", async () => {
    handlers.sync_now = () => testSyncStatus({}, { phase: "pulling", pulled: 5 });
    renderPage();
    await screen.findByTestId("sync-status");
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-now"));
    });
    expect(calls("sync_now")).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId("sync-phase").textContent).toBe("正在下载"));
    expect(screen.getByTestId("sync-progress-pull").textContent).toBe("已下载 5 条");
  });

  it("asks again every 2 seconds while open, and stops when closed", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { unmount } = renderPage();
    await screen.findByTestId("sync-status");
    expect(calls("get_sync_status")).toHaveLength(1);
    status = testSyncStatus({ pending: 2 });
    await act(async () => {
      vi.advanceTimersByTime(2000);
    });
    expect(calls("get_sync_status")).toHaveLength(2);
    await waitFor(() => expect(screen.getByTestId("sync-pending").textContent).toBe("待上传 2 条"));
    unmount();
    await act(async () => {
      vi.advanceTimersByTime(6000);
    });
    expect(calls("get_sync_status")).toHaveLength(2);
  });
});

describe("SyncPage · 冲突", () => {
  it("lists conflicts with both values and resolves with the chosen one", async () => {
    status = testSyncStatus({ openConflicts: 1 });
    conflicts = [phoneConflict];
    renderPage("/sync?tab=conflicts");
    const row = await screen.findByTestId("sync-conflict-row");
    expect(within(row).getByTestId("sync-conflict-record").textContent).toBe("张三丰");
    expect(within(row).getByTestId("sync-conflict-field").textContent).toBe("联系电话");
    expect(within(row).getByTestId("sync-conflict-kept-value").textContent).toBe("13511112222");
    expect(within(row).getByTestId("sync-conflict-other-value").textContent).toBe("13812345678");
    await waitFor(() => expect(within(row).getByTestId("sync-conflict-from").textContent).toContain("赵护士"));
    expect(within(row).getByTestId("sync-conflict-from").textContent).toContain(formatDateTime("2026-11-22T08:30:00.000Z"));

    handlers.resolve_sync_conflict = () => {
      conflicts = [{ ...phoneConflict, localStatus: "resolving" }];
      status = testSyncStatus({ openConflicts: 0, pending: 1 });
      return null;
    };
    await act(async () => {
      fireEvent.click(within(row).getByTestId("sync-conflict-other-choose"));
    });
    expect(invoke).toHaveBeenCalledWith("resolve_sync_conflict", {
      input: { conflictId: "c-1", value: "13812345678" },
    });
    await waitFor(() => expect(calls("list_sync_conflicts")).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId("sync-conflict-row").textContent).toContain("已选定，等待上传"));
  });

  it("shows resolved ones on the switch, and no choice for a role that may not edit the record", async () => {
    conflicts = [phoneConflict];
    renderPage("/sync?tab=conflicts", testSession({ role: "care_home_admin", permissions: ["view_residents"] }));
    await screen.findByTestId("sync-conflict-row");
    expect(screen.queryByTestId("sync-conflict-kept-choose")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-conflicts-resolved"));
    });
    expect(invoke).toHaveBeenCalledWith("list_sync_conflicts", { includeResolved: true });
  });
});

describe("SyncPage · 隔离", () => {
  it("lists the refused changes with the county's reason", async () => {
    status = testSyncStatus({ rejected: [rejectedPhone] });
    renderPage("/sync?tab=rejected");
    const row = await screen.findByTestId("sync-rejected-row");
    expect(within(row).getByTestId("sync-rejected-record").textContent).toBe("居民档案：张三丰");
    expect(within(row).getByTestId("sync-rejected-reason").textContent).toBe("身份证号：第 18 位校验码应为 X");
    expect(row.textContent).toContain("身份证号");
    expect(row.textContent).toContain(formatDateTime("2026-11-22T08:30:00.000Z"));
  });
});

describe("SyncBadge", () => {
  const renderBadge = () => renderAt("/residents", [["*", <SyncBadge />]]);

  it("shows the pending count, and no red dot when all is well", async () => {
    status = testSyncStatus({ pending: 3 });
    renderBadge();
    const badge = await screen.findByTestId("sync-badge");
    expect(badge.textContent).toContain("3");
    expect(screen.queryByTestId("sync-badge-alert")).toBeNull();
    await act(async () => {
      fireEvent.click(badge);
    });
    expect(screen.getByTestId("location").textContent).toBe("/sync");
  });

  it.each<[string, SyncStatus]>([
    ["conflicts", testSyncStatus({ openConflicts: 2 })],
    ["refused changes", testSyncStatus({ rejected: [rejectedPhone] })],
    ["a halted sync", testSyncStatus({}, { phase: "halted" })],
  ])("shows a red dot for %s", async (_, s) => {
    status = s;
    renderBadge();
    expect(await screen.findByTestId("sync-badge-alert")).toBeTruthy();
  });

  it("shows what the 同步 page just learned, without waiting for its own poll", async () => {
    status = testSyncStatus({ pending: 694 });
    renderAt(
      "/sync",
      [
        [
          "/sync",
          <>
            <SyncBadge />
            <SyncPage />
          </>,
        ],
      ],
      { session: testSession() },
    );
    await waitFor(() => expect(screen.getByTestId("sync-badge").textContent).toContain("694"));
    status = testSyncStatus({ pending: 0 });
    await act(async () => {
      fireEvent.click(await screen.findByTestId("sync-now"));
    });
    await waitFor(() => expect(screen.getByTestId("sync-badge").textContent).not.toContain("694"));
  });
});
