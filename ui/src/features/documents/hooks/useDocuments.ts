import {
  expiringItems,
  getSignedDocument,
  installTemplate,
  listTemplates,
  openSignedDocument,
  previewAgreementDocument,
  previewContractDocument,
  saveSignedDocumentAs,
} from "../../../ipc";
import type { DocumentKind, DocumentPreview } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/**
 * The signed PDF of an agreement or contract: `null` when there is none, `undefined` while it is
 * unknown (loading, or the question failed). `recordId` null asks nothing (a record that cannot
 * have one yet). A change of `revision` (the record's version, a counter) asks again.
 */
export function useSignedDocument(kind: DocumentKind, recordId: string | null, revision: string | number = "") {
  const q = useIpcQuery(recordId === null ? null : `signed-document:${kind}:${recordId}:${revision}`, () =>
    getSignedDocument(kind, recordId ?? ""),
  );
  return {
    document: recordId === null ? null : q.data,
    loading: q.loading,
    error: q.error,
    reload: q.reload,
  };
}

const PREVIEW: Record<DocumentKind, (recordId: string) => Promise<DocumentPreview>> = {
  cooperation_agreement: previewAgreementDocument,
  family_doctor_contract: previewContractDocument,
};

/** A draft PDF of the agreement or contract, opened in the system viewer. */
export const usePreviewDocument = (kind: DocumentKind) => useSubmit(PREVIEW[kind]);

export const useOpenSignedDocument = () => useSubmit(openSignedDocument);
export const useSaveSignedDocumentAs = () => useSubmit(saveSignedDocumentAs);

/** Agreements and contracts ending within a month (or ended and not dealt with), soonest first. */
export function useExpiringItems() {
  const q = useIpcQuery("expiring-items", expiringItems);
  return { items: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

/** Every version of every document template. */
export function useTemplates() {
  const q = useIpcQuery("templates", listTemplates);
  return { templates: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export const useInstallTemplate = () => useSubmit(installTemplate);
