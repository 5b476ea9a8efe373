/** The general error banner of a form (`data-testid="form-error"` unless told otherwise). */
import { Alert } from "antd";
import type { IpcError } from "../ipc";

export interface FormErrorBannerProps {
  message: React.ReactNode;
  description?: React.ReactNode;
  onClose?: () => void;
  testId?: string;
}

export function FormErrorBanner({ message, description, onClose, testId = "form-error" }: FormErrorBannerProps) {
  return (
    <div data-testid={testId} role="alert" style={{ marginBottom: 16 }}>
      <Alert
        type="error"
        showIcon
        message={message}
        description={description}
        closable={onClose !== undefined}
        onClose={onClose}
      />
    </div>
  );
}

/** A refusal from Rust as a banner: its message, and the messages of fields no input shows. */
export function FailureBanner({
  failure,
  onClose,
  testId,
}: {
  failure: IpcError | undefined;
  onClose?: () => void;
  testId?: string;
}) {
  if (!failure) return null;
  return (
    <FormErrorBanner
      testId={testId}
      message={failure.message}
      description={failure.fields.map((f) => f.message).join("；") || undefined}
      onClose={onClose}
    />
  );
}
