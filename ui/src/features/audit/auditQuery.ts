/** The audit page's filters and their conversion to the IPC query. */
import type { Dayjs } from "dayjs";
import type { AuditAction, AuditQuery, AuditVerification } from "../../ipc";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  /** Calendar days picked by the person, inclusive. */
  dates?: [Dayjs | null, Dayjs | null] | null;
  userId?: string | null;
  action?: AuditAction | null;
  recordId?: string;
}

export function toAuditQuery(f: AuditFilters, page: number, pageSize: number = AUDIT_PAGE_SIZE): AuditQuery {
  const [from, to] = f.dates ?? [null, null];
  const recordId = f.recordId?.trim() ?? "";
  return {
    page,
    pageSize,
    // The picked days, written out as `YYYY-MM-DD`; Rust reads them as local dates.
    from: from ? from.format("YYYY-MM-DD") : null,
    to: to ? to.format("YYYY-MM-DD") : null,
    userId: f.userId ?? null,
    action: f.action ?? null,
    recordId: recordId === "" ? null : recordId,
  };
}

/** What 核验完整性 found, as one sentence. */
export function verificationText(v: AuditVerification): string {
  if (v.intact) return `审计日志完整，共 ${v.checked} 条`;
  if (v.firstBadSeq !== null) return `第 ${v.firstBadSeq} 条记录被篡改或缺失`;
  return "审计日志未通过核验";
}
