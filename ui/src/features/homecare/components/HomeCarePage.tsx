/**
 * 居家照护 (`/homecare`): family beds with their visits (overdue first), the planned services that
 * are due or missed, the service catalogue (an administrator adds or re-prices items) and the
 * home-care indicators. Entries are added on a person's page (新增记录 ▸ 居家照护).
 */
import { formatCents } from "../../contracts/money";
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Statistic, Table, Tabs, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useCan } from "../../../app/SessionContext";
import type { CatalogueItem, CatalogueItemInput, FamilyBedRow, ServiceMonthCount } from "../../../ipc";
import { optionsOf } from "../../../shared/labels";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import {
  BED_LEVEL_LABELS,
  ENTITLED_GROUP_LABELS,
  PAYER_LABELS,
  SERVICE_UNIT_LABELS,
} from "../homeCareLabels";
import {
  useCatalogue,
  useFamilyBeds,
  useHomeCareIndicators,
  useSaveCatalogueItem,
} from "../hooks/useHomeCare";
import { bedStateTag } from "./HomeCarePanel";
import { HomeCareTasks } from "./HomeCareTasks";
import { LtcRuleCard } from "./LtcRuleCard";

function BedsTab() {
  const { beds, loading, error } = useFamilyBeds();
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Table<FamilyBedRow>
        data-testid="beds-table"
        rowKey="recordId"
        loading={loading}
        dataSource={beds}
        locale={{ emptyText: "暂无在管的家庭养老床位" }}
        columns={[
          {
            title: "姓名",
            render: (_, b) => <Link to={`/residents/${b.residentId}`}>{b.residentName}</Link>,
          },
          { title: "服务等级", render: (_, b) => BED_LEVEL_LABELS[b.bed.level] },
          { title: "管理服务机构", render: (_, b) => b.bed.centre },
          { title: "地址", render: (_, b) => b.bed.address },
          { title: "登记日期", dataIndex: "registeredOn" },
          { title: "上次巡访", render: (_, b) => b.lastVisit ?? "—" },
          { title: "巡访情况", render: (_, b) => <span title={b.reason}>{bedStateTag(b.state)}</span> },
        ]}
      />
    </>
  );
}

const ITEM_FIELDS = ["code", "name", "unit", "price", "payer"] as const;

interface ItemValues {
  code?: string;
  name?: string;
  unit?: CatalogueItemInput["unit"];
  price?: string;
  payer?: CatalogueItemInput["payer"];
  subsidised?: CatalogueItemInput["subsidised"];
}

function CatalogueTab() {
  const { catalogue, loading, error, reload } = useCatalogue();
  const canEdit = useCan("change_settings");
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  const { run, running: saving } = useSaveCatalogueItem();
  const failure = useFormFailure(ITEM_FIELDS);
  const item = (f: (typeof ITEM_FIELDS)[number]) => ({ name: f, ...failure.fieldErrors.itemProps(f) });
  const submit = async () => {
    if (saving) return;
    failure.reset();
    const v = form.getFieldsValue(true) as ItemValues;
    const input: CatalogueItemInput = {
      code: v.code ?? "",
      name: v.name ?? "",
      unit: v.unit ?? null,
      price: v.price ?? "",
      payer: v.payer ?? null,
      subsidised: v.subsidised ?? [],
    };
    const r = await run(input);
    if (r.ok) {
      message.success("服务目录已保存");
      form.resetFields();
      reload();
      return;
    }
    failure.show(r.error);
  };
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Table<CatalogueItem>
        data-testid="catalogue-table"
        rowKey="code"
        loading={loading}
        dataSource={catalogue}
        pagination={false}
        columns={[
          { title: "编码", dataIndex: "code" },
          { title: "服务", dataIndex: "name" },
          { title: "单价", render: (_, i) => `${formatCents(i.priceCents)}/${SERVICE_UNIT_LABELS[i.unit]}` },
          { title: "付费方式", render: (_, i) => PAYER_LABELS[i.payer] },
          {
            title: "补贴对象",
            render: (_, i) => i.subsidised.map((g) => <Tag key={g}>{ENTITLED_GROUP_LABELS[g]}</Tag>),
          },
          { title: "来源", render: (_, i) => (i.builtIn ? "内置" : "本县新增") },
        ]}
      />
      {canEdit && (
        <Card title="新增或调整服务项目" size="small" style={{ marginTop: 16 }}>
          <FailureBanner failure={failure.banner} />
          <Form<ItemValues>
            form={form}
            layout="vertical"
            onFinish={() => void submit()}
            data-testid="catalogue-form"
            onValuesChange={(changed: ItemValues) =>
              failure.fieldErrors.clear(Object.keys(changed) as (typeof ITEM_FIELDS)[number][])
            }
          >
            <Space wrap align="start">
              <Form.Item label="编码" extra="与内置项目相同则为调价，如 meal" {...item("code")}>
                <Input data-testid="catalogue-code" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item label="服务名称" {...item("name")}>
                <Input data-testid="catalogue-name" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item label="单价（元）" {...item("price")}>
                <Input data-testid="catalogue-price" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item label="计价单位" {...item("unit")}>
                <Radio.Group data-testid="catalogue-unit" options={optionsOf(SERVICE_UNIT_LABELS)} />
              </Form.Item>
              <Form.Item label="付费方式" {...item("payer")}>
                <Select data-testid="catalogue-payer" options={optionsOf(PAYER_LABELS)} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item label="补贴对象" name="subsidised">
                <Checkbox.Group options={optionsOf(ENTITLED_GROUP_LABELS)} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="catalogue-save">
              保存
            </Button>
          </Form>
        </Card>
      )}
      <LtcRuleCard canEdit={canEdit} />
    </>
  );
}

function IndicatorsTab() {
  const [year, setYear] = useState(() => dayjs().year());
  const { indicators, error } = useHomeCareIndicators({ year, month: null });
  const coverage = indicators?.careCoverage;
  return (
    <>
      <DatePicker
        picker="year"
        allowClear={false}
        value={dayjs().year(year)}
        onChange={(d) => d && setYear(d.year())}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={error.message} />}
      {indicators && (
        <>
          <Space size={48} wrap data-testid="home-care-indicators">
            <Statistic title="居家服务人数" value={indicators.servedAtHome} suffix="人" />
            <Statistic title="在管家庭养老床位" value={indicators.bedsTotal} suffix="张" />
            <Statistic title="其中 24 小时照护" value={indicators.bedsManaged24h} suffix="张" />
            <Statistic
              title={`需照护者服务覆盖率（目标 ≥ ${coverage?.targetPercent ?? 60}%）`}
              value={coverage?.percent ?? "—"}
              suffix={coverage?.percent === null ? undefined : "%"}
              valueStyle={{ color: coverage?.meetsTarget === false ? "#cf1322" : undefined }}
            />
          </Space>
          <Table<ServiceMonthCount>
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(c) => `${c.month}:${c.service}`}
            dataSource={indicators.deliveries}
            pagination={false}
            locale={{ emptyText: "本年没有居家服务记录" }}
            columns={[
              { title: "月份", dataIndex: "month" },
              { title: "服务", dataIndex: "serviceName" },
              { title: "服务次数", dataIndex: "deliveries" },
            ]}
          />
        </>
      )}
    </>
  );
}

export function HomeCarePage() {
  return (
    <Card title="居家照护" data-testid="home-care-page">
      <Tabs
        items={[
          { key: "beds", label: "家庭养老床位", children: <BedsTab /> },
          { key: "tasks", label: "照护待办", children: <HomeCareTasks /> },
          { key: "catalogue", label: "服务目录", children: <CatalogueTab /> },
          { key: "stats", label: "居家照护统计", children: <IndicatorsTab /> },
        ]}
      />
    </Card>
  );
}
