import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { IndicatorReport, UnitIndicators } from "../../../ipc";
import { rate } from "../../../test/charts";
import { renderAt } from "../../../test/renderApp";
import { StatsPage } from "./StatsPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

// jsdom has no canvas.
vi.mock("./Chart", async () => ({ Chart: (await import("../../../test/charts")).FakeChart }));

const unit = (id: string, name: string, kind: UnitIndicators["kind"], contracts: number): UnitIndicators => ({
  unitId: id,
  unitName: name,
  kind,
  residents: 120,
  elderly: 80,
  contractRate: rate(contracts, 80, 70),
  healthManagementRate: rate(52, 80, 70),
  items: [
    { item: "G1", rate: rate(10, 10) },
    { item: "G3", rate: rate(6, 10) },
  ],
  rounds: rate(18, 24),
  fulfilment: rate(45, 50),
  agreementsActive: 3,
  agreementsExpiring: 1,
  byDisability: [
    { grade: "mild", count: 7 },
    { grade: null, count: 5 },
  ],
});

const report: IndicatorReport = {
  period: { year: 2026, month: 11 },
  from: "2026-11-01",
  asOf: "2026-11-23",
  units: [unit("i-1", "城关镇卫生院", "clinic", 60), unit("h-1", "城关镇敬老院", "nursing_home", 40)],
  ruleVersion: 1,
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T10:00:00+08:00") });
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string) => {
    if (cmd === "indicators") return report;
    if (cmd === "indicator_report_xlsx") return "/home/nurse/统计指标-2026年11月.xlsx";
    if (cmd === "save_chart_png") return "/home/nurse/重点指标.png";
    throw { code: "internal", message: cmd, fields: [] };
  });
  return () => vi.useRealTimers();
});

function renderStats() {
  return renderAt("/stats", [["/stats", <StatsPage />]]);
}

describe("StatsPage", () => {
  it("shows the clinic's rates against the 70 % target from the report", async () => {
    renderStats();
    const contract = await screen.findByTestId("stats-contract-rate");
    expect(invoke).toHaveBeenCalledWith("indicators", { period: { year: 2026, month: 11 } });
    expect(contract.textContent).toContain("75.0%");
    expect(contract.textContent).toContain("60 / 80 人");
    expect(contract.textContent).toContain("达标");
    const health = screen.getByTestId("stats-health-rate");
    expect(health.textContent).toContain("65.0%");
    expect(health.textContent).toContain("未达标");
    expect(screen.getByTestId("stats-fulfilment").textContent).toContain("90.0%");
    expect(screen.getByTestId("stats-agreements").textContent).toContain("3 / 1");

    const keyRates = screen.getByTestId("stats-key-rates-chart").textContent ?? "";
    expect(keyRates).toContain("家庭医生签约率");
    expect(keyRates).toContain('"yAxis":70');
    expect(keyRates).toContain("[75,65,75,90]");
    expect(screen.getByTestId("stats-items-chart").textContent).toContain("G3 年度健康体检");
    expect(screen.getByTestId("stats-rounds-chart").textContent).toContain("城关镇敬老院");
    const disability = screen.getByTestId("stats-disability-chart").textContent ?? "";
    expect(disability).toContain("轻度失能");
    expect(disability).toContain("未评估");
  });

  it("asks for the whole year when 按年 is chosen", async () => {
    renderStats();
    await screen.findByTestId("stats-contract-rate");
    fireEvent.click(screen.getByText("按年"));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith("indicators", { period: { year: 2026, month: null } }));
  });

  it("exports a chart as PNG and the report as Excel through their commands", async () => {
    renderStats();
    await screen.findByTestId("stats-key-rates");
    fireEvent.click(screen.getByTestId("stats-key-rates-png"));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("save_chart_png", {
        fileName: "重点指标-2026年11月.png",
        pngBase64: "iVBORw0KGgo=",
      }),
    );
    fireEvent.click(screen.getByTestId("stats-items-xlsx"));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("indicator_report_xlsx", { period: { year: 2026, month: 11 } }),
    );
  });
});
