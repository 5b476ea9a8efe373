/** 忘记密码：the recovery code sets a new password for a 机构管理员 and logs them in. */
import { App, Button, Form, Input, Space } from "antd";
import type { IpcError, RecoverInput, SessionInfo } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useRecoverAccess } from "../hooks/useSessionCommands";

const RECOVER_FIELDS = ["recoveryCode", "login", "newPassword", "newPasswordAgain"] as const;
type RecoverValues = Partial<RecoverInput>;

export interface RecoverFormProps {
  onRecovered: (session: SessionInfo) => void;
  onBack: () => void;
  onFailed?: (e: IpcError) => void;
}

export function RecoverForm({ onRecovered, onBack, onFailed }: RecoverFormProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RecoverValues>();
  const { run, running } = useRecoverAccess();
  const failure = useFormFailure(RECOVER_FIELDS);

  const submit = async () => {
    if (running) return;
    const v = form.getFieldsValue(true) as RecoverValues;
    failure.reset();
    const r = await run({
      recoveryCode: v.recoveryCode ?? "",
      login: v.login ?? "",
      newPassword: v.newPassword ?? "",
      newPasswordAgain: v.newPasswordAgain ?? "",
    });
    if (r.ok) {
      message.success("已设置新密码并登录");
      onRecovered(r.value);
      return;
    }
    failure.show(r.error);
    onFailed?.(r.error);
  };

  const item = (field: (typeof RECOVER_FIELDS)[number]) => ({ name: field, ...failure.fieldErrors.itemProps(field) });

  return (
    <>
      <FailureBanner failure={failure.banner} testId="recover-error" />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<RecoverValues>
          form={form}
          layout="vertical"
          data-testid="recover-form"
          onFinish={() => void submit()}
          onValuesChange={(changed: RecoverValues) =>
            failure.fieldErrors.clear(Object.keys(changed) as (keyof RecoverInput)[])
          }
        >
          <Form.Item label="恢复码" extra="例如 ABCD-EFGH-…，大小写均可" {...item("recoveryCode")}>
            <Input
              data-testid="recover-code"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              style={{ fontFamily: "monospace" }}
            />
          </Form.Item>
          <Form.Item label="机构管理员登录名" {...item("login")}>
            <Input data-testid="recover-login" autoComplete="username" spellCheck={false} />
          </Form.Item>
          <Form.Item label="新密码" extra="至少 8 个字符" {...item("newPassword")}>
            <Input.Password data-testid="recover-new-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="再次输入新密码" {...item("newPasswordAgain")}>
            <Input.Password data-testid="recover-new-password-again" autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={running} data-testid="recover-submit">
              设置新密码并登录
            </Button>
            <Button onClick={onBack} data-testid="recover-back">
              返回登录
            </Button>
          </Space>
        </Form>
      </div>
    </>
  );
}
