/** 新建签约 (待签约): resident, team and doctor, population categories, package, fees and term. */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, Typography } from "antd";
import { useRef, useState } from "react";
import type { CareTeam, Contract, SearchHit, StaffMember } from "../../../ipc";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { PACKAGE_KIND_LABELS, POPULATION_CATEGORY_LABELS, optionsOf } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useFormKeys } from "../../../shared/useFormKeys";
import {
  CONTRACT_FIELDS,
  EXISTING_CONTRACT_FIELD,
  endAfterStartChange,
  newContractValues,
  toContractInput,
} from "../contractForm";
import type { ContractField, ContractFormValues } from "../contractForm";
import { DATE_FORMAT } from "../contractTerm";
import { useCreateContract } from "../hooks/useContracts";
import { suggestedDoctor } from "../teamForm";
import { ResidentPicker } from "./ResidentPicker";

export interface ContractFormDrawerProps {
  open: boolean;
  teams: readonly CareTeam[];
  doctors: readonly StaffMember[];
  onClose: () => void;
  onCreated: (c: Contract) => void;
}

export function ContractFormDrawer({ open, teams, doctors, onClose, onCreated }: ContractFormDrawerProps) {
  return (
    <Drawer
      title="新建签约"
      open={open}
      onClose={onClose}
      width={720}
      destroyOnHidden
      maskClosable={false}
      keyboard={false}
    >
      {open && <ContractForm teams={teams} doctors={doctors} onClose={onClose} onCreated={onCreated} />}
    </Drawer>
  );
}

function ContractForm({ teams, doctors, onClose, onCreated }: Omit<ContractFormDrawerProps, "open">) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContractFormValues>();
  const { run, running } = useCreateContract();
  const failure = useFormFailure(CONTRACT_FIELDS);
  const [picked, setPicked] = useState<SearchHit>();
  const endTouched = useRef(false);
  const packageKind = Form.useWatch("packageKind", form);
  // Enter moves to the next field, Ctrl+S saves, Esc closes (as in the resident form).
  const rootRef = useFormKeys<HTMLDivElement>({ onSave: () => form.submit(), onCancel: onClose });

  const submit = async () => {
    if (running) return;
    failure.reset();
    const r = await run(toContractInput(form.getFieldsValue(true) as ContractFormValues));
    if (r.ok) {
      message.success(`已新建签约 ${r.value.number}（${r.value.residentName}），待签约`);
      onCreated(r.value);
      onClose();
      return;
    }
    // The id of the contract already held is for programs, not for the banner.
    failure.show({ ...r.error, fields: r.error.fields.filter((f) => f.field !== EXISTING_CONTRACT_FIELD) });
  };

  const item = (field: ContractField) => failure.fieldErrors.itemProps(field);

  return (
    <div data-testid="contract-form" ref={rootRef}>
      <FailureBanner failure={failure.banner} onClose={failure.clearBanner} />
      <Form<ContractFormValues>
        form={form}
        layout="vertical"
        initialValues={newContractValues()}
        onFinish={() => void submit()}
        onValuesChange={(changed: ContractFormValues) => {
          failure.fieldErrors.clear(Object.keys(changed) as ContractField[]);
          if ("endOn" in changed) endTouched.current = true;
          if ("startOn" in changed) {
            const end = endAfterStartChange(changed.startOn, endTouched.current);
            if (end) {
              form.setFieldValue("endOn", end);
              failure.fieldErrors.clear(["endOn"]);
            }
          }
          if ("teamId" in changed && !form.getFieldValue("doctorId")) {
            const doctor = suggestedDoctor(
              teams.find((t) => t.id === changed.teamId),
              doctors,
            );
            if (doctor) form.setFieldValue("doctorId", doctor);
          }
        }}
      >
        <Form.Item
          name="residentId"
          label="签约居民"
          required
          extra={
            picked && (
              <span data-testid="contract-resident-picked">
                已选：{picked.resident.name}（健康档案编号 {picked.resident.healthFileNo}）
              </span>
            )
          }
          {...item("residentId")}
        >
          <ResidentPicker testId="contract-resident" onPicked={setPicked} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="teamId"
              label="家庭医生团队"
              required
              extra={teams.length === 0 ? "还没有团队：请先在“家庭医生团队”页建立团队" : undefined}
              {...item("teamId")}
            >
              <Select
                data-testid="contract-team"
                placeholder="请选择"
                options={teams.map((t) => ({ value: t.id, label: t.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="doctorId" label="责任医生" required {...item("doctorId")}>
              <Select
                data-testid="contract-doctor"
                placeholder="请选择"
                showSearch
                optionFilterProp="label"
                options={doctors.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="categories" label="签约人群分类" required {...item("categories")}>
          <Select
            data-testid="contract-categories"
            mode="multiple"
            placeholder="可多选，如 65岁及以上老年人、高血压"
            options={optionsOf(POPULATION_CATEGORY_LABELS)}
          />
        </Form.Item>
        <Form.Item name="packageKind" label="服务包" {...item("packageKind")}>
          <Radio.Group data-testid="contract-package-kind">
            {optionsOf(PACKAGE_KIND_LABELS).map((o) => (
              <Radio key={o.value} value={o.value} data-testid={`contract-package-${o.value}`}>
                {o.label}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {packageKind === "personalized" && <PackageItemsList itemProps={item("packageItems")} />}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="price" label="总费用" required {...item("price")}>
              <Input data-testid="contract-price" suffix="元" inputMode="decimal" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="insurancePart" label="医保/公卫经费支付" required {...item("insurancePart")}>
              <Input data-testid="contract-insurance" suffix="元" inputMode="decimal" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="selfPaid" label="个人自付" required {...item("selfPaid")}>
              <Input data-testid="contract-self-paid" suffix="元" inputMode="decimal" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="startOn" label="开始日期" required {...item("startOn")}>
              <DatePicker data-testid="contract-start" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="endOn"
              label="结束日期"
              required
              extra="默认为开始日期起一年"
              {...item("endOn")}
            >
              <DatePicker data-testid="contract-end" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={running} data-testid="contract-save">
            保存（待签约）
          </Button>
          <Button onClick={onClose} data-testid="contract-cancel">
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}

/** The items of a personalised package: name and price (元, as typed). */
function PackageItemsList({ itemProps }: { itemProps: { validateStatus?: "error"; help?: React.ReactNode } }) {
  return (
    <Form.Item label="个性化服务项目" required {...itemProps}>
      <Form.List name="packageItems">
        {(fields, { add, remove }) => (
          <div data-testid="contract-items">
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" style={{ display: "flex", marginBottom: 8 }}>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <Form.Item name={[field.name, "name"]} noStyle>
                  <Input data-testid={`contract-item-name-${i}`} placeholder="服务项目，如 上门换药" style={{ width: 280 }} />
                </Form.Item>
                <Form.Item name={[field.name, "price"]} noStyle>
                  <Input
                    data-testid={`contract-item-price-${i}`}
                    placeholder="价格"
                    suffix="元"
                    inputMode="decimal"
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label="删除此项"
                  onClick={() => remove(field.name)}
                  data-testid={`contract-item-remove-${i}`}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: "", price: "" })}
              data-testid="contract-item-add"
            >
              添加服务项目
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

