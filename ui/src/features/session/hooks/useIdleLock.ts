import { useEffect, useRef } from "react";

/** What counts as someone using the window. */
export const ACTIVITY_EVENTS = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;

export interface IdleLockOptions {
  /** Seconds without input before `onIdle`; 0 or less never fires. */
  seconds: number;
  onIdle: () => void;
  /**
   * Called on input at most once per half idle period, so the backend (which only sees commands)
   * knows the user is still there while they type a long form.
   */
  onActive?: () => void;
  enabled?: boolean;
}

/**
 * Calls `onIdle` once after `seconds` without mouse, keyboard, wheel or touch input on the window;
 * any input starts the count again. It re-arms only when `seconds` or `enabled` change (the lock
 * screen unmounts the shell, so the next log-in or unlock starts afresh).
 */
export function useIdleLock({ seconds, onIdle, onActive, enabled = true }: IdleLockOptions) {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  const onActiveRef = useRef(onActive);
  onActiveRef.current = onActive;

  useEffect(() => {
    if (!enabled || !(seconds > 0)) return undefined;
    let timer: number | undefined;
    let fired = false;
    let lastReported = Date.now();
    const arm = () => {
      if (fired) return;
      const now = Date.now();
      if (now - lastReported >= (seconds * 1000) / 2) {
        lastReported = now;
        onActiveRef.current?.();
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        fired = true;
        onIdleRef.current();
      }, seconds * 1000);
    };
    arm();
    const options = { capture: true, passive: true };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, arm, options);
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, arm, options);
    };
  }, [seconds, enabled]);
}
