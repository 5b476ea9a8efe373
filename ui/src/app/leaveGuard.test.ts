import { describe, expect, it } from "vitest";
import { createLeaveGuard } from "./leaveGuard";

describe("leave guard", () => {
  it("reports unsaved input while a registered check says so, and forgets removed checks", () => {
    const guard = createLeaveGuard();
    expect(guard.hasUnsaved()).toBe(false);
    let dirty = false;
    const remove = guard.register(() => dirty);
    expect(guard.hasUnsaved()).toBe(false);
    dirty = true;
    expect(guard.hasUnsaved()).toBe(true);
    remove();
    expect(guard.hasUnsaved()).toBe(false);
  });
});
