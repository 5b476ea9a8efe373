/**
 * One ECharts chart (only the parts the 统计 page uses are registered, to keep the bundle small).
 * The ref gives the chart as PNG for 导出图片.
 */
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import type { EChartsCoreOption } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/lib/core";
import { forwardRef, useImperativeHandle, useRef } from "react";

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface ChartHandle {
  /** The chart as a PNG, base64 without the `data:` prefix; undefined before it is drawn. */
  pngBase64: () => string | undefined;
}

export interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
}

export const Chart = forwardRef<ChartHandle, ChartProps>(function Chart({ option, height = 280, testId }, ref) {
  const inner = useRef<ReactEChartsCore>(null);
  useImperativeHandle(ref, () => ({
    pngBase64: () => {
      const url = inner.current
        ?.getEchartsInstance()
        .getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
      return url?.slice(url.indexOf(",") + 1);
    },
  }));
  return (
    <div data-testid={testId}>
      <ReactEChartsCore ref={inner} echarts={echarts} option={option} notMerge style={{ height }} />
    </div>
  );
});
