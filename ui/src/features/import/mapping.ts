/** The column mapping as the wizard edits it: sheet column index → field (or nothing). */
import type { ImportField, MappedColumn } from "../../ipc";

export type MappingDraft = Record<number, ImportField | undefined>;

export function draftFromMapping(mapping: MappedColumn[]): MappingDraft {
  const draft: MappingDraft = {};
  for (const m of mapping) draft[m.column] = m.field;
  return draft;
}

export function mappingFromDraft(draft: MappingDraft): MappedColumn[] {
  return Object.entries(draft)
    .filter((e): e is [string, ImportField] => e[1] !== undefined)
    .map(([column, field]) => ({ column: Number(column), field }))
    .sort((a, b) => a.column - b.column);
}

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
