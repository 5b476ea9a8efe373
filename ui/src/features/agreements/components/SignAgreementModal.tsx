/**
 * 签署 a draft agreement: the signing date, the clinic's 医疗机构执业许可证登记号 (the one used
 * last time is proposed), and both representatives' names and handwritten signatures. Rust puts
 * the agreement into force and signs the PDF; a refusal keeps everything entered and drawn.
 */
import { Col, DatePicker, Form, Input, Modal, Row } from "antd";
import type { FormInstance } from "antd";
import { useEffect } from "react";
import type { Agreement, SignedDocument } from "../../../ipc";
import type { FieldErrors } from "../../../shared/useFieldErrors";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useFormKeys } from "../../../shared/useFormKeys";
import { DATE_FORMAT } from "../../contracts/contractTerm";
import { StepFailure } from "../../contracts/components/StepFailure";
import { DocumentIssue } from "../../documents/components/DocumentIssue";
import { SignatoryField } from "../../documents/components/SignatoryField";
import { SIGN_AGREEMENT_FIELDS, newSignAgreementValues, toSignAgreementDocument } from "../agreementForm";
import type { SignAgreementField, SignAgreementFormValues } from "../agreementForm";
import { useLastLicenceNo, useSignAgreementDocument } from "../hooks/useAgreements";

export interface SignAgreementModalProps {
  agreement: Agreement | undefined;
  onClose: () => void;
  onDone: (d: SignedDocument) => void;
  /** After a version conflict: reload the list (the dialog closes). */
  onReload: () => void;
}

export function SignAgreementModal({ agreement, onClose, onDone, onReload }: SignAgreementModalProps) {
  const [form] = Form.useForm<SignAgreementFormValues>();
  const { run, running } = useSignAgreementDocument();
  const failure = useFormFailure(SIGN_AGREEMENT_FIELDS);

  const submit = async () => {
    if (!agreement || running) return;
    failure.reset();
    const r = await run(toSignAgreementDocument(agreement, form.getFieldsValue(true) as SignAgreementFormValues));
    if (r.ok) onDone(r.value);
    else failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    onClose();
  };

  return (
    <Modal
      title={agreement ? `签署协议：${agreement.number}（${agreement.nursingHomeName}）` : "签署协议"}
      open={agreement !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText="签署并生效"
      cancelText="取消"
      confirmLoading={running}
      okButtonProps={{ "data-testid": "sign-submit" }}
      width={620}
      maskClosable={false}
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
      <DocumentIssue message={failure.fieldErrors.errors.document} />
      <SignAgreementForm form={form} errors={failure.fieldErrors} onSave={() => void submit()} />
    </Modal>
  );
}

interface SignAgreementFormProps {
  form: FormInstance<SignAgreementFormValues>;
  errors: FieldErrors<SignAgreementField>;
  onSave: () => void;
}

/** Mounted while the dialog is open, so each signing asks for the last licence number afresh. */
function SignAgreementForm({ form, errors, onSave }: SignAgreementFormProps) {
  const last = useLastLicenceNo();
  const rootRef = useFormKeys<HTMLDivElement>({ onSave });

  // Proposed once it is known, unless the person already typed a number.
  useEffect(() => {
    if (!last.licenceNo || form.isFieldTouched("licenceNo") || form.getFieldValue("licenceNo")) return;
    form.setFieldsValue({ licenceNo: last.licenceNo });
  }, [form, last.licenceNo]);

  return (
    <div ref={rootRef}>
      <Form<SignAgreementFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={newSignAgreementValues()}
        onValuesChange={(changed: SignAgreementFormValues) => errors.clear(Object.keys(changed) as SignAgreementField[])}
      >
        <Row gutter={16}>
          <Col span={9}>
            <Form.Item name="on" label="签署日期" required extra="协议自签署之日起生效" {...errors.itemProps("on")}>
              <DatePicker data-testid="sign-on" format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={15}>
            <Form.Item name="licenceNo" label="医疗机构执业许可证登记号" required {...errors.itemProps("licenceNo")}>
              <Input data-testid="sign-licence" autoComplete="off" placeholder="甲方（卫生院）的登记号" />
            </Form.Item>
          </Col>
        </Row>
        <SignatoryField
          field="clinic"
          label="甲方（卫生院）代表"
          padLabel="甲方代表签名"
          nameTestId="sign-clinic-name"
          padTestId="pad-clinic"
          errorProps={errors.itemProps("clinic")}
        />
        <SignatoryField
          field="home"
          label="乙方（养老机构）代表"
          padLabel="乙方代表签名"
          nameTestId="sign-home-name"
          padTestId="pad-home"
          errorProps={errors.itemProps("home")}
        />
      </Form>
    </div>
  );
}
