import { createUser, listUsers, removeUser, resetUserPassword } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";
import { useSubmit } from "../../../shared/useSubmit";

/** Every user of this installation (机构管理员 only; others get `forbidden`). */
export function useUserList() {
  const q = useIpcQuery("users", listUsers);
  return { users: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}

export const useCreateUser = () => useSubmit(createUser);
export const useRemoveUser = () => useSubmit(removeUser);
export const useResetUserPassword = () => useSubmit(resetUserPassword);
