/**
 * 新建 / 编辑合作协议（草稿）: the nursing home (乙方), number, term, the 7+3+4 items covered with
 * their frequency, the methods, the filing deadline and a note. An active or terminated agreement
 * opens read-only, saying why.
 */
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import type { Agreement, Institution } from "../../../ipc";
import { SERVICE_ITEMS, SERVICE_ITEM_LABELS, SERVICE_METHOD_LABELS, optionsOf } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useFormKeys } from "../../../shared/useFormKeys";
import { DATE_FORMAT } from "../../contracts/contractTerm";
import { StepFailure } from "../../contracts/components/StepFailure";
import {
  AGREEMENT_FIELDS,
  FREQUENCY_UNIT_TEXT,
  SERVICE_ITEM_GROUPS,
  agreementToFormValues,
  newAgreementValues,
  readOnlyReason,
  toAgreementInput,
  withDefaultFrequency,
} from "../agreementForm";
import type { AgreementField, AgreementFormValues, ItemRow } from "../agreementForm";
import { useCreateAgreement, useUpdateAgreement } from "../hooks/useAgreements";

export interface AgreementFormDrawerProps {
  open: boolean;
  /** The agreement opened (its latest loaded version); none: a new draft. */
  agreement: Agreement | undefined;
  nursingHomes: readonly Institution[];
  nursingHomesLoading: boolean;
  /** False: the role may only look (管理合作协议 missing). */
  canEdit: boolean;
  onClose: () => void;
  onSaved: (a: Agreement) => void;
  /** After a version conflict: reload the list (the form restarts from the newest version). */
  onReload: () => void;
}

export function AgreementFormDrawer({ open, agreement, ...rest }: AgreementFormDrawerProps) {
  const title = !agreement ? "新建合作协议" : agreement.status === "draft" ? `编辑协议：${agreement.number}` : `协议：${agreement.number}`;
  return (
    <Drawer title={title} open={open} onClose={rest.onClose} width={760} destroyOnHidden maskClosable={false} keyboard={false}>
      {open && (
        <AgreementForm
          key={agreement ? `${agreement.id}:${String(agreement.version)}` : "new"}
          agreement={agreement}
          {...rest}
        />
      )}
    </Drawer>
  );
}

const UNIT_OPTIONS = optionsOf(FREQUENCY_UNIT_TEXT).map((o) => ({ ...o, label: `${o.label}1次` }));

function AgreementForm({
  agreement,
  nursingHomes,
  nursingHomesLoading,
  canEdit,
  onClose,
  onSaved,
  onReload,
}: Omit<AgreementFormDrawerProps, "open">) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AgreementFormValues>();
  const create = useCreateAgreement();
  const update = useUpdateAgreement();
  const running = create.running || update.running;
  const failure = useFormFailure(AGREEMENT_FIELDS);
  const rows = (Form.useWatch("items", form) as ItemRow[] | undefined) ?? [];
  const locked =
    (agreement ? readOnlyReason(agreement) : undefined) ?? (canEdit ? undefined : "当前角色可以查看合作协议，但不能修改。");
  const rootRef = useFormKeys<HTMLDivElement>({ onSave: () => form.submit(), onCancel: onClose });

  const submit = async () => {
    if (running || locked) return;
    failure.reset();
    const input = toAgreementInput(form.getFieldsValue(true) as AgreementFormValues);
    const r = agreement
      ? await update.run({ id: agreement.id, version: agreement.version, input })
      : await create.run(input);
    if (r.ok) {
      message.success(agreement ? `已保存协议 ${r.value.number}` : `已新建协议 ${r.value.number}（草稿）`);
      onSaved(r.value);
      onClose();
      return;
    }
    failure.show(r.error);
  };

  const item = (field: AgreementField) => failure.fieldErrors.itemProps(field);

  return (
    <div data-testid="agreement-form" ref={rootRef}>
      {locked && (
        <div data-testid="agreement-readonly" style={{ marginBottom: 16 }}>
          <Alert type="info" showIcon message="只读" description={locked} />
        </div>
      )}
      <StepFailure failure={failure.banner} onClose={failure.clearBanner} onReload={onReload} what="这份协议" />
      <Form<AgreementFormValues>
        form={form}
        layout="vertical"
        disabled={locked !== undefined}
        initialValues={agreement ? agreementToFormValues(agreement) : newAgreementValues()}
        onFinish={() => void submit()}
        onValuesChange={(changed: AgreementFormValues) => {
          failure.fieldErrors.clear(Object.keys(changed) as AgreementField[]);
          // A row just ticked gets its proposed frequency (S1 weekly, G3 yearly).
          if (changed.items) {
            const all = (form.getFieldValue("items") as ItemRow[] | undefined) ?? [];
            changed.items.forEach((c, i) => {
              if (c?.checked && all[i]) {
                const next = withDefaultFrequency(all[i]);
                if (next !== all[i]) form.setFieldValue(["items", i], next);
              }
            });
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="nursingHomeId" label="合作的养老机构（乙方）" required {...item("nursingHomeId")}>
              <Select
                data-testid="agreement-home"
                placeholder="请选择"
                loading={nursingHomesLoading}
                options={nursingHomes.map((h) => ({ value: h.id, label: h.name }))}
                notFoundContent="还没有登记养老机构：请先在“设置”中登记"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="number" label="协议编号" extra="不填则自动编号" {...item("number")}>
              <Input data-testid="agreement-number" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="startOn" label="开始日期" required {...item("startOn")}>
              <DatePicker data-testid="agreement-start" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="endOn" label="结束日期" required {...item("endOn")}>
              <DatePicker data-testid="agreement-end" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="服务内容（7+3+4）"
          required
          extra="频次不填时按系统默认规则（如定期巡诊每周一次）计算到期。"
          {...item("items")}
        >
          <div data-testid="agreement-items">
            {SERVICE_ITEM_GROUPS.map((g) => (
              <div key={g.title} style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{g.title}</Typography.Text>
                {g.items.map((code) => {
                  const i = SERVICE_ITEMS.indexOf(code);
                  const checked = rows[i]?.checked === true;
                  return (
                    <Space key={code} style={{ display: "flex", marginTop: 4 }} align="center" wrap>
                      <Form.Item name={["items", i, "checked"]} valuePropName="checked" noStyle>
                        <Checkbox data-testid={`agreement-item-${code}`} style={{ width: 240 }}>
                          {code} {SERVICE_ITEM_LABELS[code]}
                        </Checkbox>
                      </Form.Item>
                      {checked && (
                        <Space.Compact>
                          <Form.Item name={["items", i, "every"]} noStyle>
                            <InputNumber
                              data-testid={`agreement-item-${code}-every`}
                              prefix="每"
                              precision={0}
                              placeholder="不定"
                              style={{ width: 110 }}
                            />
                          </Form.Item>
                          <Form.Item name={["items", i, "unit"]} noStyle>
                            <Select data-testid={`agreement-item-${code}-unit`} options={UNIT_OPTIONS} style={{ width: 100 }} />
                          </Form.Item>
                        </Space.Compact>
                      )}
                    </Space>
                  );
                })}
              </div>
            ))}
          </div>
        </Form.Item>
        <Form.Item name="methods" label="服务方式" required {...item("methods")}>
          <Checkbox.Group data-testid="agreement-methods">
            <Space wrap>
              {optionsOf(SERVICE_METHOD_LABELS).map((o) => (
                <Checkbox key={o.value} value={o.value} data-testid={`agreement-method-${o.value}`}>
                  {o.label}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="fileWithinDays" label="建档时限（天）" extra="新入住老人在此天数内建立健康档案" {...item("fileWithinDays")}>
              <Input data-testid="agreement-file-days" suffix="天" inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注" {...item("note")}>
          <Input.TextArea data-testid="agreement-note" rows={3} />
        </Form.Item>
      </Form>
      <Space>
        {!locked && (
          <Button type="primary" loading={running} onClick={() => form.submit()} data-testid="agreement-save">
            保存草稿
          </Button>
        )}
        <Button onClick={onClose} data-testid="agreement-cancel">
          {locked ? "关闭" : "取消"}
        </Button>
      </Space>
    </div>
  );
}
