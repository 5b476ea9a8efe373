import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupInfo, Settings, TemplateSummary } from "../../../ipc";
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

const templates: TemplateSummary[] = [
  {
    kind: "cooperation_agreement",
    version: 1,
    title: "医养服务合作协议",
    description: "国家卫生健康委示范文本",
    builtin: true,
    installedAt: null,
    current: true,
  },
  {
    kind: "family_doctor_contract",
    version: 1,
    title: "家庭医生签约服务协议",
    description: "",
    builtin: true,
    installedAt: null,
    current: true,
  },
];

beforeEach(() => {
  handlers = {
    get_settings: () => settings,
    save_settings: ({ settings: s }) => s,
    list_backups: () => [backup],
    list_nursing_homes: () => [],
    list_templates: () => templates,
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const calls = (cmd: string) => invoke.mock.calls.filter(([c]) => c === cmd);

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

describe("SettingsPage · 文书模板", () => {
  const pickFile = (text: string, name = "template.json") => {
    const file = new File([text], name, { type: "application/json" });
    fireEvent.change(screen.getByTestId("template-file"), { target: { files: [file] } });
  };

  it("lists the template versions with their source and the one in use", async () => {
    handlers.list_templates = () => [
      { ...templates[0], version: 2, builtin: false, installedAt: "2026-05-01T01:00:00Z", current: true },
      { ...templates[0], current: false },
      templates[1],
    ];
    renderAt("/settings", [["/settings", <SettingsPage />]]);
    const rows = await screen.findAllByTestId("template-row");
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain("合作协议");
    expect(rows[0].textContent).toContain("第 2 版");
    expect(rows[0].textContent).toContain("医养服务合作协议");
    expect(rows[0].textContent).toContain("国家卫生健康委示范文本");
    expect(rows[0].textContent).toMatch(/安装于 2026-05-01 \d\d:00/);
    expect(rows[0].textContent).toContain("当前使用");
    expect(rows[1].textContent).toContain("内置");
    expect(rows[1].textContent).not.toContain("当前使用");
    expect(rows[2].textContent).toContain("家庭医生签约");
  });

  it("installs a .json file the person picks, and lists the new version", async () => {
    const json = '{"kind":"cooperation_agreement","version":2,"title":"医养服务合作协议"}';
    handlers.install_template = () => ({ ...templates[0], version: 2, builtin: false, installedAt: "2026-05-01T01:00:00Z" });
    renderAt("/settings", [["/settings", <SettingsPage />]]);
    await screen.findAllByTestId("template-row");
    const input = screen.getByTestId("template-file") as HTMLInputElement;
    expect(input.accept).toBe(".json,application/json");
    expect(screen.getByTestId("template-install").textContent).toContain("安装新版本模板…");
    const listed = calls("list_templates").length;
    await act(async () => {
      pickFile(json);
    });
    await waitFor(() => expect(invoke).toHaveBeenCalledWith("install_template", { json }));
    expect(await screen.findByText("已安装「医养服务合作协议」第 2 版")).toBeTruthy();
    await waitFor(() => expect(calls("list_templates").length).toBeGreaterThan(listed));
    expect(screen.queryByTestId("template-install-error")).toBeNull();
  });

  it("shows why Rust refused a template, and installs nothing", async () => {
    handlers.install_template = () => {
      throw {
        code: "validation",
        message: "输入有误，请按提示修改",
        fields: [{ field: "json", code: "template.placeholder", message: "模板第 3 段使用了未知的占位符「{乙方地址}」" }],
      };
    };
    renderAt("/settings", [["/settings", <SettingsPage />]]);
    await screen.findAllByTestId("template-row");
    await act(async () => {
      pickFile("{}");
    });
    const error = await screen.findByTestId("template-install-error");
    expect(error.textContent).toContain("输入有误，请按提示修改");
    expect(error.textContent).toContain("模板第 3 段使用了未知的占位符「{乙方地址}」");
    expect(screen.queryByText(/已安装/)).toBeNull();
  });

  it("offers installing only to who may manage agreements", async () => {
    renderAt("/settings", [["/settings", <SettingsPage />]], { session: nurse });
    await screen.findAllByTestId("template-row");
    expect(screen.queryByTestId("template-install")).toBeNull();
    expect(screen.queryByTestId("template-file")).toBeNull();
  });
});
