/**
 * 预览: Rust writes a draft PDF and opens it in the system viewer; the message names the file,
 * and characters the PDF font lacks are listed in a warning to check before signing.
 */
import { App, Button } from "antd";
import type { DocumentKind } from "../../../ipc";
import { missingCharsText, previewMessage } from "../documentText";
import { usePreviewDocument } from "../hooks/useDocuments";

export interface PreviewDocumentButtonProps {
  kind: DocumentKind;
  recordId: string;
  testId: string;
  children?: React.ReactNode;
}

export function PreviewDocumentButton({ kind, recordId, testId, children = "预览" }: PreviewDocumentButtonProps) {
  const { message, modal } = App.useApp();
  const { run, running } = usePreviewDocument(kind);

  const click = async () => {
    if (running) return;
    const r = await run(recordId);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    message.success(previewMessage(r.value));
    const missing = missingCharsText(r.value.missingChars);
    if (missing) {
      modal.warning({
        title: "预览中有字无法显示",
        content: <div data-testid="document-missing-chars">{missing}</div>,
        okText: "知道了",
      });
    }
  };

  return (
    <Button size="small" loading={running} onClick={() => void click()} data-testid={testId}>
      {children}
    </Button>
  );
}
