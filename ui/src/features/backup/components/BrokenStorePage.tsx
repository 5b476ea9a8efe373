/**
 * Phase `broken`: the data file cannot be opened. Say why, and offer to restore a backup. With no
 * session, Rust asks for the log-in name and password of a user who may restore; the file that
 * cannot be opened is kept aside, never deleted.
 */
import { HistoryOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, Modal, Result, Space, Typography } from "antd";
import { useState } from "react";
import type { IpcError, RestoreDone } from "../../../ipc";
import { enterSubmits } from "../../../shared/enterSubmits";
import { FailureBanner } from "../../../shared/FormErrorBanner";
import { useFormFailure } from "../../../shared/useFormFailure";
import { useRestoreBroken } from "../hooks/useBackups";
import { RestoreDoneModal } from "./RestoreFromBackup";

export interface BrokenStorePageProps {
  error: IpcError | null;
  dataPath: string;
  /** Ask Rust again what to show (after a restore, or to try opening once more). */
  onRetry: () => void;
}

const RESTORE_FIELDS = ["login", "password"] as const;
type Credentials = { login?: string; password?: string };

export function BrokenStorePage({ error, dataPath, onRetry }: BrokenStorePageProps) {
  const { message } = App.useApp();
  const { chooseFile, restore } = useRestoreBroken();
  const [path, setPath] = useState<string>();
  const [done, setDone] = useState<RestoreDone>();
  const [form] = Form.useForm<Credentials>();
  const failure = useFormFailure(RESTORE_FIELDS);

  const start = async () => {
    const picked = await chooseFile.run();
    if (!picked.ok) message.error(picked.error.message);
    else if (picked.value !== null) {
      failure.reset();
      setPath(picked.value);
    }
  };

  const submit = async () => {
    if (!path || restore.running) return;
    failure.reset();
    const v = form.getFieldsValue(true) as Credentials;
    const r = await restore.run({ path, login: v.login ?? "", password: v.password ?? "" });
    if (r.ok) {
      setPath(undefined);
      setDone(r.value);
    } else {
      form.setFieldValue("password", "");
      failure.show(r.error);
    }
  };

  return (
    <div data-testid="broken-page" style={{ padding: 24 }}>
      <Result
        status="error"
        title="无法打开数据文件"
        subTitle={<span data-testid="broken-reason">{error?.message ?? "数据文件损坏或无法读取。"}</span>}
        extra={
          <Space>
            <Button onClick={onRetry} data-testid="broken-retry">
              重试
            </Button>
            <Button
              type="primary"
              icon={<HistoryOutlined />}
              loading={chooseFile.running}
              onClick={() => void start()}
              data-testid="restore-start"
            >
              从备份恢复…
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>
          数据文件：<Typography.Text code>{dataPath || "—"}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          如果有备份（例如 U 盘上的自动备份），可以从备份恢复。无法打开的数据文件会另存一份，不会删除。
        </Typography.Paragraph>
      </Result>
      <Modal
        title="从备份恢复"
        open={path !== undefined}
        onCancel={() => setPath(undefined)}
        onOk={() => void submit()}
        okText="恢复"
        cancelText="取消"
        okButtonProps={{ danger: true, "data-testid": "restore-confirm" }}
        confirmLoading={restore.running}
        maskClosable={false}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: "100%" }} data-testid="restore-preview">
          <Typography.Paragraph>
            备份文件：<Typography.Text code>{path}</Typography.Text>
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            message="恢复前会先把当前无法打开的数据文件另存一份"
            description="请由有恢复权限的用户（机构管理员）输入登录名和密码。"
          />
          <FailureBanner failure={failure.banner} testId="restore-error" />
          <div onKeyDown={enterSubmits(() => void submit())}>
            <Form<Credentials>
              form={form}
              layout="vertical"
              preserve={false}
              onValuesChange={(changed: Credentials) =>
                failure.fieldErrors.clear(Object.keys(changed) as (keyof Credentials)[])
              }
            >
              <Form.Item name="login" label="登录名" {...failure.fieldErrors.itemProps("login")}>
                <Input data-testid="restore-login" autoFocus autoComplete="username" spellCheck={false} />
              </Form.Item>
              <Form.Item name="password" label="密码" {...failure.fieldErrors.itemProps("password")}>
                <Input.Password data-testid="restore-password" autoComplete="current-password" />
              </Form.Item>
            </Form>
          </div>
        </Space>
      </Modal>
      <RestoreDoneModal
        done={done}
        onFinish={() => {
          setDone(undefined);
          onRetry();
        }}
      />
    </div>
  );
}
