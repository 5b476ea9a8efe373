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
