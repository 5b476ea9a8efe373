import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SetupState } from "../ipc";
import { renderAt } from "../test/renderApp";
import { App } from "./App";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const fresh: SetupState = { setUp: false, deviceId: "dev-1", institution: null, user: null, dataPath: "/data/yiyang.sqlite3" };
const done: SetupState = {
  ...fresh,
  setUp: true,
  institution: {
    id: "i-1",
    version: 1,
    kind: "township_clinic",
    name: "城关镇卫生院",
    creditCode: "12330100MB0000000X",
    countyCode: "330102",
    townshipCode: "001",
    villageCode: "101",
    address: "",
    contactPhone: "",
  },
  user: { id: "u-1", name: "王医生" },
};

let completeSetup: (args: Record<string, unknown>) => unknown;

beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    switch (cmd) {
      case "get_setup_state":
        return fresh;
      case "complete_setup":
        return completeSetup(args);
      case "list_residents":
        return { items: [], total: 0, page: 1, pageSize: 20 };
      case "report_first_paint":
        return null;
      default:
        throw { code: "internal", message: cmd, fields: [] };
    }
  });
});

const fill = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("first run", () => {
  it("shows Rust's setup errors inline, keeps the input, then opens the shell", async () => {
    completeSetup = () => {
      throw {
        code: "validation",
        message: "输入有误，请按提示修改",
        fields: [{ field: "creditCode", code: "credit_code.check_char", message: "统一社会信用代码校验位不正确" }],
      };
    };
    renderAt("/", [["*", <App />]]);
    await screen.findByTestId("setup-name");
    fill("setup-name", "城关镇卫生院");
    fill("setup-credit-code", "12330100MB00000001");
    fill("setup-county-code", "330102");
    fill("setup-township-code", "001");
    fill("setup-village-code", "101");
    fill("setup-user-name", "王医生");
    await act(async () => {
      fireEvent.click(screen.getByTestId("setup-submit"));
    });
    expect((await screen.findByTestId("error-creditCode")).textContent).toBe("统一社会信用代码校验位不正确");
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
      },
    });

    completeSetup = () => done;
    await act(async () => {
      fireEvent.click(screen.getByTestId("setup-submit"));
    });
    const header = await screen.findByTestId("app-header");
    expect(header.textContent).toContain("城关镇卫生院");
    expect(header.textContent).toContain("王医生");
    for (const nav of ["residents", "contracts", "services", "agreements", "stats", "sync", "settings"]) {
      expect(screen.getByTestId(`nav-${nav}`)).toBeTruthy();
    }
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/residents"));
    await waitFor(() => expect(invoke.mock.calls.filter(([c]) => c === "report_first_paint")).toHaveLength(1));
  });
});
