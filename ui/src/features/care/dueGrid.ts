/**
 * The 7+3+4 grid's layout and colours. The state and reason of every cell are Rust's
 * (`residentDue`); this only places the cells and picks a colour for each state.
 */
import type { DueCell, DueState, ServiceItem } from "../../ipc";

export interface DueGroup {
  title: string;
  items: readonly ServiceItem[];
}

/** Row 1: the 7 基本 services; row 2: the 3 优先 and the 4 拓展 services. */
export const DUE_ROWS: readonly (readonly DueGroup[])[] = [
  [{ title: "基本服务", items: ["G1", "G2", "G3", "G4", "G5", "G6", "G7"] }],
  [
    { title: "优先服务", items: ["P1", "P2", "P3"] },
    { title: "拓展服务", items: ["S1", "S2", "S3", "S4"] },
  ],
];

export interface StateStyle {
  /** antd Tag colour. */
  tag: string;
  background: string;
  border: string;
}

export const DUE_STATE_STYLES: Record<DueState, StateStyle> = {
  done: { tag: "success", background: "#f6ffed", border: "#95de64" },
  due: { tag: "processing", background: "#e6f4ff", border: "#69b1ff" },
  overdue: { tag: "error", background: "#fff1f0", border: "#ff7875" },
  not_applicable: { tag: "default", background: "#f5f5f5", border: "#d9d9d9" },
  on_demand: { tag: "default", background: "#ffffff", border: "#d9d9d9" },
};

/** The cells by item (an item Rust did not send is absent). */
export function cellsByItem(cells: readonly DueCell[]): Map<ServiceItem, DueCell> {
  return new Map(cells.map((c) => [c.item, c]));
}

/** The facts of a cell besides its reason, e.g. `最近：2025-03-01 · 应于 2025-12-31 前 · 本年 2 次`. */
export function cellFacts(cell: DueCell): string {
  const parts: string[] = [];
  if (cell.lastDone) parts.push(`最近：${cell.lastDone}`);
  if (cell.dueBy) parts.push(`应于 ${cell.dueBy} 前`);
  if (cell.countThisYear > 0) parts.push(`本年 ${cell.countThisYear} 次`);
  return parts.join(" · ");
}
