/** What one backup holds: where, when, how big, its contents and whether it checked out. */
import { Descriptions, Tag, Typography } from "antd";
import type { BackupInfo } from "../../../ipc";
import { formatBytes, formatDateTime } from "../../../shared/format";
import { countsText } from "../backupText";

export function VerifiedTag({ verified }: { verified: boolean }) {
  return verified ? (
    <Tag color="green" data-testid="backup-verified">
      已核验
    </Tag>
  ) : (
    <Tag color="red" data-testid="backup-unverified">
      未通过核验
    </Tag>
  );
}

export function BackupSummary({ info, testId }: { info: BackupInfo; testId?: string }) {
  return (
    <Descriptions column={1} size="small" bordered data-testid={testId}>
      <Descriptions.Item label="备份时间">{formatDateTime(info.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="位置">
        <Typography.Text copyable data-testid="backup-path">
          {info.path}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="大小">{formatBytes(info.sizeBytes)}</Descriptions.Item>
      <Descriptions.Item label="设备">{info.deviceId}</Descriptions.Item>
      <Descriptions.Item label="内容">
        <span data-testid="backup-counts">{countsText(info.counts)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="核验">
        <VerifiedTag verified={info.verified} />
      </Descriptions.Item>
    </Descriptions>
  );
}
