import { useCallback, useEffect, useRef, useState } from "react";
import type { IpcError, SyncStatus } from "../../../ipc";
import { enrolDevice, getSyncStatus, listStaff, listSyncConflicts, resolveSyncConflict, syncNow, toIpcError } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

export interface SyncStatusQuery {
  status: SyncStatus | undefined;
  /** The last poll failed (the previous status stays shown). */
  error: IpcError | undefined;
  refresh: () => void;
  /** Shows a status a command just answered with. */
  accept: (status: SyncStatus) => void;
}

/** Every mounted status view: a status one of them receives is shown by all (the header's badge
 * must not say 694 waiting while the 同步 page already says 0). */
const listeners = new Set<(status: SyncStatus) => void>();

function publish(status: SyncStatus) {
  listeners.forEach((show) => show(status));
}

/**
 * The sync status, asked again every `intervalMs` while the component is mounted. A poll never
 * blanks what is shown: a failure keeps the last status next to the error.
 */
export function useSyncStatus(intervalMs: number): SyncStatusQuery {
  const [state, setState] = useState<{ status?: SyncStatus; error?: IpcError }>({});
  const latest = useRef(0);

  useEffect(() => {
    const show = (status: SyncStatus) => {
      // Newer than any answer still on its way to this view.
      latest.current += 1;
      setState({ status });
    };
    listeners.add(show);
    return () => {
      listeners.delete(show);
    };
  }, []);

  const refresh = useCallback(() => {
    const ticket = ++latest.current;
    getSyncStatus().then(
      (status) => {
        if (ticket === latest.current) publish(status);
      },
      (e: unknown) => {
        if (ticket === latest.current) setState((prev) => ({ status: prev.status, error: toIpcError(e) }));
      },
    );
  }, []);

  const accept = useCallback((status: SyncStatus) => publish(status), []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, intervalMs);
    return () => {
      window.clearInterval(timer);
      // An answer still on its way must not land after the page closed.
      latest.current += 1;
    };
  }, [refresh, intervalMs]);

  return { status: state.status, error: state.error, refresh, accept };
}

/** The conflicts, open ones first; with the resolved ones when asked. */
export function useSyncConflicts(includeResolved: boolean) {
  const q = useIpcQuery(`sync-conflicts:${includeResolved}`, () => listSyncConflicts(includeResolved), {
    keepPrevious: true,
  });
  return { conflicts: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

/** The clinic's staff, to name who made a change. */
export function useStaffNames() {
  const q = useIpcQuery("staff", listStaff);
  return new Map((q.data ?? []).map((s) => [s.id, s.name]));
}

export const useEnrol = () => useSubmit(enrolDevice);
export const useSyncNow = () => useSubmit(syncNow);
export const useResolveConflict = () => useSubmit(resolveSyncConflict);
