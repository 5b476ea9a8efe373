/** 状态: enrolment (or the form to enrol), what the sync is doing, its progress and last error. */
import { CheckCircleOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Space, Tag, Typography } from "antd";
import type { SyncPhase, SyncStatus } from "../../../ipc";
import { SYNC_PHASE_LABELS } from "../../../shared/labels";
import { useSyncNow } from "../hooks/useSync";
import { currentError, isHealthy, lastSuccessText } from "../syncText";
import { EnrolForm } from "./EnrolForm";

const PHASE_COLORS: Record<SyncPhase, string | undefined> = {
  idle: undefined,
  pushing: "processing",
  pulling: "processing",
  backoff: "warning",
  halted: "error",
};

export interface SyncStatusPanelProps {
  status: SyncStatus;
  onStatus: (status: SyncStatus) => void;
}

export function SyncStatusPanel({ status, onStatus }: SyncStatusPanelProps) {
  const { message } = App.useApp();
  const now = useSyncNow();
  const { overview, activity } = status;

  if (!overview.enrolled) {
    return (
      <>
        <EnrolForm onEnrolled={onStatus} />
        {overview.pending > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }} data-testid="sync-pending">
            待上传 {overview.pending} 条（注册后自动上传）
          </Typography.Paragraph>
        )}
      </>
    );
  }

  const error = currentError(status);
  const busy = activity.phase === "pushing" || activity.phase === "pulling";

  const syncNowClicked = async () => {
    const r = await now.run();
    if (r.ok) {
      onStatus(r.value);
      message.info("已开始同步");
    } else {
      message.error(r.error.message);
    }
  };

  return (
    <div data-testid="sync-status">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="县级平台">
          <span data-testid="sync-server">{overview.serverUrl ?? "—"}</span>
        </Descriptions.Item>
        <Descriptions.Item label="注册机构">{overview.institutionName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={PHASE_COLORS[activity.phase]} icon={busy ? <SyncOutlined spin /> : undefined} data-testid="sync-phase">
            {SYNC_PHASE_LABELS[activity.phase]}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="本机设备号">
          <Typography.Text copyable={{ text: overview.deviceId }} type="secondary">
            {overview.deviceId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="本轮进度">
          <Space size="large">
            <span data-testid="sync-progress-push">
              已上传 {activity.pushed} / {activity.toPush}
            </span>
            <span data-testid="sync-progress-pull">已下载 {activity.pulled} 条</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="待上传">
          <span data-testid="sync-pending">待上传 {overview.pending} 条</span>
        </Descriptions.Item>
      </Descriptions>

      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        <Space size="middle" wrap>
          <span data-testid="sync-last-success">{lastSuccessText(status)}</span>
          {isHealthy(status) && (
            <Tag icon={<CheckCircleOutlined />} color="success" data-testid="sync-ok">
              同步成功
            </Tag>
          )}
        </Space>
        {error !== null && (
          <div data-testid="sync-error">
            <Alert
              type={activity.phase === "halted" ? "error" : "warning"}
              showIcon
              message={activity.phase === "halted" ? "同步已暂停，需要处理" : "上次同步未完成"}
              description={
                <>
                  <div data-testid="sync-error-message">{error}</div>
                  {activity.phase === "backoff" && activity.nextAttemptInSeconds !== null && (
                    <div data-testid="sync-next-retry">
                      {activity.nextAttemptInSeconds} 秒后重试（已连续失败 {activity.consecutiveFailures} 次）
                    </div>
                  )}
                  {activity.phase === "halted" && <div>处理上述问题后，请点击「立即同步」。</div>}
                </>
              }
            />
          </div>
        )}
        {overview.parked > 0 && (
          <Typography.Text type="secondary" data-testid="sync-parked">
            {overview.parked} 条下载的记录在等待其关联的记录，收到后自动保存
          </Typography.Text>
        )}
        <Button type="primary" icon={<SyncOutlined />} loading={now.running} onClick={() => void syncNowClicked()} data-testid="sync-now">
          立即同步
        </Button>
      </Space>
    </div>
  );
}
