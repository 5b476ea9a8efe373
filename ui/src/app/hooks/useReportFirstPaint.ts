import { useEffect } from "react";
import { reportFirstPaint } from "../../ipc";

let reported = false;

/** Tells Rust, once per launch, that the first screen is painted (cold-start benchmark). */
export function useReportFirstPaint(ready: boolean) {
  useEffect(() => {
    if (!ready || reported) return;
    reported = true;
    // After the browser has painted the frame that holds the first render.
    requestAnimationFrame(() => {
      setTimeout(() => {
        reportFirstPaint().catch(() => undefined);
      }, 0);
    });
  }, [ready]);
}
