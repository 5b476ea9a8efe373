/** The home-care forms: a plan's services, a delivery, a family bed, its end and a bed visit. */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Radio, Select, Space } from "antd";
import { optionsOf } from "../../../../shared/labels";
import { useCatalogue } from "../../../homecare/hooks/useHomeCare";
import {
  BED_LEVEL_LABELS,
  CONFIRMATION_LABELS,
  PAYER_LABELS,
  SERVICE_UNIT_LABELS,
} from "../../../homecare/homeCareLabels";
import { formatCents } from "../../../contracts/money";
import { FrequencyInput } from "./FrequencyInput";
import { Text } from "./SimpleForms";
import type { KindFormProps } from "./formProps";

function useServiceOptions() {
  const { catalogue } = useCatalogue();
  return catalogue.map((i) => ({
    value: i.code,
    label: `${i.name}（${formatCents(i.priceCents)}/${SERVICE_UNIT_LABELS[i.unit]}，${PAYER_LABELS[i.payer]}）`,
  }));
}

export function HomeCarePlanForm(p: KindFormProps) {
  const options = useServiceOptions();
  return (
    <>
      <Form.Item label="服务项目、频次和服务人员" {...p.errorOf("services")}>
        <Form.List name="services">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap data-testid={`plan-row-${i}`}>
                  <Form.Item name={[f.name, "service"]} noStyle>
                    <Select
                      data-testid={`plan-service-${i}`}
                      options={options}
                      placeholder="选择服务"
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 260 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "frequency"]} noStyle>
                    <FrequencyInput testId={`plan-frequency-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, "provider"]} noStyle>
                    <Input data-testid={`plan-provider-${i}`} placeholder="服务人员" style={{ width: 140 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined aria-label="删除此项" onClick={() => remove(f.name)} />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                data-testid="plan-add-service"
                icon={<PlusOutlined />}
                onClick={() => add({ service: undefined, frequency: null, provider: "" })}
                style={{ marginTop: 8 }}
              >
                添加服务
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Text {...p} label="备注" field="note" multiline />
    </>
  );
}

export function HomeServiceForm(p: KindFormProps) {
  const options = useServiceOptions();
  return (
    <>
      <Form.Item label="服务项目" extra="单价和默认付费方式取自服务目录" {...p.item("service")}>
        <Select data-testid="rec-service" options={options} showSearch optionFilterProp="label" placeholder="选择服务" />
      </Form.Item>
      <Space wrap>
        <Form.Item label="数量" {...p.item("quantity")}>
          <Input data-testid="rec-quantity" inputMode="decimal" autoComplete="off" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="时长（分钟，可不填）" {...p.item("minutes")}>
          <Input data-testid="rec-minutes" inputMode="numeric" autoComplete="off" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="付费方式" {...p.item("payer")}>
          <Select
            data-testid="rec-payer"
            allowClear
            placeholder="按服务目录"
            options={optionsOf(PAYER_LABELS)}
            style={{ width: 160 }}
          />
        </Form.Item>
      </Space>
      <Text {...p} label="服务人员" field="provider" />
      <Form.Item label="服务确认" {...p.item("confirmation")}>
        <Radio.Group data-testid="rec-confirmation" options={optionsOf(CONFIRMATION_LABELS)} />
      </Form.Item>
      <Text {...p} label="确认人姓名" field="confirmedBy" extra="本人或家属签字确认时填写" />
      <Text {...p} label="备注" field="note" multiline extra="未确认时请说明原因" />
    </>
  );
}

export function FamilyBedForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="床位地址" field="address" />
      <Form.Item label="服务等级" {...p.item("level")}>
        <Radio.Group data-testid="rec-level" options={optionsOf(BED_LEVEL_LABELS)} />
      </Form.Item>
      <Text {...p} label="管理服务机构" field="centre" placeholder="如：城南镇养老服务中心" />
      <Text {...p} label="适老化改造" field="adaptations" multiline placeholder="如：卫生间扶手、防滑地面" />
      <Text {...p} label="设备" field="devices" multiline placeholder="如：紧急呼叫器、烟感报警器" />
    </>
  );
}

export function FamilyBedEndForm(p: KindFormProps) {
  return <Text {...p} label="撤销原因" field="reason" multiline />;
}

export function BedVisitForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="服务人员" field="provider" />
      <Text {...p} label="巡访情况" field="findings" multiline />
    </>
  );
}
