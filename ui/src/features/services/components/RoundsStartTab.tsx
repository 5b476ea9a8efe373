/** 巡诊: choose a nursing home and start rounds there. */
import { Alert, Button, Space, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import type { Institution } from "../../../ipc";
import { useCan } from "../../../app/SessionContext";
import { roundsPath } from "../servicesParams";
import { HomeSelect } from "./HomeSelect";

export interface RoundsStartTabProps {
  homes: readonly Institution[];
  homesLoading: boolean;
  homeId: string | null;
  onHomeChange: (homeId: string) => void;
}

export function RoundsStartTab({ homes, homesLoading, homeId, onHomeChange }: RoundsStartTabProps) {
  const navigate = useNavigate();
  const canRecord = useCan("record_care");
  if (!canRecord) {
    return <Alert type="info" showIcon message="您的角色不能记录巡诊" description="巡诊需要“记录体检、评估和巡诊”权限。" />;
  }
  return (
    <div data-testid="rounds-start-tab">
      <Typography.Paragraph type="secondary">
        选择养老机构后开始巡诊：按房间床位逐人录入血压、脉搏等，每录完一人按回车即保存，中途关闭窗口不会丢失已录入的数据。
      </Typography.Paragraph>
      <Space wrap>
        <HomeSelect
          homes={homes}
          loading={homesLoading}
          value={homeId}
          onChange={onHomeChange}
          testId="rounds-home-select"
        />
        <Button
          type="primary"
          data-testid="rounds-start"
          disabled={!homeId}
          onClick={() => homeId && navigate(roundsPath(homeId))}
        >
          开始巡诊
        </Button>
      </Space>
    </div>
  );
}
