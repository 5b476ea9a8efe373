/** The short forms: plans, notes, referral, booking, round, absence, visit and care plans. */
import { DatePicker, Form, Input, Select } from "antd";
import { ABSENCE_REASON_LABELS, optionsOf } from "../../../../shared/labels";
import { DATE_FORMAT } from "../../recordForm";
import { FrequencyInput } from "./FrequencyInput";
import type { KindFormProps } from "./formProps";

/** One text field of an entry form, `rec-<field>` for tests. */
export function Text({ label, field, item, multiline, placeholder, extra }: KindFormProps & {
  label: string;
  field: string;
  multiline?: boolean;
  placeholder?: string;
  extra?: string;
}) {
  return (
    <Form.Item label={label} extra={extra} {...item(field)}>
      {multiline ? (
        <Input.TextArea data-testid={`rec-${field}`} autoSize={{ minRows: 3, maxRows: 10 }} placeholder={placeholder} />
      ) : (
        <Input data-testid={`rec-${field}`} autoComplete="off" placeholder={placeholder} />
      )}
    </Form.Item>
  );
}

export function PlanForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="主要健康问题" field="problems" multiline />
      <Text {...p} label="管理目标" field="goals" multiline />
      <Text {...p} label="干预措施（用药、饮食、运动、随访）" field="measures" multiline />
    </>
  );
}

export function NoteForm(p: KindFormProps & { label?: string }) {
  return <Text {...p} label={p.label ?? "记录内容"} field="note" multiline />;
}

export function ReferralForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="转往医院及科室" field="destination" placeholder="如：县人民医院 心内科" />
      <Text {...p} label="转诊原因" field="reason" multiline />
    </>
  );
}

export function BookingForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="医院" field="hospital" />
      <Text {...p} label="科室/专家" field="department" />
      <Form.Item label="预约日期" extra="尚未确定可不填" {...p.item("appointmentOn")}>
        <DatePicker data-testid="rec-appointmentOn" format={DATE_FORMAT} style={{ width: 200 }} />
      </Form.Item>
      <Text {...p} label="备注" field="note" />
    </>
  );
}

export function RoundForm(p: KindFormProps) {
  const vital = (field: string, label: string, unit: string) => (
    <Form.Item label={label} {...p.item(field)} style={{ display: "inline-block", width: 180, marginRight: 12 }}>
      <Input data-testid={`rec-${field}`} suffix={unit} inputMode="decimal" autoComplete="off" />
    </Form.Item>
  );
  return (
    <>
      <div>
        {vital("systolic", "收缩压", "mmHg")}
        {vital("diastolic", "舒张压", "mmHg")}
        {vital("pulse", "脉搏", "次/分")}
        {vital("glucose", "血糖（未测可不填）", "mmol/L")}
      </div>
      <Text {...p} label="备注" field="note" />
    </>
  );
}

export function AbsenceForm(p: KindFormProps) {
  return (
    <>
      <Form.Item label="未能巡诊的原因" {...p.item("reason")}>
        <Select data-testid="rec-reason" options={optionsOf(ABSENCE_REASON_LABELS)} style={{ width: 200 }} />
      </Form.Item>
      <Text {...p} label="备注" field="note" />
    </>
  );
}

export function VisitForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="出诊原因" field="reason" multiline />
      <Text {...p} label="备注" field="note" />
    </>
  );
}

export function CarePlanForm(p: KindFormProps) {
  return (
    <>
      <Text {...p} label="计划内容" field="content" multiline />
      <Form.Item label="服务频次" extra="不填数字表示不定期" {...p.item("frequency")}>
        <FrequencyInput testId="rec-frequency" />
      </Form.Item>
    </>
  );
}
