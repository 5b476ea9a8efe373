import { useCallback } from "react";
import { addRecord, correctRecord, voidRecord } from "../../../ipc";
import type { CareRecord, RecordInput } from "../../../ipc";
import type { Result } from "../../../shared/result";
import { useSubmit } from "../../../shared/useSubmit";

/** What a save corrects: the entry and why (the replacement is the form's entry). */
export interface Correcting {
  recordId: string;
  reason: string;
}

/** Adds an entry, or (with `correcting`) replaces one by the corrected entry. */
export function useSaveRecord() {
  const add = useSubmit(addRecord);
  const correct = useSubmit(correctRecord);
  const { run: runAdd } = add;
  const { run: runCorrect } = correct;
  const save = useCallback(
    (input: RecordInput, correcting: Correcting | null): Promise<Result<CareRecord>> =>
      correcting
        ? runCorrect({ recordId: correcting.recordId, reason: correcting.reason, replacement: input })
        : runAdd(input),
    [runAdd, runCorrect],
  );
  return { save, saving: add.running || correct.running };
}

/** 作废: marks an entry as entered in error, with the reason. */
export function useVoidRecord() {
  const { run, running } = useSubmit(voidRecord);
  return { voidRecord: run, voiding: running };
}
