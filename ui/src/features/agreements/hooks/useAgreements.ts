import {
  activateAgreement,
  createAgreement,
  listAgreements,
  terminateAgreement,
  updateAgreement,
} from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** Every cooperation agreement of this clinic. */
export function useAgreementList() {
  const q = useIpcQuery("agreements", listAgreements);
  return { agreements: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export const useCreateAgreement = () => useSubmit(createAgreement);
export const useUpdateAgreement = () => useSubmit(updateAgreement);
export const useActivateAgreement = () => useSubmit(activateAgreement);
export const useTerminateAgreement = () => useSubmit(terminateAgreement);
