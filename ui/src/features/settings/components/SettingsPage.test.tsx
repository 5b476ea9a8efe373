import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupInfo, Settings } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { SettingsPage } from "./SettingsPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

const settings: Settings = { idleLockMinutes: 10, backupFolder: "/media/usb/备份", backupIntervalHours: 24, backupKeep: 7 };
const backup: BackupInfo = {
  path: "/media/usb/备份/yiyang-20261122-0830.sqlite3",
  createdAt: "2026-11-22T00:30:00Z",
  sizeBytes: 5 * 1024 * 1024,
  counts: { residents: 600, institutions: 4, users: 5, auditEntries: 1234 },
  deviceId: "dev-1",
  verified: true,
};

beforeEach(() => {
  handlers = {
    get_settings: () => settings,
    save_settings: ({ settings: s }) => s,
    list_backups: () => [backup],
    list_nursing_homes: () => [],
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const nurse = testSession({
  name: "赵护士",
  role: "nurse",
  permissions: ["view_residents", "reveal_identity", "edit_residents", "backup"],
});

describe("SettingsPage · 安全", () => {
  it("saves the idle minutes and asks for the status again; Rust's range error marks the field", async () => {
    const reloadStatus = vi.fn();
    let refuse = true;
    handlers.save_settings = ({ settings: s }) => {
      if (refuse) {
        throw {
          code: "validation",
          message: "输入有误",
          fields: [{ field: "idleLockMinutes", code: "settings.range", message: "自动锁定时间应为 1–120 分钟" }],
        };
      }
      return s;
    };
    renderAt("/settings", [["/settings", <SettingsPage />]], { control: { reloadStatus } });
    const minutes = (await screen.findByTestId("settings-idle-minutes")) as HTMLInputElement;
    expect(minutes.value).toBe("10");
    fireEvent.change(minutes, { target: { value: "5" } });
    await act(async () => {
      fireEvent.keyDown(minutes, { key: "Enter" });
    });
    expect((await screen.findByTestId("error-idleLockMinutes")).textContent).toBe("自动锁定时间应为 1–120 分钟");
    expect(reloadStatus).not.toHaveBeenCalled();
    refuse = false;
    await act(async () => {
      fireEvent.click(screen.getByTestId("settings-security-save"));
    });
    await waitFor(() => expect(reloadStatus).toHaveBeenCalledTimes(1));
    expect(invoke).toHaveBeenCalledWith("save_settings", { settings: { ...settings, idleLockMinutes: 5 } });
  });

  it("is read-only for a role that may not change settings", async () => {
    renderAt("/settings", [["/settings", <SettingsPage />]], { session: nurse });
    const minutes = (await screen.findByTestId("settings-idle-minutes")) as HTMLInputElement;
    expect(minutes.disabled).toBe(true);
    expect(screen.getByTestId("settings-security").textContent).toContain("只有机构管理员可以修改");
  });
});

describe("SettingsPage · 备份", () => {
  it("backs up now, showing a spinner and then the checked result", async () => {
    let finish: (b: BackupInfo) => void = () => undefined;
    handlers.backup_now = () => new Promise<BackupInfo>((resolve) => (finish = resolve));
    renderAt("/settings", [["/settings", <SettingsPage />]]);
    expect((await screen.findByTestId("backup-folder") as HTMLInputElement).value).toBe("/media/usb/备份");
    await act(async () => {
      fireEvent.click(screen.getByTestId("backup-now"));
    });
    expect(screen.getByTestId("backup-running")).toBeTruthy();
    await act(async () => {
      finish(backup);
    });
    const result = await screen.findByTestId("backup-result");
    expect(result.textContent).toContain("居民 600 份、机构 4 家、用户 5 位、审计 1234 条");
    expect(result.textContent).toContain("已核验");
    expect(result.textContent).toContain("5 MB");
    expect(result.textContent).toContain("yiyang-20261122-0830.sqlite3");
    expect(screen.queryByTestId("backup-running")).toBeNull();
    expect(screen.getByTestId("backup-table").textContent).toContain("居民 600 份");
  });

  it("chooses a folder and saves the backup settings", async () => {
    handlers.choose_folder = () => "E:\\医养通备份";
    renderAt("/settings", [["/settings", <SettingsPage />]]);
    await screen.findByTestId("backup-folder");
    await act(async () => {
      fireEvent.click(screen.getByTestId("backup-choose-folder"));
    });
    await waitFor(() => expect((screen.getByTestId("backup-folder") as HTMLInputElement).value).toBe("E:\\医养通备份"));
    fireEvent.change(screen.getByTestId("backup-interval"), { target: { value: "12" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("backup-settings-save"));
    });
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("save_settings", {
        settings: { ...settings, backupFolder: "E:\\医养通备份", backupIntervalHours: 12 },
      }),
    );
  });

  it("restores: preview, danger confirmation, then the safety backup's location and a full reload", async () => {
    const reloadStatus = vi.fn();
    handlers.choose_backup_file = () => backup.path;
    handlers.preview_backup = () => backup;
    handlers.restore_backup = () => ({
      safetyBackup: { ...backup, path: "/media/usb/备份/恢复前-20261122.sqlite3" },
      restored: backup,
    });
    renderAt("/settings", [["/settings", <SettingsPage />]], { control: { reloadStatus } });
    const start = await screen.findByTestId("restore-start");
    await act(async () => {
      fireEvent.click(start);
    });
    const preview = await screen.findByTestId("restore-preview");
    expect(preview.textContent).toContain("居民 600 份");
    expect(preview.textContent).toContain("dev-1");
    expect(preview.textContent).toContain("已核验");
    expect(preview.textContent).toContain("恢复前会先自动备份当前数据");
    expect(invoke).not.toHaveBeenCalledWith("restore_backup", expect.anything());
    await act(async () => {
      fireEvent.click(screen.getByTestId("restore-confirm"));
    });
    expect((await screen.findByTestId("restore-safety-path")).textContent).toContain("恢复前-20261122.sqlite3");
    expect(invoke).toHaveBeenCalledWith("restore_backup", { path: backup.path });
    fireEvent.click(screen.getByTestId("restore-finish"));
    expect(reloadStatus).toHaveBeenCalledWith(true);
  });

  it("does nothing when the file dialog is cancelled", async () => {
    handlers.choose_backup_file = () => null;
    renderAt("/settings", [["/settings", <SettingsPage />]]);
    const start = await screen.findByTestId("restore-start");
    await act(async () => {
      fireEvent.click(start);
    });
    expect(screen.queryByTestId("restore-preview")).toBeNull();
    expect(invoke).not.toHaveBeenCalledWith("preview_backup", expect.anything());
  });

  it("shows a nurse the backup but not restore or nursing-home registration", async () => {
    renderAt("/settings", [["/settings", <SettingsPage />]], { session: nurse });
    expect(await screen.findByTestId("backup-now")).toBeTruthy();
    expect(screen.queryByTestId("restore-start")).toBeNull();
    expect(screen.queryByTestId("nh-submit")).toBeNull();
  });

  it("shows a 养老机构管理员 neither backup nor restore", async () => {
    renderAt("/settings", [["/settings", <SettingsPage />]], {
      session: testSession({ role: "care_home_admin", permissions: ["view_residents"] }),
    });
    await screen.findByTestId("settings-backup");
    expect(screen.queryByTestId("backup-now")).toBeNull();
    expect(screen.queryByTestId("restore-start")).toBeNull();
  });
});
