/** The 服务与巡诊 page's tab and chosen nursing home live in the address, so 完成 can return to them. */

export type ServicesTab = "today" | "homes" | "rounds";

const TABS: readonly ServicesTab[] = ["today", "homes", "rounds"];

export interface ServicesParams {
  tab: ServicesTab;
  /** The nursing home chosen on the 养老机构 / 巡诊 tab. */
  homeId: string | null;
  /** The year of the home grid; `null`: this year. */
  year: number | null;
}

export function parseServicesParams(search: URLSearchParams): ServicesParams {
  const tab = search.get("tab");
  const home = search.get("home");
  const yearText = search.get("year");
  const year = yearText !== null && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  return {
    tab: TABS.includes(tab as ServicesTab) ? (tab as ServicesTab) : "today",
    homeId: home ? home : null,
    year,
  };
}

/** The query string for `params` (defaults left out). */
export function servicesSearch(params: Partial<ServicesParams>): string {
  const s = new URLSearchParams();
  if (params.tab && params.tab !== "today") s.set("tab", params.tab);
  if (params.homeId) s.set("home", params.homeId);
  if (params.year !== null && params.year !== undefined) s.set("year", String(params.year));
  const text = s.toString();
  return text ? `?${text}` : "";
}

/** Where 完成 goes after a round: the 养老机构 tab showing that home. */
export function homeTabPath(homeId: string): string {
  return `/services${servicesSearch({ tab: "homes", homeId })}`;
}

export function roundsPath(homeId: string): string {
  return `/services/rounds/${encodeURIComponent(homeId)}`;
}
