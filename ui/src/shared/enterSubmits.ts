/**
 * Enter in a text or password box submits the form around it (also inside dialogs, whose OK
 * button is outside the `<form>`). Select boxes and date pickers keep their own Enter, and an
 * input method composing Chinese characters is never interrupted.
 */
import type { KeyboardEvent } from "react";

const TEXT_TYPES = new Set(["text", "password", "search", "tel", "email", "number", ""]);

/** True when this key press should submit the form. */
export function isSubmitEnter(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.key !== "Enter" || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return false;
  if (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return false;
  const t = e.target;
  if (!(t instanceof HTMLInputElement)) return false;
  if (t.closest(".ant-select, .ant-picker")) return false;
  return TEXT_TYPES.has(t.type);
}

/** `onKeyDown` for the element wrapping a form's fields. */
export function enterSubmits(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (!isSubmitEnter(e)) return;
    e.preventDefault();
    submit();
  };
}
