/**
 * 签署协议书: the doctor's and the resident's (or guardian's) names and handwritten signatures; a
 * 待签约 contract is signed on the date chosen at the same time. Rust signs the PDF; a refusal
 * keeps everything entered and drawn.
 */
import { DatePicker, Form, Modal } from "antd";
import type { FormInstance } from "antd";
import type { Contract, SignedDocument } from "../../../ipc";
import type { FieldErrors } from "../../../shared/useFieldErrors";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useFormKeys } from "../../../shared/useFormKeys";
import { DocumentIssue } from "../../documents/components/DocumentIssue";
import { SignatoryField } from "../../documents/components/SignatoryField";
import { SIGN_DOCUMENT_FIELDS, newSignDocumentValues, toSignContractDocument } from "../contractForm";
import type { SignDocumentField, SignDocumentFormValues } from "../contractForm";
import { DATE_FORMAT } from "../contractTerm";
import { useSignContractDocument } from "../hooks/useContracts";
import { StepFailure } from "./StepFailure";

export interface SignContractDocumentModalProps {
  contract: Contract | undefined;
  onClose: () => void;
  /** `contract` is the one the dialog was opened for (as it was before signing). */
  onDone: (d: SignedDocument, contract: Contract) => void;
  onReload: () => void;
}

export function SignContractDocumentModal({ contract, onClose, onDone, onReload }: SignContractDocumentModalProps) {
  const [form] = Form.useForm<SignDocumentFormValues>();
  const { run, running } = useSignContractDocument();
  const failure = useFormFailure(SIGN_DOCUMENT_FIELDS);
  const pending = contract?.status === "pending";

  const submit = async () => {
    if (!contract || running) return;
    failure.reset();
    const r = await run(toSignContractDocument(contract, form.getFieldsValue(true) as SignDocumentFormValues));
    if (r.ok) onDone(r.value, contract);
    else failure.show(r.error);
  };

  const close = () => {
    failure.reset();
    onClose();
  };

  return (
    <Modal
      title={contract ? `签署协议书：${contract.number}（${contract.residentName}）` : "签署协议书"}
      open={contract !== undefined}
      onCancel={close}
      onOk={() => void submit()}
      okText={pending ? "签约并签署协议书" : "签署协议书"}
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
        onReload={() => {
          close();
          onReload();
        }}
      />
      <DocumentIssue message={failure.fieldErrors.errors.document} />
      {contract && (
        <SignDocumentForm
          form={form}
          contract={contract}
          errors={failure.fieldErrors}
          onSave={() => void submit()}
        />
      )}
    </Modal>
  );
}

interface SignDocumentFormProps {
  form: FormInstance<SignDocumentFormValues>;
  contract: Contract;
  errors: FieldErrors<SignDocumentField>;
  onSave: () => void;
}

function SignDocumentForm({ form, contract, errors, onSave }: SignDocumentFormProps) {
  const rootRef = useFormKeys<HTMLDivElement>({ onSave });
  return (
    <div ref={rootRef}>
      <Form<SignDocumentFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={newSignDocumentValues(contract)}
        onValuesChange={(changed: SignDocumentFormValues) => errors.clear(Object.keys(changed) as SignDocumentField[])}
      >
        {contract.status === "pending" && (
          <Form.Item
            name="signedOn"
            label="签约日期"
            required
            extra="签署协议书的同时确认签约。"
            {...errors.itemProps("signedOn")}
          >
            <DatePicker data-testid="sign-signed-on" format={DATE_FORMAT} style={{ width: 200 }} />
          </Form.Item>
        )}
        <SignatoryField
          field="doctor"
          label="签约医生"
          padLabel="签约医生签名"
          nameTestId="sign-doctor-name"
          padTestId="pad-doctor"
          errorProps={errors.itemProps("doctor")}
        />
        <SignatoryField
          field="resident"
          label="居民或监护人"
          padLabel="居民或监护人签名"
          nameTestId="sign-resident-name"
          padTestId="pad-resident"
          errorProps={errors.itemProps("resident")}
        />
      </Form>
    </div>
  );
}
