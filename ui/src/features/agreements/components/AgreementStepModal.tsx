/** 生效 (date, today by default) and 终止 (date and a reason, required by Rust) of an agreement. */
import { DatePicker, Form, Input, Modal } from "antd";
import type { Agreement } from "../../../ipc";
import { useFormFailure } from "../../../shared/useFormFailure";
import { DATE_FORMAT, todayDate } from "../../contracts/contractTerm";
import { StepFailure } from "../../contracts/components/StepFailure";
import { STEP_FIELDS, toAgreementStep } from "../agreementForm";
import type { StepField, StepFormValues } from "../agreementForm";
import { useActivateAgreement, useTerminateAgreement } from "../hooks/useAgreements";

export type AgreementStepKind = "activate" | "terminate";

export interface AgreementStepModalProps {
  kind: AgreementStepKind;
  agreement: Agreement | undefined;
  onClose: () => void;
  onDone: (a: Agreement) => void;
  onReload: () => void;
}

export function AgreementStepModal({ kind, agreement, onClose, onDone, onReload }: AgreementStepModalProps) {
  const [form] = Form.useForm<StepFormValues>();
  const activate = useActivateAgreement();
  const terminate = useTerminateAgreement();
  const step = kind === "activate" ? activate : terminate;
  const failure = useFormFailure(STEP_FIELDS);
  const prefix = kind === "activate" ? "activate" : "agreement-terminate";

  const submit = async () => {
    if (!agreement || step.running) return;
    failure.reset();
    const r = await step.run(toAgreementStep(agreement, form.getFieldsValue(true) as StepFormValues));
    if (r.ok) onDone(r.value);
    else failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    onClose();
  };

  const what = kind === "activate" ? "协议生效" : "终止协议";
  return (
    <Modal
      title={agreement ? `${what}：${agreement.number}（${agreement.nursingHomeName}）` : what}
      open={agreement !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText={kind === "activate" ? "确认生效" : "确认终止"}
      okType={kind === "terminate" ? "danger" : "primary"}
      cancelText="取消"
      confirmLoading={step.running}
      okButtonProps={{ "data-testid": `${prefix}-confirm` }}
      destroyOnHidden
    >
      <StepFailure
        failure={failure.banner}
        onClose={failure.clearBanner}
        what="这份协议"
        onReload={() => {
          close();
          onReload();
        }}
      />
      <Form<StepFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ on: todayDate(), reason: "" }}
        onValuesChange={(changed: StepFormValues) => failure.fieldErrors.clear(Object.keys(changed) as StepField[])}
      >
        <Form.Item
          name="on"
          label={kind === "activate" ? "生效日期" : "终止日期"}
          required
          {...failure.fieldErrors.itemProps("on")}
        >
          <DatePicker data-testid={`${prefix}-date`} format={DATE_FORMAT} style={{ width: "100%" }} />
        </Form.Item>
        {kind === "terminate" && (
          <Form.Item name="reason" label="终止原因" required {...failure.fieldErrors.itemProps("reason")}>
            <Input.TextArea data-testid="agreement-terminate-reason" rows={3} placeholder="如：协议期满不再续签；养老机构停业" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
