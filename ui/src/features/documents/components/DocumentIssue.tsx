/** Rust's refusal about the document itself (e.g. characters the PDF font lacks), above a sign form. */
import { Alert } from "antd";

export function DocumentIssue({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div data-testid="error-document" role="alert" style={{ marginBottom: 16 }}>
      <Alert type="error" showIcon message="无法签署" description={message} />
    </div>
  );
}
