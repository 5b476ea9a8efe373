/** Who is logged in, what they may do, and the session's actions, for every screen of the shell. */
import { createContext, useContext } from "react";
import type { Permission, SessionInfo } from "../ipc";

export interface SessionControl {
  session: SessionInfo;
  /** The UI hides what the role may not do; Rust refuses it anyway (`forbidden`). */
  can: (permission: Permission) => boolean;
  /** Locks the window now (as after idling). */
  lockNow: () => void;
  logOut: () => void;
  /**
   * Asks Rust again what the window should show, e.g. after the idle time changed. `remount`
   * also reloads every screen (after a restore replaced the data).
   */
  reloadStatus: (remount?: boolean) => void;
}

export const SessionContext = createContext<SessionControl | null>(null);

export function useSession(): SessionControl {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside of the app shell");
  return s;
}

/** Whether the logged-in user has `permission`. */
export function useCan(permission: Permission): boolean {
  return useSession().can(permission);
}

/** `can` for a session: its permission list, as Rust sent it. */
export function permissionCheck(session: SessionInfo): (p: Permission) => boolean {
  const granted = new Set(session.permissions);
  return (p) => granted.has(p);
}
