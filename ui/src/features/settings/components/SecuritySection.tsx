/** 设置 → 安全: how long the window waits without input before it locks itself. */
import { App, Button, Card, Form, InputNumber, Space, Typography } from "antd";
import type { Settings } from "../../../ipc";
import type { Result } from "../../../shared/result";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";

const SECURITY_FIELDS = ["idleLockMinutes"] as const;

export interface SecuritySectionProps {
  settings: Settings;
  canChange: boolean;
  save: (s: Settings) => Promise<Result<Settings>>;
  saving: boolean;
  onSaved: () => void;
}

export function SecuritySection({ settings, canChange, save, saving, onSaved }: SecuritySectionProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idleLockMinutes?: number | null }>();
  const failure = useFormFailure(SECURITY_FIELDS);

  const submit = async () => {
    if (saving) return;
    failure.reset();
    const minutes = form.getFieldValue("idleLockMinutes") as number | null | undefined;
    // An empty box is sent as 0 so Rust names the allowed range.
    const r = await save({ ...settings, idleLockMinutes: minutes ?? 0 });
    if (r.ok) {
      message.success("已保存安全设置");
      form.setFieldsValue({ idleLockMinutes: r.value.idleLockMinutes });
      onSaved();
    } else {
      failure.show(r.error);
    }
  };

  return (
    <Card title="安全" style={{ marginTop: 16 }} data-testid="settings-security">
      <FailureBanner failure={failure.banner} />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ idleLockMinutes: settings.idleLockMinutes }}
          disabled={!canChange}
          onFinish={() => void submit()}
          onValuesChange={() => failure.fieldErrors.clear()}
        >
          <Form.Item
            name="idleLockMinutes"
            label="无操作自动锁定（分钟）"
            extra="1–120 分钟。锁定后需输入密码才能继续使用，屏幕上不再显示任何居民信息。"
            {...failure.fieldErrors.itemProps("idleLockMinutes")}
          >
            <InputNumber data-testid="settings-idle-minutes" min={1} max={120} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-security-save">
              保存
            </Button>
            {!canChange && <Typography.Text type="secondary">只有机构管理员可以修改。</Typography.Text>}
          </Space>
        </Form>
      </div>
    </Card>
  );
}
