/**
 * How signed documents, previews, templates and expiry dates read. Only wording: every rule (who
 * may sign, what expires when, which template is current) is Rust's.
 */
import type { DocumentPreview, SignedDocument, TemplateSummary } from "../../ipc";
import { formatDateTime } from "../../shared/format";

/** Rust's `daysLeft` of an expiring agreement or contract: 还有 N 天 / 今天到期 / 已到期 N 天. */
export function expiryText(daysLeft: number | bigint): string {
  const n = Number(daysLeft);
  if (n > 0) return `还有 ${n} 天`;
  if (n === 0) return "今天到期";
  return `已到期 ${-n} 天`;
}

/** The message after a draft PDF was written and handed to the system viewer. */
export function previewMessage(p: Pick<DocumentPreview, "pages" | "path">): string {
  return `已生成预览（共 ${p.pages} 页），已用系统阅读器打开：${p.path}`;
}

/** The warning when the PDF font lacks characters of the document; undefined when none. */
export function missingCharsText(chars: readonly string[]): string | undefined {
  if (chars.length === 0) return undefined;
  return `PDF 字体缺少这些字：${chars.join("、")}，签署前请核对`;
}

/** The first characters of a SHA-256 shown to people (enough to compare two copies by eye). */
export function shortHash(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 16)}…` : hex;
}

/** The lines of the 已签署 PDF tooltip. */
export function signedDocumentDetails(
  d: Pick<SignedDocument, "pages" | "signatories" | "signedAt" | "pdfSha256">,
): string[] {
  return [
    `共 ${d.pages} 页`,
    `签署人：${d.signatories.join("、") || "—"}`,
    `签署时间：${formatDateTime(d.signedAt)}`,
    `PDF SHA-256：${shortHash(d.pdfSha256)}`,
  ];
}

/** 来源 of a template: 内置, or 安装于 <date>. */
export function templateSourceText(t: Pick<TemplateSummary, "builtin" | "installedAt">): string {
  if (t.builtin || !t.installedAt) return "内置";
  return `安装于 ${formatDateTime(t.installedAt)}`;
}

/** The message after a template was installed. */
export function templateInstalledText(t: Pick<TemplateSummary, "title" | "version">): string {
  return `已安装「${t.title}」第 ${t.version} 版`;
}
