/**
 * One signatory of a sign dialog: the name typed and the handwritten signature. Rust's messages
 * about either (`clinic`, `home`, `doctor`, `resident`) show under both.
 */
import { Form, Input } from "antd";
import type { FieldErrorItemProps } from "../../../shared/useFieldErrors";
import { SignaturePad } from "../../../shared/SignaturePad";

export interface SignatoryFieldProps {
  /** The form field holding `{ name, png }`. */
  field: string;
  label: string;
  padLabel: string;
  nameTestId: string;
  padTestId: string;
  errorProps: FieldErrorItemProps;
}

export function SignatoryField({ field, label, padLabel, nameTestId, padTestId, errorProps }: SignatoryFieldProps) {
  return (
    <Form.Item label={label} required {...errorProps}>
      <Form.Item name={[field, "name"]} noStyle>
        <Input
          prefix={<span style={{ color: "#8c8c8c" }}>姓名</span>}
          placeholder="签字人姓名"
          data-testid={nameTestId}
          style={{ maxWidth: 280, marginBottom: 8 }}
          autoComplete="off"
        />
      </Form.Item>
      <Form.Item name={[field, "png"]} noStyle>
        <SignaturePad label={padLabel} testId={padTestId} />
      </Form.Item>
    </Form.Item>
  );
}
