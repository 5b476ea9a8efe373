/**
 * Keyboard habits of a data-entry form: Enter in a text box moves to the next field (as Tab would),
 * Ctrl+S / Cmd+S saves from anywhere, Esc cancels. Select boxes, date pickers and text areas keep
 * their own Enter.
 */
import { useEffect, useRef } from "react";

const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

function isPlainTextInput(el: EventTarget | null): el is HTMLInputElement {
  if (!(el instanceof HTMLInputElement)) return false;
  if (el.closest(".ant-select, .ant-picker")) return false;
  const t = el.type;
  return t === "text" || t === "tel" || t === "search" || t === "number" || t === "checkbox" || t === "";
}

/** Elements of `root` that Tab would reach, in document order. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && !el.closest("[aria-hidden='true']"),
  );
}

/** Moves focus from `from` to the next focusable element of `root`; true if it moved. */
export function focusNext(root: HTMLElement, from: HTMLElement): boolean {
  const list = focusableIn(root);
  const i = list.indexOf(from);
  const next = i >= 0 ? list[i + 1] : undefined;
  if (!next) return false;
  next.focus();
  return true;
}

export interface FormKeysOptions {
  onSave: () => void;
  onCancel?: () => void;
  /** False while a dialog is open on top of the form. */
  enabled?: boolean;
}

/** Attach the returned ref to the element wrapping the form's fields. */
export function useFormKeys<E extends HTMLElement>({ onSave, onCancel, enabled = true }: FormKeysOptions) {
  const rootRef = useRef<E>(null);
  const saveRef = useRef(onSave);
  const cancelRef = useRef(onCancel);
  saveRef.current = onSave;
  cancelRef.current = onCancel;

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      const root = rootRef.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        saveRef.current();
        return;
      }
      if (e.key === "Escape" && cancelRef.current) {
        const active = document.activeElement;
        // An open dropdown closes first; a second Esc leaves the form.
        if (active instanceof HTMLElement && active.getAttribute("aria-expanded") === "true") return;
        if (document.querySelector(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)")) return;
        e.preventDefault();
        cancelRef.current();
        return;
      }
      if (
        e.key === "Enter" &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !e.shiftKey &&
        !e.isComposing &&
        e.keyCode !== 229 &&
        root &&
        root.contains(e.target as Node) &&
        isPlainTextInput(e.target)
      ) {
        e.preventDefault();
        focusNext(root, e.target);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);

  return rootRef;
}
