import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Institution, UserRow } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testClinic } from "../../../test/session";
import { UsersPage } from "./UsersPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

const home: Institution = { ...testClinic, id: "h-1", kind: "elderly_home", name: "城关镇敬老院" };
const users: UserRow[] = [
  {
    id: "u-1",
    login: "linxy",
    name: "林晓燕",
    role: "clinic_admin",
    institutionId: "i-1",
    institutionName: "城关镇卫生院",
    canLogIn: true,
  },
  {
    id: "u-2",
    login: "chenyl",
    name: "陈玉兰",
    role: "care_home_admin",
    institutionId: "h-1",
    institutionName: "城关镇敬老院",
    canLogIn: false,
  },
];

beforeEach(() => {
  handlers = {
    list_users: () => users,
    list_nursing_homes: () => [home],
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const fill = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** Opens an antd Select by its container test id and picks the option with this text. */
async function pick(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-selector") ?? select);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll(".ant-select-item-option")].find((o) => o.textContent === text);
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

describe("UsersPage", () => {
  it("lists the users with role, institution and whether they can log in", async () => {
    renderAt("/users", [["/users", <UsersPage />]]);
    const rows = await screen.findAllByTestId("user-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("linxy");
    expect(rows[0].textContent).toContain("机构管理员");
    expect(rows[0].textContent).toContain("是");
    expect(rows[1].textContent).toContain("养老机构管理员");
    expect(rows[1].textContent).toContain("城关镇敬老院");
    expect(rows[1].textContent).toContain("否");
    // One cannot disable oneself.
    expect((within(rows[0]).getByTestId("user-remove") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("users-table")).toBeTruthy();
  });

  it("creates a user: the role decides the institution, Rust's field errors mark the fields", async () => {
    let answer: unknown = {
      code: "validation",
      message: "输入有误",
      fields: [{ field: "login", code: "login.taken", message: "登录名已被使用" }],
    };
    handlers.create_user = ({ input }) => {
      if (answer) throw answer;
      return { ...(input as object), id: "u-3", institutionName: "城关镇敬老院", canLogIn: true };
    };
    renderAt("/users", [["/users", <UsersPage />]]);
    await screen.findAllByTestId("user-row");
    fireEvent.click(screen.getByTestId("user-new"));
    const login = await screen.findByTestId("user-login");
    await waitFor(() => expect(document.activeElement).toBe(login));
    fill("user-login", "linxy");
    fill("user-name", "周敏");
    await pick("user-role", "护士");
    // The clinic's staff belong to the clinic: preselected.
    await waitFor(() => expect(screen.getByTestId("user-institution").textContent).toContain("城关镇卫生院"));
    await pick("user-role", "养老机构管理员");
    await waitFor(() => expect(screen.getByTestId("user-institution").textContent).toContain("城关镇敬老院"));
    fill("user-password", "yiyang2026");
    fill("user-password-again", "yiyang2026");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("user-password-again"), { key: "Enter" });
    });
    expect((await screen.findByTestId("error-login")).textContent).toBe("登录名已被使用");
    expect(invoke).toHaveBeenCalledWith("create_user", {
      input: {
        login: "linxy",
        name: "周敏",
        role: "care_home_admin",
        institutionId: "h-1",
        password: "yiyang2026",
        passwordAgain: "yiyang2026",
      },
    });
    answer = undefined;
    fill("user-login", "zhoum");
    expect(screen.queryByTestId("error-login")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId("user-submit"));
    });
    expect(await screen.findByText("已新建用户：周敏（zhoum）")).toBeTruthy();
    await waitFor(() => expect(invoke.mock.calls.filter(([c]) => c === "list_users").length).toBe(2));
  });

  it("disables a user after asking, and shows Rust's refusal", async () => {
    handlers.remove_user = () => {
      throw { code: "forbidden", message: "不能停用最后一位机构管理员", fields: [] };
    };
    renderAt("/users", [["/users", <UsersPage />]]);
    const rows = await screen.findAllByTestId("user-row");
    fireEvent.click(within(rows[1]).getByTestId("user-remove"));
    expect((await screen.findAllByText("停用用户：陈玉兰（chenyl）？")).length).toBeGreaterThan(0);
    await act(async () => {
      fireEvent.click(screen.getByTestId("user-remove-confirm"));
    });
    expect(await screen.findByText("不能停用最后一位机构管理员")).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith("remove_user", { id: "u-2" });
  });

  it("resets another user's password", async () => {
    handlers.reset_user_password = () => null;
    renderAt("/users", [["/users", <UsersPage />]]);
    const rows = await screen.findAllByTestId("user-row");
    fireEvent.click(within(rows[1]).getByTestId("user-reset"));
    fill("reset-password", "temporary-1");
    fill("reset-password-again", "temporary-1");
    await act(async () => {
      fireEvent.click(screen.getByTestId("reset-submit"));
    });
    expect(await screen.findByText("已为 陈玉兰 重设密码")).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith("reset_user_password", {
      input: { userId: "u-2", password: "temporary-1", passwordAgain: "temporary-1" },
    });
  });
});
