import { describe, expect, it } from "vitest";
import { formatCents } from "./money";

describe("formatCents", () => {
  it.each([
    [0, "¥0.00"],
    [5, "¥0.05"],
    [120, "¥1.20"],
    [123450, "¥1,234.50"],
    [100000000, "¥1,000,000.00"],
    [-2550, "-¥25.50"],
  ])("%d 分 → %s", (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it("reads Rust's i64 whether it arrived as a number or a bigint", () => {
    expect(formatCents(BigInt(987654321))).toBe("¥9,876,543.21");
  });

  it("shows a dash for nothing", () => {
    expect(formatCents(null)).toBe("—");
    expect(formatCents(undefined)).toBe("—");
  });
});
