import { listRecords } from "../../../ipc";
import type { RecordQuery } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** A resident's care records, newest first, reloaded when the query changes. */
export function useRecords(query: RecordQuery) {
  const q = useIpcQuery(JSON.stringify(query), () => listRecords(query), { keepPrevious: true });
  return { records: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}
