/** Renders screens the way main.tsx does (zh_CN antd, router), for component tests. */
import { render } from "@testing-library/react";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import type { SessionInfo } from "../ipc";
import { permissionCheck, SessionContext } from "../app/SessionContext";
import type { SessionControl } from "../app/SessionContext";
import { SetupContext } from "../app/SetupContext";
import type { SetUpState } from "../app/SetupContext";
import { testSession, testSetup } from "./session";

function Where() {
  const l = useLocation();
  return <div data-testid="location">{l.pathname}</div>;
}

export interface RenderOptions {
  /** The logged-in user; default a 机构管理员 with every permission. */
  session?: SessionInfo;
  setup?: SetUpState;
  /** Replaces the session's actions (all do nothing by default). */
  control?: Partial<Omit<SessionControl, "session" | "can">>;
}

export function sessionControl(session: SessionInfo, control: RenderOptions["control"] = {}): SessionControl {
  return {
    session,
    can: permissionCheck(session),
    lockNow: () => undefined,
    logOut: () => undefined,
    reloadStatus: () => undefined,
    ...control,
  };
}

/** `routes` are `[path, element]`; the current path is shown in `data-testid="location"`. */
export function renderAt(path: string, routes: [string, ReactElement][], options: RenderOptions = {}) {
  const session = options.session ?? testSession();
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionContext.Provider value={sessionControl(session, options.control)}>
          <SetupContext.Provider value={options.setup ?? testSetup}>
            <MemoryRouter initialEntries={[path]}>
              <Where />
              <Routes>
                {routes.map(([p, el]) => (
                  <Route key={p} path={p} element={el} />
                ))}
              </Routes>
            </MemoryRouter>
          </SetupContext.Provider>
        </SessionContext.Provider>
      </AntApp>
    </ConfigProvider>,
  );
}
