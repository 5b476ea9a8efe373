import { useCallback, useEffect, useRef, useState } from "react";
import { getAppStatus, lock, logOut, onSessionLoss } from "../../../ipc";
import type { AppStatus, IpcError, SessionLoss } from "../../../ipc";
import { lockedStatus, loggedOutStatus } from "../../../app/phase";
import { attempt } from "../../../shared/result";

export interface AppStatusState {
  status: AppStatus | undefined;
  /** Only while no status was ever read. */
  error: IpcError | undefined;
  /** Asks Rust again; the shown status stays until the answer arrives. */
  refresh: () => void;
  /** Changes the status here at once (after a log-in, lock or log-out Rust already knows of). */
  update: (change: (s: AppStatus) => AppStatus) => void;
}

/** What the window should show: the phase, the session and the idle time, from Rust. */
export function useAppStatus(): AppStatusState {
  const [status, setStatus] = useState<AppStatus>();
  const [error, setError] = useState<IpcError>();
  // A change made here outdates any answer still on its way.
  const ticket = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++ticket.current;
    void attempt(getAppStatus()).then((r) => {
      if (mine !== ticket.current) return;
      if (r.ok) {
        setStatus(r.value);
        setError(undefined);
      } else {
        setError(r.error);
      }
    });
  }, []);

  const update = useCallback((change: (s: AppStatus) => AppStatus) => {
    ticket.current += 1;
    setStatus((s) => (s ? change(s) : s));
  }, []);

  useEffect(refresh, [refresh]);

  return { status, error, refresh, update };
}

/** Calls `handler` whenever any command fails because the window is locked or nobody is logged in. */
export function useSessionLoss(handler: (code: SessionLoss) => void) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => onSessionLoss((code) => latest.current(code)), []);
}

/**
 * Locking and logging out. The screen changes first (so no data stays visible while Rust
 * answers), then Rust is told.
 */
export function useSessionControl(update: AppStatusState["update"], refresh: AppStatusState["refresh"]) {
  const lockNow = useCallback(() => {
    update(lockedStatus);
    void attempt(lock());
  }, [update]);

  const logOutNow = useCallback(() => {
    update(loggedOutStatus);
    void attempt(logOut()).then(refresh);
  }, [update, refresh]);

  return { lockNow, logOut: logOutNow };
}
