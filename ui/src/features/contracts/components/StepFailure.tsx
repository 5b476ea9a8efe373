/**
 * A refused step (签约, 续约, 解约, team edits): Rust's message as a banner; when someone changed
 * the record meanwhile, a button to reload the list (the dialog closes, nothing is lost but
 * this dialog's input).
 */
import { Button, Space } from "antd";
import type { IpcError } from "../../../ipc";
import { FormErrorBanner } from "../../../shared/FormErrorBanner";

export interface StepFailureProps {
  failure: IpcError | undefined;
  onClose?: () => void;
  /** Shown for `version_conflict`. */
  onReload?: () => void;
  what?: string;
}

export function StepFailure({ failure, onClose, onReload, what = "这份签约" }: StepFailureProps) {
  if (!failure) return null;
  const details = failure.fields.map((f) => f.message).join("；");
  if (failure.code === "version_conflict") {
    return (
      <FormErrorBanner
        message={`${what}在您打开之后已被修改`}
        description={
          <Space direction="vertical" size={4}>
            <span>{failure.message}</span>
            {onReload && (
              <Button size="small" onClick={onReload} data-testid="step-reload">
                重新加载最新内容
              </Button>
            )}
          </Space>
        }
        onClose={onClose}
      />
    );
  }
  return <FormErrorBanner message={failure.message} description={details || undefined} onClose={onClose} />;
}
