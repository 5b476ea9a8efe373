/** The header's 同步 indicator: pending changes, and a red dot when something needs a person. */
import { SyncOutlined } from "@ant-design/icons";
import { Badge, Button, Tooltip } from "antd";
import { useNavigate } from "react-router-dom";
import { useSyncStatus } from "../hooks/useSync";
import { needsAttention } from "../syncText";

/** How often the header asks (the 同步 page itself asks more often). */
export const SYNC_BADGE_POLL_MS = 15000;

export function SyncBadge() {
  const navigate = useNavigate();
  const { status } = useSyncStatus(SYNC_BADGE_POLL_MS);
  if (!status) return null;
  const { overview, activity } = status;
  const attention = needsAttention(status);
  const busy = activity.phase === "pushing" || activity.phase === "pulling";
  const parts = [
    overview.enrolled ? `待上传 ${overview.pending} 条` : "本机尚未注册到县级平台",
    overview.openConflicts > 0 ? `冲突 ${overview.openConflicts} 个` : "",
    overview.rejected.length > 0 ? `被退回 ${overview.rejected.length} 条` : "",
    overview.enrolled && activity.phase === "halted" ? "同步已暂停" : "",
  ].filter((p) => p !== "");

  return (
    <Tooltip title={parts.join("，")}>
      <Button type="text" onClick={() => navigate("/sync")} data-testid="sync-badge" aria-label={`同步：${parts.join("，")}`}>
        <Badge dot={attention} color="red" data-testid={attention ? "sync-badge-alert" : undefined}>
          <SyncOutlined spin={busy} />
        </Badge>
        <span style={{ marginLeft: 6 }}>同步</span>
        {overview.pending > 0 && (
          <Badge
            count={overview.pending}
            overflowCount={999}
            color="blue"
            style={{ marginLeft: 6 }}
            data-testid="sync-badge-pending"
          />
        )}
      </Button>
    </Tooltip>
  );
}
