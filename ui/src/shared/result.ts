/** An IPC answer as a value, so callers branch on `ok` instead of catching. */
import type { IpcError } from "../ipc";
import { toIpcError } from "../ipc";

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export async function attempt<T>(p: Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    return { ok: false, error: toIpcError(e) };
  }
}
