/** The resident list's state in the URL (`#/residents?page=2&sort=age…`), so going back keeps it. */
import type { ResidentListQuery, ResidentSort, ResidentStatus, SortOrder } from "../../ipc";
import { RESIDENT_STATUS_LABELS } from "../../shared/labels";

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100] as const;

const SORTS: Record<ResidentSort, true> = { name: true, age: true, health_file_no: true, updated_at: true };

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function positiveInt(s: string | null, fallback: number): number {
  const n = s === null ? NaN : Number.parseInt(s, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function queryFromParams(p: URLSearchParams): ResidentListQuery {
  const sort = p.get("sort");
  const status = p.get("status");
  const size = positiveInt(p.get("size"), DEFAULT_PAGE_SIZE);
  return {
    page: positiveInt(p.get("page"), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    sort: sort !== null && has(SORTS, sort) ? (sort as ResidentSort) : "name",
    order: p.get("order") === "desc" ? ("desc" as SortOrder) : "asc",
    status: status !== null && has(RESIDENT_STATUS_LABELS, status) ? (status as ResidentStatus) : null,
  };
}

/** The URL parameters for `q` plus the search text; defaults are left out. */
export function paramsFromQuery(q: ResidentListQuery, text: string): URLSearchParams {
  const p = new URLSearchParams();
  if (text !== "") p.set("q", text);
  if (q.page !== 1) p.set("page", String(q.page));
  if (q.pageSize !== DEFAULT_PAGE_SIZE) p.set("size", String(q.pageSize));
  if (q.sort !== "name") p.set("sort", q.sort);
  if (q.order !== "asc") p.set("order", q.order);
  if (q.status !== null) p.set("status", q.status);
  return p;
}
