import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { ResidentFormPage } from "../features/residents/components/ResidentFormPage";
import { AppLayout } from "./AppLayout";
import { SetupContext } from "./SetupContext";
import type { SetUpState } from "./SetupContext";

// The whole path is real (hooks → bindings → call); only the Tauri runtime is replaced.
const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const setup: SetUpState = {
  setUp: true,
  deviceId: "dev-1",
  dataPath: "/data/yiyang.sqlite3",
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

function Where() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

function renderShellAt(path: string) {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <SetupContext.Provider value={setup}>
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
      </AntApp>
    </ConfigProvider>,
  );
}

beforeEach(() => {
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
});
