import {
  backupNow,
  chooseBackupFile,
  chooseFolder,
  listBackups,
  previewBackup,
  restoreBackup,
  restoreBroken,
} from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The backups in the backup folder, newest first; `enabled` false loads nothing. */
export function useBackupList(enabled: boolean) {
  const q = useIpcQuery(enabled ? "backups" : null, listBackups);
  return { backups: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export const useBackupNow = () => useSubmit(backupNow);
export const useChooseFolder = () => useSubmit(chooseFolder);

/** 从备份恢复: pick a file, let Rust open and check it, then restore it. */
export function useRestore() {
  return {
    chooseFile: useSubmit(chooseBackupFile),
    preview: useSubmit(previewBackup),
    restore: useSubmit(restoreBackup),
  };
}

/** Restoring while the data file cannot be opened: no session, so a restoring user's password. */
export function useRestoreBroken() {
  return {
    chooseFile: useSubmit(chooseBackupFile),
    restore: useSubmit(restoreBroken),
  };
}
