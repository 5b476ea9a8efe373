/**
 * What a form shows when Rust refuses it: messages under the fields it names, and a banner for
 * everything else (a refusal that is not about fields, or issues about fields the form lacks).
 */
import { useCallback, useMemo, useState } from "react";
import type { IpcError } from "../ipc";
import { useFieldErrors } from "./useFieldErrors";
import type { FieldErrors } from "./useFieldErrors";

export interface FormFailure<F extends string> {
  fieldErrors: FieldErrors<F>;
  /** The banner's error (its `fields` are only those no form field shows), if any. */
  banner: IpcError | undefined;
  show: (e: IpcError) => void;
  clearBanner: () => void;
  reset: () => void;
}

export function useFormFailure<F extends string>(fields: readonly F[]): FormFailure<F> {
  const fieldErrors = useFieldErrors<F>(fields);
  const [banner, setBanner] = useState<IpcError>();
  const { showIssues, clear } = fieldErrors;

  const show = useCallback(
    (e: IpcError) => {
      const unmatched = showIssues(e.fields);
      const needsBanner = e.code !== "validation" || unmatched.length > 0 || e.fields.length === 0;
      setBanner(needsBanner ? { ...e, fields: unmatched } : undefined);
    },
    [showIssues],
  );
  const clearBanner = useCallback(() => setBanner(undefined), []);
  const reset = useCallback(() => {
    setBanner(undefined);
    clear();
  }, [clear]);

  return useMemo(
    () => ({ fieldErrors, banner, show, clearBanner, reset }),
    [fieldErrors, banner, show, clearBanner, reset],
  );
}
