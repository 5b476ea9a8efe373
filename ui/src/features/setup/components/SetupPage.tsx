/** 设置向导: first run registers this institution and its first user. */
import { Button, Card, Col, Form, Input, Row, Typography } from "antd";
import { useState } from "react";
import type { InstitutionKind, IpcError, SetupDone } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FormErrorBanner } from "../../../shared/FormErrorBanner";
import { useFieldErrors } from "../../../shared/useFieldErrors";
import { InstitutionFields } from "../../institutions/components/InstitutionFields";
import { INSTITUTION_FIELDS, toInstitutionInput } from "../../institutions/institutionForm";
import type { InstitutionFormValues } from "../../institutions/institutionForm";
import { useCompleteSetup } from "../hooks/useSetupState";

const OWN_KINDS: readonly InstitutionKind[] = [
  "township_clinic",
  "community_health_center",
  "elderly_home",
  "care_institution",
];

const SETUP_FIELDS = [...INSTITUTION_FIELDS, "userName", "login", "password", "passwordAgain"] as const;
type SetupField = (typeof SETUP_FIELDS)[number];
type SetupFormValues = InstitutionFormValues & {
  userName?: string;
  login?: string;
  password?: string;
  passwordAgain?: string;
};

export interface SetupPageProps {
  /** Set-up is done; the recovery code still has to be shown. */
  onDone: (done: SetupDone) => void;
}

export function SetupPage({ onDone }: SetupPageProps) {
  const [form] = Form.useForm<SetupFormValues>();
  const { submit, submitting } = useCompleteSetup();
  const fieldErrors = useFieldErrors<SetupField>(SETUP_FIELDS);
  const [banner, setBanner] = useState<IpcError>();

  const onFinish = async () => {
    if (submitting) return;
    const values = form.getFieldsValue(true) as SetupFormValues;
    setBanner(undefined);
    const r = await submit({
      institution: toInstitutionInput(values),
      userName: values.userName ?? "",
      login: values.login ?? "",
      password: values.password ?? "",
      passwordAgain: values.passwordAgain ?? "",
    });
    if (r.ok) {
      onDone(r.value);
      return;
    }
    const unmatched = fieldErrors.showIssues(r.error.fields);
    if (r.error.code !== "validation" || unmatched.length > 0 || r.error.fields.length === 0) {
      setBanner({ ...r.error, fields: unmatched });
    }
  };

  return (
    <div style={{ maxWidth: 760, margin: "32px auto", padding: "0 16px" }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          医养通 · 设置向导
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用：请登记本机构和第一位用户（机构管理员）。机构信息用于生成居民健康档案编号（县级区划 6 位 + 乡镇 3 位 +
          村/居委会 3 位 + 顺序号 5 位）。
        </Typography.Paragraph>
        {banner && (
          <FormErrorBanner
            message={banner.message}
            description={banner.fields.map((f) => f.message).join("；") || undefined}
            onClose={() => setBanner(undefined)}
          />
        )}
        <div onKeyDown={enterSubmits(() => form.submit())}>
          <Form<SetupFormValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: "township_clinic" }}
            onFinish={onFinish}
            onValuesChange={(changed: Partial<SetupFormValues>) =>
              fieldErrors.clear(Object.keys(changed) as SetupField[])
            }
            disabled={submitting}
          >
            <InstitutionFields
              testIdPrefix="setup"
              kinds={OWN_KINDS}
              itemProps={fieldErrors.itemProps}
              autoFocusName
            />
            <Typography.Title level={5}>第一位用户（机构管理员）</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="userName"
                  label="姓名"
                  extra="将记录为档案的建档人和修改人"
                  {...fieldErrors.itemProps("userName")}
                >
                  <Input data-testid="setup-user-name" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="login"
                  label="登录名"
                  extra="英文字母、数字和 _ . -，例如 linxy"
                  {...fieldErrors.itemProps("login")}
                >
                  <Input data-testid="setup-login" autoComplete="username" spellCheck={false} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="password" label="密码" extra="至少 8 个字符" {...fieldErrors.itemProps("password")}>
                  <Input.Password data-testid="setup-password" autoComplete="new-password" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="passwordAgain" label="再次输入密码" {...fieldErrors.itemProps("passwordAgain")}>
                  <Input.Password data-testid="setup-password-again" autoComplete="new-password" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Paragraph type="secondary">
              完成设置后，数据文件将被加密，并显示一次恢复码：忘记所有管理员密码时只能用它找回数据。
            </Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="setup-submit">
              完成设置
            </Button>
          </Form>
        </div>
      </Card>
    </div>
  );
}
