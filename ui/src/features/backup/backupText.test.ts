import { describe, expect, it } from "vitest";
import { countsText } from "./backupText";

describe("countsText", () => {
  it("names every count with its measure word", () => {
    expect(countsText({ residents: 600, institutions: 4, users: 5, auditEntries: 1234 })).toBe(
      "居民 600 份、机构 4 家、用户 5 位、审计 1234 条",
    );
  });
});
