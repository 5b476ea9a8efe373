/** Start-up: load the setup state, then show the setup wizard or the app shell. */
import { Button, Result, Spin } from "antd";
import type { SetupState } from "../ipc";
import { SetupPage } from "../features/setup/components/SetupPage";
import { useSetupState } from "../features/setup/hooks/useSetupState";
import { AppRoutes } from "./AppRoutes";
import { useReportFirstPaint } from "./hooks/useReportFirstPaint";
import { SetupContext } from "./SetupContext";
import type { SetUpState } from "./SetupContext";

function isComplete(s: SetupState): s is SetUpState {
  return s.setUp && s.institution !== null && s.user !== null;
}

export function App() {
  const setup = useSetupState();
  useReportFirstPaint(!setup.loading);

  if (setup.loading) {
    return (
      <div style={{ display: "flex", height: "100%", alignItems: "center", justifyContent: "center" }}>
        <Spin size="large" tip="正在打开数据…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (setup.error || !setup.state) {
    return (
      <Result
        status="error"
        title="无法打开数据文件"
        subTitle={setup.error?.message}
        extra={
          <Button type="primary" onClick={setup.reload}>
            重试
          </Button>
        }
      />
    );
  }
  if (!isComplete(setup.state)) {
    return <SetupPage onDone={setup.replace} />;
  }
  return (
    <SetupContext.Provider value={setup.state}>
      <AppRoutes />
    </SetupContext.Provider>
  );
}
