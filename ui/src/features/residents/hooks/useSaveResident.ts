import { useCallback, useState } from "react";
import { changeResidentStatus, createResident, updateResident, validateResident } from "../../../ipc";
import type { ChangeStatus, Resident, ResidentCheck, ResidentInput } from "../../../ipc";
import { attempt } from "../../../shared/result";
import type { Result } from "../../../shared/result";

export interface SaveTarget {
  id: string;
  baseVersion: number;
}

/** Creates a file (no target) or updates the one opened at `baseVersion`. */
export function useSaveResident() {
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async (input: ResidentInput, target: SaveTarget | null): Promise<Result<Resident>> => {
      setSaving(true);
      try {
        return await attempt(
          target
            ? updateResident({ id: target.id, baseVersion: target.baseVersion, input })
            : createResident(input),
        );
      } finally {
        setSaving(false);
      }
    },
    [],
  );
  return { save, saving };
}

const NOTHING_FOUND: ResidentCheck = { issues: [], idNumber: null };

/**
 * Asks Rust what is wrong with the form so far and what its 身份证号 says, without saving;
 * `exceptId` is the file being edited (so it is not a duplicate of itself). Failures read as
 * "nothing found": saving reports them.
 */
export function useValidateResident() {
  return useCallback(async (input: ResidentInput, exceptId: string | null): Promise<ResidentCheck> => {
    const r = await attempt(validateResident(input, exceptId));
    return r.ok ? r.value : NOTHING_FOUND;
  }, []);
}

/** 迁出 / 死亡 / 恢复在档. */
export function useChangeStatus() {
  const [saving, setSaving] = useState(false);
  const change = useCallback(async (c: ChangeStatus): Promise<Result<Resident>> => {
    setSaving(true);
    try {
      return await attempt(changeResidentStatus(c));
    } finally {
      setSaving(false);
    }
  }, []);
  return { change, saving };
}
