/** 冲突: fields two computers changed at the same time; a person chooses which value stays. */
import { Alert, App, Button, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { ConflictView } from "../../../ipc";
import { useSession } from "../../../app/SessionContext";
import { formatDateTime } from "../../../shared/format";
import { LOCAL_CONFLICT_STATUS_LABELS } from "../../../shared/labels";
import { useResolveConflict, useStaffNames, useSyncConflicts } from "../hooks/useSync";
import { CONFLICT_PERMISSION, formatValue, shortId } from "../syncText";

export interface ConflictsTabProps {
  /** This computer's device id (its own changes say 本机). */
  deviceId: string;
  /** After a choice: the status (counts) changed too. */
  onChanged: () => void;
}

export function ConflictsTab({ deviceId, onChanged }: ConflictsTabProps) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [includeResolved, setIncludeResolved] = useState(false);
  const { conflicts, loading, error, reload } = useSyncConflicts(includeResolved);
  const staff = useStaffNames();
  const resolve = useResolveConflict();
  /** The conflict whose choice is being saved. */
  const [saving, setSaving] = useState<string>();

  const choose = async (c: ConflictView, value: unknown) => {
    setSaving(c.record.id);
    const r = await resolve.run({ conflictId: c.record.id, value });
    setSaving(undefined);
    if (r.ok) {
      message.success(`已采用「${formatValue(value)}」，将在下次同步时上传`);
      reload();
      onChanged();
    } else {
      message.error(r.error.message);
    }
  };

  const mayChoose = (c: ConflictView) => {
    const p = CONFLICT_PERMISSION[c.record.table];
    return c.localStatus !== "resolved" && p !== null && can(p);
  };

  const valueCell = (c: ConflictView, value: unknown, testId: string) => (
    <Space direction="vertical" size={4}>
      <Typography.Text strong data-testid={`${testId}-value`}>
        {formatValue(value)}
      </Typography.Text>
      {mayChoose(c) && (
        <Button
          size="small"
          loading={saving === c.record.id && resolve.running}
          disabled={saving !== undefined && saving !== c.record.id}
          onClick={() => void choose(c, value)}
          data-testid={`${testId}-choose`}
        >
          采用此值
        </Button>
      )}
    </Space>
  );

  return (
    <>
      {error && <Alert type="error" showIcon message="无法读取同步冲突" description={error.message} style={{ marginBottom: 16 }} />}
      <Space style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }}>
        <Typography.Text type="secondary">
          两台电脑同时修改了同一字段时，县级平台先保留一个值；请确认应采用哪个值。
        </Typography.Text>
        <Space>
          <span>显示已解决</span>
          <Switch checked={includeResolved} onChange={setIncludeResolved} data-testid="sync-conflicts-resolved" />
        </Space>
      </Space>
      <div data-testid="sync-conflicts-table">
        <Table<ConflictView>
          rowKey={(c) => c.record.id}
          size="middle"
          loading={loading}
          dataSource={conflicts}
          pagination={false}
          locale={{ emptyText: includeResolved ? "没有同步冲突" : "没有待处理的同步冲突" }}
          onRow={(c) =>
            ({ "data-testid": "sync-conflict-row", "data-conflict-id": c.record.id }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: "记录",
              key: "record",
              render: (_: unknown, c: ConflictView) => (
                <Space direction="vertical" size={0}>
                  <span data-testid="sync-conflict-record">{c.rowLabel}</span>
                  <Typography.Text type="secondary">{c.tableLabel}</Typography.Text>
                </Space>
              ),
            },
            {
              title: "字段",
              key: "field",
              width: 120,
              render: (_: unknown, c: ConflictView) => <span data-testid="sync-conflict-field">{c.fieldLabel}</span>,
            },
            {
              title: "县级保留值",
              key: "kept",
              render: (_: unknown, c: ConflictView) => valueCell(c, c.record.keptValue, "sync-conflict-kept"),
            },
            {
              title: "另一值",
              key: "other",
              render: (_: unknown, c: ConflictView) => valueCell(c, c.record.otherValue, "sync-conflict-other"),
            },
            {
              title: "另一值来自",
              key: "from",
              width: 200,
              render: (_: unknown, c: ConflictView) => (
                <Space direction="vertical" size={0} data-testid="sync-conflict-from">
                  <span>设备：{c.record.otherDeviceId === deviceId ? "本机" : shortId(c.record.otherDeviceId)}</span>
                  <span>用户：{staff.get(c.record.otherActorId) ?? shortId(c.record.otherActorId)}</span>
                  <span>时间：{formatDateTime(c.record.otherLocalTime)}</span>
                </Space>
              ),
            },
            {
              title: "状态",
              key: "status",
              width: 150,
              render: (_: unknown, c: ConflictView) => (
                <Space direction="vertical" size={0}>
                  <Tag color={c.localStatus === "open" ? "orange" : c.localStatus === "resolving" ? "blue" : "green"}>
                    {LOCAL_CONFLICT_STATUS_LABELS[c.localStatus]}
                  </Tag>
                  {c.localStatus === "resolved" && c.record.resolvedValue !== null && c.record.resolvedValue !== undefined && (
                    <Typography.Text type="secondary">采用：{formatValue(c.record.resolvedValue)}</Typography.Text>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </div>
    </>
  );
}
