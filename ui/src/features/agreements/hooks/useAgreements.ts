import {
  activateAgreement,
  amendAgreement,
  createAgreement,
  lastLicenceNo,
  listAgreements,
  signAgreementDocument,
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

/** The 医疗机构执业许可证登记号 entered at the last signing ("" before the first). */
export function useLastLicenceNo() {
  const q = useIpcQuery("last-licence-no", lastLicenceNo);
  return { licenceNo: q.data, loading: q.loading };
}

export const useCreateAgreement = () => useSubmit(createAgreement);
export const useUpdateAgreement = () => useSubmit(updateAgreement);
export const useActivateAgreement = () => useSubmit(activateAgreement);
export const useTerminateAgreement = () => useSubmit(terminateAgreement);
export const useSignAgreementDocument = () => useSubmit(signAgreementDocument);
export const useAmendAgreement = () => useSubmit(amendAgreement);
