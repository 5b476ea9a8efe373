/** Which screen the window shows, decided from what Rust says (pure, so it is tested alone). */
import type { AppStatus, IpcError, SessionLoss, SetupDone } from "../ipc";

export type Screen =
  | "loading"
  | "error"
  | "recovery"
  | "setup"
  | "upgrade"
  | "log_in"
  | "locked"
  | "ready"
  | "broken";

export interface ScreenInput {
  status: AppStatus | undefined;
  /** The status could not be read at all. */
  error: IpcError | undefined;
  /** Set just after set-up or upgrade: the recovery code still has to be shown. */
  recovery: SetupDone | undefined;
}

export function screenFor({ status, error, recovery }: ScreenInput): Screen {
  if (recovery) return "recovery";
  if (!status) return error ? "error" : "loading";
  switch (status.phase) {
    case "ready":
      return status.session ? "ready" : "log_in";
    case "setup":
    case "upgrade":
    case "log_in":
    case "locked":
    case "broken":
      return status.phase;
  }
}

/** Seconds without input before the window locks itself. */
export function idleLockSeconds(status: Pick<AppStatus, "idleLockMinutes" | "idleLockSecondsOverride">): number {
  return status.idleLockSecondsOverride ?? status.idleLockMinutes * 60;
}

/** The status after locking: the session's user unlocks, nothing of the session stays on screen. */
export function lockedStatus(status: AppStatus): AppStatus {
  if (status.phase !== "ready" && status.phase !== "locked") return status;
  return { ...status, phase: "locked", lockedUser: status.session?.name ?? status.lockedUser, session: null };
}

/** The status after logging out, or after Rust said nobody is logged in. */
export function loggedOutStatus(status: AppStatus): AppStatus {
  return { ...status, phase: "log_in", session: null, lockedUser: null };
}

/** The status once someone logged in or unlocked. */
export function readyStatus(status: AppStatus, session: AppStatus["session"]): AppStatus {
  return { ...status, phase: "ready", session, lockedUser: null, error: null };
}

/**
 * A command failed because the window is locked or nobody is logged in: the lock screen or the
 * log-in page replaces whatever is shown. Other phases (set-up, a broken data file) stay as they
 * are, so their screens can show the refusal themselves.
 */
export function afterSessionLoss(status: AppStatus, code: SessionLoss): AppStatus {
  if (status.phase !== "ready" && status.phase !== "locked") return status;
  if (code === "locked") return lockedStatus(status);
  return loggedOutStatus(status);
}

/** A failure that means the data file itself is the problem: Rust's status then says `broken`. */
export function isStoreProblem(e: IpcError): boolean {
  return (
    e.code === "store_corrupt" ||
    e.code === "key_file_invalid" ||
    e.code === "migration_mismatch" ||
    e.code === "newer_schema"
  );
}
