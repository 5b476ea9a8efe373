import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CatalogueItem, FamilyBedRow, LtcSettings } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { HomeCarePage } from "./HomeCarePage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

const MEAL: CatalogueItem = {
  code: "meal",
  name: "助餐",
  unit: "meal",
  priceCents: 1200,
  payer: "self_paid",
  subsidised: ["tekun", "gaoling"],
  builtIn: true,
};

const BED: FamilyBedRow = {
  residentId: "r-9",
  residentName: "王德福",
  recordId: "rec-9",
  registeredOn: "2026-10-15",
  bed: { address: "城南镇王家村3组8号", adaptations: "", devices: "", centre: "城南镇养老服务中心", level: "managed24h" },
  lastVisit: "2026-11-12",
  state: { state: "overdue", dueBy: "2026-11-19", daysOver: 5 },
  reason: "24 小时照护床位每 7 天至少巡访一次，上次巡访在 2026-11-12，已逾期 5 天",
};

const LTC: LtcSettings = { minGrade: "severe", monthlyCapCents: 155000, validMonths: 24, customised: false };

beforeEach(() => {
  handlers = {
    family_beds: () => [BED],
    home_care_catalogue: () => [MEAL],
    ltc_settings: () => LTC,
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const routes = (): [string, JSX.Element][] => [["/homecare", <HomeCarePage />]];

describe("HomeCarePage", () => {
  it("lists family beds with the overdue visit Rust computed", async () => {
    renderAt("/homecare", routes());
    const table = await screen.findByTestId("beds-table");
    await waitFor(() => expect(table.textContent).toContain("王德福"));
    expect(table.textContent).toContain("24 小时照护");
    expect(table.textContent).toContain("巡访逾期 5 天");
  });

  it("shows the catalogue and the 长护险 rule, and puts Rust's message under the price", async () => {
    handlers.save_catalogue_item = () => {
      throw {
        code: "validation",
        message: "输入有误",
        fields: [{ field: "price", code: "money.negative", message: "单价不能为负数：实际为「-3」" }],
      };
    };
    renderAt("/homecare", routes());
    fireEvent.click(await screen.findByText("服务目录"));
    const table = await screen.findByTestId("catalogue-table");
    await waitFor(() => expect(table.textContent).toContain("助餐"));
    expect(table.textContent).toContain("¥12.00/餐");
    expect(table.textContent).toContain("特困");
    const rule = screen.getByTestId("ltc-rule");
    await waitFor(() => expect(rule.textContent).toContain("重度失能及以上"));
    expect(rule.textContent).toContain("¥1,550.00");
    fireEvent.change(screen.getByTestId("catalogue-price"), { target: { value: "-3" } });
    fireEvent.click(screen.getByTestId("catalogue-save"));
    await waitFor(() => expect(invoke.mock.calls.some(([c]) => c === "save_catalogue_item")).toBe(true));
    const sent = invoke.mock.calls.find(([c]) => c === "save_catalogue_item")?.[1] as { input: { price: string } };
    expect(sent.input.price).toBe("-3");
    expect(await screen.findByText("单价不能为负数：实际为「-3」", {}, { timeout: 5000 })).toBeTruthy();
  });

  it("offers no catalogue or rule form to someone who may not change settings", async () => {
    renderAt("/homecare", routes(), { session: testSession({ role: "nurse", permissions: ["view_residents", "record_care"] }) });
    fireEvent.click(await screen.findByText("服务目录"));
    await screen.findByTestId("catalogue-table");
    await waitFor(() => expect(screen.getByTestId("ltc-rule").textContent).toContain("24 个月"));
    expect(screen.queryByTestId("catalogue-form")).toBeNull();
    expect(screen.queryByTestId("ltc-save")).toBeNull();
  });
});
