/** 隔离: local changes the county refused, with its reason. They no longer block later changes. */
import { Table, Typography } from "antd";
import type { RejectedMutation } from "../../../ipc";
import { formatDateTime } from "../../../shared/format";

export function QuarantineTab({ rejected }: { rejected: readonly RejectedMutation[] }) {
  return (
    <>
      <Typography.Paragraph type="secondary">
        以下修改被县级平台退回，没有生效。请按原因在相应记录中改正后重新保存；之后的修改不受影响。
      </Typography.Paragraph>
      <div data-testid="sync-rejected-table">
        <Table<RejectedMutation>
          rowKey="seq"
          size="middle"
          dataSource={[...rejected]}
          pagination={false}
          locale={{ emptyText: "没有被退回的修改" }}
          onRow={(m) => ({ "data-testid": "sync-rejected-row", "data-seq": m.seq }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: "记录",
              key: "record",
              render: (_: unknown, m: RejectedMutation) => (
                <span data-testid="sync-rejected-record">
                  {m.tableLabel}：{m.rowLabel}
                </span>
              ),
            },
            {
              title: "字段",
              key: "field",
              width: 140,
              render: (_: unknown, m: RejectedMutation) => m.fieldLabel ?? m.field ?? "—",
            },
            {
              title: "原因",
              key: "reason",
              render: (_: unknown, m: RejectedMutation) => <span data-testid="sync-rejected-reason">{m.message}</span>,
            },
            {
              title: "时间",
              key: "time",
              width: 160,
              render: (_: unknown, m: RejectedMutation) => formatDateTime(m.localTime),
            },
          ]}
        />
      </div>
    </>
  );
}
