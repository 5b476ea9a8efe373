import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import type { SessionInfo } from "../ipc";
import { ResidentFormPage } from "../features/residents/components/ResidentFormPage";
import { sessionControl } from "../test/renderApp";
import { testSession, testSetup } from "../test/session";
import { AppLayout } from "./AppLayout";
import { SessionContext } from "./SessionContext";
import { SetupContext } from "./SetupContext";

// The whole path is real (hooks → bindings → call); only the Tauri runtime is replaced.
const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

function Where() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

const lockNow = vi.fn();
const logOut = vi.fn();

function renderShellAt(path: string, session: SessionInfo = testSession()) {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <SessionContext.Provider value={sessionControl(session, { lockNow, logOut })}>
          <SetupContext.Provider value={testSetup}>
            <MemoryRouter initialEntries={[path]}>
              <Where />
              <Routes>
                <Route element={<AppLayout />}>
                  <Route path="residents/new" element={<ResidentFormPage />} />
                  <Route path="*" element={<div data-testid="other-page" />} />
                </Route>
              </Routes>
            </MemoryRouter>
          </SetupContext.Provider>
        </SessionContext.Provider>
      </AntApp>
    </ConfigProvider>,
  );
}

beforeEach(() => {
  lockNow.mockReset();
  logOut.mockReset();
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string) => {
    if (cmd === "list_nursing_homes") return [];
    if (cmd === "validate_resident") return { issues: [], idNumber: null };
    throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
  });
});

describe("the sidebar", () => {
  it("asks before leaving a form with unsaved input, and keeps it on 继续编辑", async () => {
    renderShellAt("/residents/new");
    const name = (await screen.findByTestId("rf-name")) as HTMLInputElement;
    fireEvent.change(name, { target: { value: "张三丰" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("nav-settings"));
    });
    expect((await screen.findAllByText("放弃未保存的修改？")).length).toBeGreaterThan(0);
    expect(screen.getByTestId("location").textContent).toBe("/residents/new");
    fireEvent.click(screen.getByText("继续编辑"));
    await waitFor(() => expect(screen.queryAllByText("放弃未保存的修改？")).toHaveLength(0));
    expect((screen.getByTestId("rf-name") as HTMLInputElement).value).toBe("张三丰");
    expect(screen.getByTestId("location").textContent).toBe("/residents/new");
  });

  it("leaves an untouched form at once", async () => {
    renderShellAt("/residents/new");
    await screen.findByTestId("rf-name");
    await act(async () => {
      fireEvent.click(screen.getByTestId("nav-settings"));
    });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/settings"));
  });

  it("shows 用户管理 and 审计日志 only to roles that may use them", async () => {
    renderShellAt("/residents");
    expect(await screen.findByTestId("nav-users")).toBeTruthy();
    expect(screen.getByTestId("nav-audit")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId("nav-audit"));
    });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/audit"));
  });

  it("hides them from a nurse", async () => {
    renderShellAt(
      "/residents",
      testSession({
        name: "赵护士",
        role: "nurse",
        permissions: ["view_residents", "reveal_identity", "edit_residents", "backup"],
      }),
    );
    expect(await screen.findByTestId("nav-residents")).toBeTruthy();
    expect(screen.getByTestId("nav-settings")).toBeTruthy();
    expect(screen.queryByTestId("nav-users")).toBeNull();
    expect(screen.queryByTestId("nav-audit")).toBeNull();
  });
});

describe("the user menu", () => {
  const openMenu = async () => {
    await act(async () => {
      fireEvent.click(screen.getByTestId("user-menu"));
    });
  };

  it("shows who is logged in with their role, and locks or logs out", async () => {
    renderShellAt("/residents", testSession({ name: "王医生", role: "doctor" }));
    expect(screen.getByTestId("user-menu-name").textContent).toBe("王医生");
    expect(screen.getByTestId("user-menu").textContent).toContain("医生");
    await openMenu();
    fireEvent.click(await screen.findByTestId("menu-lock"));
    expect(lockNow).toHaveBeenCalledTimes(1);
    await openMenu();
    fireEvent.click(await screen.findByTestId("menu-logout"));
    expect(logOut).toHaveBeenCalledTimes(1);
  });

  it("asks before logging out of a form with unsaved input", async () => {
    renderShellAt("/residents/new");
    fireEvent.change(await screen.findByTestId("rf-name"), { target: { value: "张三丰" } });
    await openMenu();
    fireEvent.click(await screen.findByTestId("menu-logout"));
    expect((await screen.findAllByText("放弃未保存的修改？")).length).toBeGreaterThan(0);
    expect(logOut).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByText("放弃并退出"));
    });
    expect(logOut).toHaveBeenCalledTimes(1);
  });

  it("changes the password, showing Rust's field errors in the dialog", async () => {
    let answer: unknown = {
      code: "validation",
      message: "输入有误",
      fields: [{ field: "newPasswordAgain", code: "password.mismatch", message: "两次输入的密码不一致" }],
    };
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === "change_password") {
        if (answer) throw answer;
        return null;
      }
      throw { code: "internal", message: cmd, fields: [] };
    });
    renderShellAt("/residents");
    await openMenu();
    fireEvent.click(await screen.findByTestId("menu-change-password"));
    fireEvent.change(await screen.findByTestId("cp-old"), { target: { value: "old-password" } });
    fireEvent.change(screen.getByTestId("cp-new"), { target: { value: "new-password-1" } });
    fireEvent.change(screen.getByTestId("cp-new-again"), { target: { value: "new-password-2" } });
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("cp-new-again"), { key: "Enter" });
    });
    expect((await screen.findByTestId("error-newPasswordAgain")).textContent).toBe("两次输入的密码不一致");
    expect(invoke).toHaveBeenCalledWith("change_password", {
      input: { oldPassword: "old-password", newPassword: "new-password-1", newPasswordAgain: "new-password-2" },
    });
    answer = undefined;
    await act(async () => {
      fireEvent.click(screen.getByTestId("cp-submit"));
    });
    expect(await screen.findByText("密码已修改")).toBeTruthy();
  });
});
