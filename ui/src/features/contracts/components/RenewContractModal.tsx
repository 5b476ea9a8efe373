/** 续约: a new contract for the next term, proposed from the day after the old end for a year. */
import { DatePicker, Form, Modal, Typography } from "antd";
import { useRef } from "react";
import { useFormFailure } from "../../../shared/useFormFailure";
import { RENEW_FIELDS, endAfterStartChange, renewValues, toRenewContract } from "../contractForm";
import type { RenewField, RenewFormValues } from "../contractForm";
import { DATE_FORMAT, termText } from "../contractTerm";
import { useRenewContract } from "../hooks/useContracts";
import type { StepModalProps } from "./SignContractModal";
import { StepFailure } from "./StepFailure";

export function RenewContractModal({ contract, onClose, onDone, onReload }: StepModalProps) {
  const [form] = Form.useForm<RenewFormValues>();
  const { run, running } = useRenewContract();
  const failure = useFormFailure(RENEW_FIELDS);
  const endTouched = useRef(false);

  const submit = async () => {
    if (!contract || running) return;
    failure.reset();
    const r = await run(toRenewContract(contract, form.getFieldsValue(true) as RenewFormValues));
    if (r.ok) onDone(r.value);
    else failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    endTouched.current = false;
    onClose();
  };

  return (
    <Modal
      title={contract ? `续约：${contract.number}（${contract.residentName}）` : "续约"}
      open={contract !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText="确认续约"
      cancelText="取消"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "renew-confirm" }}
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
      {contract && (
        <>
          <Typography.Paragraph type="secondary">
            原签约期限 {termText(contract.startOn, contract.endOn)}。续约生成一份新签约（团队、医生、服务包和费用不变），当天签署。
          </Typography.Paragraph>
          <Form<RenewFormValues>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={renewValues(contract)}
            onValuesChange={(changed: RenewFormValues) => {
              failure.fieldErrors.clear(Object.keys(changed) as RenewField[]);
              if ("endOn" in changed) endTouched.current = true;
              if ("startOn" in changed) {
                const end = endAfterStartChange(changed.startOn, endTouched.current);
                if (end) form.setFieldValue("endOn", end);
              }
            }}
          >
            <Form.Item name="startOn" label="新期限开始日期" required {...failure.fieldErrors.itemProps("startOn")}>
              <DatePicker data-testid="renew-start" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="endOn" label="新期限结束日期" required {...failure.fieldErrors.itemProps("endOn")}>
              <DatePicker data-testid="renew-end" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
