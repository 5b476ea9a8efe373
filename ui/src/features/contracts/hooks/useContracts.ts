import {
  createContract,
  listContracts,
  renewContract,
  signContract,
  signContractDocument,
  terminateContract,
} from "../../../ipc";
import type { ContractQuery } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The contracts a query selects (Rust orders them by end date). */
export function useContractList(query: ContractQuery) {
  const q = useIpcQuery(`contracts:${JSON.stringify(query)}`, () => listContracts(query), { keepPrevious: true });
  return { contracts: q.data ?? [], loaded: q.data !== undefined, loading: q.loading, error: q.error, reload: q.reload };
}

export const useCreateContract = () => useSubmit(createContract);
export const useSignContract = () => useSubmit(signContract);
export const useRenewContract = () => useSubmit(renewContract);
export const useTerminateContract = () => useSubmit(terminateContract);
export const useSignContractDocument = () => useSubmit(signContractDocument);
