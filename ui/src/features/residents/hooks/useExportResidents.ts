import { exportResidentsXlsx } from "../../../ipc";
import { useSubmit } from "../../../shared/useSubmit";

/** Saves the resident list as Excel (Rust asks where and audits it); `null` when cancelled. */
export const useExportResidents = () => useSubmit(exportResidentsXlsx);
