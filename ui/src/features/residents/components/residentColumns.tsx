/** Columns shared by the paged list and the search results. */
import type { ColumnType } from "antd/es/table";
import type { ResidentRow, ResidentSort, SortOrder } from "../../../ipc";
import { LIVING_KIND_LABELS, SEX_LABELS } from "../../../shared/labels";
import { formatDateTime, orDash } from "../../../shared/format";
import { StatusTag } from "./StatusTag";

export type RowColumn = ColumnType<ResidentRow> & { sortKey?: ResidentSort };

/** The columns; sortable ones carry the server's sort key and show `sort` as the current one. */
export function residentColumns(sort?: { sort: ResidentSort; order: SortOrder }): RowColumn[] {
  const sortable = (key: ResidentSort): Partial<RowColumn> =>
    sort
      ? {
          sortKey: key,
          sorter: true,
          sortDirections: ["ascend", "descend", "ascend"],
          sortOrder: sort.sort === key ? (sort.order === "asc" ? "ascend" : "descend") : null,
        }
      : {};
  return [
    { key: "name", title: "姓名", dataIndex: "name", width: 110, ...sortable("name") },
    { key: "sex", title: "性别", dataIndex: "sex", width: 64, render: (s: ResidentRow["sex"]) => SEX_LABELS[s] },
    { key: "age", title: "年龄", dataIndex: "age", width: 80, ...sortable("age") },
    { key: "idNumber", title: "身份证号", dataIndex: "idNumber", width: 190 },
    { key: "phone", title: "电话", dataIndex: "phone", width: 130, render: (v: string) => orDash(v) },
    {
      key: "healthFileNo",
      title: "健康档案编号",
      dataIndex: "healthFileNo",
      width: 190,
      ...sortable("health_file_no"),
    },
    {
      key: "living",
      title: "居住",
      width: 140,
      render: (_: unknown, r: ResidentRow) =>
        r.livingKind === "nursing_home" ? (r.nursingHomeName ?? LIVING_KIND_LABELS.nursing_home) : LIVING_KIND_LABELS.home,
    },
    {
      key: "status",
      title: "状态",
      dataIndex: "status",
      width: 80,
      render: (s: ResidentRow["status"]) => <StatusTag status={s} />,
    },
    {
      key: "updatedAt",
      title: "更新时间",
      dataIndex: "updatedAt",
      width: 150,
      render: (v: string) => formatDateTime(v),
      ...sortable("updated_at"),
    },
  ];
}
