/**
 * Start-up and the window's phases: Rust says what to show (set-up, upgrade, log-in, lock screen,
 * the shell, or a broken data file); this picks the screen. The lock screen and the log-in page
 * replace the whole shell, so no resident data stays in the page behind them.
 */
import { Button, Result } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import type { IpcError, SessionInfo, SetupDone } from "../ipc";
import { BrokenStorePage } from "../features/backup/components/BrokenStorePage";
import { LockScreen } from "../features/session/components/LockScreen";
import { LoginPage } from "../features/session/components/LoginPage";
import { RecoveryCodePage } from "../features/session/components/RecoveryCodePage";
import { UpgradePage } from "../features/session/components/UpgradePage";
import { useAppStatus, useSessionControl, useSessionLoss } from "../features/session/hooks/useAppStatus";
import { SetupPage } from "../features/setup/components/SetupPage";
import { useReportFirstPaint } from "./hooks/useReportFirstPaint";
import { afterSessionLoss, isStoreProblem, readyStatus, screenFor } from "./phase";
import { Loading, ReadyShell } from "./ReadyShell";

export function App() {
  const { status, error, refresh, update } = useAppStatus();
  const [recovery, setRecovery] = useState<SetupDone>();
  // Bumped after a restore: every screen of the shell loads afresh.
  const [shellGeneration, setShellGeneration] = useState(0);
  const screen = screenFor({ status, error, recovery });
  useReportFirstPaint(screen !== "loading");

  useSessionLoss((code) => update((s) => afterSessionLoss(s, code)));
  const { lockNow, logOut } = useSessionControl(update, refresh);

  // Someone else logging in starts on the home page, not on the previous user's screen.
  const navigate = useNavigate();
  const lastUserId = useRef<string | null>(null);
  const userId = status?.session?.userId ?? null;
  useEffect(() => {
    if (userId !== null) lastUserId.current = userId;
  }, [userId]);

  const enter = useCallback(
    (session: SessionInfo) => {
      if (lastUserId.current !== null && lastUserId.current !== session.userId) {
        navigate("/home", { replace: true });
      }
      update((s) => readyStatus(s, session));
      refresh();
    },
    [update, refresh, navigate],
  );

  // Log-in or unlock may find the data file damaged: Rust's status then says `broken`.
  const onFailed = useCallback(
    (e: IpcError) => {
      if (isStoreProblem(e)) refresh();
    },
    [refresh],
  );

  const reloadStatus = useCallback(
    (remount?: boolean) => {
      if (remount) setShellGeneration((g) => g + 1);
      refresh();
    },
    [refresh],
  );

  switch (screen) {
    case "loading":
      return <Loading />;
    case "error":
      return (
        <Result
          status="error"
          title="无法打开数据文件"
          subTitle={error?.message}
          extra={
            <Button type="primary" onClick={refresh}>
              重试
            </Button>
          }
        />
      );
    case "recovery":
      return recovery ? (
        <RecoveryCodePage
          done={recovery}
          onContinue={() => {
            setRecovery(undefined);
            enter(recovery.session);
          }}
        />
      ) : null;
    case "setup":
      return <SetupPage onDone={setRecovery} />;
    case "upgrade":
      return <UpgradePage onDone={setRecovery} />;
    case "log_in":
      return <LoginPage demo={status?.demo ?? false} onLoggedIn={enter} onFailed={onFailed} />;
    case "locked":
      return (
        <LockScreen
          userName={status?.lockedUser ?? null}
          onUnlocked={enter}
          onSwitchUser={logOut}
          onFailed={onFailed}
        />
      );
    case "broken":
      return <BrokenStorePage error={status?.error ?? null} dataPath={status?.dataPath ?? ""} onRetry={refresh} />;
    case "ready":
      return status?.session ? (
        <ReadyShell
          key={shellGeneration}
          status={status}
          session={status.session}
          lockNow={lockNow}
          logOut={logOut}
          reloadStatus={reloadStatus}
        />
      ) : null;
  }
}
