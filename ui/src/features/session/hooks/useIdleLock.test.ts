import { fireEvent, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ACTIVITY_EVENTS, useIdleLock } from "./useIdleLock";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("useIdleLock", () => {
  it("fires once after the idle time without input", () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleLock({ seconds: 60, onIdle }));
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    fireEvent.keyDown(window, { key: "a" });
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it.each(ACTIVITY_EVENTS)("%s starts the count again", (name) => {
    const onIdle = vi.fn();
    renderHook(() => useIdleLock({ seconds: 10, onIdle }));
    vi.advanceTimersByTime(9_000);
    window.dispatchEvent(new Event(name));
    vi.advanceTimersByTime(9_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("ignores other events, such as scrolling an element or focus changes", () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleLock({ seconds: 5, onIdle }));
    vi.advanceTimersByTime(4_000);
    window.dispatchEvent(new Event("focus"));
    window.dispatchEvent(new Event("resize"));
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("does nothing while disabled, and stops listening when unmounted", () => {
    const onIdle = vi.fn();
    const { rerender, unmount } = renderHook(
      ({ enabled }: { enabled: boolean }) => useIdleLock({ seconds: 5, onIdle, enabled }),
      { initialProps: { enabled: false } },
    );
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
    rerender({ enabled: true });
    vi.advanceTimersByTime(4_000);
    unmount();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("restarts the count with the new time when the setting changes, and calls the latest onIdle", () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderHook(
      ({ seconds, onIdle }: { seconds: number; onIdle: () => void }) => useIdleLock({ seconds, onIdle }),
      { initialProps: { seconds: 600, onIdle: first } },
    );
    vi.advanceTimersByTime(30_000);
    rerender({ seconds: 60, onIdle: second });
    vi.advanceTimersByTime(59_000);
    expect(second).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
  });

  it("tells the backend the user is active at most once per half idle time while typing", () => {
    const onIdle = vi.fn();
    const onActive = vi.fn();
    renderHook(() => useIdleLock({ seconds: 60, onIdle, onActive }));
    // Ten minutes of typing, a key every 10 s: the window never locks, the backend hears of it.
    for (let i = 0; i < 60; i += 1) {
      vi.advanceTimersByTime(10_000);
      fireEvent.keyDown(window, { key: "a" });
    }
    expect(onIdle).not.toHaveBeenCalled();
    expect(onActive).toHaveBeenCalledTimes(20);
  });

  it("never fires for a zero idle time", () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleLock({ seconds: 0, onIdle }));
    vi.advanceTimersByTime(1_000_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
