import { useCallback, useState } from "react";
import { getSettings, saveSettings } from "../../../ipc";
import type { Settings } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** This computer's settings, and saving them; the saved answer replaces what is shown. */
export function useSettings() {
  const q = useIpcQuery("settings", getSettings);
  const [saved, setSaved] = useState<Settings>();
  const { run, running } = useSubmit(saveSettings);
  const save = useCallback(
    async (s: Settings) => {
      const r = await run(s);
      if (r.ok) setSaved(r.value);
      return r;
    },
    [run],
  );
  return { settings: saved ?? q.data, loading: q.loading, error: q.error, save, saving: running };
}
