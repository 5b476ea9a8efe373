/**
 * 今日待办: agreements and contracts about to expire, then overdue items and items due soon,
 * grouped by nursing home, then the planned home-care services that are missed or due.
 */
import { Alert, Button, Empty, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { Link } from "react-router-dom";
import type { TaskRow } from "../../../ipc";
import { formatDate } from "../../../shared/format";
import { SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { compareLabels, homeLabel, roomBed, sortTasks, taskHomes } from "../dueDisplay";
import { SERVICE_ITEMS } from "../../../shared/labels";
import { ExpiringItemsCard } from "../../documents/components/ExpiringItemsCard";
import { HomeCareTasks } from "../../homecare/components/HomeCareTasks";
import { useTodayTasks } from "../hooks/useTodayTasks";
import { DueTag } from "./DueBadge";

const rowKey = (r: TaskRow) => `${r.residentId}-${r.cell.item}`;

export function TodayTasksTab() {
  const { tasks, loading, error, reload } = useTodayTasks();
  const rows = useMemo(() => sortTasks(tasks), [tasks]);
  const homes = useMemo(() => taskHomes(tasks), [tasks]);

  const columns: ColumnsType<TaskRow> = [
    {
      title: "居民",
      key: "name",
      render: (_, r) => (
        <Link to={`/residents/${r.residentId}`} data-testid={`task-resident-${r.residentId}`}>
          {r.name}
        </Link>
      ),
      sorter: (a, b) => compareLabels(a.name, b.name),
    },
    {
      title: "养老机构",
      key: "home",
      render: (_, r) => homeLabel(r.nursingHomeName),
      sorter: (a, b) => compareLabels(homeLabel(a.nursingHomeName), homeLabel(b.nursingHomeName)),
      filters: homes.map((h) => ({ text: h, value: h })),
      onFilter: (value, r) => homeLabel(r.nursingHomeName) === value,
    },
    {
      title: "房间/床位",
      key: "bed",
      render: (_, r) => roomBed(r.room, r.bed),
      sorter: (a, b) => compareLabels(a.room, b.room) || compareLabels(a.bed, b.bed),
    },
    {
      title: "项目",
      key: "item",
      render: (_, r) => (
        <span>
          <Typography.Text strong>{r.cell.item}</Typography.Text> {SERVICE_ITEM_LABELS[r.cell.item]}
        </span>
      ),
      sorter: (a, b) => SERVICE_ITEMS.indexOf(a.cell.item) - SERVICE_ITEMS.indexOf(b.cell.item),
      filters: SERVICE_ITEMS.filter((i) => tasks.some((t) => t.cell.item === i)).map((i) => ({
        text: `${i} ${SERVICE_ITEM_LABELS[i]}`,
        value: i,
      })),
      onFilter: (value, r) => r.cell.item === value,
    },
    {
      title: "状态",
      key: "state",
      render: (_, r) => <DueTag state={r.cell.state} testId={`task-state-${rowKey(r)}`} />,
      sorter: (a, b) => (a.cell.state === b.cell.state ? 0 : a.cell.state === "overdue" ? -1 : 1),
    },
    { title: "原因", key: "reason", render: (_, r) => r.cell.reason || "—" },
    {
      title: "期限",
      key: "dueBy",
      render: (_, r) => formatDate(r.cell.dueBy),
      sorter: (a, b) => (a.cell.dueBy ?? "9999").localeCompare(b.cell.dueBy ?? "9999"),
    },
  ];

  return (
    <>
      <ExpiringItemsCard />
      {error ? (
        <Alert
          type="error"
          showIcon
          message="无法读取今日待办"
          description={error.message}
          action={<Button onClick={reload}>重试</Button>}
        />
      ) : (
        <TaskTable rows={rows} columns={columns} loading={loading} />
      )}
      <HomeCareTasks hideWhenEmpty heading="居家照护待办" />
    </>
  );
}

function TaskTable({ rows, columns, loading }: { rows: TaskRow[]; columns: ColumnsType<TaskRow>; loading: boolean }) {
  return (
    <div data-testid="today-tasks">
      <Table<TaskRow>
        size="small"
        rowKey={rowKey}
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{
          emptyText: loading ? (
            " "
          ) : (
            <div data-testid="today-tasks-empty">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="今日没有待办" />
            </div>
          ),
        }}
      />
    </div>
  );
}
