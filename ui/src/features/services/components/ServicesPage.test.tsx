import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DueCell, HomeDue, Institution } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { SERVICE_ITEMS } from "../../../shared/labels";
import { dueCell, taskRow } from "../testing/fixtures";
import { ServicesPage } from "./ServicesPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

const HOME: Institution = {
  id: "h-1",
  version: 1,
  kind: "elderly_home",
  name: "城关镇敬老院",
  creditCode: "",
  countyCode: "330102",
  townshipCode: "001",
  villageCode: "",
  address: "",
  contactPhone: "",
};

const cells = (over: Partial<Record<string, Partial<DueCell>>>): DueCell[] =>
  SERVICE_ITEMS.map((item) => dueCell({ item, state: "not_applicable", reason: "不适用", ...over[item] }));

const HOME_DUE: HomeDue = {
  nursingHomeId: "h-1",
  nursingHomeName: "城关镇敬老院",
  year: 2025,
  rows: [
    {
      residentId: "r-1",
      name: "王一",
      room: "101",
      bed: "1",
      age: 82,
      disability: "severe",
      cells: cells({ S1: { state: "overdue", reason: "上次巡诊已超过 7 天" }, G2: { state: "done", reason: "档案完整" } }),
    },
  ],
  coverage: SERVICE_ITEMS.map((item) => ({ item, applicable: item === "G2" ? 4 : 0, done: item === "G2" ? 3 : 0 })),
};

beforeEach(() => {
  handlers = {
    list_nursing_homes: () => [HOME],
    today_tasks: () => [],
    home_care_tasks: () => [],
    home_due: () => HOME_DUE,
    expiring_items: () => [],
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const routes = (): [string, JSX.Element][] => [
  ["/services", <ServicesPage />],
  ["/services/rounds/:homeId", <div data-testid="rounds-page" />],
];

describe("ServicesPage", () => {
  it("says so when there is nothing to do today", async () => {
    renderAt("/services", routes());
    expect((await screen.findByTestId("today-tasks-empty")).textContent).toContain("今日没有待办");
  });

  it("lists agreements and contracts about to expire above today's tasks", async () => {
    handlers.expiring_items = () => [
      {
        kind: "cooperation_agreement",
        recordId: "a-1",
        number: "XY2025-007",
        partyName: "康乐养老院",
        endOn: "2025-03-01",
        daysLeft: -3,
      },
      {
        kind: "family_doctor_contract",
        recordId: "c-1",
        number: "QY2025-0001",
        partyName: "王一",
        endOn: "2025-03-04",
        daysLeft: 0,
      },
      {
        kind: "family_doctor_contract",
        recordId: "c-2",
        number: "QY2025-0002",
        partyName: "李二",
        endOn: "2025-03-16",
        daysLeft: 12,
      },
    ];
    renderAt("/services", routes());
    const rows = await screen.findAllByTestId("expiring-row");
    expect(rows.map((r) => r.getAttribute("data-number"))).toEqual(["XY2025-007", "QY2025-0001", "QY2025-0002"]);
    expect(rows[0].textContent).toContain("合作协议");
    expect(rows[0].textContent).toContain("康乐养老院");
    expect(rows[0].textContent).toContain("2025-03-01");
    expect(rows[1].textContent).toContain("家庭医生签约");
    expect(screen.getByTestId("expiring-days-XY2025-007").textContent).toBe("已到期 3 天");
    expect(screen.getByTestId("expiring-days-QY2025-0001").textContent).toBe("今天到期");
    expect(screen.getByTestId("expiring-days-QY2025-0002").textContent).toBe("还有 12 天");
    expect(within(rows[0]).getByText("XY2025-007").getAttribute("href")).toBe("/agreements");
    expect(within(rows[2]).getByText("QY2025-0002").getAttribute("href")).toBe("/contracts");
    expect(screen.getByTestId("expiring-list").textContent).toContain("即将到期的协议和签约");
    expect(await screen.findByTestId("today-tasks-empty")).toBeTruthy();
  });

  it("says so when nothing expires within a month", async () => {
    renderAt("/services", routes());
    expect((await screen.findByTestId("expiring-empty")).textContent).toContain("一个月内没有到期的协议或签约");
  });

  it("lists today's tasks with the item, state and reason Rust sent", async () => {
    handlers.today_tasks = () => [
      taskRow({ cell: dueCell({ item: "S1", state: "overdue", reason: "上次巡诊已超过 7 天", dueBy: "2025-03-01" }) }),
    ];
    renderAt("/services", routes());
    const link = await screen.findByTestId("task-resident-r-1");
    expect(link.getAttribute("href")).toBe("/residents/r-1");
    const table = screen.getByTestId("today-tasks");
    expect(table.textContent).toContain("S1 定期巡诊");
    expect(table.textContent).toContain("上次巡诊已超过 7 天");
    expect(table.textContent).toContain("2025年3月1日");
    expect(screen.getByTestId("task-state-r-1-S1").getAttribute("data-state")).toBe("overdue");
  });

  it("lists missed home-care services beside the 7+3+4 tasks, and nothing when there are none", async () => {
    renderAt("/services", routes());
    await screen.findByTestId("today-tasks");
    expect(screen.queryByTestId("home-care-tasks")).toBeNull();
  });

  it("shows a missed home-care service with Rust's reason", async () => {
    handlers.home_care_tasks = () => [
      {
        residentId: "r-9",
        residentName: "王德福",
        due: {
          service: "cleaning",
          serviceName: "助洁",
          frequency: { every: 1, unit: "week" },
          provider: "中心",
          lastDone: "2026-11-10",
          dueBy: "2026-11-17",
          state: "overdue",
          reason: "助洁：计划每周一次，上次服务在 2026-11-10，已逾期 7 天",
        },
      },
    ];
    renderAt("/services", routes());
    const section = await screen.findByTestId("home-care-tasks");
    await waitFor(() => expect(section.textContent).toContain("王德福"));
    expect(section.textContent).toContain("居家照护待办");
    expect(section.textContent).toContain("已逾期 7 天");
  });

  it("shows a home's grid with a cell per item and its state", async () => {
    renderAt("/services?tab=homes&home=h-1&year=2025", routes());
    const cell = await screen.findByTestId("due-r-1-S1");
    expect(cell.getAttribute("data-state")).toBe("overdue");
    expect(screen.getByTestId("due-r-1-G2").getAttribute("data-state")).toBe("done");
    const grid = screen.getByTestId("home-due-table");
    expect(within(grid).getAllByTestId(/^due-r-1-/)).toHaveLength(14);
    expect(screen.getByTestId("coverage-G2").textContent).toContain("3/4 · 75%");
    expect(screen.getByTestId("coverage-S4").textContent).toContain("不适用");
    expect(invoke.mock.calls.find(([c]) => c === "home_due")?.[1]).toEqual({ nursingHomeId: "h-1", year: 2025 });
    fireEvent.click(screen.getByTestId("home-due-start-rounds"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/services/rounds/h-1"));
  });

  it("hides 开始巡诊 from a role that may not record care", async () => {
    const session = testSession({ permissions: ["view_residents"] });
    renderAt("/services?tab=homes&home=h-1", routes(), { session });
    await screen.findByTestId("due-r-1-S1");
    expect(screen.queryByTestId("home-due-start-rounds")).toBeNull();
  });

  it("starts rounds at the chosen home from the 巡诊 tab", async () => {
    renderAt("/services?tab=rounds&home=h-1", routes());
    const start = await screen.findByTestId("rounds-start");
    expect(screen.getByTestId("rounds-home-select")).toBeTruthy();
    await waitFor(() => expect(start.hasAttribute("disabled")).toBe(false));
    fireEvent.click(start);
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/services/rounds/h-1"));
  });
});
