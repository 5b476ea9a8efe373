/**
 * A signed PDF's actions: 打印 (the system viewer opens the stored PDF, unchanged), 另存为…
 * (a save dialog; cancelling says nothing) and a 已签署 PDF tag whose tooltip identifies the file.
 */
import { App, Button, Space, Tag, Tooltip } from "antd";
import type { SignedDocument } from "../../../ipc";
import { signedDocumentDetails } from "../documentText";
import { useOpenSignedDocument, useSaveSignedDocumentAs } from "../hooks/useDocuments";

export interface SignedDocumentActionsProps {
  document: SignedDocument;
  /** Test ids are `<prefix>-print-<number>`, `<prefix>-save-<number>`, `<prefix>-signed-<number>`. */
  testIdPrefix: string;
  number: string;
  printLabel?: string;
}

export function SignedDocumentActions({ document: d, testIdPrefix, number, printLabel = "打印" }: SignedDocumentActionsProps) {
  const { message } = App.useApp();
  const open = useOpenSignedDocument();
  const save = useSaveSignedDocumentAs();

  const print = async () => {
    if (open.running) return;
    const r = await open.run(d.id);
    if (r.ok) message.info("已用系统阅读器打开，请在阅读器中打印");
    else message.error(r.error.message);
  };

  const saveAs = async () => {
    if (save.running) return;
    const r = await save.run(d.id);
    if (!r.ok) message.error(r.error.message);
    else if (r.value !== null) message.success(`已另存为：${r.value}`);
  };

  return (
    <Space size="small" wrap>
      <Button size="small" loading={open.running} onClick={() => void print()} data-testid={`${testIdPrefix}-print-${number}`}>
        {printLabel}
      </Button>
      <Button size="small" loading={save.running} onClick={() => void saveAs()} data-testid={`${testIdPrefix}-save-${number}`}>
        另存为…
      </Button>
      <Tooltip
        title={signedDocumentDetails(d).map((line) => (
          <div key={line}>{line}</div>
        ))}
      >
        <Tag color="blue" data-testid={`${testIdPrefix}-signed-${number}`}>
          已签署 PDF
        </Tag>
      </Tooltip>
    </Space>
  );
}
