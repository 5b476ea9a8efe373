import { createTeam, listStaff, listTeams, updateTeam } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** The clinic's family-doctor teams. */
export function useTeamList() {
  const q = useIpcQuery("care-teams", listTeams);
  return { teams: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

/** The clinic's staff accounts (team members, responsible doctors). */
export function useStaff() {
  const q = useIpcQuery("staff", listStaff);
  return { staff: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export const useCreateTeam = () => useSubmit(createTeam);
export const useUpdateTeam = () => useSubmit(updateTeam);
