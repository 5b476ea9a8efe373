/** 新建用户: log-in name, name, role, institution and a first password (given to the person). */
import { App, Col, Form, Input, Modal, Row, Select } from "antd";
import type { InputRef } from "antd";
import { useRef } from "react";
import type { Institution, Role, UserRow } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { ROLE_LABELS, optionsOf } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useCreateUser } from "../hooks/useUsers";
import { USER_FIELDS, defaultInstitutionId, institutionChoices, toUserInput } from "../userForm";
import type { UserField, UserFormValues } from "../userForm";

export interface NewUserModalProps {
  open: boolean;
  clinic: Institution;
  nursingHomes: readonly Institution[];
  nursingHomesLoading: boolean;
  onClose: () => void;
  onCreated: (user: UserRow) => void;
}

export function NewUserModal({ open, clinic, nursingHomes, nursingHomesLoading, onClose, onCreated }: NewUserModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const { run, running } = useCreateUser();
  const failure = useFormFailure(USER_FIELDS);
  const role = Form.useWatch("role", form) as Role | null | undefined;
  const choices = institutionChoices(role, clinic, nursingHomes);
  const firstRef = useRef<InputRef>(null);

  const submit = async () => {
    if (running) return;
    failure.reset();
    const r = await run(toUserInput(form.getFieldsValue(true) as UserFormValues));
    if (r.ok) {
      message.success(`已新建用户：${r.value.name}（${r.value.login}）`);
      close();
      onCreated(r.value);
      return;
    }
    failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    form.resetFields();
    onClose();
  };

  const item = (field: UserField) => ({ name: field, ...failure.fieldErrors.itemProps(field) });

  return (
    <Modal
      title="新建用户"
      open={open}
      onCancel={close}
      onOk={() => void submit()}
      okText="新建"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "user-submit" }}
      width={640}
      destroyOnHidden
      afterOpenChange={(isOpen) => isOpen && firstRef.current?.focus()}
    >
      <FailureBanner failure={failure.banner} />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<UserFormValues>
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="user-form"
          onValuesChange={(changed: UserFormValues) => {
            failure.fieldErrors.clear(Object.keys(changed) as UserField[]);
            if ("role" in changed) {
              const next = institutionChoices(changed.role, clinic, nursingHomes);
              form.setFieldValue("institutionId", defaultInstitutionId(next, form.getFieldValue("institutionId") as string | undefined));
              failure.fieldErrors.clear(["institutionId"]);
            }
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="登录名" extra="英文字母、数字和 _ . -，例如 wangys" {...item("login")}>
                <Input ref={firstRef} data-testid="user-login" autoFocus autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="姓名" {...item("name")}>
                <Input data-testid="user-name" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="角色" {...item("role")}>
                <Select data-testid="user-role" placeholder="请选择" options={optionsOf(ROLE_LABELS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="所属机构"
                extra={role === "care_home_admin" && nursingHomes.length === 0 ? "请先在“设置”中登记养老机构" : undefined}
                {...item("institutionId")}
              >
                <Select
                  data-testid="user-institution"
                  placeholder={role ? "请选择" : "请先选择角色"}
                  loading={nursingHomesLoading}
                  options={choices.map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="初始密码" extra="至少 8 个字符；请当面告知本人并提醒其登录后修改" {...item("password")}>
                <Input.Password data-testid="user-password" autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="再次输入密码" {...item("passwordAgain")}>
                <Input.Password data-testid="user-password-again" autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
