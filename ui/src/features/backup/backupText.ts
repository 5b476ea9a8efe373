/** How a backup's contents read. */
import type { BackupCounts } from "../../ipc";

/** 居民 N 份、机构 N 家、用户 N 位、审计 N 条 */
export function countsText(c: BackupCounts): string {
  return `居民 ${c.residents} 份、机构 ${c.institutions} 家、用户 ${c.users} 位、审计 ${c.auditEntries} 条`;
}
