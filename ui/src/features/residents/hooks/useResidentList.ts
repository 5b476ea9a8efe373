import { listResidents } from "../../../ipc";
import type { ResidentListQuery } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** One page of the resident list, reloaded when the query changes. */
export function useResidentList(query: ResidentListQuery, enabled: boolean) {
  const key = enabled ? JSON.stringify(query) : null;
  const q = useIpcQuery(key, () => listResidents(query), { keepPrevious: true });
  return { page: q.data, loading: q.loading, error: q.error, reload: q.reload };
}
