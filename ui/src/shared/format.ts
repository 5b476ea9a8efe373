/** Display formatting of the ISO strings Rust sends. Nothing here creates a date or an instant. */
import dayjs from "dayjs";

/** RFC 3339 instant → local `YYYY-MM-DD HH:mm`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm") : iso;
}

/** `YYYY-MM-DD` → `YYYY年M月D日`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY年M月D日") : iso;
}

/** Empty strings read as a dash. */
export function orDash(v: string | null | undefined): string {
  return v === null || v === undefined || v.trim() === "" ? "—" : v;
}

/** RFC 3339 instant → local `YYYY-MM-DD HH:mm:ss` (the audit log needs the seconds). */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm:ss") : iso;
}

/** A file size as people read it: 1.5 MB, 820 KB, 12 字节. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${bytes} 字节`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, "")} ${units[i]}`;
}
