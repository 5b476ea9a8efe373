/** ECharts options built from the report Rust computed; no figure is computed here. */
import type { EChartsCoreOption } from "echarts/core";
import type { Rate, UnitIndicators } from "../../ipc";
import { DISABILITY_GRADE_LABELS, SERVICE_ITEM_LABELS } from "../../shared/labels";

/** "72.5%" or "—" when nothing to count. */
export function percentText(rate: Rate): string {
  return rate.percent === null ? "—" : `${rate.percent.toFixed(1)}%`;
}

function percentBar(names: string[], rates: Rate[], target: number | null): EChartsCoreOption {
  return {
    tooltip: { trigger: "axis" },
    grid: { left: 48, right: 24, top: 24, bottom: 64 },
    xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      {
        type: "bar",
        name: "比例",
        data: rates.map((r) => r.percent ?? 0),
        label: { show: true, position: "top", formatter: "{c}%" },
        markLine:
          target === null
            ? undefined
            : { symbol: "none", data: [{ yAxis: target, name: "目标" }], label: { formatter: `目标 ${target}%` }, lineStyle: { color: "#cf1322", type: "dashed" } },
      },
    ],
  };
}

/** 签约率、健康管理率、巡诊完成率、履约率 with the target line the report gives (the rule is in
 * crates/domain: no line when it gives none). */
export function keyRatesOption(u: UnitIndicators): EChartsCoreOption {
  const target = u.contractRate.targetPercent;
  return percentBar(
    ["家庭医生签约率", "健康管理率", "巡诊完成率", "履约率"],
    [u.contractRate, u.healthManagementRate, u.rounds, u.fulfilment],
    target,
  );
}

/** Coverage of each 7+3+4 item. */
export function itemsOption(u: UnitIndicators): EChartsCoreOption {
  return percentBar(
    u.items.map((i) => `${i.item} ${SERVICE_ITEM_LABELS[i.item]}`),
    u.items.map((i) => i.rate),
    null,
  );
}

/** Rounds done vs due, for every unit side by side. */
export function roundsOption(units: UnitIndicators[]): EChartsCoreOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { data: ["应巡诊", "已巡诊"] },
    grid: { left: 48, right: 24, top: 40, bottom: 48 },
    xAxis: { type: "category", data: units.map((u) => u.unitName) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { type: "bar", name: "应巡诊", data: units.map((u) => u.rounds.denominator) },
      { type: "bar", name: "已巡诊", data: units.map((u) => u.rounds.numerator) },
    ],
  };
}

/** Agreements active and expiring within 30 days, per unit. */
export function agreementsOption(units: UnitIndicators[]): EChartsCoreOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { data: ["生效中", "30 天内到期"] },
    grid: { left: 48, right: 24, top: 40, bottom: 48 },
    xAxis: { type: "category", data: units.map((u) => u.unitName) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { type: "bar", name: "生效中", data: units.map((u) => u.agreementsActive) },
      { type: "bar", name: "30 天内到期", data: units.map((u) => u.agreementsExpiring) },
    ],
  };
}

/** Residents by latest disability grade. */
export function disabilityOption(u: UnitIndicators): EChartsCoreOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}：{c} 人（{d}%）" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        data: u.byDisability.map((g) => ({
          name: g.grade === null ? "未评估" : DISABILITY_GRADE_LABELS[g.grade],
          value: g.count,
        })),
      },
    ],
  };
}
