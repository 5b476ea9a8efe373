/**
 * The 协议书 column of a contract: 预览协议书 and 签署协议书 until it is signed, then 打印协议书,
 * 另存为… and the 已签署 PDF tag.
 */
import { Button, Space, Typography } from "antd";
import type { Contract } from "../../../ipc";
import { PreviewDocumentButton } from "../../documents/components/PreviewDocumentButton";
import { SignedDocumentActions } from "../../documents/components/SignedDocumentActions";
import { useSignedDocument } from "../../documents/hooks/useDocuments";
import { contractDocumentActions } from "../contractForm";

export interface ContractDocumentCellProps {
  contract: Contract;
  canSign: boolean;
  /** Bumped after a signing, so the cell asks again. */
  revision: number;
  onSign: (c: Contract) => void;
}

export function ContractDocumentCell({ contract: c, canSign, revision, onSign }: ContractDocumentCellProps) {
  const can = contractDocumentActions(c);
  const signed = useSignedDocument("family_doctor_contract", can.signedDocument ? c.id : null, `${c.version}:${revision}`);

  if (signed.document) {
    return (
      <SignedDocumentActions document={signed.document} testIdPrefix="contract-doc" number={c.number} printLabel="打印协议书" />
    );
  }
  if (signed.document === undefined) return null;
  if (!can.sign) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size="small" wrap>
      <PreviewDocumentButton kind="family_doctor_contract" recordId={c.id} testId={`contract-doc-preview-${c.number}`}>
        预览协议书
      </PreviewDocumentButton>
      {canSign && (
        <Button size="small" type="primary" ghost onClick={() => onSign(c)} data-testid={`contract-doc-sign-${c.number}`}>
          签署协议书
        </Button>
      )}
    </Space>
  );
}
