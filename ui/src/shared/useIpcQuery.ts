/**
 * Loads data through an IPC call and keeps the latest answer. An answer to an older request that
 * arrives after a newer one started is dropped, so fast typing never shows stale results.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { IpcError } from "../ipc";
import { toIpcError } from "../ipc";

export interface IpcQuery<T> {
  data: T | undefined;
  /** The `key` that `data` was loaded for. */
  dataKey: string | null;
  error: IpcError | undefined;
  loading: boolean;
  reload: () => void;
}

export interface IpcQueryOptions {
  /** Keep showing the previous key's data while the new key loads (paging, typing). */
  keepPrevious?: boolean;
}

interface Settled<T> {
  key: string;
  generation: number;
  data?: { value: T };
  error?: IpcError;
}

/** `load` is called whenever `key` changes (compare by value: pass a string). `null` loads nothing. */
export function useIpcQuery<T>(
  key: string | null,
  load: () => Promise<T>,
  { keepPrevious = false }: IpcQueryOptions = {},
): IpcQuery<T> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();
  const [lastData, setLastData] = useState<{ key: string; value: T }>();
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    if (key === null) return;
    loadRef.current().then(
      (value) => {
        if (ticket !== latest.current) return;
        setSettled({ key, generation, data: { value } });
        setLastData({ key, value });
      },
      (e: unknown) => {
        if (ticket !== latest.current) return;
        setSettled({ key, generation, error: toIpcError(e) });
      },
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const loading = key !== null && (settled?.key !== key || settled.generation !== generation);
  const showData = lastData !== undefined && (keepPrevious || lastData.key === key);
  return {
    data: showData ? lastData.value : undefined,
    dataKey: lastData?.key ?? null,
    error: !loading && settled?.key === key ? settled.error : undefined,
    loading,
    reload,
  };
}
