import { todayTasks } from "../../../ipc";
import { useIpcQuery } from "../../../shared/useIpcQuery";

/** 今日待办: overdue items and items due within a week, as Rust lists them. */
export function useTodayTasks(enabled = true) {
  const q = useIpcQuery(enabled ? "today-tasks" : null, todayTasks);
  return { tasks: q.data ?? [], loading: q.loading, error: q.error, reload: q.reload };
}
