/** The commands of logging in and out, locking, recovering access and passwords. */
import {
  changePassword,
  keepAlive,
  logIn,
  recordOutput,
  recoverAccess,
  unlock,
  upgradeStore,
} from "../../../ipc";
import type { AuditAction } from "../../../ipc";
import { attempt } from "../../../shared/result";
import { useSubmit } from "../../../shared/useSubmit";

export const useLogIn = () => useSubmit(logIn);
export const useUnlock = () => useSubmit(unlock);
export const useRecoverAccess = () => useSubmit(recoverAccess);
export const useChangePassword = () => useSubmit(changePassword);
export const useUpgradeStore = () => useSubmit(upgradeStore);

/** Records a print or export the window made (the audit log). Failures are not the printer's business. */
export function useRecordOutput() {
  return (action: AuditAction, recordKind: string, recordId: string, detail: string) =>
    attempt(recordOutput(action, recordKind, recordId, detail));
}

/** Tells the backend the user is still at the window (see `useIdleLock`'s `onActive`). */
export function reportActivity(): void {
  // A failure here (e.g. already locked) surfaces through the next real command.
  void keepAlive().catch(() => undefined);
}
