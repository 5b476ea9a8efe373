/** 注册到县级平台: the address, the one-time code and a name for this computer (机构管理员). */
import { App, Alert, Button, Form, Input } from "antd";
import type { SyncStatus } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useEnrol } from "../hooks/useSync";
import { DEVICE_NAME_MAX, ENROL_FIELDS, enrolIssues, toEnrolInput } from "../syncText";
import type { EnrolField, EnrolFormValues } from "../syncText";

export interface EnrolFormProps {
  onEnrolled: (status: SyncStatus) => void;
}

export function EnrolForm({ onEnrolled }: EnrolFormProps) {
  const { message } = App.useApp();
  const canEnrol = useCan("manage_sync");
  const [form] = Form.useForm<EnrolFormValues>();
  const { run, running } = useEnrol();
  const failure = useFormFailure(ENROL_FIELDS);

  const submit = async () => {
    if (running || !canEnrol) return;
    failure.reset();
    const input = toEnrolInput(form.getFieldsValue(true) as EnrolFormValues);
    const issues = enrolIssues(input);
    if (issues.length > 0) {
      failure.fieldErrors.showIssues(issues);
      return;
    }
    const r = await run(input);
    if (r.ok) {
      message.success(`已注册到县级平台：${r.value.overview.institutionName ?? input.serverUrl}，正在同步`);
      form.resetFields();
      onEnrolled(r.value);
      return;
    }
    failure.show(r.error);
  };

  const item = (field: EnrolField) => ({ name: field, ...failure.fieldErrors.itemProps(field) });

  return (
    <div data-testid="sync-enrol">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="本机尚未注册到县级平台"
        description={
          canEnrol
            ? "请填写县级平台的服务器地址和县级管理员发放的注册码（7 天内有效，只能使用一次）。注册后，本机的修改会自动上传，其他机构的相关数据会自动下载。"
            : "只有机构管理员可以把本机注册到县级平台。注册前，本机的修改会保留在本机，注册后自动上传。"
        }
      />
      <FailureBanner failure={failure.banner} testId="sync-enrol-error" />
      <div onKeyDown={enterSubmits(() => void submit())}>
        <Form<EnrolFormValues>
          form={form}
          layout="vertical"
          disabled={!canEnrol}
          style={{ maxWidth: 520 }}
          data-testid="sync-enrol-form"
          onValuesChange={(changed: EnrolFormValues) => {
            failure.fieldErrors.clear(Object.keys(changed) as EnrolField[]);
          }}
        >
          <Form.Item label="服务器地址" extra="县级平台的网址，例如 https://yiyang.xx县.gov.cn" {...item("serverUrl")}>
            <Input data-testid="sync-server-url" autoComplete="off" spellCheck={false} placeholder="https://" />
          </Form.Item>
          <Form.Item label="注册码" {...item("code")}>
            <Input data-testid="sync-enrol-code" autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item label="本机名称" extra="县级管理员在设备列表中看到的名称" {...item("deviceName")}>
            <Input
              data-testid="sync-device-name"
              autoComplete="off"
              maxLength={DEVICE_NAME_MAX + 10}
              placeholder="例如：护士站笔记本"
            />
          </Form.Item>
          <Button type="primary" loading={running} onClick={() => void submit()} data-testid="sync-enrol-submit">
            注册
          </Button>
        </Form>
      </div>
    </div>
  );
}
