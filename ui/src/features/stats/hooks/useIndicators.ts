import { indicatorReportXlsx, indicators, saveChartPng } from "../../../ipc";
import type { IndicatorPeriod } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The indicator report for `period`, computed in Rust; reloaded when the period changes. */
export function useIndicators(period: IndicatorPeriod) {
  const q = useIpcQuery(JSON.stringify(period), () => indicators(period), { keepPrevious: true });
  return { report: q.data, loading: q.loading, error: q.error, reload: q.reload };
}

/** 导出数据 (the whole report as Excel, Rust asks where) and 导出图片; `null` when cancelled. */
export function useStatsExports() {
  return { excel: useSubmit(indicatorReportXlsx), png: useSubmit(saveChartPng) };
}
