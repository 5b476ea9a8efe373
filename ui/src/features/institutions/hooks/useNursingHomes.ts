import { useCallback, useState } from "react";
import { createInstitution, listNursingHomes } from "../../../ipc";
import type { Institution, InstitutionInput } from "../../../ipc";
import { attempt } from "../../../shared/result";
import type { Result } from "../../../shared/result";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** The nursing homes (敬老院/养老机构) a resident can live in. */
export function useNursingHomes() {
  const q = useIpcQuery("nursing-homes", listNursingHomes);
  return { homes: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

/** Registers a partner nursing home. */
export function useCreateInstitution() {
  const [submitting, setSubmitting] = useState(false);
  const create = useCallback(async (input: InstitutionInput): Promise<Result<Institution>> => {
    setSubmitting(true);
    try {
      return await attempt(createInstitution(input));
    } finally {
      setSubmitting(false);
    }
  }, []);
  return { create, submitting };
}
