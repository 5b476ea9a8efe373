/** 解约: date (today by default), a reason from the list, and a note (required for 其他, by Rust). */
import { DatePicker, Form, Input, Modal, Select } from "antd";
import type { TerminationReason } from "../../../ipc";
import { TERMINATION_REASON_LABELS, optionsOf } from "../../../shared/labels";
import { useFormFailure } from "../../../shared/useFormFailure";
import { TERMINATE_FIELDS, toTerminateContract } from "../contractForm";
import type { TerminateField, TerminateFormValues } from "../contractForm";
import { DATE_FORMAT, todayDate } from "../contractTerm";
import { useTerminateContract } from "../hooks/useContracts";
import type { StepModalProps } from "./SignContractModal";
import { StepFailure } from "./StepFailure";

export function TerminateContractModal({ contract, onClose, onDone, onReload }: StepModalProps) {
  const [form] = Form.useForm<TerminateFormValues>();
  const { run, running } = useTerminateContract();
  const failure = useFormFailure(TERMINATE_FIELDS);
  const reason = Form.useWatch("reason", form) as TerminationReason | undefined;

  const submit = async () => {
    if (!contract || running) return;
    failure.reset();
    const input = toTerminateContract(contract, form.getFieldsValue(true) as TerminateFormValues);
    if (!input) {
      // The contract has no "no reason": ask before sending anything.
      failure.fieldErrors.showIssues([{ field: "reason", code: "ui.reason_required", message: "请选择解约原因" }]);
      return;
    }
    const r = await run(input);
    if (r.ok) onDone(r.value);
    else failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    onClose();
  };

  return (
    <Modal
      title={contract ? `解约：${contract.number}（${contract.residentName}）` : "解约"}
      open={contract !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText="确认解约"
      okType="danger"
      cancelText="取消"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "terminate-confirm" }}
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
      <Form<TerminateFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ terminatedOn: todayDate(), note: "" }}
        onValuesChange={(changed: TerminateFormValues) =>
          failure.fieldErrors.clear(Object.keys(changed) as TerminateField[])
        }
      >
        <Form.Item name="terminatedOn" label="解约日期" required {...failure.fieldErrors.itemProps("terminatedOn")}>
          <DatePicker data-testid="terminate-date" format={DATE_FORMAT} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="reason" label="解约原因" required {...failure.fieldErrors.itemProps("reason")}>
          <Select data-testid="terminate-reason" placeholder="请选择" options={optionsOf(TERMINATION_REASON_LABELS)} />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          required={reason === "other"}
          extra={reason === "other" ? "原因为“其他”时须填写说明" : undefined}
          {...failure.fieldErrors.itemProps("note")}
        >
          <Input.TextArea data-testid="terminate-note" rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
