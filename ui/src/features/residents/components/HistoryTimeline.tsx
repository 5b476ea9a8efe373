/** 修改历史: who changed what and when, newest first. */
import { Alert, Empty, Spin, Timeline, Typography } from "antd";
import type { HistoryEntry, IpcError } from "../../../ipc";
import { formatDateTime } from "../../../shared/format";
import { CHANGE_ACTION_LABELS, historyValueLabel, residentFieldLabel } from "../../../shared/labels";

export interface HistoryTimelineProps {
  entries: readonly HistoryEntry[];
  loading: boolean;
  error: IpcError | undefined;
}

export function HistoryTimeline({ entries, loading, error }: HistoryTimelineProps) {
  return (
    <div data-testid="detail-history">
      {error && <Alert type="error" showIcon message="无法读取修改历史" description={error.message} />}
      {loading && entries.length === 0 && <Spin />}
      {!loading && !error && entries.length === 0 && <Empty description="暂无修改记录" />}
      <Timeline
        items={entries.map((e) => ({
          key: e.version,
          color: e.action === "created" ? "green" : e.action === "status_changed" ? "orange" : "blue",
          children: (
            <div data-testid="history-entry">
              <Typography.Text strong>{CHANGE_ACTION_LABELS[e.action]}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {formatDateTime(e.at)} · {e.actorName} · 第 {e.version} 版
              </Typography.Text>
              {e.action !== "created" && e.changes.length > 0 && (
                <ul style={{ margin: "4px 0 0", paddingLeft: 20 }}>
                  {e.changes.map((c) => (
                    <li key={c.field}>
                      {residentFieldLabel(c.field)}：{historyValueLabel(c.field, c.before)} →{" "}
                      {historyValueLabel(c.field, c.after)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
