import { describe, expect, it } from "vitest";
import { paramsFromQuery, queryFromParams } from "./listParams";

describe("list state in the URL", () => {
  it("defaults when the URL says nothing", () => {
    expect(queryFromParams(new URLSearchParams())).toEqual({
      page: 1,
      pageSize: 20,
      sort: "name",
      order: "asc",
      status: null,
    });
  });

  it("round-trips a query and the search text", () => {
    const q = { page: 3, pageSize: 50, sort: "updated_at" as const, order: "desc" as const, status: "moved" as const };
    const p = paramsFromQuery(q, "zs");
    expect(p.get("q")).toBe("zs");
    expect(queryFromParams(p)).toEqual(q);
  });

  it.each([
    ["page=-2", { page: 1 }],
    ["page=abc", { page: 1 }],
    ["size=7", { pageSize: 20 }],
    ["sort=toString", { sort: "name" }],
    ["sort=DROP", { sort: "name" }],
    ["status=constructor", { status: null }],
    ["order=sideways", { order: "asc" }],
  ])("ignores a bad %s", (search, expected) => {
    expect(queryFromParams(new URLSearchParams(search))).toMatchObject(expected);
  });
});
