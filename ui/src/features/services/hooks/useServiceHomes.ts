import { listNursingHomes } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** The nursing homes to choose from on the 养老机构 and 巡诊 tabs. */
export function useServiceHomes() {
  const q = useIpcQuery("nursing-homes", listNursingHomes);
  return { homes: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}
