import { getResident, residentHistory } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** One resident's file; `null` id loads nothing (the new-file form). */
export function useResident(id: string | null) {
  const q = useIpcQuery(id, () => getResident(id ?? ""));
  return { resident: q.data, loading: q.loading, error: q.error, reload: q.reload };
}

/** A file's change history, newest first. */
export function useResidentHistory(id: string) {
  const q = useIpcQuery(id, () => residentHistory(id));
  return { entries: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}
