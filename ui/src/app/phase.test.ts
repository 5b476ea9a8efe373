import { describe, expect, it } from "vitest";
import type { Phase, SetupDone } from "../ipc";
import { testClinic, testSession, testStatus } from "../test/session";
import { afterSessionLoss, idleLockSeconds, isStoreProblem, lockedStatus, loggedOutStatus, screenFor } from "./phase";
import type { Screen } from "./phase";
import { unionMembers } from "../test/bindingsSource";

const done: SetupDone = { session: testSession(), recoveryCode: "ABCD-EFGH", institution: testClinic, deviceId: "d" };

describe("screenFor", () => {
  it.each<[Phase, Screen]>([
    ["setup", "setup"],
    ["upgrade", "upgrade"],
    ["log_in", "log_in"],
    ["locked", "locked"],
    ["ready", "ready"],
    ["broken", "broken"],
  ])("phase %s shows %s", (phase, screen) => {
    expect(screenFor({ status: testStatus({ phase }), error: undefined, recovery: undefined })).toBe(screen);
  });

  it("covers every phase of the contract", () => {
    for (const phase of unionMembers("Phase") as Phase[]) {
      expect(screenFor({ status: testStatus({ phase }), error: undefined, recovery: undefined })).toBeTruthy();
    }
  });

  it("asks for a log-in when Rust says ready without a session", () => {
    expect(screenFor({ status: testStatus({ session: null }), error: undefined, recovery: undefined })).toBe("log_in");
  });

  it("shows the recovery code before anything else, once set-up answered with it", () => {
    expect(screenFor({ status: testStatus({ phase: "setup" }), error: undefined, recovery: done })).toBe("recovery");
    expect(screenFor({ status: testStatus(), error: undefined, recovery: done })).toBe("recovery");
  });

  it("waits for the first status, and reports when it cannot be read", () => {
    expect(screenFor({ status: undefined, error: undefined, recovery: undefined })).toBe("loading");
    expect(
      screenFor({ status: undefined, error: { code: "io", message: "x", fields: [] }, recovery: undefined }),
    ).toBe("error");
    // A later failed refresh keeps the screen the last status chose.
    expect(
      screenFor({ status: testStatus(), error: { code: "io", message: "x", fields: [] }, recovery: undefined }),
    ).toBe("ready");
  });
});

describe("session changes", () => {
  it("locking keeps who may unlock and drops the session", () => {
    const locked = lockedStatus(testStatus());
    expect(locked).toMatchObject({ phase: "locked", lockedUser: "林晓燕", session: null });
    expect(lockedStatus(locked)).toMatchObject({ phase: "locked", lockedUser: "林晓燕" });
  });

  it("a locked or not_logged_in failure leaves the shell; other phases keep their screen", () => {
    expect(afterSessionLoss(testStatus(), "locked").phase).toBe("locked");
    expect(afterSessionLoss(testStatus(), "not_logged_in")).toMatchObject({ phase: "log_in", session: null });
    expect(afterSessionLoss(lockedStatus(testStatus()), "not_logged_in").phase).toBe("log_in");
    for (const phase of ["setup", "upgrade", "broken", "log_in"] as const) {
      const s = testStatus({ phase, session: null });
      expect(afterSessionLoss(s, "locked")).toBe(s);
      expect(afterSessionLoss(s, "not_logged_in")).toBe(s);
    }
  });

  it("logging out forgets the session and the locked user", () => {
    expect(loggedOutStatus(lockedStatus(testStatus()))).toMatchObject({
      phase: "log_in",
      session: null,
      lockedUser: null,
    });
  });
});

describe("idleLockSeconds", () => {
  it("uses the minutes, unless a test override in seconds is set", () => {
    expect(idleLockSeconds({ idleLockMinutes: 10, idleLockSecondsOverride: null })).toBe(600);
    expect(idleLockSeconds({ idleLockMinutes: 10, idleLockSecondsOverride: 3 })).toBe(3);
  });
});

describe("isStoreProblem", () => {
  it("is true for failures of the data file, not of the person", () => {
    expect(isStoreProblem({ code: "store_corrupt", message: "", fields: [] })).toBe(true);
    expect(isStoreProblem({ code: "key_file_invalid", message: "", fields: [] })).toBe(true);
    expect(isStoreProblem({ code: "wrong_password", message: "", fields: [] })).toBe(false);
    expect(isStoreProblem({ code: "too_many_attempts", message: "", fields: [] })).toBe(false);
  });
});
