/** A resident's entries, newest first; expand a row for its detail. */
import { Alert, Button, Space, Table, Tag, Typography } from "antd";
import type { HTMLAttributes } from "react";
import type { CareRecord, IpcError } from "../../../ipc";
import { orDash } from "../../../shared/format";
import { SERVICE_ITEM_LABELS } from "../../../shared/labels";
import { replacementNote } from "../recordDisplay";
import { recordTitle } from "../recordKinds";
import { RecordDetailView } from "./RecordDetailView";

export interface RecordListProps {
  records: readonly CareRecord[];
  loading: boolean;
  error: IpcError | undefined;
  /** Whether 更正 / 作废 are offered on an entry. */
  canChange: (r: CareRecord) => boolean;
  onCorrect: (r: CareRecord) => void;
  onVoid: (r: CareRecord) => void;
  emptyText: string;
}

export function RecordList({ records, loading, error, canChange, onCorrect, onVoid, emptyText }: RecordListProps) {
  const struck = (r: CareRecord) => r.supersededBy !== null;
  return (
    <div data-testid="records-list">
      {error && <Alert type="error" showIcon message="无法读取服务记录" description={error.message} style={{ marginBottom: 8 }} />}
      <Table<CareRecord>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={[...records]}
        pagination={records.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText }}
        scroll={{ x: 900 }}
        onRow={(r) => {
          const props: HTMLAttributes<HTMLElement> & Record<string, string> = {
            "data-testid": `record-row-${r.id}`,
            "data-superseded": String(struck(r)),
          };
          return props;
        }}
        expandable={{
          expandedRowRender: (r) => <RecordDetailView detail={r.detail} />,
          rowExpandable: () => true,
        }}
        columns={[
          {
            title: "日期",
            dataIndex: "occurredOn",
            width: 110,
            render: (v: string, r) => <Struck on={struck(r)}>{v}</Struck>,
          },
          {
            title: "项目",
            key: "item",
            width: 200,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.item && (
                  <Tag color={struck(r) ? "default" : "blue"} title={SERVICE_ITEM_LABELS[r.item]}>
                    {r.item}
                  </Tag>
                )}
                <Struck on={struck(r)}>{recordTitle(r)}</Struck>
              </Space>
            ),
          },
          {
            title: "摘要",
            dataIndex: "summary",
            render: (v: string, r) => (
              <div>
                <Struck on={struck(r)}>{v}</Struck>
                {struck(r) && (
                  <div>
                    <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="record-replaced-note">
                      {replacementNote(r, records)}
                    </Typography.Text>
                  </div>
                )}
                {r.supersedes && r.detail.kind !== "void" && r.correctionReason && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      更正原因：{r.correctionReason}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: "记录人",
            dataIndex: "recordedByName",
            width: 100,
            render: (v: string, r) => <Struck on={struck(r)}>{v}</Struck>,
          },
          {
            title: "地点",
            dataIndex: "place",
            width: 120,
            render: (v: string, r) => <Struck on={struck(r)}>{orDash(v)}</Struck>,
          },
          {
            title: "操作",
            key: "actions",
            width: 120,
            render: (_: unknown, r) =>
              canChange(r) ? (
                <Space size={0}>
                  <Button type="link" size="small" data-testid={`record-correct-${r.id}`} onClick={() => onCorrect(r)}>
                    更正
                  </Button>
                  <Button type="link" size="small" danger data-testid={`record-void-${r.id}`} onClick={() => onVoid(r)}>
                    作废
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </div>
  );
}

function Struck({ on, children }: { on: boolean; children: React.ReactNode }) {
  return on ? (
    <Typography.Text delete type="secondary">
      {children}
    </Typography.Text>
  ) : (
    <>{children}</>
  );
}
