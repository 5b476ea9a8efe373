/**
 * 居家照护 on the page of a person living at home: care level and entitlements from the latest
 * assessment, 长护险 standing, the family bed and the plan's services as Rust computed them, and
 * the 长护险 monthly statement of a chosen month.
 */
import { formatCents } from "../../contracts/money";
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { BedVisitState, DueState, HomeCareDue, StatementLine } from "../../../ipc";
import { DUE_STATE_LABELS } from "../../../shared/labels";
import { frequencyText } from "../../care/recordDisplay";
import {
  BED_LEVEL_LABELS,
  CARE_LEVEL_LABELS,
  ENTITLED_GROUP_LABELS,
  PAYER_LABELS,
  SERVICE_UNIT_LABELS,
  quantityText,
} from "../homeCareLabels";
import { useHomeCareOverview, useStatement } from "../hooks/useHomeCare";

const DUE_COLORS: Record<DueState, string> = {
  done: "green",
  due: "blue",
  overdue: "red",
  on_demand: "default",
  not_applicable: "default",
};

export function bedStateTag(s: BedVisitState) {
  switch (s.state) {
    case "on_time":
      return <Tag color="green">按时巡访（{s.dueBy} 前）</Tag>;
    case "overdue":
      return <Tag color="red">巡访逾期 {s.daysOver} 天</Tag>;
    case "ended":
      return <Tag>已撤销</Tag>;
  }
}

export interface HomeCarePanelProps {
  residentId: string;
  /** Changes after each write on the page, so what Rust computed is read again. */
  version: number;
  /** Opens the entry form of a home-care kind; absent for someone who may not record care. */
  onAdd?: (kind: "family_bed" | "home_care_plan" | "home_service" | "bed_visit" | "family_bed_end") => void;
}

export function HomeCarePanel({ residentId, version, onAdd }: HomeCarePanelProps) {
  const { overview, error } = useHomeCareOverview(residentId, version);
  const [month, setMonth] = useState(() => dayjs().format("YYYY-MM"));
  const { statement, error: statementError } = useStatement(residentId, month, version);
  return (
    <Card
      title="居家照护"
      style={{ marginTop: 16 }}
      data-testid="home-care-panel"
      extra={
        onAdd && (
          <Space wrap>
            {overview?.bed ? (
              <>
                <Button data-testid="home-care-add-bed_visit" onClick={() => onAdd("bed_visit")}>
                  床位巡访
                </Button>
                <Button data-testid="home-care-add-family_bed_end" onClick={() => onAdd("family_bed_end")}>
                  撤销床位
                </Button>
              </>
            ) : (
              <Button data-testid="home-care-add-family_bed" onClick={() => onAdd("family_bed")}>
                登记家庭养老床位
              </Button>
            )}
            <Button data-testid="home-care-add-home_care_plan" onClick={() => onAdd("home_care_plan")}>
              {overview?.planId ? "调整照护计划" : "制定照护计划"}
            </Button>
            <Button type="primary" data-testid="home-care-add-home_service" onClick={() => onAdd("home_service")}>
              记录服务
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon message="无法读取居家照护情况" description={error.message} />}
      {overview && (
    <>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="照护等级">
          <Tag color="purple" data-testid="home-care-level">
            {CARE_LEVEL_LABELS[overview.careLevel]}
          </Tag>
          {overview.assessedOn ? `（${overview.assessedOn} 评估）` : "（尚未评估）"}
        </Descriptions.Item>
        <Descriptions.Item label="补贴对象">
          {overview.entitled.length === 0
            ? "无"
            : overview.entitled.map((g) => <Tag key={g}>{ENTITLED_GROUP_LABELS[g]}</Tag>)}
        </Descriptions.Item>
        <Descriptions.Item label="长护险" span={2}>
          <span data-testid="home-care-ltc">{overview.eligibilityText}</span>
        </Descriptions.Item>
        <Descriptions.Item label="家庭养老床位" span={2}>
          {overview.bed ? (
            <Space direction="vertical" size={0} data-testid="home-care-bed">
              <Space wrap>
                <Tag color="geekblue">{BED_LEVEL_LABELS[overview.bed.bed.level]}</Tag>
                <span>{overview.bed.bed.centre}</span>
                {bedStateTag(overview.bed.state)}
              </Space>
              <Typography.Text type="secondary">{overview.bed.reason}</Typography.Text>
            </Space>
          ) : (
            "未登记"
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        照护计划执行情况
      </Typography.Title>
      {overview.due.length === 0 ? (
        <Empty description="尚无居家照护计划" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<HomeCareDue>
          data-testid="home-care-due"
          size="small"
          rowKey="service"
          pagination={false}
          dataSource={overview.due}
          columns={[
            { title: "服务", dataIndex: "serviceName" },
            { title: "频次", render: (_, d) => frequencyText(d.frequency) },
            { title: "服务人员", dataIndex: "provider" },
            { title: "上次服务", render: (_, d) => d.lastDone ?? "—" },
            { title: "下次期限", dataIndex: "dueBy" },
            {
              title: "状态",
              render: (_, d) => (
                <Tag color={DUE_COLORS[d.state]} title={d.reason}>
                  {DUE_STATE_LABELS[d.state]}
                </Tag>
              ),
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 16 }} align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          长护险月度结算单
        </Typography.Title>
        <DatePicker
          picker="month"
          data-testid="statement-month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
        />
      </Space>
      {statementError && <Alert type="error" showIcon message={statementError.message} style={{ marginTop: 8 }} />}
      {statement && (
        <div data-testid="statement" style={{ marginTop: 8 }}>
          <Table<StatementLine>
            size="small"
            rowKey={(l) => `${l.service}:${l.payer}:${l.unit}`}
            pagination={false}
            dataSource={statement.lines}
            locale={{ emptyText: "本月没有服务记录" }}
            columns={[
              { title: "服务", dataIndex: "serviceName" },
              { title: "次数", dataIndex: "deliveries" },
              { title: "数量", render: (_, l) => `${quantityText(l.quantityCenti)} ${SERVICE_UNIT_LABELS[l.unit]}` },
              { title: "付费方式", render: (_, l) => PAYER_LABELS[l.payer] },
              { title: "金额", render: (_, l) => formatCents(l.amountCents) },
            ]}
          />
          <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
            <Descriptions.Item label="长护险服务费用">{formatCents(statement.ltcChargedCents)}</Descriptions.Item>
            <Descriptions.Item label="月度限额">{formatCents(statement.ltcCapCents)}</Descriptions.Item>
            <Descriptions.Item label="长护险支付">
              <span data-testid="statement-ltc-paid">{formatCents(statement.ltcPaidCents)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="长护险不予支付">
              <span data-testid="statement-uncovered">{formatCents(statement.ltcUncoveredCents)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="政府购买">{formatCents(statement.governmentCents)}</Descriptions.Item>
            <Descriptions.Item label="自费">{formatCents(statement.selfPaidCents)}</Descriptions.Item>
          </Descriptions>
          {statement.flags.map((f) => (
            <Alert key={f} type="warning" showIcon message={f} data-testid="statement-flag" style={{ marginTop: 4 }} />
          ))}
          <Typography.Text type="secondary">规则版本 {statement.ruleVersion}</Typography.Text>
        </div>
      )}
    </>
      )}
    </Card>
  );
}
