import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../shared/format";
import {
  currentError,
  enrolIssues,
  formatValue,
  isHealthy,
  lastSuccessAt,
  lastSuccessText,
  needsAttention,
  toEnrolInput,
} from "./syncText";
import { rejectedPhone, testSyncStatus } from "./testFixtures";

describe("enrolIssues", () => {
  it("names every missing field in Chinese", () => {
    const issues = enrolIssues(toEnrolInput({}));
    expect(issues.map((i) => i.field)).toEqual(["serverUrl", "code", "deviceName"]);
    expect(issues[0].message).toBe("请填写县级平台的服务器地址");
    expect(issues[1].message).toBe("请填写县级平台发放的注册码");
  });

  it("wants an http(s) address and a short device name", () => {
    const input = toEnrolInput({ serverUrl: "yiyang.gov.cn", code: "ABCD", deviceName: "笔".repeat(51) });
    const issues = enrolIssues(input);
    expect(issues.map((i) => i.field)).toEqual(["serverUrl", "deviceName"]);
    expect(issues[0].message).toContain("https://");
    expect(issues[1].message).toBe("本机名称不超过 50 个字");
  });

  it("trims and accepts a complete form", () => {
    const input = toEnrolInput({ serverUrl: " https://county.example/ ", code: " K7Q2 ", deviceName: "护士站笔记本" });
    expect(input).toEqual({ serverUrl: "https://county.example/", code: "K7Q2", deviceName: "护士站笔记本" });
    expect(enrolIssues(input)).toEqual([]);
  });
});

describe("the sync state in words", () => {
  it("takes the later of the stored and the live last success", () => {
    const s = testSyncStatus(
      { lastSuccessAt: "2026-11-22T08:00:00.000Z" },
      { lastSuccessAt: "2026-11-22T09:00:00.000Z" },
    );
    expect(lastSuccessAt(s)).toBe("2026-11-22T09:00:00.000Z");
    expect(lastSuccessText(s)).toBe(`上次成功同步：${formatDateTime("2026-11-22T09:00:00.000Z")}`);
    expect(lastSuccessText(testSyncStatus())).toBe("从未成功同步");
  });

  it("never calls it a success while a failure is newer than the last success", () => {
    const failed = testSyncStatus(
      { lastSuccessAt: "2026-11-22T08:00:00.000Z", lastError: "无法连接县级服务器：超时" },
      { lastErrorCode: "network", lastErrorMessage: "无法连接县级服务器：超时", phase: "backoff" },
    );
    expect(currentError(failed)).toBe("无法连接县级服务器：超时");
    expect(isHealthy(failed)).toBe(false);
    const ok = testSyncStatus({ lastSuccessAt: "2026-11-22T08:00:00.000Z" });
    expect(currentError(ok)).toBeNull();
    expect(isHealthy(ok)).toBe(true);
  });

  it("shows the stored error of the last run until the loop has a result", () => {
    const s = testSyncStatus({ lastError: "该设备已被县级平台停用" });
    expect(currentError(s)).toBe("该设备已被县级平台停用");
    expect(isHealthy(s)).toBe(false);
  });

  it("asks for attention for conflicts, refused changes and a halted sync", () => {
    expect(needsAttention(testSyncStatus())).toBe(false);
    expect(needsAttention(testSyncStatus({ openConflicts: 1 }))).toBe(true);
    expect(needsAttention(testSyncStatus({ rejected: [rejectedPhone] }))).toBe(true);
    expect(needsAttention(testSyncStatus({}, { phase: "halted" }))).toBe(true);
    expect(needsAttention(testSyncStatus({ enrolled: false }, { phase: "halted" }))).toBe(false);
  });

  it("formats conflict values", () => {
    expect(formatValue("")).toBe("（空）");
    expect(formatValue(null)).toBe("（空）");
    expect(formatValue(true)).toBe("是");
    expect(formatValue(["高血压", "糖尿病"])).toBe("高血压、糖尿病");
    expect(formatValue(3)).toBe("3");
  });
});
