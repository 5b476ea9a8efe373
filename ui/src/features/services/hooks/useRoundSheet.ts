import { useCallback, useMemo, useState } from "react";
import { roundSheet } from "../../../ipc";
import type { RoundRow } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { mergeRows } from "../rounds";

const NONE_SAVED: Record<string, RoundRow> = {};

/**
 * Today's round sheet of a nursing home. Rows answered by a save replace the sheet's rows, so the
 * list shows what Rust stored without reloading the whole sheet.
 */
export function useRoundSheet(homeId: string) {
  const q = useIpcQuery(homeId, () => roundSheet(homeId));
  const [saved, setSaved] = useState<{ sheetOf: string; rows: Record<string, RoundRow> }>({
    sheetOf: homeId,
    rows: {},
  });
  const savedRows = saved.sheetOf === homeId ? saved.rows : NONE_SAVED;
  const sheet = q.data;
  const rows = useMemo(() => (sheet ? mergeRows(sheet.rows, savedRows) : []), [sheet, savedRows]);

  const replaceRow = useCallback(
    (row: RoundRow) =>
      setSaved((prev) => ({
        sheetOf: homeId,
        rows: { ...(prev.sheetOf === homeId ? prev.rows : {}), [row.residentId]: row },
      })),
    [homeId],
  );

  return { sheet, rows, replaceRow, loading: q.loading, error: q.error, reload: q.reload };
}
