/**
 * 统计: the indicators Rust computes for a month or a year, for the clinic or one nursing home,
 * as cards and charts. Each chart can be saved as a picture; 导出数据 saves the whole report as Excel.
 */
import { Alert, Card, Col, DatePicker, Row, Segmented, Select, Space, Spin, Statistic } from "antd";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { IndicatorPeriod } from "../../../ipc";
import { agreementsOption, disabilityOption, itemsOption, keyRatesOption, percentText, roundsOption } from "../chartOptions";
import { useIndicators } from "../hooks/useIndicators";
import { ChartCard, RateCard } from "./StatCards";

type Granularity = "month" | "year";

function periodOf(g: Granularity, d: Dayjs): IndicatorPeriod {
  return { year: d.year(), month: g === "month" ? d.month() + 1 : null };
}

export function StatsPage() {
  const [granularity, setGranularity] = useState<Granularity>("month");
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [unitId, setUnitId] = useState<string>();
  const period = periodOf(granularity, day);
  const { report, loading, error } = useIndicators(period);
  const unit = report?.units.find((u) => u.unitId === unitId) ?? report?.units[0];

  return (
    <div data-testid="stats-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Granularity>
          data-testid="stats-granularity"
          options={[
            { value: "month", label: "按月" },
            { value: "year", label: "按年" },
          ]}
          value={granularity}
          onChange={setGranularity}
        />
        <DatePicker
          data-testid="stats-period"
          picker={granularity}
          allowClear={false}
          value={day}
          disabledDate={(d) => d.isAfter(dayjs(), granularity)}
          onChange={(d) => d && setDay(d)}
        />
        {report && (
          <Select
            data-testid="stats-unit"
            style={{ width: 220 }}
            value={unit?.unitId}
            onChange={setUnitId}
            options={report.units.map((u) => ({ value: u.unitId, label: u.unitName }))}
          />
        )}
        {report && (
          <span>
            统计区间 {report.from} 至 {report.asOf}
          </span>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
      {!report && loading && <Spin />}
      {report && unit && (
        <Spin spinning={loading}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={6}>
              <RateCard title="家庭医生签约率（65 岁及以上）" rate={unit.contractRate} testId="stats-contract-rate" />
            </Col>
            <Col xs={24} md={6}>
              <RateCard title="健康管理率（65 岁及以上）" rate={unit.healthManagementRate} testId="stats-health-rate" />
            </Col>
            <Col xs={12} md={3}>
              <Card size="small">
                <Statistic title="在管居民" value={unit.residents} suffix="人" />
              </Card>
            </Col>
            <Col xs={12} md={3}>
              <Card size="small">
                <Statistic title="65 岁及以上" value={unit.elderly} suffix="人" />
              </Card>
            </Col>
            <Col xs={12} md={3}>
              <Card size="small" data-testid="stats-fulfilment">
                <Statistic title="履约率" value={percentText(unit.fulfilment)} />
              </Card>
            </Col>
            <Col xs={12} md={3}>
              <Card size="small" data-testid="stats-agreements">
                <Statistic title="生效协议 / 30 天内到期" value={`${unit.agreementsActive} / ${unit.agreementsExpiring}`} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title="重点指标" option={keyRatesOption(unit)} period={period} testId="stats-key-rates" />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title="7+3+4 服务项目覆盖率" option={itemsOption(unit)} period={period} testId="stats-items" />
            </Col>
            <Col xs={24} lg={8}>
              <ChartCard title="巡诊：已完成与应完成" option={roundsOption(report.units)} period={period} testId="stats-rounds" />
            </Col>
            <Col xs={24} lg={8}>
              <ChartCard title="医养合作协议" option={agreementsOption(report.units)} period={period} testId="stats-agreement-chart" />
            </Col>
            <Col xs={24} lg={8}>
              <ChartCard title="失能等级分布" option={disabilityOption(unit)} period={period} testId="stats-disability" />
            </Col>
          </Row>
        </Spin>
      )}
    </div>
  );
}
