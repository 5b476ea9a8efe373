/** 作废: the entry stays on file, marked as entered in error, with the reason. */
import { App, Form, Input, Modal, Typography } from "antd";
import type { CareRecord } from "../../../ipc";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useVoidRecord } from "../hooks/useSaveRecord";
import { recordTitle } from "../recordKinds";

const VOID_FIELDS = ["reason"] as const;

export interface VoidRecordModalProps {
  record: CareRecord | null;
  onClose: () => void;
  onVoided: (voidEntry: CareRecord) => void;
}

export function VoidRecordModal({ record, onClose, onVoided }: VoidRecordModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const failure = useFormFailure(VOID_FIELDS);
  const { voidRecord, voiding } = useVoidRecord();

  const close = () => {
    failure.reset();
    onClose();
  };

  const submit = async () => {
    if (!record || voiding) return;
    failure.clearBanner();
    const reason = (form.getFieldValue("reason") as string | undefined) ?? "";
    const r = await voidRecord({ recordId: record.id, reason });
    if (r.ok) {
      message.success("记录已作废");
      failure.reset();
      onVoided(r.value);
      return;
    }
    failure.show(r.error);
  };

  return (
    <Modal
      title="作废记录"
      open={record !== null}
      onCancel={close}
      onOk={() => void submit()}
      okText="作废"
      okButtonProps={{ danger: true, "data-testid": "void-submit" }}
      confirmLoading={voiding}
      destroyOnHidden
    >
      {record && (
        <Typography.Paragraph>
          {record.occurredOn} · {recordTitle(record)}：{record.summary}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">作废后原记录仍保留在更正历史中，不再计入服务完成情况。</Typography.Paragraph>
      <FailureBanner failure={failure.banner} />
      <Form form={form} layout="vertical" preserve={false} onValuesChange={() => failure.fieldErrors.clear(["reason"])}>
        <Form.Item name="reason" label="作废原因" required {...failure.fieldErrors.itemProps("reason")}>
          <Input.TextArea data-testid="void-reason" autoSize={{ minRows: 2, maxRows: 5 }} autoFocus placeholder="如：误录到其他居民名下" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
