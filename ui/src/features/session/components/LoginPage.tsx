/** 登录 (phase `log_in`), with the way back in through the recovery code. */
import { Alert, Button, Form, Input, Space, Typography } from "antd";
import type { InputRef } from "antd";
import { useRef, useState } from "react";
import type { IpcError, LogInInput, Role, SessionInfo } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { ROLE_LABELS } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useLogIn } from "../hooks/useSessionCommands";
import { FullWindow } from "./FullWindow";
import { RecoverForm } from "./RecoverForm";

/** The accounts of the demo county (`--demo`); all share one password. */
export const DEMO_ACCOUNTS: readonly { login: string; role: Role }[] = [
  { login: "linxy", role: "clinic_admin" },
  { login: "wangys", role: "doctor" },
  { login: "zhaohs", role: "nurse" },
  { login: "liugw", role: "public_health" },
  { login: "chenyl", role: "care_home_admin" },
];
export const DEMO_PASSWORD = "yiyang2026";

export interface LoginPageProps {
  /** The demo county is loaded: list its accounts. */
  demo: boolean;
  onLoggedIn: (session: SessionInfo) => void;
  /** Every refusal, after it is shown (the shell checks whether the data file broke). */
  onFailed?: (e: IpcError) => void;
}

export function LoginPage({ demo, onLoggedIn, onFailed }: LoginPageProps) {
  const [recovering, setRecovering] = useState(false);
  if (recovering) {
    return (
      <FullWindow title="使用恢复码找回" subtitle="输入设置时打印的恢复码，为机构管理员设置新密码。" width={480}>
        <RecoverForm onRecovered={onLoggedIn} onBack={() => setRecovering(false)} onFailed={onFailed} />
      </FullWindow>
    );
  }
  return (
    <FullWindow title="医养通 · 登录" subtitle="请输入您的登录名和密码。">
      <LogInForm demo={demo} onLoggedIn={onLoggedIn} onFailed={onFailed} onForgot={() => setRecovering(true)} />
    </FullWindow>
  );
}

const LOGIN_FIELDS = ["login", "password"] as const;
type LogInValues = Partial<LogInInput>;

function LogInForm({
  demo,
  onLoggedIn,
  onFailed,
  onForgot,
}: {
  demo: boolean;
  onLoggedIn: (session: SessionInfo) => void;
  onFailed?: (e: IpcError) => void;
  onForgot: () => void;
}) {
  const [form] = Form.useForm<LogInValues>();
  const { run, running } = useLogIn();
  const failure = useFormFailure(LOGIN_FIELDS);
  const passwordRef = useRef<InputRef>(null);

  const submit = async () => {
    if (running) return;
    const v = form.getFieldsValue(true) as LogInValues;
    failure.reset();
    const r = await run({ login: v.login ?? "", password: v.password ?? "" });
    if (r.ok) {
      onLoggedIn(r.value);
      return;
    }
    failure.show(r.error);
    if (r.error.code === "wrong_password") {
      form.setFieldValue("password", "");
      passwordRef.current?.focus();
    }
    onFailed?.(r.error);
  };

  const fillDemo = (login: string) => {
    form.setFieldsValue({ login, password: DEMO_PASSWORD });
    failure.reset();
    passwordRef.current?.focus();
  };

  return (
    <>
      <FailureBanner failure={failure.banner} testId="login-error" />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<LogInValues>
          form={form}
          layout="vertical"
          data-testid="login-form"
          onFinish={() => void submit()}
          onValuesChange={(changed: LogInValues) =>
            failure.fieldErrors.clear(Object.keys(changed) as (keyof LogInInput)[])
          }
        >
          <Form.Item name="login" label="登录名" {...failure.fieldErrors.itemProps("login")}>
            <Input data-testid="login-login" autoFocus autoComplete="username" spellCheck={false} />
          </Form.Item>
          <Form.Item name="password" label="密码" {...failure.fieldErrors.itemProps("password")}>
            <Input.Password ref={passwordRef} data-testid="login-password" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={running} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </div>
      <div style={{ marginTop: 12, textAlign: "right" }}>
        <Typography.Link onClick={onForgot} data-testid="login-forgot">
          忘记密码？使用恢复码
        </Typography.Link>
      </div>
      {demo && (
        <Alert
          data-testid="demo-accounts"
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          message={`演示数据：以下账号的密码都是 ${DEMO_PASSWORD}`}
          description={
            <Space direction="vertical" size={2}>
              {DEMO_ACCOUNTS.map((a) => (
                <Typography.Link key={a.login} onClick={() => fillDemo(a.login)} data-testid={`demo-account-${a.login}`}>
                  {a.login}（{ROLE_LABELS[a.role]}）
                </Typography.Link>
              ))}
            </Space>
          }
        />
      )}
    </>
  );
}
