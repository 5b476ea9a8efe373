/** The paged, server-sorted resident list. */
import { Alert, Table } from "antd";
import type { TablePaginationConfig } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import type { ResidentListQuery, ResidentRow } from "../../../ipc";
import { useResidentList } from "../hooks/useResidentList";
import { PAGE_SIZES } from "../listParams";
import { residentColumns } from "./residentColumns";
import type { RowColumn } from "./residentColumns";
import { rowProps } from "./rowProps";

export interface ResidentTableProps {
  query: ResidentListQuery;
  onQueryChange: (q: ResidentListQuery) => void;
  onOpen: (row: ResidentRow) => void;
}

export function ResidentTable({ query, onQueryChange, onOpen }: ResidentTableProps) {
  const { page, loading, error } = useResidentList(query, true);

  const onChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<ResidentRow> | SorterResult<ResidentRow>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = s?.column as RowColumn | undefined;
    const sortKey = s?.order && column?.sortKey ? column.sortKey : "name";
    const order = s?.order === "descend" ? "desc" : "asc";
    const sortChanged = sortKey !== query.sort || order !== query.order;
    const pageSize = pagination.pageSize ?? query.pageSize;
    onQueryChange({
      ...query,
      sort: sortKey,
      order,
      pageSize,
      page: sortChanged || pageSize !== query.pageSize ? 1 : (pagination.current ?? 1),
    });
  };

  return (
    <>
      {error && <Alert type="error" showIcon message="无法读取居民列表" description={error.message} />}
      <div data-testid="resident-table">
      <Table<ResidentRow>
        className="clickable-rows"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={residentColumns({ sort: query.sort, order: query.order })}
        dataSource={page?.items ?? []}
        onChange={onChange}
        onRow={(row) => rowProps(row, onOpen)}
        scroll={{ x: 1000 }}
        locale={{ emptyText: "还没有居民档案：点击“新建档案”开始建档" }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => `共 ${total} 份档案`,
        }}
      />
      </div>
    </>
  );
}
