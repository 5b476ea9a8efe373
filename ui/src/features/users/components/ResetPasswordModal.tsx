/** 重设密码 for another user (who forgot theirs); the admin tells them the new one. */
import { App, Form, Input, Modal, Typography } from "antd";
import type { InputRef } from "antd";
import { useRef } from "react";
import type { UserRow } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useResetUserPassword } from "../hooks/useUsers";

const RESET_FIELDS = ["password", "passwordAgain"] as const;
type ResetValues = { password?: string; passwordAgain?: string };

export interface ResetPasswordModalProps {
  user: UserRow | undefined;
  onClose: () => void;
  onDone: () => void;
}

export function ResetPasswordModal({ user, onClose, onDone }: ResetPasswordModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const { run, running } = useResetUserPassword();
  const failure = useFormFailure(RESET_FIELDS);
  const firstRef = useRef<InputRef>(null);

  const submit = async () => {
    if (running || !user) return;
    failure.reset();
    const v = form.getFieldsValue(true) as ResetValues;
    const r = await run({ userId: user.id, password: v.password ?? "", passwordAgain: v.passwordAgain ?? "" });
    if (r.ok) {
      message.success(`已为 ${user.name} 重设密码`);
      close();
      onDone();
      return;
    }
    failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      title={user ? `重设密码：${user.name}（${user.login}）` : "重设密码"}
      open={user !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText="重设"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "reset-submit" }}
      destroyOnHidden
      afterOpenChange={(isOpen) => isOpen && firstRef.current?.focus()}
    >
      <Typography.Paragraph type="secondary">新密码请当面告知本人，并提醒其登录后在右上角“修改密码”。</Typography.Paragraph>
      <FailureBanner failure={failure.banner} />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<ResetValues>
          form={form}
          layout="vertical"
          preserve={false}
          onValuesChange={(changed: ResetValues) =>
            failure.fieldErrors.clear(Object.keys(changed) as (keyof ResetValues)[])
          }
        >
          <Form.Item name="password" label="新密码" extra="至少 8 个字符" {...failure.fieldErrors.itemProps("password")}>
            <Input.Password ref={firstRef} data-testid="reset-password" autoFocus autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="passwordAgain" label="再次输入新密码" {...failure.fieldErrors.itemProps("passwordAgain")}>
            <Input.Password data-testid="reset-password-again" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
