/** Hits of the search box, each with what matched. */
import { Alert, Table, Tag } from "antd";
import type { IpcError, MatchKind, ResidentRow, SearchHit } from "../../../ipc";
import { MATCH_KIND_LABELS } from "../../../shared/labels";
import { residentColumns } from "./residentColumns";
import type { RowColumn } from "./residentColumns";
import { rowProps } from "./rowProps";

export interface SearchResultsProps {
  hits: readonly SearchHit[];
  loading: boolean;
  error: IpcError | undefined;
  limit: number;
  /** The query the shown hits answer, once they do (exposed for tests and screen readers). */
  resultsFor: string | undefined;
  onOpen: (row: ResidentRow) => void;
}

export function SearchResults({ hits, loading, error, limit, resultsFor, onOpen }: SearchResultsProps) {
  const matched = new Map<string, MatchKind>(hits.map((h) => [h.resident.id, h.matchedBy]));
  const columns: RowColumn[] = [
    ...residentColumns(),
    {
      key: "matchedBy",
      title: "匹配",
      width: 100,
      render: (_: unknown, r: ResidentRow) => {
        const kind = matched.get(r.id);
        return kind ? <Tag color="blue">{MATCH_KIND_LABELS[kind]}</Tag> : null;
      },
    },
  ];
  return (
    <>
      {error && <Alert type="error" showIcon message="搜索失败" description={error.message} />}
      <div data-testid="resident-table" data-results-for={resultsFor} aria-busy={loading}>
        <Table<ResidentRow>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={hits.map((h) => h.resident)}
          onRow={(row) => rowProps(row, onOpen)}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: loading ? "正在搜索…" : "没有找到匹配的居民" }}
          footer={hits.length >= limit ? () => `只显示前 ${limit} 条，请输入更多内容缩小范围` : undefined}
        />
      </div>
    </>
  );
}
