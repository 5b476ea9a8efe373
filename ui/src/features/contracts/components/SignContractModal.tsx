/** 签约: a 待签约 contract becomes 签约 on the signing date (today by default). */
import { DatePicker, Form, Modal } from "antd";
import type { Contract } from "../../../ipc";
import { useFormFailure } from "../../../shared/useFormFailure";
import { SIGN_FIELDS, toSignContract } from "../contractForm";
import type { SignField, SignFormValues } from "../contractForm";
import { DATE_FORMAT, todayDate } from "../contractTerm";
import { useSignContract } from "../hooks/useContracts";
import { StepFailure } from "./StepFailure";

export interface StepModalProps {
  contract: Contract | undefined;
  onClose: () => void;
  onDone: (c: Contract) => void;
  /** After a version conflict: reload the list (the modal closes). */
  onReload: () => void;
}

export function SignContractModal({ contract, onClose, onDone, onReload }: StepModalProps) {
  const [form] = Form.useForm<SignFormValues>();
  const { run, running } = useSignContract();
  const failure = useFormFailure(SIGN_FIELDS);

  const submit = async () => {
    if (!contract || running) return;
    failure.reset();
    const r = await run(toSignContract(contract, form.getFieldsValue(true) as SignFormValues));
    if (r.ok) onDone(r.value);
    else failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    onClose();
  };

  return (
    <Modal
      title={contract ? `签约：${contract.number}（${contract.residentName}）` : "签约"}
      open={contract !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText="确认签约"
      cancelText="取消"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "sign-confirm" }}
      destroyOnHidden
    >
      <StepFailure
        failure={failure.banner}
        onClose={failure.clearBanner}
        onReload={() => {
          close();
          onReload();
        }}
      />
      <Form<SignFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ signedOn: todayDate() }}
        onValuesChange={(changed: SignFormValues) => failure.fieldErrors.clear(Object.keys(changed) as SignField[])}
      >
        <Form.Item name="signedOn" label="签约日期" required {...failure.fieldErrors.itemProps("signedOn")}>
          <DatePicker data-testid="sign-date" format={DATE_FORMAT} style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
