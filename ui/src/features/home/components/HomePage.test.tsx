import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { IndicatorReport, UnitIndicators } from "../../../ipc";
import { rate } from "../../../test/charts";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { HomePage } from "./HomePage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

// jsdom has no canvas.
vi.mock("../../stats/components/Chart", async () => ({ Chart: (await import("../../../test/charts")).FakeChart }));

const home: UnitIndicators = {
  unitId: "h-1",
  unitName: "城关镇敬老院",
  kind: "nursing_home",
  residents: 40,
  elderly: 36,
  contractRate: rate(30, 36, 70),
  healthManagementRate: rate(18, 36, 70),
  items: [],
  rounds: rate(18, 24, null),
  fulfilment: rate(45, 50, null),
  agreementsActive: 1,
  agreementsExpiring: 0,
  byDisability: [],
};

const report: IndicatorReport = {
  period: { year: 2026, month: null },
  from: "2026-01-01",
  asOf: "2026-11-23",
  units: [home],
  ruleVersion: 1,
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:00+08:00") });
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string) => {
    if (cmd === "indicators") return report;
    throw { code: "internal", message: cmd, fields: [] };
  });
  return () => vi.useRealTimers();
});

describe("HomePage", () => {
  it("shows this year's rates of the user's unit against the target, and the key-rates chart", async () => {
    renderAt("/home", [["/home", <HomePage />]]);
    const contract = await screen.findByTestId("home-contract-rate");
    expect(invoke).toHaveBeenCalledWith("indicators", { period: { year: 2026, month: null } });
    expect(contract.textContent).toContain("83.3%");
    expect(contract.textContent).toContain("达标");
    const health = screen.getByTestId("home-health-rate");
    expect(health.textContent).toContain("50.0%");
    expect(health.textContent).toContain("未达标");
    expect(screen.getByTestId("home-page").textContent).toContain("城关镇敬老院 · 2026年（截至 2026-11-23）");
    expect(screen.getByTestId("home-key-rates-chart").textContent).toContain("83.3");
  });

  it("offers the day's starting points, and import only to those who may edit files", async () => {
    renderAt("/home", [["/home", <HomePage />], ["/stats", <div>统计页</div>]], {
      session: testSession({ role: "care_home_admin", permissions: ["view_residents"] }),
    });
    await screen.findByTestId("home-contract-rate");
    expect(screen.queryByText("导入居民 (Excel)")).toBeNull();
    fireEvent.click(screen.getByTestId("home-stats"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/stats"));
  });

  it("says why when the figures cannot be computed", async () => {
    invoke.mockImplementation(async () => {
      throw { code: "io", message: "读取数据失败", fields: [] };
    });
    renderAt("/home", [["/home", <HomePage />]]);
    expect(await screen.findByText("读取数据失败")).toBeTruthy();
  });
});
