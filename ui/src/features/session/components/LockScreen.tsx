/**
 * 已锁定: shown instead of the whole shell, so nothing of the data stays on screen or in the page.
 * The same user unlocks with their password; 切换用户 logs out.
 */
import { LockOutlined } from "@ant-design/icons";
import { Button, Form, Input, Space, Typography } from "antd";
import type { IpcError, SessionInfo } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useUnlock } from "../hooks/useSessionCommands";
import { FullWindow } from "./FullWindow";

const UNLOCK_FIELDS = ["password"] as const;

export interface LockScreenProps {
  /** Whose password unlocks. */
  userName: string | null;
  onUnlocked: (session: SessionInfo) => void;
  onSwitchUser: () => void;
  /** Every refusal, after it is shown (the shell checks whether the data file broke). */
  onFailed?: (e: IpcError) => void;
}

export function LockScreen({ userName, onUnlocked, onSwitchUser, onFailed }: LockScreenProps) {
  const [form] = Form.useForm<{ password?: string }>();
  const { run, running } = useUnlock();
  const failure = useFormFailure(UNLOCK_FIELDS);

  const submit = async () => {
    if (running) return;
    failure.reset();
    const r = await run((form.getFieldValue("password") as string | undefined) ?? "");
    if (r.ok) {
      onUnlocked(r.value);
      return;
    }
    form.setFieldValue("password", "");
    failure.show(r.error);
    onFailed?.(r.error);
  };

  return (
    <FullWindow
      testId="lock-screen"
      title={
        <Space>
          <LockOutlined />
          已锁定
        </Space>
      }
      subtitle="长时间没有操作，为保护居民信息，窗口已锁定。"
    >
      <Typography.Paragraph>
        当前用户：
        <Typography.Text strong data-testid="lock-user">
          {userName ?? "—"}
        </Typography.Text>
      </Typography.Paragraph>
      <FailureBanner failure={failure.banner} testId="lock-error" />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form form={form} layout="vertical" onFinish={() => void submit()} onValuesChange={() => failure.fieldErrors.clear()}>
          <Form.Item name="password" label="密码" {...failure.fieldErrors.itemProps("password")}>
            <Input.Password data-testid="lock-password" autoFocus autoComplete="current-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={running} data-testid="lock-submit">
              解锁
            </Button>
            <Button onClick={onSwitchUser} data-testid="lock-switch-user">
              切换用户
            </Button>
          </Space>
        </Form>
      </div>
    </FullWindow>
  );
}
