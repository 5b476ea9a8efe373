/**
 * Unsaved input must not be lost by a click in the sidebar: a screen holding input registers a
 * check here, and the shell asks before navigating away while any check says "unsaved".
 */
import { createContext, useContext, useEffect, useRef } from "react";

/** True while the screen holds input that has not been saved. */
export type UnsavedCheck = () => boolean;

export interface LeaveGuard {
  /** Adds a check; the returned function removes it. */
  register(check: UnsavedCheck): () => void;
  hasUnsaved(): boolean;
}

export function createLeaveGuard(): LeaveGuard {
  const checks = new Set<UnsavedCheck>();
  return {
    register(check) {
      checks.add(check);
      return () => {
        checks.delete(check);
      };
    },
    hasUnsaved() {
      for (const check of checks) if (check()) return true;
      return false;
    },
  };
}

export const LeaveGuardContext = createContext<LeaveGuard>(createLeaveGuard());

export function useLeaveGuard(): LeaveGuard {
  return useContext(LeaveGuardContext);
}

/** Registers `hasUnsaved` for as long as the calling screen is shown. */
export function useUnsavedInput(hasUnsaved: UnsavedCheck): void {
  const guard = useLeaveGuard();
  const latest = useRef(hasUnsaved);
  latest.current = hasUnsaved;
  useEffect(() => guard.register(() => latest.current()), [guard]);
}
