/** The left menu: one entry per top-level screen. */
import {
  AuditOutlined,
  FileSearchOutlined,
  HeartOutlined,
  HomeOutlined,
  UserSwitchOutlined,
  BarChartOutlined,
  FileProtectOutlined,
  MedicineBoxOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { Permission } from "../ipc";

export interface NavEntry {
  /** First path segment, also the menu key. */
  path: string;
  label: string;
  testId: string;
  icon: ReactNode;
  /** For screens not built yet: what they will do. */
  purpose?: string;
  /** Shown only to users with this permission. */
  permission?: Permission;
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { path: "home", label: "首页", testId: "nav-home", icon: <HomeOutlined /> },
  { path: "residents", label: "居民档案", testId: "nav-residents", icon: <TeamOutlined /> },
  {
    path: "contracts",
    label: "签约",
    testId: "nav-contracts",
    icon: <FileProtectOutlined />,
  },
  {
    path: "services",
    label: "服务与巡诊",
    testId: "nav-services",
    icon: <MedicineBoxOutlined />,
  },
  {
    path: "homecare",
    label: "居家照护",
    testId: "nav-homecare",
    icon: <HeartOutlined />,
  },
  {
    path: "agreements",
    label: "协议",
    testId: "nav-agreements",
    icon: <AuditOutlined />,
  },
  {
    path: "stats",
    label: "统计",
    testId: "nav-stats",
    icon: <BarChartOutlined />,
  },
  {
    path: "sync",
    label: "同步",
    testId: "nav-sync",
    icon: <SyncOutlined />,
  },
  {
    path: "users",
    label: "用户管理",
    testId: "nav-users",
    icon: <UserSwitchOutlined />,
    permission: "manage_users",
  },
  {
    path: "audit",
    label: "审计日志",
    testId: "nav-audit",
    icon: <FileSearchOutlined />,
    permission: "view_audit",
  },
  { path: "settings", label: "设置", testId: "nav-settings", icon: <SettingOutlined /> },
];

/** The menu entries a user with these permissions sees. */
export function visibleNavEntries(can: (p: Permission) => boolean): NavEntry[] {
  return NAV_ENTRIES.filter((e) => e.permission === undefined || can(e.permission));
}
