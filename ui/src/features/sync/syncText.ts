/**
 * What the 同步 page says about the sync state, and the 注册 form's values. Only shaping and the
 * presence checks a form needs before it asks the county; Rust and the county check the rest.
 */
import dayjs from "dayjs";
import type { EnrolInput, FieldIssue, Permission, SyncStatus, SyncTable } from "../../ipc";
import { formatDateTime } from "../../shared/format";

export const ENROL_FIELDS = ["serverUrl", "code", "deviceName"] as const satisfies readonly (keyof EnrolInput)[];

export type EnrolField = (typeof ENROL_FIELDS)[number];

export type EnrolFormValues = { [K in keyof EnrolInput]?: EnrolInput[K] | undefined };

export function toEnrolInput(v: EnrolFormValues): EnrolInput {
  return {
    serverUrl: (v.serverUrl ?? "").trim(),
    code: (v.code ?? "").trim(),
    deviceName: (v.deviceName ?? "").trim(),
  };
}

/** Longest 本机名称 the form takes. */
export const DEVICE_NAME_MAX = 50;

/** What is missing or malformed before the county is asked (a code is spent only once). */
export function enrolIssues(input: EnrolInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: EnrolField, code: string, message: string) => issues.push({ field, code, message });
  if (input.serverUrl === "") issue("serverUrl", "sync.server_url.required", "请填写县级平台的服务器地址");
  else if (!/^https?:\/\/[^\s/]+/i.test(input.serverUrl))
    issue("serverUrl", "sync.server_url.scheme", "服务器地址须以 https:// 或 http:// 开头，例如 https://yiyang.xx县.gov.cn");
  if (input.code === "") issue("code", "sync.code.required", "请填写县级平台发放的注册码");
  if (input.deviceName === "") issue("deviceName", "sync.device_name.required", "请填写本机名称，例如“护士站笔记本”");
  else if ([...input.deviceName].length > DEVICE_NAME_MAX)
    issue("deviceName", "sync.device_name.length", `本机名称不超过 ${DEVICE_NAME_MAX} 个字`);
  return issues;
}

/** The later of the stored last success and the loop's (the loop's is newer while it runs). */
export function lastSuccessAt(status: SyncStatus): string | null {
  const stored = status.overview.lastSuccessAt;
  const live = status.activity.lastSuccessAt;
  if (!stored) return live;
  if (!live) return stored;
  return dayjs(live).isAfter(dayjs(stored)) ? live : stored;
}

export function lastSuccessText(status: SyncStatus): string {
  const at = lastSuccessAt(status);
  return at ? `上次成功同步：${formatDateTime(at)}` : "从未成功同步";
}

/**
 * Why the last attempt failed, if it did. The loop's error is cleared only by a complete cycle,
 * so while it is set the last success is older than the failure; before the loop has tried
 * anything (just started) the stored error of the last attempt counts.
 */
export function currentError(status: SyncStatus): string | null {
  const { activity, overview } = status;
  if (!overview.enrolled) return null;
  // Said before the enrolment or while logged out: no longer true now that this page can ask.
  if (activity.lastErrorCode !== null && STALE_CODES.includes(activity.lastErrorCode)) return null;
  if (activity.lastErrorCode !== null || activity.lastErrorMessage !== null) {
    return activity.lastErrorMessage ?? activity.lastErrorCode;
  }
  if (activity.lastSuccessAt !== null) return null;
  return overview.lastError;
}

const STALE_CODES = ["not_enrolled", "store_closed"];

/** 「同步成功」 only after a success with no failure since. */
export function isHealthy(status: SyncStatus): boolean {
  return (
    status.overview.enrolled &&
    status.activity.lastErrorCode === null &&
    currentError(status) === null &&
    lastSuccessAt(status) !== null
  );
}

/** Something needs a person: conflicts, refused changes, or a stopped sync. */
export function needsAttention(status: SyncStatus): boolean {
  const { overview, activity } = status;
  return (
    overview.openConflicts > 0 ||
    overview.rejected.length > 0 ||
    (overview.enrolled && activity.phase === "halted")
  );
}

/** Who may choose a value for a conflict about a row of `table` (Rust checks it again). */
export const CONFLICT_PERMISSION: Record<SyncTable, Permission | null> = {
  institutions: "manage_institutions",
  users: "manage_users",
  care_teams: "manage_teams",
  residents: "edit_residents",
  contracts: "manage_contracts",
  agreements: "manage_agreements",
  care_records: null,
};

/** A field value of a conflict as people read it. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "（空）";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "（空）" : v.map(formatValue).join("、");
  return JSON.stringify(v);
}

/** The first part of a device id, enough to tell devices apart. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
