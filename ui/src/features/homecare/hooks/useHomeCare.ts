import {
  familyBeds,
  homeCareCatalogue,
  homeCareIndicators,
  homeCareOverview,
  homeCareStatement,
  homeCareTasks,
  ltcSettings,
  saveCatalogueItem,
  saveLtcSettings,
} from "../../../ipc";
import type { IndicatorPeriod } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The 长护险 rule in force here. */
export function useLtcSettings() {
  const q = useIpcQuery("ltc", () => ltcSettings());
  return { settings: q.data, error: q.error, reload: q.reload };
}

/** Sets the county's 长护险 rule (administrators). */
export const useSaveLtcSettings = () => useSubmit(saveLtcSettings);

/** Adds a county item to the catalogue, or re-prices one (administrators). */
export const useSaveCatalogueItem = () => useSubmit(saveCatalogueItem);

/** The service catalogue in force (built-in items and the county's). */
export function useCatalogue() {
  const q = useIpcQuery("catalogue", () => homeCareCatalogue());
  return { catalogue: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

/** One person's home care as Rust computed it; a new `version` (after a write) loads it again. */
export function useHomeCareOverview(residentId: string, version = 0) {
  const q = useIpcQuery(`${residentId}:${version}`, () => homeCareOverview(residentId), { keepPrevious: true });
  return { overview: q.data, loading: q.loading, error: q.error, reload: q.reload };
}

/** The 长护险 statement of one person for `month` (`YYYY-MM`). */
export function useStatement(residentId: string, month: string, version = 0) {
  const q = useIpcQuery(`${residentId}:${month}:${version}`, () => homeCareStatement({ residentId, month }), {
    keepPrevious: true,
  });
  return { statement: q.data, loading: q.loading, error: q.error, reload: q.reload };
}

export function useFamilyBeds() {
  const q = useIpcQuery("beds", () => familyBeds());
  return { beds: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export function useHomeCareTasks() {
  const q = useIpcQuery("tasks", () => homeCareTasks());
  return { tasks: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export function useHomeCareIndicators(period: IndicatorPeriod) {
  const q = useIpcQuery(`${period.year}:${period.month ?? ""}`, () => homeCareIndicators(period), {
    keepPrevious: true,
  });
  return { indicators: q.data, loading: q.loading, error: q.error, reload: q.reload };
}
