/**
 * Phase `upgrade`: data from a version without encryption. The first user chooses a log-in name
 * and password; Rust then encrypts the data file in place and answers with the recovery code.
 */
import { Alert, Button, Form, Input } from "antd";
import type { SetupDone, UpgradeInput } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useUpgradeStore } from "../hooks/useSessionCommands";
import { FullWindow } from "./FullWindow";

const UPGRADE_FIELDS = ["login", "password", "passwordAgain"] as const;
type UpgradeValues = Partial<UpgradeInput>;

export function UpgradePage({ onDone }: { onDone: (done: SetupDone) => void }) {
  const [form] = Form.useForm<UpgradeValues>();
  const { run, running } = useUpgradeStore();
  const failure = useFormFailure(UPGRADE_FIELDS);

  const submit = async () => {
    if (running) return;
    const v = form.getFieldsValue(true) as UpgradeValues;
    failure.reset();
    const r = await run({ login: v.login ?? "", password: v.password ?? "", passwordAgain: v.passwordAgain ?? "" });
    if (r.ok) onDone(r.value);
    else failure.show(r.error);
  };

  const item = (field: (typeof UPGRADE_FIELDS)[number]) => ({ name: field, ...failure.fieldErrors.itemProps(field) });

  return (
    <FullWindow title="为数据加密" width={520} testId="upgrade-page">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="新版本会加密保存全部档案，并要求登录。"
        description="请为第一位用户（机构管理员）设置登录名和密码。设置后数据文件将被加密，只有输入密码才能打开；其他同事的账号可在“用户管理”中添加。"
      />
      <FailureBanner failure={failure.banner} />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<UpgradeValues>
          form={form}
          layout="vertical"
          onFinish={() => void submit()}
          onValuesChange={(changed: UpgradeValues) =>
            failure.fieldErrors.clear(Object.keys(changed) as (keyof UpgradeInput)[])
          }
          disabled={running}
        >
          <Form.Item label="登录名" extra="英文字母、数字和 _ . -，例如 linxy" {...item("login")}>
            <Input data-testid="upgrade-login" autoFocus autoComplete="username" spellCheck={false} />
          </Form.Item>
          <Form.Item label="密码" extra="至少 8 个字符" {...item("password")}>
            <Input.Password data-testid="upgrade-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="再次输入密码" {...item("passwordAgain")}>
            <Input.Password data-testid="upgrade-password-again" autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={running} data-testid="upgrade-submit">
            加密并继续
          </Button>
        </Form>
      </div>
    </FullWindow>
  );
}
