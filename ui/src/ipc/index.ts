/** Public face of the IPC layer: the generated commands and types, plus error helpers. */
export * from "./bindings";
export { isIpcError, onSessionLoss, toIpcError } from "./call";
export type { SessionLoss } from "./call";
export { IMPORT_PROGRESS_EVENT, onImportProgress } from "./events";
