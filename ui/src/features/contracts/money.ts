/** Amounts Rust stores in 分 (cents), shown as people read them: ¥1,234.50. Only display. */

/**
 * An i64 from Rust: typed `bigint` by the generator, but a plain number once it crossed JSON.
 * Read it with `Number()` (no bigint literals: the WebKit build target predates them).
 */
export type Int64 = bigint | number;

/** `123450` → `"¥1,234.50"`; negative amounts read `-¥…`. */
export function formatCents(cents: Int64 | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  const n = Math.trunc(Number(cents));
  if (!Number.isFinite(n)) return "—";
  const abs = Math.abs(n);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fen = (abs % 100).toString().padStart(2, "0");
  return `${n < 0 ? "-" : ""}¥${yuan}.${fen}`;
}
