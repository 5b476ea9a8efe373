/** Renders screens the way main.tsx does (zh_CN antd, router), for component tests. */
import { render } from "@testing-library/react";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";

function Where() {
  const l = useLocation();
  return <div data-testid="location">{l.pathname}</div>;
}

/** `routes` are `[path, element]`; the current path is shown in `data-testid="location"`. */
export function renderAt(path: string, routes: [string, ReactElement][]) {
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Where />
          <Routes>
            {routes.map(([p, el]) => (
              <Route key={p} path={p} element={el} />
            ))}
          </Routes>
        </MemoryRouter>
      </AntApp>
    </ConfigProvider>,
  );
}
