/**
 * 从备份恢复…: pick a backup file, see what it holds (Rust opens and checks it without touching
 * the current data), then restore. Rust first backs up the current data; its location is shown.
 */
import { HistoryOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Space, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useState } from "react";
import type { BackupInfo, RestoreDone } from "../../../ipc";
import { useRestore } from "../hooks/useBackups";
import { BackupSummary } from "./BackupSummary";

export interface RestoreFromBackupProps {
  /** The data was replaced: the window has to read everything again. */
  onRestored: () => void;
  buttonProps?: ButtonProps;
}

type Step = { kind: "idle" } | { kind: "preview"; info: BackupInfo } | { kind: "done"; done: RestoreDone };

export function RestoreFromBackup({ onRestored, buttonProps }: RestoreFromBackupProps) {
  const { message } = App.useApp();
  const { chooseFile, preview, restore } = useRestore();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [failure, setFailure] = useState<string>();

  const start = async () => {
    setFailure(undefined);
    const picked = await chooseFile.run();
    if (!picked.ok) {
      message.error(picked.error.message);
      return;
    }
    if (picked.value === null) return;
    const info = await preview.run(picked.value);
    if (!info.ok) {
      message.error(info.error.message);
      return;
    }
    setStep({ kind: "preview", info: info.value });
  };

  const confirm = async (info: BackupInfo) => {
    setFailure(undefined);
    const r = await restore.run(info.path);
    if (!r.ok) {
      setFailure(r.error.message);
      return;
    }
    setStep({ kind: "done", done: r.value });
  };

  const finish = () => {
    setStep({ kind: "idle" });
    onRestored();
  };

  return (
    <>
      <Button
        danger
        icon={<HistoryOutlined />}
        loading={chooseFile.running || preview.running}
        onClick={() => void start()}
        data-testid="restore-start"
        {...buttonProps}
      >
        从备份恢复…
      </Button>
      <Modal
        title="从备份恢复"
        open={step.kind === "preview"}
        onCancel={() => setStep({ kind: "idle" })}
        okText="恢复此备份"
        okButtonProps={{
          danger: true,
          disabled: step.kind === "preview" && !step.info.verified,
          "data-testid": "restore-confirm",
        }}
        cancelText="取消"
        confirmLoading={restore.running}
        onOk={() => step.kind === "preview" && void confirm(step.info)}
        maskClosable={false}
        width={640}
      >
        {step.kind === "preview" && (
          <Space direction="vertical" style={{ width: "100%" }} data-testid="restore-preview">
            <BackupSummary info={step.info} />
            {step.info.verified ? (
              <Alert
                type="warning"
                showIcon
                message="恢复前会先自动备份当前数据"
                description="恢复后，本机当前的全部数据将被这个备份中的数据替换，备份之后录入的内容将不再显示（仍保存在自动备份中）。"
              />
            ) : (
              <Alert type="error" showIcon message="这个备份没有通过核验，不能用于恢复。" />
            )}
            {failure && (
              <div data-testid="restore-error">
                <Alert type="error" showIcon message={failure} />
              </div>
            )}
          </Space>
        )}
      </Modal>
      <RestoreDoneModal done={step.kind === "done" ? step.done : undefined} onFinish={finish} />
    </>
  );
}

/** The restore is done: where the data as it was just before went, and what was restored. */
export function RestoreDoneModal({ done, onFinish }: { done: RestoreDone | undefined; onFinish: () => void }) {
  return (
    <Modal
      title="恢复完成"
      open={done !== undefined}
      closable={false}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onFinish} data-testid="restore-finish">
          完成
        </Button>
      }
    >
      {done && (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="restore-done">
          <Alert type="success" showIcon message="已从备份恢复数据。" />
          <Typography.Paragraph>
            恢复前的数据已另存到：
            <Typography.Text copyable code data-testid="restore-safety-path">
              {done.safetyBackup.path}
            </Typography.Text>
          </Typography.Paragraph>
          <BackupSummary info={done.restored} />
        </Space>
      )}
    </Modal>
  );
}
