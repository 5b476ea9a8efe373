import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderAt } from "../../../test/renderApp";
import { testClinic, testSession } from "../../../test/session";
import { RECOVERY_INSTRUCTIONS, RecoveryCodePage } from "./RecoveryCodePage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const done = { session: testSession(), recoveryCode: "K7QW-3MZD-PX2A-9HTF", institution: testClinic, deviceId: "dev-1" };

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(null);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("RecoveryCodePage", () => {
  it("shows the code on a printable sheet with the institution and the instructions", () => {
    renderAt("/", [["/", <RecoveryCodePage done={done} onContinue={() => undefined} />]]);
    expect(screen.getByTestId("recovery-code").textContent).toBe("K7QW-3MZD-PX2A-9HTF");
    const sheet = screen.getByTestId("recovery-sheet");
    expect(sheet.classList.contains("print-sheet")).toBe(true);
    expect(sheet.textContent).toContain("城关镇卫生院");
    expect(sheet.textContent).toContain(RECOVERY_INSTRUCTIONS);
    expect(sheet.textContent).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    // The buttons are not on the paper.
    expect(sheet.contains(screen.getByTestId("recovery-print"))).toBe(false);
  });

  it("goes on only once the checkbox says the code is kept", () => {
    const onContinue = vi.fn();
    renderAt("/", [["/", <RecoveryCodePage done={done} onContinue={onContinue} />]]);
    const proceed = screen.getByTestId("recovery-continue") as HTMLButtonElement;
    expect(proceed.disabled).toBe(true);
    fireEvent.click(proceed);
    expect(onContinue).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("recovery-confirm"));
    expect(screen.getByTestId("recovery-page").textContent).toContain("我已打印或抄写恢复码并妥善保存");
    fireEvent.click(proceed);
    expect(onContinue).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId("recovery-confirm"));
    expect(proceed.disabled).toBe(true);
  });

  it("records the print in the audit log, and prints even if that fails", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    invoke.mockRejectedValue({ code: "io", message: "磁盘已满", fields: [] });
    renderAt("/", [["/", <RecoveryCodePage done={done} onContinue={() => undefined} />]]);
    await act(async () => {
      fireEvent.click(screen.getByTestId("recovery-print"));
    });
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(invoke).toHaveBeenCalledWith("record_output", {
      action: "print",
      recordKind: "recovery_code",
      recordId: "",
      detail: "",
    });
  });
});
