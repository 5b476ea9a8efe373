/** The pieces the 统计 page and the home page share: a rate card and a chart card with exports. */
import { App, Button, Card, Space, Statistic, Tag } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useRef } from "react";
import type { IndicatorPeriod, Rate } from "../../../ipc";
import { percentText } from "../chartOptions";
import { useStatsExports } from "../hooks/useIndicators";
import { Chart } from "./Chart";
import type { ChartHandle } from "./Chart";

export function periodLabel(p: IndicatorPeriod): string {
  return p.month === null ? `${p.year}年` : `${p.year}年${p.month}月`;
}

interface ChartCardProps {
  title: string;
  option: EChartsCoreOption;
  period: IndicatorPeriod;
  testId: string;
  height?: number;
}

/** A chart with 导出图片 (PNG) and 导出数据 (the report as Excel). */
export function ChartCard({ title, option, period, testId, height }: ChartCardProps) {
  const { message } = App.useApp();
  const chart = useRef<ChartHandle>(null);
  const exports = useStatsExports();

  const done = (r: { ok: true; value: string | null } | { ok: false; error: { message: string } }) => {
    if (!r.ok) message.error(r.error.message);
    else if (r.value !== null) message.success(`已保存到 ${r.value}`);
  };

  const savePng = async () => {
    const png = chart.current?.pngBase64();
    if (png === undefined) {
      message.error("图表尚未绘制完成，请稍后再试");
      return;
    }
    done(await exports.png.run(`${title}-${periodLabel(period)}.png`, png));
  };

  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={
        <Space size="small">
          <Button size="small" data-testid={`${testId}-png`} loading={exports.png.running} onClick={savePng}>
            导出图片
          </Button>
          <Button
            size="small"
            data-testid={`${testId}-xlsx`}
            loading={exports.excel.running}
            onClick={async () => done(await exports.excel.run(period))}
          >
            导出数据
          </Button>
        </Space>
      }
    >
      <Chart ref={chart} option={option} height={height} testId={`${testId}-chart`} />
    </Card>
  );
}

/** A rate with its counts, target and 达标 / 未达标. */
export function RateCard({ title, rate, testId }: { title: string; rate: Rate; testId: string }) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic
        title={title}
        value={percentText(rate)}
        valueStyle={{ color: rate.meetsTarget === false ? "#cf1322" : rate.meetsTarget ? "#389e0d" : undefined }}
      />
      <Space>
        <span>
          {rate.numerator} / {rate.denominator} 人
        </span>
        {rate.targetPercent !== null && <span>目标 ≥ {rate.targetPercent}%</span>}
        {rate.meetsTarget === true && <Tag color="green">达标</Tag>}
        {rate.meetsTarget === false && <Tag color="red">未达标</Tag>}
      </Space>
    </Card>
  );
}
