/** A nursing home's residents in bed order, one narrow column per 7+3+4 item. */
import { Table, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import type { DueRow } from "../../../ipc";
import { DISABILITY_GRADE_LABELS, SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { cellOf, roomBed } from "../dueDisplay";
import { SERVICE_ITEMS } from "../../../shared/labels";
import { DueDot } from "./DueBadge";

export function HomeDueGrid({ rows, loading }: { rows: readonly DueRow[]; loading: boolean }) {
  const columns: ColumnsType<DueRow> = [
    {
      title: "房间/床位",
      key: "bed",
      width: 96,
      fixed: "left",
      render: (_, r) => roomBed(r.room, r.bed),
    },
    {
      title: "居民",
      key: "name",
      width: 110,
      fixed: "left",
      render: (_, r) => <Link to={`/residents/${r.residentId}`}>{r.name}</Link>,
    },
    { title: "年龄", key: "age", width: 56, render: (_, r) => r.age },
    {
      title: "失能等级",
      key: "disability",
      width: 96,
      render: (_, r) => (r.disability ? DISABILITY_GRADE_LABELS[r.disability] : "未评估"),
    },
    ...SERVICE_ITEMS.map(
      (item): ColumnsType<DueRow>[number] => ({
        title: (
          <Tooltip title={SERVICE_ITEM_LABELS[item]}>
            <span>{item}</span>
          </Tooltip>
        ),
        key: item,
        width: 42,
        align: "center",
        render: (_, r) => {
          const cell = cellOf(r.cells, item);
          return cell ? <DueDot residentId={r.residentId} cell={cell} /> : null;
        },
      }),
    ),
  ];

  return (
    <div data-testid="home-due-table">
      <Table<DueRow>
        size="small"
        rowKey="residentId"
        loading={loading}
        columns={columns}
        dataSource={[...rows]}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: "该机构没有在住居民" }}
      />
    </div>
  );
}
