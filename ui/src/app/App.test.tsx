import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppStatus, ResidentRow, SetupDone } from "../ipc";
import { renderAt } from "../test/renderApp";
import { testClinic, testSession, testSetup, testStatus } from "../test/session";
import { App } from "./App";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;
let status: AppStatus;

const row: ResidentRow = {
  id: "r-1",
  name: "张三丰",
  sex: "male",
  age: 80,
  idNumber: "3301**********123X",
  phone: "138****0000",
  healthFileNo: "33010200110100001",
  livingKind: "home",
  nursingHomeName: null,
  status: "active",
  updatedAt: "2026-11-22T08:30:00.000Z",
};

beforeEach(() => {
  status = testStatus({ phase: "setup", session: null });
  handlers = {
    get_app_status: () => status,
    get_setup_state: () => testSetup,
    list_residents: () => ({ items: [row], total: 1, page: 1, pageSize: 20 }),
    report_first_paint: () => null,
    record_output: () => null,
    lock: () => {
      status = { ...status, phase: "locked", lockedUser: status.session?.name ?? null, session: null };
      return null;
    },
    log_out: () => {
      status = { ...status, phase: "log_in", session: null, lockedUser: null };
      return null;
    },
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const fill = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const calls = (cmd: string) => invoke.mock.calls.filter(([c]) => c === cmd);

function renderApp(path = "/") {
  return renderAt(path, [["*", <App />]]);
}

describe("phases", () => {
  it.each<[AppStatus["phase"], Partial<AppStatus>, string]>([
    ["setup", { session: null }, "setup-submit"],
    ["upgrade", { session: null }, "upgrade-submit"],
    ["log_in", { session: null }, "login-form"],
    ["locked", { session: null, lockedUser: "王医生" }, "lock-screen"],
    ["ready", {}, "app-header"],
    ["broken", { session: null, error: { code: "store_corrupt", message: "数据文件已损坏", fields: [] } }, "broken-page"],
  ])("phase %s shows its screen", async (phase, extra, testId) => {
    status = testStatus({ phase, ...extra });
    renderApp();
    expect(await screen.findByTestId(testId)).toBeTruthy();
    if (phase === "locked") expect(screen.getByTestId("lock-user").textContent).toBe("王医生");
    if (phase === "broken") expect(screen.getByTestId("broken-reason").textContent).toBe("数据文件已损坏");
  });
});

describe("first run", () => {
  const done: SetupDone = {
    session: testSession({ name: "王医生" }),
    recoveryCode: "ABCD-EFGH-JKLM-NPQR-STUV",
    institution: testClinic,
    deviceId: "dev-1",
  };

  it("shows Rust's setup errors inline, keeps the input, then the recovery code, then the shell", async () => {
    handlers.complete_setup = () => {
      throw {
        code: "validation",
        message: "输入有误，请按提示修改",
        fields: [
          { field: "institution.creditCode", code: "credit_code.check_char", message: "统一社会信用代码校验位不正确" },
          { field: "passwordAgain", code: "password.mismatch", message: "两次输入的密码不一致" },
        ],
      };
    };
    renderApp();
    await screen.findByTestId("setup-name");
    fill("setup-name", "城关镇卫生院");
    fill("setup-credit-code", "12330100MB00000001");
    fill("setup-county-code", "330102");
    fill("setup-township-code", "001");
    fill("setup-village-code", "101");
    fill("setup-user-name", "王医生");
    fill("setup-login", "wangys");
    fill("setup-password", "yiyang2026");
    fill("setup-password-again", "yiyang2027");
    await act(async () => {
      fireEvent.click(screen.getByTestId("setup-submit"));
    });
    expect((await screen.findByTestId("error-creditCode")).textContent).toBe("统一社会信用代码校验位不正确");
    expect(screen.getByTestId("error-passwordAgain").textContent).toBe("两次输入的密码不一致");
    expect((screen.getByTestId("setup-name") as HTMLInputElement).value).toBe("城关镇卫生院");
    expect(invoke).toHaveBeenCalledWith("complete_setup", {
      input: {
        institution: {
          kind: "township_clinic",
          name: "城关镇卫生院",
          creditCode: "12330100MB00000001",
          countyCode: "330102",
          townshipCode: "001",
          villageCode: "101",
          address: "",
          contactPhone: "",
        },
        userName: "王医生",
        login: "wangys",
        password: "yiyang2026",
        passwordAgain: "yiyang2027",
      },
    });

    handlers.complete_setup = () => {
      status = testStatus({ session: done.session });
      return done;
    };
    fill("setup-password-again", "yiyang2026");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("setup-password-again"), { key: "Enter" });
    });
    expect((await screen.findByTestId("recovery-code")).textContent).toBe("ABCD-EFGH-JKLM-NPQR-STUV");
    expect(screen.getByTestId("recovery-sheet").textContent).toContain("城关镇卫生院");
    expect(screen.queryByTestId("app-header")).toBeNull();

    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    await act(async () => {
      fireEvent.click(screen.getByTestId("recovery-print"));
    });
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(invoke).toHaveBeenCalledWith("record_output", {
      action: "print",
      recordKind: "recovery_code",
      recordId: "",
      detail: "",
    });

    const proceed = screen.getByTestId("recovery-continue") as HTMLButtonElement;
    expect(proceed.disabled).toBe(true);
    fireEvent.click(screen.getByTestId("recovery-confirm"));
    expect(proceed.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(proceed);
    });
    const header = await screen.findByTestId("app-header");
    expect(header.textContent).toContain("城关镇卫生院");
    expect(screen.getByTestId("user-menu-name").textContent).toBe("王医生");
    for (const nav of ["home", "residents", "contracts", "services", "agreements", "stats", "sync", "users", "audit", "settings"]) {
      expect(screen.getByTestId(`nav-${nav}`)).toBeTruthy();
    }
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/home"));
    expect(screen.queryByTestId("recovery-code")).toBeNull();
  });
});

describe("log-in", () => {
  beforeEach(() => {
    status = testStatus({ phase: "log_in", session: null });
  });

  it("shows Rust's refusal, empties the password, and opens the shell on success", async () => {
    let attempts = 0;
    handlers.log_in = ({ input }) => {
      attempts += 1;
      if (attempts === 1) throw { code: "wrong_password", message: "登录名或密码错误", fields: [] };
      if (attempts === 2) throw { code: "too_many_attempts", message: "密码错误次数过多，请 30 秒后再试", fields: [] };
      const session = testSession({ name: "王医生", login: (input as { login: string }).login });
      status = testStatus({ session });
      return session;
    };
    renderApp();
    await screen.findByTestId("login-form");
    expect(document.activeElement).toBe(screen.getByTestId("login-login"));
    fill("login-login", "wangys");
    fill("login-password", "wrong-password");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("login-password"), { key: "Enter" });
    });
    expect((await screen.findByTestId("login-error")).textContent).toContain("登录名或密码错误");
    expect((screen.getByTestId("login-password") as HTMLInputElement).value).toBe("");
    expect(invoke).toHaveBeenCalledWith("log_in", { input: { login: "wangys", password: "wrong-password" } });

    fill("login-password", "again-wrong");
    await act(async () => {
      fireEvent.click(screen.getByTestId("login-submit"));
    });
    await waitFor(() => expect(screen.getByTestId("login-error").textContent).toContain("请 30 秒后再试"));

    fill("login-password", "yiyang2026");
    await act(async () => {
      fireEvent.click(screen.getByTestId("login-submit"));
    });
    expect(await screen.findByTestId("app-header")).toBeTruthy();
    expect(screen.getByTestId("user-menu-name").textContent).toBe("王医生");
  });

  it("lists the demo accounts only for the demo county, and fills one in on click", async () => {
    status = testStatus({ phase: "log_in", session: null, demo: true });
    renderApp();
    const box = await screen.findByTestId("demo-accounts");
    for (const login of ["linxy", "wangys", "zhaohs", "liugw", "chenyl"]) expect(box.textContent).toContain(login);
    expect(box.textContent).toContain("yiyang2026");
    expect(box.textContent).toContain("养老机构管理员");
    fireEvent.click(screen.getByTestId("demo-account-zhaohs"));
    expect((screen.getByTestId("login-login") as HTMLInputElement).value).toBe("zhaohs");
    expect((screen.getByTestId("login-password") as HTMLInputElement).value).toBe("yiyang2026");
  });

  it("has no demo box for real data", async () => {
    renderApp();
    await screen.findByTestId("login-form");
    expect(screen.queryByTestId("demo-accounts")).toBeNull();
  });

  it("recovers access with the recovery code", async () => {
    handlers.recover_access = ({ input }) => {
      const i = input as { recoveryCode: string };
      if (i.recoveryCode !== "ABCD-EFGH") {
        throw {
          code: "validation",
          message: "输入有误",
          fields: [{ field: "newPasswordAgain", code: "password.mismatch", message: "两次输入的密码不一致" }],
        };
      }
      status = testStatus();
      return testSession();
    };
    renderApp();
    fireEvent.click(await screen.findByTestId("login-forgot"));
    fill("recover-code", "WRONG");
    fill("recover-login", "linxy");
    fill("recover-new-password", "new-password");
    fill("recover-new-password-again", "other-password");
    await act(async () => {
      fireEvent.click(screen.getByTestId("recover-submit"));
    });
    expect((await screen.findByTestId("error-newPasswordAgain")).textContent).toBe("两次输入的密码不一致");
    fill("recover-code", "ABCD-EFGH");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("recover-code"), { key: "Enter" });
    });
    expect(await screen.findByTestId("app-header")).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith("recover_access", {
      input: { recoveryCode: "ABCD-EFGH", login: "linxy", newPassword: "new-password", newPasswordAgain: "other-password" },
    });
  });

  it("switches to the restore screen when log-in finds the data file damaged", async () => {
    handlers.log_in = () => {
      status = testStatus({ phase: "broken", session: null, error: { code: "store_corrupt", message: "数据文件已损坏", fields: [] } });
      throw { code: "store_corrupt", message: "数据文件已损坏", fields: [] };
    };
    renderApp();
    await screen.findByTestId("login-form");
    fill("login-login", "linxy");
    fill("login-password", "yiyang2026");
    await act(async () => {
      fireEvent.click(screen.getByTestId("login-submit"));
    });
    expect(await screen.findByTestId("broken-page")).toBeTruthy();
  });
});

describe("locking", () => {
  beforeEach(() => {
    status = testStatus({ session: testSession({ name: "王医生" }) });
  });

  it("shows the lock screen when any command answers `locked`, with no resident data left in the page", async () => {
    renderApp("/residents");
    expect((await screen.findByTestId("resident-row")).textContent).toContain("张三丰");
    handlers.search_residents = () => {
      status = { ...status, phase: "locked", lockedUser: "王医生", session: null };
      throw { code: "locked", message: "窗口已锁定", fields: [] };
    };
    fireEvent.change(screen.getByTestId("resident-search"), { target: { value: "zs" } });
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(screen.getByTestId("lock-user").textContent).toBe("王医生");
    expect(document.body.textContent).not.toContain("张三丰");
    expect(screen.queryByTestId("app-header")).toBeNull();

    handlers.unlock = ({ password }) => {
      if (password !== "yiyang2026") throw { code: "wrong_password", message: "密码错误", fields: [] };
      status = testStatus({ session: testSession({ name: "王医生" }) });
      return status.session;
    };
    fill("lock-password", "nope");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("lock-password"), { key: "Enter" });
    });
    expect((await screen.findByTestId("lock-error")).textContent).toContain("密码错误");
    fill("lock-password", "yiyang2026");
    await act(async () => {
      fireEvent.click(screen.getByTestId("lock-submit"));
    });
    expect(await screen.findByTestId("app-header")).toBeTruthy();
  });

  it("goes to the log-in page when a command answers `not_logged_in`", async () => {
    renderApp("/residents");
    await screen.findByTestId("resident-row");
    handlers.search_residents = () => {
      status = { ...status, phase: "log_in", session: null };
      throw { code: "not_logged_in", message: "请先登录", fields: [] };
    };
    fireEvent.change(screen.getByTestId("resident-search"), { target: { value: "zs" } });
    expect(await screen.findByTestId("login-form")).toBeTruthy();
    expect(document.body.textContent).not.toContain("张三丰");
  });

  it("locks after the idle time without input, and 切换用户 logs out", async () => {
    status = testStatus({ session: testSession({ name: "王医生" }), idleLockSecondsOverride: 1 });
    renderApp("/residents");
    await screen.findByTestId("resident-row");
    expect(await screen.findByTestId("lock-screen", {}, { timeout: 4000 })).toBeTruthy();
    expect(calls("lock")).toHaveLength(1);
    expect(screen.getByTestId("lock-user").textContent).toBe("王医生");
    await act(async () => {
      fireEvent.click(screen.getByTestId("lock-switch-user"));
    });
    expect(await screen.findByTestId("login-form")).toBeTruthy();
    expect(calls("log_out")).toHaveLength(1);
  });

  it("locks at once from the user menu", async () => {
    renderApp("/residents");
    await screen.findByTestId("resident-row");
    await act(async () => {
      fireEvent.click(screen.getByTestId("user-menu"));
    });
    const lockItem = await screen.findByTestId("menu-lock");
    await act(async () => {
      fireEvent.click(lockItem);
    });
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(calls("lock")).toHaveLength(1);
    expect(document.body.textContent).not.toContain("张三丰");
  });
});

describe("upgrade", () => {
  it("encrypts with the first user's new log-in, then shows the recovery code", async () => {
    status = testStatus({ phase: "upgrade", session: null });
    handlers.upgrade_store = ({ input }) => {
      const i = input as { login: string };
      if (i.login === "") {
        throw {
          code: "validation",
          message: "输入有误",
          fields: [{ field: "login", code: "login.required", message: "登录名不能为空" }],
        };
      }
      status = testStatus();
      return { session: testSession(), recoveryCode: "WXYZ-2345", institution: testClinic, deviceId: "dev-1" };
    };
    renderApp();
    await screen.findByTestId("upgrade-submit");
    await act(async () => {
      fireEvent.click(screen.getByTestId("upgrade-submit"));
    });
    expect((await screen.findByTestId("error-login")).textContent).toBe("登录名不能为空");
    fill("upgrade-login", "linxy");
    fill("upgrade-password", "yiyang2026");
    fill("upgrade-password-again", "yiyang2026");
    await act(async () => {
      fireEvent.click(screen.getByTestId("upgrade-submit"));
    });
    expect((await screen.findByTestId("recovery-code")).textContent).toBe("WXYZ-2345");
  });
});

describe("broken data file", () => {
  it("restores a backup with a restoring user's password, then asks Rust again", async () => {
    status = testStatus({
      phase: "broken",
      session: null,
      error: { code: "store_corrupt", message: "数据文件已损坏", fields: [] },
    });
    const info = {
      path: "/usb/yiyang-20261120.sqlite3",
      createdAt: "2026-11-20T02:00:00Z",
      sizeBytes: 2_500_000,
      counts: { residents: 600, institutions: 4, users: 5, auditEntries: 900 },
      deviceId: "dev-1",
      verified: true,
    };
    handlers.choose_backup_file = () => info.path;
    handlers.restore_broken = ({ input }) => {
      const i = input as { password: string };
      if (i.password !== "yiyang2026") throw { code: "wrong_password", message: "登录名或密码错误", fields: [] };
      status = testStatus({ phase: "log_in", session: null });
      return { safetyBackup: { ...info, path: "/data/damaged-20261122.sqlite3" }, restored: info };
    };
    renderApp();
    const start = await screen.findByTestId("restore-start");
    await act(async () => {
      fireEvent.click(start);
    });
    fill("restore-login", "linxy");
    fill("restore-password", "bad");
    await act(async () => {
      fireEvent.click(screen.getByTestId("restore-confirm"));
    });
    expect((await screen.findByTestId("restore-error")).textContent).toContain("登录名或密码错误");
    fill("restore-password", "yiyang2026");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("restore-password"), { key: "Enter" });
    });
    expect((await screen.findByTestId("restore-safety-path")).textContent).toContain("/data/damaged-20261122.sqlite3");
    expect(invoke).toHaveBeenCalledWith("restore_broken", {
      input: { path: info.path, login: "linxy", password: "yiyang2026" },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId("restore-finish"));
    });
    expect(await screen.findByTestId("login-form")).toBeTruthy();
  });
});

describe("switching users", () => {
  it("starts the next user on the home page, not on the previous user's screen", async () => {
    status = testStatus({ session: testSession({ userId: "u-1", name: "林晓燕" }) });
    handlers.list_audit = () => ({ entries: [], total: 0 });
    handlers.list_users = () => [];
    renderAt("/audit", [["*", <App />]]);
    await screen.findByTestId("audit-table");
    await act(async () => {
      fireEvent.click(screen.getByTestId("user-menu"));
    });
    const logout = await screen.findByTestId("menu-logout");
    await act(async () => {
      fireEvent.click(logout);
    });
    await screen.findByTestId("login-form");
    const nurse = testSession({ userId: "u-9", name: "赵护士", role: "nurse", permissions: ["view_residents"] });
    handlers.log_in = () => {
      status = testStatus({ session: nurse });
      return nurse;
    };
    fill("login-login", "zhaohs");
    fill("login-password", "yiyang2026");
    await act(async () => {
      fireEvent.click(screen.getByTestId("login-submit"));
    });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/home"));
    expect(screen.queryByTestId("nav-audit")).toBeNull();
    expect(screen.queryByTestId("forbidden-page")).toBeNull();
  });
});
