import { homeDue } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** A nursing home's 14-item grid and coverage for `year`; `null` home loads nothing. */
export function useHomeDue(homeId: string | null, year: number) {
  const key = homeId === null ? null : JSON.stringify([homeId, year]);
  const q = useIpcQuery(key, () => homeDue(homeId ?? "", year), { keepPrevious: true });
  return {
    due: q.data,
    /** The answer is for the home and year asked (not the previous one still shown). */
    current: q.dataKey === key,
    loading: q.loading,
    error: q.error,
    reload: q.reload,
  };
}
