import { completeSetup, getSetupState } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The installation's setup state (institution, device, data file), loaded when the shell opens. */
export function useSetupState() {
  const query = useIpcQuery("setup", getSetupState);
  return { state: query.data, error: query.error, loading: query.loading, reload: query.reload };
}

/** First-run registration of this institution and its first user; answers with the recovery code. */
export function useCompleteSetup() {
  const { run, running } = useSubmit(completeSetup);
  return { submit: run, submitting: running };
}
