/** 服务与巡诊 (`/services`): today's tasks, a nursing home's 7+3+4 grid, and starting rounds. */
import { Alert, Tabs, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";
import { useServiceHomes } from "../hooks/useServiceHomes";
import { parseServicesParams, servicesSearch } from "../servicesParams";
import type { ServicesParams, ServicesTab } from "../servicesParams";
import { HomeDueTab } from "./HomeDueTab";
import { RoundsStartTab } from "./RoundsStartTab";
import { TodayTasksTab } from "./TodayTasksTab";

export function ServicesPage() {
  const [search, setSearch] = useSearchParams();
  const params = parseServicesParams(search);
  const homes = useServiceHomes();
  // The picker's default year only; every due date and state comes from Rust.
  const year = params.year ?? dayjs().year();

  const update = useCallback(
    (change: Partial<ServicesParams>) => {
      setSearch(new URLSearchParams(servicesSearch({ ...parseServicesParams(search), ...change })), {
        replace: true,
      });
    },
    [search, setSearch],
  );

  return (
    <div data-testid="services-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        服务与巡诊
      </Typography.Title>
      {homes.error && (
        <Alert type="error" showIcon message="无法读取养老机构列表" description={homes.error.message} style={{ marginBottom: 16 }} />
      )}
      <Tabs
        activeKey={params.tab}
        onChange={(tab) => update({ tab: tab as ServicesTab })}
        destroyOnHidden
        items={[
          { key: "today", label: <span data-testid="services-tab-today">今日待办</span>, children: <TodayTasksTab /> },
          {
            key: "homes",
            label: <span data-testid="services-tab-homes">养老机构</span>,
            children: (
              <HomeDueTab
                homes={homes.homes}
                homesLoading={homes.loading}
                homeId={params.homeId}
                year={year}
                onHomeChange={(homeId) => update({ homeId })}
                onYearChange={(y) => update({ year: y === dayjs().year() ? null : y })}
              />
            ),
          },
          {
            key: "rounds",
            label: <span data-testid="services-tab-rounds">巡诊</span>,
            children: (
              <RoundsStartTab
                homes={homes.homes}
                homesLoading={homes.loading}
                homeId={params.homeId}
                onHomeChange={(homeId) => update({ homeId })}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
