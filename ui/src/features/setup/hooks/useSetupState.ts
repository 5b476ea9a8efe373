import { useCallback, useState } from "react";
import { completeSetup, getSetupState } from "../../../ipc";
import type { SetupInput, SetupState } from "../../../ipc";
import { attempt } from "../../../shared/result";
import type { Result } from "../../../shared/result";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** The installation's setup state, loaded once at start. */
export function useSetupState() {
  const query = useIpcQuery("setup", getSetupState);
  const [override, setOverride] = useState<SetupState>();
  return {
    state: override ?? query.data,
    error: query.error,
    loading: query.loading && override === undefined,
    reload: () => {
      setOverride(undefined);
      query.reload();
    },
    /** Use the state `completeSetup` answered with, without asking again. */
    replace: setOverride,
  };
}

/** First-run registration of this institution and its first user. */
export function useCompleteSetup() {
  const [submitting, setSubmitting] = useState(false);
  const submit = useCallback(async (input: SetupInput): Promise<Result<SetupState>> => {
    setSubmitting(true);
    try {
      return await attempt(completeSetup(input));
    } finally {
      setSubmitting(false);
    }
  }, []);
  return { submit, submitting };
}
