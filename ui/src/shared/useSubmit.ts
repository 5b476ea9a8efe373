/** A command that changes something, with a flag while it runs; the answer comes back as a Result. */
import { useCallback, useRef, useState } from "react";
import { attempt } from "./result";
import type { Result } from "./result";

export interface Submit<A extends unknown[], T> {
  run: (...args: A) => Promise<Result<T>>;
  running: boolean;
}

export function useSubmit<A extends unknown[], T>(command: (...args: A) => Promise<T>): Submit<A, T> {
  const [running, setRunning] = useState(false);
  const commandRef = useRef(command);
  commandRef.current = command;
  const run = useCallback(async (...args: A): Promise<Result<T>> => {
    setRunning(true);
    try {
      return await attempt(commandRef.current(...args));
    } finally {
      setRunning(false);
    }
  }, []);
  return { run, running };
}
