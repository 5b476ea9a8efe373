import { useEffect, useRef } from "react";

/** What counts as someone using the window. */
export const ACTIVITY_EVENTS = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;

export interface IdleLockOptions {
  /** Seconds without input before `onIdle`; 0 or less never fires. */
  seconds: number;
  onIdle: () => void;
  enabled?: boolean;
}

/**
 * Calls `onIdle` once after `seconds` without mouse, keyboard, wheel or touch input on the window;
 * any input starts the count again. It re-arms only when `seconds` or `enabled` change (the lock
 * screen unmounts the shell, so the next log-in or unlock starts afresh).
 */
export function useIdleLock({ seconds, onIdle, enabled = true }: IdleLockOptions) {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (!enabled || !(seconds > 0)) return undefined;
    let timer: number | undefined;
    let fired = false;
    const arm = () => {
      if (fired) return;
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
