/**
 * 照护待办: the planned services of people at home that are missed or due, missed first. Shown on
 * the 居家照护 page and, when there are any, under 今日待办 beside the 7+3+4 items.
 */
import { Alert, Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import type { HomeCareTask } from "../../../ipc";
import { DUE_STATE_LABELS } from "../../../shared/labels";
import { useHomeCareTasks } from "../hooks/useHomeCare";

export interface HomeCareTasksProps {
  /** Show nothing (not even `heading`) while there is no task. */
  hideWhenEmpty?: boolean;
  heading?: string;
}

export function HomeCareTasks({ hideWhenEmpty = false, heading }: HomeCareTasksProps) {
  const { tasks, loading, error } = useHomeCareTasks();
  if (hideWhenEmpty && !error && tasks.length === 0) return null;
  return (
    <div data-testid="home-care-tasks" style={heading ? { marginTop: 16 } : undefined}>
      {heading && <Typography.Title level={5}>{heading}</Typography.Title>}
      {error && <Alert type="error" showIcon message={error.message} />}
      <Table<HomeCareTask>
        rowKey={(t) => `${t.residentId}:${t.due.service}`}
        loading={loading}
        dataSource={tasks}
        locale={{ emptyText: "照护计划中的服务都已按时完成" }}
        columns={[
          { title: "姓名", render: (_, t) => <Link to={`/residents/${t.residentId}`}>{t.residentName}</Link> },
          { title: "服务", render: (_, t) => t.due.serviceName },
          { title: "期限", render: (_, t) => t.due.dueBy },
          {
            title: "状态",
            render: (_, t) => (
              <Tag color={t.due.state === "overdue" ? "red" : "blue"}>{DUE_STATE_LABELS[t.due.state]}</Tag>
            ),
          },
          { title: "说明", render: (_, t) => t.due.reason },
        ]}
      />
    </div>
  );
}
