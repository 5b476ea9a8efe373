import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { daysLeftText, defaultEnd, proposedRenewal, termText, toDateText } from "./contractTerm";

const d = (s: string) => dayjs(s, "YYYY-MM-DD");

describe("defaultEnd", () => {
  it.each([
    ["2026-01-01", "2026-12-31"],
    ["2026-03-15", "2027-03-14"],
    ["2025-12-31", "2026-12-30"],
    // From 29 February the anniversary falls on 28 February: that is the last day (as in Rust).
    ["2024-02-29", "2025-02-28"],
    ["2023-03-01", "2024-02-29"],
  ])("from %s ends %s", (start, end) => {
    expect(toDateText(defaultEnd(d(start)))).toBe(end);
  });
});

describe("proposedRenewal", () => {
  it("starts the day after the old end, for a year", () => {
    const r = proposedRenewal("2026-12-31");
    expect(toDateText(r.start)).toBe("2027-01-01");
    expect(toDateText(r.end)).toBe("2027-12-31");
  });

  it("crosses a leap day", () => {
    const r = proposedRenewal("2024-02-28");
    expect(toDateText(r.start)).toBe("2024-02-29");
    expect(toDateText(r.end)).toBe("2025-02-28");
  });
});

describe("toDateText", () => {
  it("writes YYYY-MM-DD, nothing as empty", () => {
    expect(toDateText(d("2026-05-04"))).toBe("2026-05-04");
    expect(toDateText(null)).toBe("");
    expect(toDateText(undefined)).toBe("");
  });
});

describe("display", () => {
  it("term and days left", () => {
    expect(termText("2026-01-01", "2026-12-31")).toBe("2026-01-01 – 2026-12-31");
    expect(daysLeftText(12)).toBe("12 天");
    expect(daysLeftText(0)).toBe("今天到期");
    expect(daysLeftText(-3)).toBe("已到期 3 天");
    expect(daysLeftText(null)).toBe("—");
  });
});
