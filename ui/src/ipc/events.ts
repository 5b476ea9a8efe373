/**
 * Events the Rust side sends to the window without being asked (import progress). Like the
 * commands, they are reached only through this folder.
 */
import { listen } from "@tauri-apps/api/event";
import type { ImportProgress } from "./bindings";

/** The event name `src-tauri/src/report_commands.rs` emits every 250 imported rows. */
export const IMPORT_PROGRESS_EVENT = "import-progress";

/** Calls `listener` with each progress report; the returned function stops listening. */
export async function onImportProgress(listener: (p: ImportProgress) => void): Promise<() => void> {
  return listen<ImportProgress>(IMPORT_PROGRESS_EVENT, (e) => listener(e.payload));
}
