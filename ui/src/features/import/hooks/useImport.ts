import {
  chooseImportFile,
  importOverview,
  importResidents,
  listNursingHomes,
  onImportProgress,
  previewImport,
  rejectedRowsXlsx,
} from "../../../ipc";
import type { Institution } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The nursing homes a list can be imported into. */
export function useNursingHomes() {
  return useIpcQuery<Institution[]>("nursing-homes", listNursingHomes);
}

/** The calls of the import wizard; the file is picked, read and checked in Rust. */
export function useImportCalls() {
  return {
    choose: useSubmit(chooseImportFile),
    overview: useSubmit(importOverview),
    preview: useSubmit(previewImport),
    importRows: useSubmit(importResidents),
    saveRejected: useSubmit(rejectedRowsXlsx),
  };
}

export { onImportProgress };
