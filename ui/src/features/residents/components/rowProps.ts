import type { HTMLAttributes } from "react";
import type { ResidentRow } from "../../../ipc";

const ROW_TEST_ID = "resident-row";

/** Focuses the first row of the list on screen (↓ from the search box). */
export function focusFirstRow(): boolean {
  const first = document.querySelector<HTMLElement>(`tr[data-testid="${ROW_TEST_ID}"]`);
  first?.focus();
  return first !== null;
}

function focusSibling(row: HTMLElement, dir: "next" | "prev") {
  let el = dir === "next" ? row.nextElementSibling : row.previousElementSibling;
  while (el && !(el instanceof HTMLElement && el.dataset.testid === ROW_TEST_ID)) {
    el = dir === "next" ? el.nextElementSibling : el.previousElementSibling;
  }
  if (el instanceof HTMLElement) el.focus();
}

/** Props of one list row: the test hook; click or Enter opens the file, ↑/↓ move between rows. */
export function rowProps(row: ResidentRow, onOpen: (row: ResidentRow) => void): HTMLAttributes<HTMLElement> {
  const props: HTMLAttributes<HTMLElement> & { "data-testid": string } = {
    "data-testid": ROW_TEST_ID,
    tabIndex: 0,
    onClick: () => onOpen(row),
    onKeyDown: (e) => {
      if (e.key === "Enter") onOpen(row);
      else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        focusSibling(e.currentTarget, e.key === "ArrowDown" ? "next" : "prev");
      }
    },
  };
  return props;
}
