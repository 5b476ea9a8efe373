import { describe, expect, it } from "vitest";
import { homeTabPath, parseServicesParams, roundsPath, servicesSearch } from "./servicesParams";

describe("services params", () => {
  it("reads tab, home and year, with defaults", () => {
    expect(parseServicesParams(new URLSearchParams(""))).toEqual({ tab: "today", homeId: null, year: null });
    expect(parseServicesParams(new URLSearchParams("tab=homes&home=h-1&year=2024"))).toEqual({
      tab: "homes",
      homeId: "h-1",
      year: 2024,
    });
    expect(parseServicesParams(new URLSearchParams("tab=nope&year=24"))).toEqual({
      tab: "today",
      homeId: null,
      year: null,
    });
  });

  it("writes them back, leaving defaults out", () => {
    expect(servicesSearch({ tab: "today", homeId: null, year: null })).toBe("");
    expect(servicesSearch({ tab: "rounds", homeId: "h 1" })).toBe("?tab=rounds&home=h+1");
    const back = parseServicesParams(new URLSearchParams(servicesSearch({ tab: "homes", homeId: "h-1", year: 2023 })));
    expect(back).toEqual({ tab: "homes", homeId: "h-1", year: 2023 });
  });

  it("完成 returns to the home's tab; rounds open by home", () => {
    expect(homeTabPath("h-1")).toBe("/services?tab=homes&home=h-1");
    expect(roundsPath("h/1")).toBe("/services/rounds/h%2F1");
  });
});
