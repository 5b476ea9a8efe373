/**
 * 首页: this year's key figures for the clinic (for a nursing-home administrator, their home), the
 * 重点指标 chart, and the day's usual starting points. The details are on the 统计 page.
 */
import { BarChartOutlined, MedicineBoxOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Row, Space, Spin, Statistic } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useCan } from "../../../app/SessionContext";
import type { IndicatorPeriod } from "../../../ipc";
import { keyRatesOption } from "../../stats/chartOptions";
import { ChartCard, RateCard } from "../../stats/components/StatCards";
import { useIndicators } from "../../stats/hooks/useIndicators";

export function HomePage() {
  const navigate = useNavigate();
  const canEdit = useCan("edit_residents");
  // The year so far: the figures the county checks against the 70 % targets.
  const [period] = useState<IndicatorPeriod>(() => ({ year: dayjs().year(), month: null }));
  const { report, loading, error } = useIndicators(period);
  const unit = report?.units[0];

  return (
    <div data-testid="home-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<SearchOutlined />} data-testid="home-residents" onClick={() => navigate("/residents")}>
          查找居民
        </Button>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => navigate("/residents/new")}>
            新建档案
          </Button>
        )}
        {canEdit && (
          <Button icon={<UploadOutlined />} onClick={() => navigate("/residents/import")}>
            导入居民 (Excel)
          </Button>
        )}
        <Button icon={<MedicineBoxOutlined />} onClick={() => navigate("/services")}>
          今日待办与巡诊
        </Button>
        <Button icon={<BarChartOutlined />} data-testid="home-stats" onClick={() => navigate("/stats")}>
          统计详情
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
      {!report && loading && <Spin />}
      {report && unit && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Space direction="vertical" style={{ width: "100%" }} size="middle">
              <Card size="small" title={`${unit.unitName} · ${period.year}年（截至 ${report.asOf}）`}>
                <Space size="large">
                  <Statistic title="在管居民" value={unit.residents} suffix="人" />
                  <Statistic title="65 岁及以上" value={unit.elderly} suffix="人" />
                  <Statistic title="生效协议" value={unit.agreementsActive} suffix="份" />
                </Space>
              </Card>
              <RateCard title="家庭医生签约率（65 岁及以上）" rate={unit.contractRate} testId="home-contract-rate" />
              <RateCard title="健康管理率（65 岁及以上）" rate={unit.healthManagementRate} testId="home-health-rate" />
            </Space>
          </Col>
          <Col xs={24} lg={14}>
            <ChartCard title="重点指标" option={keyRatesOption(unit)} period={period} testId="home-key-rates" height={320} />
          </Col>
        </Row>
      )}
    </div>
  );
}
