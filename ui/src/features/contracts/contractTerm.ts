/**
 * The dates a contract form proposes (the person may change them; Rust checks every term).
 * Dates are calendar days `YYYY-MM-DD`, never instants.
 */
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";

export const DATE_FORMAT = "YYYY-MM-DD";

/** The reminder window of the 即将到期 filter (Rust's RENEWAL_REMINDER_DAYS). */
export const EXPIRING_WITHIN_DAYS = 30;

/** Today's calendar date on this computer. */
export function todayDate(): Dayjs {
  return dayjs().startOf("day");
}

/**
 * The end of the default one-year term starting `start`: the day before the anniversary
 * (2026-01-01 → 2026-12-31). A term from 29 February ends on 28 February, as in Rust.
 */
export function defaultEnd(start: Dayjs): Dayjs {
  const anniversary = start.add(1, "year");
  return anniversary.date() !== start.date() ? anniversary : anniversary.subtract(1, "day");
}

/** The renewal the form proposes: from the day after the old end, for one year. */
export function proposedRenewal(oldEnd: string): { start: Dayjs; end: Dayjs } {
  const start = dayjs(oldEnd, DATE_FORMAT).add(1, "day");
  return { start, end: defaultEnd(start) };
}

/** A picked date as Rust reads it; nothing picked is an empty string (Rust says it is required). */
export function toDateText(d: Dayjs | null | undefined): string {
  return d && d.isValid() ? d.format(DATE_FORMAT) : "";
}

/** `2026-01-01 – 2026-12-31` */
export function termText(start: string, end: string): string {
  return `${start} – ${end}`;
}

/** How the 剩余天数 column reads Rust's `daysToExpiry`. */
export function daysLeftText(days: bigint | number | null | undefined): string {
  if (days === null || days === undefined) return "—";
  const n = Number(days);
  if (n < 0) return `已到期 ${-n} 天`;
  if (n === 0) return "今天到期";
  return `${n} 天`;
}
