/** The general error banner of a form (`data-testid="form-error"`). */
import { Alert } from "antd";

export interface FormErrorBannerProps {
  message: React.ReactNode;
  description?: React.ReactNode;
  onClose?: () => void;
}

export function FormErrorBanner({ message, description, onClose }: FormErrorBannerProps) {
  return (
    <div data-testid="form-error" role="alert" style={{ marginBottom: 16 }}>
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
