/**
 * The one door to the Rust side. Every generated wrapper in `bindings.ts` goes through `call`,
 * so every failure reaches the UI as an `IpcError` with a stable `code` to branch on.
 */
import { invoke } from "@tauri-apps/api/core";
import type { ErrorCode, FieldIssue, IpcError } from "./bindings";

const ERROR_CODES: Record<ErrorCode, true> = {
  validation: true,
  duplicate_id_number: true,
  duplicate_health_file_no: true,
  not_found: true,
  version_conflict: true,
  not_set_up: true,
  already_set_up: true,
  store_corrupt: true,
  migration_mismatch: true,
  newer_schema: true,
  io: true,
  internal: true,
  not_logged_in: true,
  forbidden: true,
  wrong_password: true,
  too_many_attempts: true,
  locked: true,
  backup_invalid: true,
  backup_foreign: true,
  key_file_invalid: true,
  invalid_state: true,
  sync_data_invalid: true,
  sync_failed: true,
  document_failed: true,
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function isFieldIssue(v: unknown): v is FieldIssue {
  return (
    isRecord(v) &&
    typeof v.field === "string" &&
    typeof v.code === "string" &&
    typeof v.message === "string"
  );
}

/** True when `e` has the exact shape Rust sends across the boundary. */
export function isIpcError(e: unknown): e is IpcError {
  return (
    isRecord(e) &&
    typeof e.code === "string" &&
    Object.prototype.hasOwnProperty.call(ERROR_CODES, e.code) &&
    typeof e.message === "string" &&
    Array.isArray(e.fields) &&
    e.fields.every(isFieldIssue)
  );
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** Any rejection value as an `IpcError`; foreign shapes become `internal`. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  return { code: "internal", message: describe(e), fields: [] };
}

/** The failures that mean the session is gone: the window locked itself, or nobody is logged in. */
export type SessionLoss = Extract<ErrorCode, "locked" | "not_logged_in">;

type SessionLossListener = (code: SessionLoss, cmd: string) => void;
const sessionLossListeners = new Set<SessionLossListener>();

/**
 * Calls `listener` whenever any command fails with `locked` or `not_logged_in`, so the shell can
 * show the lock screen or the log-in page whatever screen made the call. Returns the unsubscribe.
 */
export function onSessionLoss(listener: SessionLossListener): () => void {
  sessionLossListeners.add(listener);
  return () => {
    sessionLossListeners.delete(listener);
  };
}

/** Invokes a Tauri command; rejects only with an `IpcError`. */
export async function call<T>(cmd: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const error = toIpcError(e);
    if (error.code === "locked" || error.code === "not_logged_in") {
      for (const listener of [...sessionLossListeners]) listener(error.code, cmd);
    }
    throw error;
  }
}
