/**
 * The recovery code, shown exactly once after set-up or upgrade. It is the only way back to the
 * data when every administrator password is forgotten, so the window does not go on until the
 * person confirms it is printed or written down. 打印 prints only the code sheet.
 */
import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Descriptions, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { SetupDone } from "../../../ipc";
import { useRecordOutput } from "../hooks/useSessionCommands";
import { FullWindow } from "./FullWindow";

export const RECOVERY_INSTRUCTIONS = "请把恢复码打印或抄写后锁在安全的地方；忘记所有管理员密码时，只能用它找回数据";

export interface RecoveryCodePageProps {
  done: SetupDone;
  onContinue: () => void;
}

export function RecoveryCodePage({ done, onContinue }: RecoveryCodePageProps) {
  const [saved, setSaved] = useState(false);
  const [printing, setPrinting] = useState(false);
  const recordOutput = useRecordOutput();
  // The day the sheet is printed, for the person filing it (not stored anywhere).
  const [today] = useState(() => dayjs().format("YYYY年M月D日"));

  const print = async () => {
    setPrinting(true);
    try {
      await recordOutput("print", "recovery_code", "", "");
    } finally {
      setPrinting(false);
    }
    window.print();
  };

  return (
    <FullWindow title="请保存恢复码" width={640} testId="recovery-page">
      <div className="print-sheet" data-testid="recovery-sheet">
        <Typography.Title level={4} className="print-only" style={{ marginTop: 0 }}>
          医养通 · 数据恢复码
        </Typography.Title>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="机构">{done.institution.name}</Descriptions.Item>
          <Descriptions.Item label="日期">{today}</Descriptions.Item>
          <Descriptions.Item label="设备标识">{done.deviceId}</Descriptions.Item>
        </Descriptions>
        <div
          data-testid="recovery-code"
          style={{
            fontFamily: "'Consolas', 'DejaVu Sans Mono', 'Courier New', monospace",
            fontSize: 28,
            fontWeight: 600,
            letterSpacing: 2,
            textAlign: "center",
            padding: "20px 12px",
            border: "2px dashed #1677ff",
            borderRadius: 8,
            wordBreak: "break-all",
            userSelect: "all",
          }}
        >
          {done.recoveryCode}
        </div>
        <Typography.Paragraph strong style={{ marginTop: 16 }} data-testid="recovery-instructions">
          {RECOVERY_INSTRUCTIONS}。
        </Typography.Paragraph>
      </div>
      <div className="no-print">
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="恢复码只显示这一次"
          description="关闭本页后无法再次查看。任何拿到恢复码的人都能重设管理员密码，请像保管钥匙一样保管它。"
        />
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Button icon={<PrinterOutlined />} onClick={() => void print()} loading={printing} data-testid="recovery-print">
            打印
          </Button>
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="recovery-confirm">
            我已打印或抄写恢复码并妥善保存
          </Checkbox>
          <Button type="primary" size="large" disabled={!saved} onClick={onContinue} data-testid="recovery-continue">
            进入系统
          </Button>
        </Space>
      </div>
    </FullWindow>
  );
}
