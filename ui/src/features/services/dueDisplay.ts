/**
 * How the due list is drawn. Every state, reason and count comes from Rust; this only decides
 * colours, letters, order and percentages for display.
 */
import type { DueCell, DueState, ItemCoverage, ServiceItem, TaskRow } from "../../ipc";
import { SERVICE_ITEMS } from "../../shared/labels";


export interface DueStateStyle {
  /** One character shown in the grid cell. */
  letter: string;
  /** Dot / text colour. */
  color: string;
  /** antd Tag colour. */
  tag: string;
}

export const DUE_STATE_STYLE: Record<DueState, DueStateStyle> = {
  done: { letter: "✓", color: "#389e0d", tag: "green" },
  due: { letter: "待", color: "#1677ff", tag: "blue" },
  overdue: { letter: "逾", color: "#cf1322", tag: "red" },
  on_demand: { letter: "按", color: "#8c8c8c", tag: "default" },
  not_applicable: { letter: "—", color: "#d9d9d9", tag: "default" },
};

/** The cell of `item` in a row of 14 (Rust sends them in order, but look them up by item). */
export function cellOf(cells: readonly DueCell[], item: ServiceItem): DueCell | undefined {
  return cells.find((c) => c.item === item);
}

/** Percentage of applicable residents done, rounded down; `null` when the item applies to nobody. */
export function coveragePercent(c: ItemCoverage): number | null {
  if (c.applicable <= 0) return null;
  return Math.floor((Math.min(c.done, c.applicable) * 100) / c.applicable);
}

const collator = new Intl.Collator("zh-CN", { numeric: true });

/** Compares room/bed labels as people number them ("2" before "10"). */
export function compareLabels(a: string, b: string): number {
  return collator.compare(a, b);
}

/** "301 / 2", "301", "—". */
export function roomBed(room: string, bed: string): string {
  const r = room.trim();
  const b = bed.trim();
  if (r && b) return `${r} / ${b}`;
  return r || b || "—";
}

/** What the 养老机构 column shows for a resident living at home. */
export const AT_HOME = "居家";

export function homeLabel(name: string): string {
  return name.trim() === "" ? AT_HOME : name;
}

/** Today's tasks grouped by nursing home (居家 last), then in bed order, then by item. */
export function sortTasks(rows: readonly TaskRow[]): TaskRow[] {
  return [...rows].sort((a, b) => {
    const ah = a.nursingHomeName.trim();
    const bh = b.nursingHomeName.trim();
    if ((ah === "") !== (bh === "")) return ah === "" ? 1 : -1;
    return (
      collator.compare(ah, bh) ||
      collator.compare(a.room, b.room) ||
      collator.compare(a.bed, b.bed) ||
      collator.compare(a.name, b.name) ||
      a.residentId.localeCompare(b.residentId) ||
      SERVICE_ITEMS.indexOf(a.cell.item) - SERVICE_ITEMS.indexOf(b.cell.item)
    );
  });
}

/** The distinct 养老机构 labels of the tasks, in their sorted order (for the column filter). */
export function taskHomes(rows: readonly TaskRow[]): string[] {
  const seen: string[] = [];
  for (const r of sortTasks(rows)) {
    const h = homeLabel(r.nursingHomeName);
    if (!seen.includes(h)) seen.push(h);
  }
  return seen;
}
