import { recordRound, recordRoundAbsence } from "../../../ipc";
import { useSubmit } from "../../../shared/useSubmit";

/** Saves one resident's round (Enter); the answer is that resident's updated row. */
export function useSaveRound() {
  const { run, running } = useSubmit(recordRound);
  return { saveRound: run, saving: running };
}

/** Records that a resident was not seen (未见), and why. */
export function useSaveAbsence() {
  const { run, running } = useSubmit(recordRoundAbsence);
  return { saveAbsence: run, saving: running };
}
