/** 修改密码 (from the user menu): the old password, and the new one twice. */
import { App, Form, Input, Modal } from "antd";
import type { InputRef } from "antd";
import { useRef } from "react";
import type { ChangePasswordInput } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useChangePassword } from "../hooks/useSessionCommands";

const CHANGE_FIELDS = ["oldPassword", "newPassword", "newPasswordAgain"] as const;
type ChangeValues = Partial<ChangePasswordInput>;

export interface ChangePasswordModalProps {
  open: boolean;
  onClose: () => void;
}

export function ChangePasswordModal({ open, onClose }: ChangePasswordModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const { run, running } = useChangePassword();
  const failure = useFormFailure(CHANGE_FIELDS);
  const firstRef = useRef<InputRef>(null);

  const submit = async () => {
    if (running) return;
    const v = form.getFieldsValue(true) as ChangeValues;
    failure.reset();
    const r = await run({
      oldPassword: v.oldPassword ?? "",
      newPassword: v.newPassword ?? "",
      newPasswordAgain: v.newPasswordAgain ?? "",
    });
    if (r.ok) {
      message.success("密码已修改");
      close();
      return;
    }
    failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    form.resetFields();
    onClose();
  };

  const item = (field: (typeof CHANGE_FIELDS)[number]) => ({ name: field, ...failure.fieldErrors.itemProps(field) });

  return (
    <Modal
      title="修改密码"
      open={open}
      onCancel={close}
      onOk={() => void submit()}
      okText="修改"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "cp-submit" }}
      destroyOnHidden
      afterOpenChange={(isOpen) => isOpen && firstRef.current?.focus()}
    >
      <FailureBanner failure={failure.banner} />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<ChangeValues>
          form={form}
          layout="vertical"
          preserve={false}
          onValuesChange={(changed: ChangeValues) =>
            failure.fieldErrors.clear(Object.keys(changed) as (keyof ChangePasswordInput)[])
          }
        >
          <Form.Item label="当前密码" {...item("oldPassword")}>
            <Input.Password ref={firstRef} data-testid="cp-old" autoFocus autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" extra="至少 8 个字符" {...item("newPassword")}>
            <Input.Password data-testid="cp-new" autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="再次输入新密码" {...item("newPasswordAgain")}>
            <Input.Password data-testid="cp-new-again" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
