/**
 * The shell once someone is logged in: loads the installation's setup state, provides the session
 * to every screen, and locks the window after the idle time.
 */
import { Button, Result, Spin } from "antd";
import { useMemo } from "react";
import type { AppStatus, SessionInfo } from "../ipc";
import { useSetupState } from "../features/setup/hooks/useSetupState";
import { useIdleLock } from "../features/session/hooks/useIdleLock";
import { reportActivity } from "../features/session/hooks/useSessionCommands";
import { AppRoutes } from "./AppRoutes";
import { idleLockSeconds } from "./phase";
import { permissionCheck, SessionContext } from "./SessionContext";
import type { SessionControl } from "./SessionContext";
import { isSetUp, SetupContext } from "./SetupContext";

export interface ReadyShellProps {
  status: AppStatus;
  session: SessionInfo;
  lockNow: () => void;
  logOut: () => void;
  reloadStatus: (remount?: boolean) => void;
}

export function ReadyShell({ status, session, lockNow, logOut, reloadStatus }: ReadyShellProps) {
  const setup = useSetupState();
  useIdleLock({
    seconds: idleLockSeconds(status),
    onIdle: lockNow,
    onActive: reportActivity,
  });

  const control = useMemo<SessionControl>(
    () => ({ session, can: permissionCheck(session), lockNow, logOut, reloadStatus }),
    [session, lockNow, logOut, reloadStatus],
  );

  if (setup.loading && !setup.state) return <Loading />;
  if (!setup.state || !isSetUp(setup.state)) {
    return (
      <Result
        status="error"
        title="无法读取本机构信息"
        subTitle={setup.error?.message}
        extra={
          <Button type="primary" onClick={setup.reload}>
            重试
          </Button>
        }
      />
    );
  }
  return (
    <SessionContext.Provider value={control}>
      <SetupContext.Provider value={setup.state}>
        <AppRoutes />
      </SetupContext.Provider>
    </SessionContext.Provider>
  );
}

export function Loading() {
  return (
    <div style={{ display: "flex", height: "100%", alignItems: "center", justifyContent: "center" }}>
      <Spin size="large" tip="正在打开数据…">
        <div style={{ width: 200, height: 80 }} />
      </Spin>
    </div>
  );
}
