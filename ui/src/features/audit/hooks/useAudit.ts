import { exportAudit, listAudit, verifyAudit } from "../../../ipc";
import type { AuditQuery } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** One page of the audit log for `query`, reloaded when it changes. */
export function useAuditPage(query: AuditQuery) {
  const q = useIpcQuery(JSON.stringify(query), () => listAudit(query), { keepPrevious: true });
  return { page: q.data, loading: q.loading, error: q.error, reload: q.reload };
}

export const useVerifyAudit = () => useSubmit(verifyAudit);
/** Saves the entries matching a query as CSV (Rust asks where); `null` when cancelled. */
export const useExportAudit = () => useSubmit(exportAudit);
