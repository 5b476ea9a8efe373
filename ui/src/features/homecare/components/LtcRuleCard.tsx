/**
 * 长护险规则: the least severe grade that qualifies, the monthly cap and how long an assessment
 * stays valid. Counties differ (some pay from 中度失能), so an administrator sets them; Rust checks
 * the values and every statement and eligibility follows at once.
 */
import { formatCents } from "../../contracts/money";
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space } from "antd";
import type { DisabilityGrade, LtcSettingsInput } from "../../../ipc";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { DISABILITY_GRADE_LABELS } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useLtcSettings, useSaveLtcSettings } from "../hooks/useHomeCare";

const FIELDS = ["minGrade", "monthlyCap", "validMonths"] as const;
type Field = (typeof FIELDS)[number];
type Values = { minGrade?: DisabilityGrade; monthlyCap?: string; validMonths?: string };

const GRADES: DisabilityGrade[] = ["moderate", "severe", "total"];

export function LtcRuleCard({ canEdit }: { canEdit: boolean }) {
  const { settings, error, reload } = useLtcSettings();
  const { run, running } = useSaveLtcSettings();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const failure = useFormFailure(FIELDS);
  const item = (f: Field) => ({ name: f, ...failure.fieldErrors.itemProps(f) });

  const submit = async () => {
    if (running) return;
    failure.reset();
    const v = form.getFieldsValue(true) as Values;
    const input: LtcSettingsInput = {
      minGrade: v.minGrade ?? null,
      monthlyCap: v.monthlyCap ?? "",
      validMonths: v.validMonths ?? "",
    };
    const r = await run(input);
    if (r.ok) {
      message.success("长护险规则已保存");
      reload();
      return;
    }
    failure.show(r.error);
  };

  return (
    <Card title="长护险规则" size="small" style={{ marginTop: 16 }} data-testid="ltc-rule">
      {error && <Alert type="error" showIcon message={error.message} />}
      {settings && (
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="享受待遇的失能等级">{DISABILITY_GRADE_LABELS[settings.minGrade]}及以上</Descriptions.Item>
          <Descriptions.Item label="月度限额">{formatCents(settings.monthlyCapCents)}</Descriptions.Item>
          <Descriptions.Item label="评估有效期">
            {settings.validMonths} 个月{settings.customised ? "（本县设置）" : "（内置规则）"}
          </Descriptions.Item>
        </Descriptions>
      )}
      {canEdit && settings && (
        <>
          <FailureBanner failure={failure.banner} />
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              minGrade: settings.minGrade,
              monthlyCap: String(settings.monthlyCapCents / 100),
              validMonths: String(settings.validMonths),
            }}
            onFinish={() => void submit()}
            onValuesChange={(changed: Values) => failure.fieldErrors.clear(Object.keys(changed) as Field[])}
          >
            <Space wrap align="start">
              <Form.Item label="最低失能等级" {...item("minGrade")}>
                <Select
                  data-testid="ltc-min-grade"
                  options={GRADES.map((g) => ({ value: g, label: DISABILITY_GRADE_LABELS[g] }))}
                  style={{ width: 160 }}
                />
              </Form.Item>
              <Form.Item label="月度限额（元）" {...item("monthlyCap")}>
                <Input data-testid="ltc-cap" style={{ width: 140 }} />
              </Form.Item>
              <Form.Item label="评估有效期（月）" {...item("validMonths")}>
                <Input data-testid="ltc-months" style={{ width: 120 }} />
              </Form.Item>
            </Space>
            <Button htmlType="submit" loading={running} data-testid="ltc-save">
              保存长护险规则
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
