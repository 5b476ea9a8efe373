/** 同步 (`/sync`): the exchange with the county — status, conflicts and refused changes. */
import { Alert, Badge, Card, Space, Spin, Tabs } from "antd";
import { useSearchParams } from "react-router-dom";
import { useSyncStatus } from "../hooks/useSync";
import { ConflictsTab } from "./ConflictsTab";
import { QuarantineTab } from "./QuarantineTab";
import { SyncStatusPanel } from "./SyncStatusPanel";

/** How often the page asks what the sync is doing. */
export const SYNC_PAGE_POLL_MS = 2000;

type TabKey = "status" | "conflicts" | "rejected";

function tabOf(value: string | null): TabKey {
  return value === "conflicts" || value === "rejected" ? value : "status";
}

export function SyncPage() {
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params.get("tab"));
  const { status, error, refresh, accept } = useSyncStatus(SYNC_PAGE_POLL_MS);

  const count = (n: number, testId: string) =>
    n > 0 ? <Badge count={n} size="small" offset={[6, -2]} data-testid={testId} /> : null;

  return (
    <Card title="同步">
      {error && (
        <Alert
          type="error"
          showIcon
          message="无法读取同步状态"
          description={error.message}
          style={{ marginBottom: 16 }}
          data-testid="sync-status-error"
        />
      )}
      {!status ? (
        !error && <Spin data-testid="sync-loading" />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === "status" ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: "status",
              label: <span data-testid="tab-sync-status">状态</span>,
              children: <SyncStatusPanel status={status} onStatus={accept} />,
            },
            {
              key: "conflicts",
              label: (
                <Space size={4} data-testid="tab-sync-conflicts">
                  冲突
                  {count(status.overview.openConflicts, "sync-conflict-count")}
                </Space>
              ),
              children: <ConflictsTab deviceId={status.overview.deviceId} onChanged={refresh} />,
            },
            {
              key: "rejected",
              label: (
                <Space size={4} data-testid="tab-sync-rejected">
                  隔离
                  {count(status.overview.rejected.length, "sync-rejected-count")}
                </Space>
              ),
              children: <QuarantineTab rejected={status.overview.rejected} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
