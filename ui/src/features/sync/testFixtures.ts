/** Sync statuses for the 同步 tests. */
import type { ConflictView, RejectedMutation, SyncActivity, SyncOverview, SyncStatus } from "../../ipc";

export function testOverview(overrides: Partial<SyncOverview> = {}): SyncOverview {
  return {
    enrolled: true,
    serverUrl: "https://yiyang.tonglu.gov.cn",
    institutionName: "城关镇卫生院",
    deviceId: "0193b000-0000-7000-8000-00000000d001",
    pending: 0,
    rejected: [],
    openConflicts: 0,
    parked: 0,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    ...overrides,
  };
}

export function testActivity(overrides: Partial<SyncActivity> = {}): SyncActivity {
  return {
    phase: "idle",
    pushed: 0,
    toPush: 0,
    pulled: 0,
    consecutiveFailures: 0,
    lastErrorCode: null,
    lastErrorMessage: null,
    lastSuccessAt: null,
    nextAttemptInSeconds: null,
    ...overrides,
  };
}

export function testSyncStatus(overview: Partial<SyncOverview> = {}, activity: Partial<SyncActivity> = {}): SyncStatus {
  return { overview: testOverview(overview), activity: testActivity(activity) };
}

export const rejectedPhone: RejectedMutation = {
  seq: 7,
  table: "residents",
  rowId: "r-1",
  tableLabel: "居民档案",
  rowLabel: "张三丰",
  code: "validation",
  field: "idNumber",
  fieldLabel: "身份证号",
  message: "身份证号：第 18 位校验码应为 X",
  localTime: "2026-11-22T08:30:00.000Z",
};

export const phoneConflict: ConflictView = {
  record: {
    id: "c-1",
    table: "residents",
    rowId: "r-1",
    field: "phone",
    keptValue: "13511112222",
    otherValue: "13812345678",
    otherDeviceId: "0193b000-0000-7000-8000-00000000d002",
    otherActorId: "u-2",
    otherLocalTime: "2026-11-22T08:30:00.000Z",
    status: "open",
    resolvedValue: null,
    resolvedBy: null,
    openedAt: "2026-11-22T09:00:00.000Z",
    resolvedAt: null,
  },
  localStatus: "open",
  tableLabel: "居民档案",
  rowLabel: "张三丰",
  fieldLabel: "联系电话",
};
