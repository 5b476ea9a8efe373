import { searchResidents } from "../../../ipc";
import { useDebouncedValue } from "../../../shared/useDebouncedValue";
import { useIpcQuery } from "../../../shared/useIpcQuery";

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 50;

/**
 * The search box's results, asked for once typing pauses. `settledFor` is the text the shown
 * hits belong to, so a caller can tell whether they answer what is in the box now.
 */
export function useResidentSearch(text: string) {
  const trimmed = text.trim();
  const debounced = useDebouncedValue(trimmed, SEARCH_DEBOUNCE_MS);
  const q = useIpcQuery(debounced === "" ? null : debounced, () =>
    searchResidents({ text: debounced, limit: SEARCH_LIMIT }),
    { keepPrevious: true },
  );
  return {
    hits: q.data ?? [],
    settledFor: q.loading ? null : q.dataKey,
    loading: q.loading || debounced !== trimmed,
    error: q.error,
  };
}
