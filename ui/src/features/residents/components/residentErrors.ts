/** How a failed save reads in the form's banner, by error code (never by message text). */
import type { IpcError } from "../../../ipc";

/** FieldIssue whose `message` carries the id of the resident already holding a 身份证号. */
export const EXISTING_RESIDENT_FIELD = "existingResidentId";

export interface ErrorBanner {
  title: string;
  detail?: string;
  existingResidentId?: string;
  reload: boolean;
}

export function errorBanner(e: IpcError): ErrorBanner {
  switch (e.code) {
    case "validation":
      return { title: "请修改标红的内容后再保存", reload: false };
    case "duplicate_id_number": {
      const existing = e.fields.find((f) => f.field === EXISTING_RESIDENT_FIELD);
      return { title: e.message, existingResidentId: existing?.message, reload: false };
    }
    case "version_conflict":
      return {
        title: "保存失败：这份档案在您打开之后已被修改",
        detail: "请重新加载最新版本后再修改。",
        reload: true,
      };
    default:
      return { title: e.message, reload: false };
  }
}
