/**
 * Rounds mode (巡诊) without React: which resident comes next, how far the round has got, which
 * key does what. Whether a round is due and whether the values are valid is decided by Rust.
 */
import type { AbsenceReason, HealthFlag, RoundInput, RoundRow } from "../../ipc";

/** The inputs of a round, in Tab order; also the `fields` names Rust reports errors on. */
export const ROUND_FIELDS = ["systolic", "diastolic", "pulse", "glucose", "note"] as const;
export type RoundField = (typeof ROUND_FIELDS)[number];

export type RoundStatus = "recorded" | "absent" | "pending";

/** Whether today's entry of a row is a round, an absence, or missing. */
export function roundStatus(row: RoundRow): RoundStatus {
  const kind = row.today?.detail.kind;
  if (kind === "round") return "recorded";
  if (kind === "round_absence") return "absent";
  return "pending";
}

export interface RoundProgress {
  /** Residents with today's entry, absences included. */
  done: number;
  total: number;
}

export function roundProgress(rows: readonly RoundRow[]): RoundProgress {
  return { done: rows.filter((r) => roundStatus(r) !== "pending").length, total: rows.length };
}

export function progressText(p: RoundProgress): string {
  return `已完成 ${p.done} / ${p.total} 人`;
}

/**
 * The next resident after `from` without today's entry, wrapping round to the top of the list;
 * `null` when every resident has one.
 */
export function nextPendingIndex(rows: readonly RoundRow[], from: number): number | null {
  const n = rows.length;
  for (let step = 1; step <= n; step += 1) {
    const i = (((from + step) % n) + n) % n;
    if (roundStatus(rows[i]) === "pending") return i;
  }
  return null;
}

/** Where the round starts: the first resident without today's entry (or the first one). */
export function firstPendingIndex(rows: readonly RoundRow[]): number {
  return nextPendingIndex(rows, -1) ?? 0;
}

/** `rows` with the rows answered by saves put in place of the sheet's. */
export function mergeRows(rows: readonly RoundRow[], saved: Readonly<Record<string, RoundRow>>): RoundRow[] {
  return rows.map((r) => saved[r.residentId] ?? r);
}

export const EMPTY_ROUND: RoundInput = { systolic: "", diastolic: "", pulse: "", glucose: "", note: "" };

/** The inputs prefilled from today's round, so it can be retyped; empty otherwise. */
export function roundInputOf(row: RoundRow): RoundInput {
  const detail = row.today?.detail;
  if (detail?.kind !== "round") return { ...EMPTY_ROUND };
  const v = detail.detail.vitals;
  return {
    systolic: String(v.systolic),
    diastolic: String(v.diastolic),
    pulse: String(v.pulse),
    glucose: v.glucose ?? "",
    note: detail.detail.note,
  };
}

/** The reasons in the order of their number keys 1–4. */
export const ABSENCE_KEYS: readonly AbsenceReason[] = ["away", "in_hospital", "refused", "other"];

/** The reason a number key (1–4, main row or keypad) chooses in the 未见 popover. */
export function absenceReasonForKey(key: string): AbsenceReason | null {
  if (!/^[1-4]$/.test(key)) return null;
  return ABSENCE_KEYS[Number(key) - 1];
}

export interface KeyLike {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export type RoundKeyAction = "absence" | "previous" | "next";

/** The page-wide shortcuts: Alt+A or F8 → 未见, PageUp → 上一位, PageDown → 下一位. */
export function roundKeyAction(e: KeyLike): RoundKeyAction | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (e.key === "F8" && !e.altKey && !e.shiftKey) return "absence";
  // Alt+A types "å" on some layouts: match the physical key too.
  if (e.altKey && !e.shiftKey && (e.key.toLowerCase() === "a" || e.code === "KeyA")) return "absence";
  if (e.altKey || e.shiftKey) return null;
  if (e.key === "PageUp") return "previous";
  if (e.key === "PageDown") return "next";
  return null;
}

/** A value Rust flagged outside its normal range: "收缩压 162↑（正常 90–139 mmHg）". */
export function flagText(f: HealthFlag): string {
  return `${f.label} ${f.value}${f.direction === "high" ? "↑" : "↓"}（正常 ${f.normalRange}）`;
}

/** The flags of today's round, if it is a round. */
export function todaysFlags(row: RoundRow): HealthFlag[] {
  const detail = row.today?.detail;
  return detail?.kind === "round" ? detail.detail.vitals.flags : [];
}
