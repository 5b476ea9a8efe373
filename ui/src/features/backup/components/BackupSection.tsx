/**
 * 设置 → 备份: where automatic backups go and how often, 立即备份 with its checked result, the
 * backups already in the folder, and 从备份恢复….
 */
import { CloudUploadOutlined, FolderOpenOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Spin, Table, Typography } from "antd";
import { useState } from "react";
import type { BackupInfo, Settings } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { formatBytes, formatDateTime } from "../../../shared/format";
import type { Result } from "../../../shared/result";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useBackupList, useBackupNow, useChooseFolder } from "../hooks/useBackups";
import { countsText } from "../backupText";
import { BackupSummary, VerifiedTag } from "./BackupSummary";
import { RestoreFromBackup } from "./RestoreFromBackup";

const BACKUP_FIELDS = ["backupFolder", "backupIntervalHours", "backupKeep"] as const;

interface BackupFormValues {
  backupFolder?: string | null;
  backupIntervalHours?: number | null;
  backupKeep?: number | null;
}

export interface BackupSectionProps {
  settings: Settings;
  canBackup: boolean;
  canRestore: boolean;
  save: (s: Settings) => Promise<Result<Settings>>;
  saving: boolean;
  onRestored: () => void;
}

export function BackupSection({ settings, canBackup, canRestore, save, saving, onRestored }: BackupSectionProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BackupFormValues>();
  const failure = useFormFailure(BACKUP_FIELDS);
  const chooseFolder = useChooseFolder();
  const backupNow = useBackupNow();
  const list = useBackupList(canBackup);
  const [result, setResult] = useState<BackupInfo>();
  const [backupFailure, setBackupFailure] = useState<string>();
  const folder = Form.useWatch("backupFolder", form) as string | null | undefined;

  const submit = async () => {
    if (saving) return;
    failure.reset();
    const v = form.getFieldsValue(true) as BackupFormValues;
    const r = await save({
      ...settings,
      backupFolder: v.backupFolder || null,
      // Empty boxes are sent as 0 so Rust names the allowed range.
      backupIntervalHours: v.backupIntervalHours ?? 0,
      backupKeep: v.backupKeep ?? 0,
    });
    if (r.ok) {
      message.success("已保存备份设置");
      form.setFieldsValue({
        backupFolder: r.value.backupFolder,
        backupIntervalHours: r.value.backupIntervalHours,
        backupKeep: r.value.backupKeep,
      });
      list.reload();
    } else {
      failure.show(r.error);
    }
  };

  const pickFolder = async () => {
    const r = await chooseFolder.run();
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    if (r.value !== null) {
      form.setFieldsValue({ backupFolder: r.value });
      failure.fieldErrors.clear(["backupFolder"]);
    }
  };

  const runBackup = async () => {
    setResult(undefined);
    setBackupFailure(undefined);
    const r = await backupNow.run();
    if (r.ok) {
      setResult(r.value);
      list.reload();
    } else {
      setBackupFailure(r.error.message);
    }
  };

  return (
    <Card title="备份" style={{ marginTop: 16 }} data-testid="settings-backup">
      {!canBackup ? (
        <Typography.Paragraph type="secondary">当前角色不能备份数据。</Typography.Paragraph>
      ) : (
        <>
          <FailureBanner failure={failure.banner} />
          <div onKeyDown={enterSubmits(() => void submit())}>
            <Form<BackupFormValues>
              form={form}
              layout="vertical"
              initialValues={{
                backupFolder: settings.backupFolder,
                backupIntervalHours: settings.backupIntervalHours,
                backupKeep: settings.backupKeep,
              }}
              onFinish={() => void submit()}
              onValuesChange={(changed: BackupFormValues) =>
                failure.fieldErrors.clear(Object.keys(changed) as (keyof BackupFormValues)[])
              }
            >
              <Form.Item
                label="备份文件夹"
                extra="例如 U 盘或另一块硬盘上的文件夹。未选择时不自动备份。"
                {...failure.fieldErrors.itemProps("backupFolder")}
              >
                <Space.Compact style={{ width: "100%" }}>
                  <Form.Item name="backupFolder" noStyle>
                    <Input readOnly placeholder="尚未选择" data-testid="backup-folder" />
                  </Form.Item>
                  <Button
                    icon={<FolderOpenOutlined />}
                    onClick={() => void pickFolder()}
                    loading={chooseFolder.running}
                    data-testid="backup-choose-folder"
                  >
                    选择文件夹
                  </Button>
                </Space.Compact>
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="backupIntervalHours"
                    label="自动备份间隔（小时）"
                    extra="1–168 小时"
                    {...failure.fieldErrors.itemProps("backupIntervalHours")}
                  >
                    <InputNumber data-testid="backup-interval" min={1} max={168} precision={0} style={{ width: 160 }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="backupKeep"
                    label="保留份数"
                    extra="1–100 份，更早的备份自动删除"
                    {...failure.fieldErrors.itemProps("backupKeep")}
                  >
                    <InputNumber data-testid="backup-keep" min={1} max={100} precision={0} style={{ width: 160 }} />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="backup-settings-save">
                保存
              </Button>
            </Form>
          </div>

          <Card type="inner" title="立即备份" style={{ marginTop: 16 }}>
            <Space direction="vertical" style={{ width: "100%" }}>
              <Space>
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  loading={backupNow.running}
                  onClick={() => void runBackup()}
                  data-testid="backup-now"
                >
                  立即备份
                </Button>
                {!settings.backupFolder && (
                  <Typography.Text type="secondary">
                    {folder ? "请先保存备份文件夹。" : "请先选择并保存备份文件夹。"}
                  </Typography.Text>
                )}
              </Space>
              {backupNow.running && (
                <div data-testid="backup-running">
                  <Spin /> <Typography.Text>正在备份并核验，请稍候…</Typography.Text>
                </div>
              )}
              {backupFailure && (
                <div data-testid="backup-error">
                  <Alert type="error" showIcon message="备份失败" description={backupFailure} />
                </div>
              )}
              {result && (
                <div data-testid="backup-result">
                  <Alert
                    type={result.verified ? "success" : "warning"}
                    showIcon
                    style={{ marginBottom: 8 }}
                    message={result.verified ? "备份完成，已核验" : "备份已写入，但没有通过核验"}
                  />
                  <BackupSummary info={result} />
                </div>
              )}
            </Space>
          </Card>

          <Card type="inner" title="已有备份" style={{ marginTop: 16 }}>
            {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 8 }} />}
            <Table<BackupInfo>
              data-testid="backup-table"
              rowKey="path"
              size="small"
              loading={list.loading}
              dataSource={list.backups}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: "备份文件夹中还没有备份" }}
              columns={[
                { title: "备份时间", dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
                { title: "大小", dataIndex: "sizeBytes", width: 90, render: (v: number) => formatBytes(v) },
                { title: "内容", key: "counts", render: (_: unknown, b: BackupInfo) => countsText(b.counts) },
                {
                  title: "核验",
                  dataIndex: "verified",
                  width: 100,
                  render: (v: boolean) => <VerifiedTag verified={v} />,
                },
                {
                  title: "位置",
                  dataIndex: "path",
                  ellipsis: true,
                  render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
                },
              ]}
            />
          </Card>
        </>
      )}
      {canRestore && (
        <Card type="inner" title="从备份恢复" style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">
            选择一个备份文件，查看其中的内容后再决定是否恢复。恢复前会先自动备份当前数据。
          </Typography.Paragraph>
          <RestoreFromBackup onRestored={onRestored} />
        </Card>
      )}
    </Card>
  );
}
