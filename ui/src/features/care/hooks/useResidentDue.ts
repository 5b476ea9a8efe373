import { residentDue } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** A resident's 14 cells of the 7+3+4 grid for `year`, as Rust computed them. */
export function useResidentDue(residentId: string, year: number) {
  const q = useIpcQuery(`${residentId}:${year}`, () => residentDue(residentId, year), { keepPrevious: true });
  return { due: q.data, loading: q.loading, error: q.error, reload: q.reload };
}
