import { beforeEach, describe, expect, it, vi } from "vitest";
import { call, isIpcError, onSessionLoss, toIpcError } from "./call";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

describe("call", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("passes command and arguments through and resolves with the answer", async () => {
    invoke.mockResolvedValue({ total: 3 });
    await expect(call("list_residents", { query: { page: 1 } })).resolves.toEqual({ total: 3 });
    expect(invoke).toHaveBeenCalledWith("list_residents", { query: { page: 1 } });
  });

  it("rejects with the IpcError Rust sent, unchanged", async () => {
    const err = {
      code: "validation",
      message: "输入有误，请按提示修改",
      fields: [{ field: "idNumber", code: "id_number.check_char", message: "身份证号校验位不正确" }],
    };
    invoke.mockRejectedValue(err);
    await expect(call("create_resident", { input: {} })).rejects.toEqual(err);
  });

  it.each([
    ["a plain string", "command create_resident not found", "command create_resident not found"],
    ["an Error", new Error("IPC down"), "IPC down"],
    ["an unknown code", { code: "teapot", message: "x", fields: [] }, '{"code":"teapot","message":"x","fields":[]}'],
    ["fields that are not FieldIssues", { code: "validation", message: "m", fields: [{ field: 1 }] }, undefined],
    ["missing fields", { code: "io", message: "disk" }, undefined],
    ["null", null, "null"],
  ])("wraps %s as an internal error", async (_what, rejected, message) => {
    invoke.mockRejectedValue(rejected);
    const e: unknown = await call("get_setup_state", {}).catch((x: unknown) => x);
    expect(isIpcError(e)).toBe(true);
    expect(e).toMatchObject({ code: "internal", fields: [] });
    if (message !== undefined) expect((e as { message: string }).message).toBe(message);
  });
});

describe("isIpcError", () => {
  it("accepts every documented shape and rejects others", () => {
    expect(isIpcError({ code: "version_conflict", message: "m", fields: [] })).toBe(true);
    expect(isIpcError({ code: "version_conflict", message: 1, fields: [] })).toBe(false);
    expect(isIpcError({ code: "toString", message: "m", fields: [] })).toBe(false);
    expect(isIpcError("validation")).toBe(false);
    expect(isIpcError(undefined)).toBe(false);
  });

  it("toIpcError keeps a real IpcError as it is", () => {
    const e = { code: "not_found" as const, message: "找不到", fields: [] };
    expect(toIpcError(e)).toBe(e);
  });
});

describe("onSessionLoss", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("tells listeners about locked and not_logged_in failures, and only those", async () => {
    const seen: string[] = [];
    const stop = onSessionLoss((code, cmd) => seen.push(`${code}:${cmd}`));
    invoke.mockRejectedValueOnce({ code: "locked", message: "已锁定", fields: [] });
    await call("list_residents", {}).catch(() => undefined);
    invoke.mockRejectedValueOnce({ code: "not_logged_in", message: "请先登录", fields: [] });
    await call("get_resident", {}).catch(() => undefined);
    invoke.mockRejectedValueOnce({ code: "forbidden", message: "无权限", fields: [] });
    await call("list_users", {}).catch(() => undefined);
    stop();
    invoke.mockRejectedValueOnce({ code: "locked", message: "已锁定", fields: [] });
    await call("list_residents", {}).catch(() => undefined);
    expect(seen).toEqual(["locked:list_residents", "not_logged_in:get_resident"]);
  });
});
