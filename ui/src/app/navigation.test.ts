import { describe, expect, it } from "vitest";
import type { Permission } from "../ipc";
import { ALL_PERMISSIONS } from "../test/session";
import { NAV_ENTRIES, visibleNavEntries } from "./navigation";

const paths = (granted: Permission[]) => visibleNavEntries((p) => granted.includes(p)).map((e) => e.path);

describe("visibleNavEntries", () => {
  it("shows everything to a role with every permission", () => {
    expect(paths(ALL_PERMISSIONS)).toEqual(NAV_ENTRIES.map((e) => e.path));
  });

  it("hides 用户管理 and 审计日志 from roles without their permission", () => {
    const nurse: Permission[] = ["view_residents", "reveal_identity", "edit_residents", "backup"];
    expect(paths(nurse)).not.toContain("users");
    expect(paths(nurse)).not.toContain("audit");
    expect(paths(nurse)).toContain("residents");
    expect(paths(nurse)).toContain("settings");
    expect(paths(["view_residents", "view_audit"])).toContain("audit");
    expect(paths(["view_residents", "view_audit"])).not.toContain("users");
  });

  it("names the new entries with their test hooks", () => {
    const byPath = Object.fromEntries(NAV_ENTRIES.map((e) => [e.path, e]));
    expect(byPath.users).toMatchObject({ label: "用户管理", testId: "nav-users", permission: "manage_users" });
    expect(byPath.audit).toMatchObject({ label: "审计日志", testId: "nav-audit", permission: "view_audit" });
  });
});
