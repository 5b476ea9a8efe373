import { act, fireEvent, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { HistoryEntry, Resident } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { testSession } from "../../../test/session";
import { ResidentDetailPage } from "./ResidentDetailPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const resident: Resident = {
  id: "r-1",
  version: 2,
  name: "𠮷田·阿依",
  idNumber: "11010519491231002X",
  sex: "female",
  birthDate: "1949-12-31",
  age: 75,
  phone: "",
  address: "",
  hukouAddress: "",
  livingKind: "home",
  nursingHomeId: null,
  nursingHomeName: null,
  room: "",
  bed: "",
  emergencyContactName: "",
  emergencyContactPhone: "",
  medicalInsurance: "none",
  ltcInsurance: false,
  specialCategories: ["shidu"],
  chronicConditions: [],
  allergies: "",
  healthFileNo: "11010500110100001",
  status: "active",
  statusDate: null,
  statusNote: "",
  createdAt: "2025-01-02T03:04:05Z",
  updatedAt: "2025-02-02T03:04:05Z",
  createdByName: "王医生",
  updatedByName: "李护士",
  identityMasked: false,
};

const history: HistoryEntry[] = [
  {
    version: 2,
    at: "2025-02-02T03:04:05Z",
    actorName: "李护士",
    action: "updated",
    changes: [{ field: "hukouAddress", before: "城关镇", after: "新城镇" }],
  },
  { version: 1, at: "2025-01-02T03:04:05Z", actorName: "王医生", action: "created", changes: [] },
];

let changeStatus: (args: Record<string, unknown>) => unknown;

beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    if (cmd === "get_resident") return resident;
    if (cmd === "resident_history") return history;
    if (cmd === "change_resident_status") return changeStatus(args);
    throw { code: "internal", message: cmd, fields: [] };
  });
});

describe("ResidentDetailPage", () => {
  it("shows the file exactly as stored, and its history in Chinese", async () => {
    renderAt("/residents/r-1", [["/residents/:id", <ResidentDetailPage />]]);
    expect((await screen.findByTestId("detail-name")).textContent).toBe("𠮷田·阿依");
    expect(screen.getByTestId("detail-idNumber").textContent).toBe("11010519491231002X");
    expect(screen.getByTestId("detail-sex").textContent).toBe("女");
    const h = await screen.findByTestId("detail-history");
    expect(await within(h).findByText("户籍地址：城关镇 → 新城镇")).toBeTruthy();
    expect(h.textContent).toContain("修改");
    expect(h.textContent).toContain("新建");
    expect(h.textContent).toContain("李护士");
  });

  it("shows the status change's field errors inside the dialog", async () => {
    changeStatus = () => {
      throw {
        code: "validation",
        message: "输入有误",
        fields: [{ field: "date", code: "status.date_required", message: "迁出或死亡须填写日期" }],
      };
    };
    renderAt("/residents/r-1", [["/residents/:id", <ResidentDetailPage />]]);
    fireEvent.click(await screen.findByTestId("detail-status"));
    await act(async () => {
      fireEvent.click(await screen.findByTestId("status-submit"));
    });
    expect((await screen.findByTestId("error-date")).textContent).toBe("迁出或死亡须填写日期");
    expect(invoke).toHaveBeenCalledWith("change_resident_status", {
      change: { id: "r-1", baseVersion: 2, status: "active", date: "", note: "" },
    });
  });
});

describe("ResidentDetailPage for other roles", () => {
  it("tags a masked 身份证号 as 部分隐藏", async () => {
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === "get_resident") return { ...resident, idNumber: "1101**********002X", identityMasked: true };
      if (cmd === "resident_history") return history;
      throw { code: "internal", message: cmd, fields: [] };
    });
    renderAt("/residents/r-1", [["/residents/:id", <ResidentDetailPage />]]);
    expect((await screen.findByTestId("detail-idNumber")).textContent).toBe("1101**********002X");
    expect(screen.getByTestId("masked-tag").textContent).toBe("部分隐藏");
  });

  it("shows no tag for a full number", async () => {
    renderAt("/residents/r-1", [["/residents/:id", <ResidentDetailPage />]]);
    await screen.findByTestId("detail-idNumber");
    expect(screen.queryByTestId("masked-tag")).toBeNull();
  });

  it("hides 编辑 and 变更状态 from a role that may not edit", async () => {
    renderAt("/residents/r-1", [["/residents/:id", <ResidentDetailPage />]], {
      session: testSession({ role: "care_home_admin", permissions: ["view_residents"] }),
    });
    await screen.findByTestId("detail-name");
    expect(screen.queryByTestId("detail-edit")).toBeNull();
    expect(screen.queryByTestId("detail-status")).toBeNull();
  });
});
