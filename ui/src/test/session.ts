/** Sessions and statuses for component tests. */
import type { AppStatus, Institution, Permission, SessionInfo } from "../ipc";
import { unionMembers } from "./bindingsSource";
import type { SetUpState } from "../app/SetupContext";

/** Every permission the contract knows (a 机构管理员 has nearly all of them). */
export const ALL_PERMISSIONS = unionMembers("Permission") as Permission[];

export function testSession(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    userId: "u-1",
    login: "linxy",
    name: "林晓燕",
    role: "clinic_admin",
    institutionId: "i-1",
    institutionName: "城关镇卫生院",
    permissions: ALL_PERMISSIONS,
    ...overrides,
  };
}

export function testStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    phase: "ready",
    session: testSession(),
    lockedUser: null,
    error: null,
    idleLockMinutes: 10,
    idleLockSecondsOverride: null,
    demo: false,
    dataPath: "/data/yiyang.sqlite3",
    ...overrides,
  };
}

export const testClinic: Institution = {
  id: "i-1",
  version: 1,
  kind: "township_clinic",
  name: "城关镇卫生院",
  creditCode: "12330100MB0000000X",
  countyCode: "330102",
  townshipCode: "001",
  villageCode: "101",
  address: "",
  contactPhone: "",
};

export const testSetup: SetUpState = {
  setUp: true,
  deviceId: "dev-1",
  institution: testClinic,
  user: { id: "u-1", name: "林晓燕" },
  dataPath: "/data/yiyang.sqlite3",
};
