/** The signed PDF's actions of one record, once Rust says there is one (nothing otherwise). */
import type { DocumentKind } from "../../../ipc";
import { useSignedDocument } from "../hooks/useDocuments";
import { SignedDocumentActions } from "./SignedDocumentActions";

export interface SignedDocumentOfProps {
  kind: DocumentKind;
  recordId: string;
  /** Asks again when it changes (the record's version). */
  revision: string | number;
  testIdPrefix: string;
  number: string;
  printLabel?: string;
}

export function SignedDocumentOf({ kind, recordId, revision, testIdPrefix, number, printLabel }: SignedDocumentOfProps) {
  const { document } = useSignedDocument(kind, recordId, revision);
  if (!document) return null;
  return <SignedDocumentActions document={document} testIdPrefix={testIdPrefix} number={number} printLabel={printLabel} />;
}
