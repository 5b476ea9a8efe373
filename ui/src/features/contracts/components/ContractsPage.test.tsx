import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import dayjs from "dayjs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CareTeam, Contract, ContractQuery, SearchHit, SignedDocument, StaffMember } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { ALL_PERMISSIONS, testSession } from "../../../test/session";
import { ContractsPage } from "./ContractsPage";

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

// jsdom cannot draw: each pad is a button that "signs" with a tiny PNG.
const PNG = "data:image/png;base64,AAAA";
vi.mock("../../../shared/SignaturePad", () => ({
  SignaturePad: ({ testId, value, onChange }: { testId: string; value?: string; onChange?: (v: string) => void }) => (
    <button type="button" data-testid={testId} data-value={value} onClick={() => onChange?.("data:image/png;base64,AAAA")}>
      签名
    </button>
  ),
}));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

// Rust's i64 values arrive as JSON numbers, whatever the generated type says.
const i64 = (n: number): number => n;
const today = dayjs().format("YYYY-MM-DD");

const staff: StaffMember[] = [
  { id: "u-2", name: "王建国", role: "doctor" },
  { id: "u-3", name: "周敏", role: "nurse" },
  { id: "u-5", name: "赵医生", role: "doctor" },
];
const teams: CareTeam[] = [
  {
    id: "t-1",
    version: i64(1),
    name: "城关一队",
    activeContracts: 2,
    members: [
      { userId: "u-3", name: "周敏", role: "nurse", leader: false },
      { userId: "u-2", name: "王建国", role: "doctor", leader: true },
    ],
  },
];

function contract(over: Partial<Contract>): Contract {
  return {
    id: "c-1",
    version: i64(1),
    number: "QY2026-0001",
    residentId: "r-1",
    residentName: "𠮷田·阿依",
    teamId: "t-1",
    teamName: "城关一队",
    doctorId: "u-2",
    doctorName: "王建国",
    categories: ["elderly", "hypertension"],
    packageKind: "basic",
    packageItems: [],
    priceCents: i64(12000),
    insuranceCents: i64(10000),
    selfPaidCents: i64(2000),
    startOn: "2026-01-01",
    endOn: "2026-12-31",
    signedOn: "2026-01-01",
    status: "signed",
    terminatedOn: null,
    terminationReason: null,
    terminationNote: "",
    renews: null,
    renewedBy: null,
    daysToExpiry: i64(12),
    ...over,
  };
}

const signed = contract({});
const pending = contract({
  id: "c-2",
  number: "QY2026-0002",
  residentName: "张桂兰",
  status: "pending",
  signedOn: null,
  packageKind: "personalized",
  packageItems: [{ name: "上门换药", priceCents: i64(123450) }],
  priceCents: i64(123450),
  insuranceCents: i64(0),
  selfPaidCents: i64(123450),
  daysToExpiry: i64(200),
});

const hit: SearchHit = {
  matchedBy: "name",
  resident: {
    id: "r-9",
    name: "李秀英",
    sex: "female",
    age: 78,
    idNumber: "110105********002X",
    phone: "",
    healthFileNo: "11010500110100009",
    livingKind: "nursing_home",
    nursingHomeName: "城关镇敬老院",
    status: "active",
    updatedAt: "2026-01-01T00:00:00Z",
  },
};

beforeEach(() => {
  handlers = {
    list_staff: () => staff,
    list_teams: () => teams,
    list_contracts: ({ query }) => ((query as ContractQuery).expiringWithinDays === 30 ? [signed] : [signed, pending]),
    search_residents: () => [hit],
    get_signed_document: () => null,
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

const fill = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const calls = (cmd: string) => invoke.mock.calls.filter(([c]) => c === cmd);

/** Opens an antd Select by its wrapper test id and picks the option with this text. */
async function pick(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-selector") ?? select);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")].find(
      (o) => o.textContent === text,
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

const page = (permissions = ALL_PERMISSIONS) =>
  renderAt("/contracts", [["/contracts", <ContractsPage />]], { session: testSession({ permissions }) });

describe("ContractsPage · 签约", () => {
  it("lists contracts with fees in 元, status, days left, and the renewal reminder", async () => {
    page();
    const rows = await screen.findAllByTestId("contract-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("𠮷田·阿依");
    expect(rows[0].textContent).toContain("65岁及以上老年人、高血压");
    expect(screen.getByTestId("contract-fees-QY2026-0001").textContent).toContain("¥120.00");
    expect(screen.getByTestId("contract-fees-QY2026-0001").textContent).toContain("医保/公卫 ¥100.00 · 自付 ¥20.00");
    expect(screen.getByTestId("contract-fees-QY2026-0002").textContent).toContain("¥1,234.50");
    expect(rows[1].textContent).toContain("个性化包（1 项）");
    expect(rows[0].textContent).toContain("2026-01-01 – 2026-12-31");
    expect(screen.getByTestId("contract-status-QY2026-0001").textContent).toBe("签约");
    expect(screen.getByTestId("contract-status-QY2026-0002").textContent).toBe("待签约");
    expect(screen.getByTestId("contract-days-QY2026-0001").textContent).toBe("12 天");
    // A pending contract is signed or terminated; a signed one renewed or terminated.
    expect(screen.getByTestId("contract-sign-QY2026-0002")).toBeTruthy();
    expect(screen.queryByTestId("contract-renew-QY2026-0002")).toBeNull();
    expect(screen.getByTestId("contract-renew-QY2026-0001")).toBeTruthy();
    expect(screen.queryByTestId("contract-sign-QY2026-0001")).toBeNull();

    const banner = await screen.findByTestId("contracts-expiring-banner");
    expect(banner.textContent).toContain("1 份签约将在 30 天内到期");
    expect(invoke).toHaveBeenCalledWith("list_contracts", {
      query: { residentId: null, expiringWithinDays: null, includeClosed: false },
    });
    expect(invoke).toHaveBeenCalledWith("list_contracts", {
      query: { residentId: null, expiringWithinDays: 30, includeClosed: false },
    });

    fireEvent.click(screen.getByTestId("contracts-show-closed"));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith("list_contracts", {
        query: { residentId: null, expiringWithinDays: null, includeClosed: true },
      }),
    );
    fireEvent.click(within(banner).getByTestId("contracts-expiring-show"));
    await waitFor(() => expect(screen.getAllByTestId("contract-row")).toHaveLength(1));
  });

  it("hides every action without 办理签约", async () => {
    page(ALL_PERMISSIONS.filter((p) => p !== "manage_contracts"));
    await screen.findAllByTestId("contract-row");
    expect(screen.queryByTestId("contract-new")).toBeNull();
    expect(screen.queryByTestId("contract-sign-QY2026-0002")).toBeNull();
    expect(screen.queryByTestId("contract-terminate-QY2026-0001")).toBeNull();
  });

  it("creates a contract: Rust's validation marks the price and the form keeps what was typed", async () => {
    let answer: unknown = {
      code: "validation",
      message: "输入有误，请按提示修改",
      fields: [
        {
          field: "price",
          code: "contract.price_mismatch",
          message: "总费用应等于医保/公卫经费支付加个人自付",
        },
      ],
    };
    handlers.create_contract = ({ input }) => {
      if (answer) throw answer;
      return contract({ ...(input as object), id: "c-3", number: "QY2026-0003", residentName: "李秀英", status: "pending" });
    };
    page();
    await screen.findAllByTestId("contract-row");
    fireEvent.click(screen.getByTestId("contract-new"));

    // The resident is searched for as one types, and picked from Rust's hits.
    const resident = await screen.findByTestId("contract-resident");
    expect(resident.tagName).toBe("INPUT");
    fireEvent.change(resident, { target: { value: "lxy" } });
    const option = await screen.findByTestId("resident-option", {}, { timeout: 3000 });
    expect(invoke).toHaveBeenCalledWith("search_residents", { query: { text: "lxy", limit: 50 } });
    fireEvent.click(option);
    expect((await screen.findByTestId("contract-resident-picked")).textContent).toContain("11010500110100009");

    await pick("contract-team", "城关一队");
    // The team's doctor is proposed.
    await waitFor(() => expect(screen.getByTestId("contract-doctor").textContent).toContain("王建国"));
    await pick("contract-categories", "65岁及以上老年人");
    expect(screen.getByTestId("contract-package-personalized").tagName).toBe("INPUT");
    fireEvent.click(screen.getByTestId("contract-package-personalized"));
    fill("contract-item-name-0", "上门换药");
    fill("contract-item-price-0", "20");
    fill("contract-price", "120");
    fill("contract-insurance", "100");
    fill("contract-self-paid", "30");
    // Start today, a year by default.
    const start = screen.getByTestId("contract-start") as HTMLInputElement;
    expect(start.tagName).toBe("INPUT");
    expect(start.value).toBe(today);
    expect((screen.getByTestId("contract-end") as HTMLInputElement).value).toBe(
      dayjs().add(1, "year").subtract(1, "day").format("YYYY-MM-DD"),
    );

    await act(async () => {
      fireEvent.click(screen.getByTestId("contract-save"));
    });
    expect((await screen.findByTestId("error-price")).textContent).toBe("总费用应等于医保/公卫经费支付加个人自付");
    const sent = calls("create_contract")[0][1] as { input: Record<string, unknown> };
    expect(sent.input).toEqual({
      residentId: "r-9",
      teamId: "t-1",
      doctorId: "u-2",
      categories: ["elderly"],
      packageKind: "personalized",
      packageItems: [{ name: "上门换药", price: "20" }],
      price: "120",
      insurancePart: "100",
      selfPaid: "30",
      startOn: today,
      endOn: dayjs().add(1, "year").subtract(1, "day").format("YYYY-MM-DD"),
    });
    // Everything typed is still there.
    expect((screen.getByTestId("contract-price") as HTMLInputElement).value).toBe("120");
    expect((screen.getByTestId("contract-self-paid") as HTMLInputElement).value).toBe("30");
    expect((screen.getByTestId("contract-resident") as HTMLInputElement).value).toBe("李秀英");
    expect(screen.queryByTestId("form-error")).toBeNull();

    // Editing the field clears its message; the next save succeeds and reloads the lists.
    fill("contract-self-paid", "20");
    answer = undefined;
    fill("contract-price", "120.00");
    expect(screen.queryByTestId("error-price")).toBeNull();
    const before = calls("list_contracts").length;
    await act(async () => {
      fireEvent.click(screen.getByTestId("contract-save"));
    });
    expect(await screen.findByText("已新建签约 QY2026-0003（李秀英），待签约")).toBeTruthy();
    await waitFor(() => expect(calls("list_contracts").length).toBeGreaterThan(before));
  });

  it("shows a refusal that names no field (a second current contract) as a banner", async () => {
    handlers.create_contract = () => {
      throw {
        code: "validation",
        message: "该居民已有当前的家庭医生签约（签约编号 QY2026-0001），请在原签约上续约，或先解约再新签",
        fields: [
          { field: "residentId", code: "contract.current_exists", message: "该居民已有当前的家庭医生签约" },
          { field: "existingContractId", code: "contract.existing", message: "c-1" },
        ],
      };
    };
    page();
    await screen.findAllByTestId("contract-row");
    fireEvent.click(screen.getByTestId("contract-new"));
    await screen.findByTestId("contract-save");
    await act(async () => {
      fireEvent.click(screen.getByTestId("contract-save"));
    });
    expect((await screen.findByTestId("error-residentId")).textContent).toBe("该居民已有当前的家庭医生签约");
    // The existing contract's id is for programs: no banner shows it.
    expect(screen.queryByTestId("form-error")).toBeNull();
  });

  it("terminates: a reason is required, 其他 needs the note Rust asks for", async () => {
    handlers.terminate_contract = ({ input }) => {
      const i = input as { reason: string; note: string };
      if (i.reason === "other" && i.note === "") {
        throw {
          code: "validation",
          message: "输入有误，请按提示修改",
          fields: [{ field: "note", code: "contract.note_required", message: "解约原因为「其他」时，请填写解约说明" }],
        };
      }
      return contract({ status: "terminated", daysToExpiry: null });
    };
    page();
    await screen.findAllByTestId("contract-row");
    fireEvent.click(screen.getByTestId("contract-terminate-QY2026-0001"));
    const date = (await screen.findByTestId("terminate-date")) as HTMLInputElement;
    expect(date.value).toBe(today);
    await act(async () => {
      fireEvent.click(screen.getByTestId("terminate-confirm"));
    });
    expect((await screen.findByTestId("error-reason")).textContent).toBe("请选择解约原因");
    expect(calls("terminate_contract")).toHaveLength(0);

    await pick("terminate-reason", "其他");
    expect(screen.queryByTestId("error-reason")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId("terminate-confirm"));
    });
    expect((await screen.findByTestId("error-note")).textContent).toBe("解约原因为「其他」时，请填写解约说明");
    expect(invoke).toHaveBeenCalledWith("terminate_contract", {
      input: { contractId: "c-1", version: 1, terminatedOn: today, reason: "other", note: "" },
    });

    fill("terminate-note", "本人要求");
    await act(async () => {
      fireEvent.click(screen.getByTestId("terminate-confirm"));
    });
    expect(await screen.findByText("已解约：QY2026-0001（𠮷田·阿依）")).toBeTruthy();
    expect(calls("terminate_contract").slice(-1)[0]).toEqual([
      "terminate_contract",
      { input: { contractId: "c-1", version: 1, terminatedOn: today, reason: "other", note: "本人要求" } },
    ]);
  });

  it("signs with today's date, and offers to reload after someone else changed the contract", async () => {
    handlers.sign_contract = () => {
      throw { code: "version_conflict", message: "该档案已被修改（当前版本 2，打开时为 1），请重新打开后再改", fields: [] };
    };
    page();
    await screen.findAllByTestId("contract-row");
    fireEvent.click(screen.getByTestId("contract-sign-QY2026-0002"));
    expect(((await screen.findByTestId("sign-date")) as HTMLInputElement).value).toBe(today);
    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-confirm"));
    });
    expect(invoke).toHaveBeenCalledWith("sign_contract", { input: { contractId: "c-2", version: 1, signedOn: today } });
    expect((await screen.findByTestId("form-error")).textContent).toContain("这份签约在您打开之后已被修改");
    const before = calls("list_contracts").length;
    fireEvent.click(screen.getByTestId("step-reload"));
    await waitFor(() => expect(calls("list_contracts").length).toBeGreaterThan(before));
  });

  it("renews from the day after the old end, for a year", async () => {
    handlers.renew_contract = ({ input }) =>
      contract({ ...(input as object), id: "c-4", number: "QY2027-0001", status: "renewed", startOn: "2027-01-01", endOn: "2027-12-31" });
    page();
    await screen.findAllByTestId("contract-row");
    fireEvent.click(screen.getByTestId("contract-renew-QY2026-0001"));
    expect(((await screen.findByTestId("renew-start")) as HTMLInputElement).value).toBe("2027-01-01");
    expect((screen.getByTestId("renew-end") as HTMLInputElement).value).toBe("2027-12-31");
    await act(async () => {
      fireEvent.click(screen.getByTestId("renew-confirm"));
    });
    expect(invoke).toHaveBeenCalledWith("renew_contract", {
      input: { contractId: "c-1", version: 1, startOn: "2027-01-01", endOn: "2027-12-31" },
    });
    expect(await screen.findByText("已续约：新签约 QY2027-0001（2027-01-01 至 2027-12-31）")).toBeTruthy();
  });
});

const signedDoc: SignedDocument = {
  id: "d-7",
  kind: "family_doctor_contract",
  recordId: "c-1",
  number: "QY2026-0001",
  title: "家庭医生签约服务协议",
  templateVersion: 1,
  contentHash: "ab".repeat(32),
  pdfSha256: "fedcba9876543210".repeat(4),
  sizeBytes: 60210,
  pages: 2,
  signatories: ["王建国", "𠮷田·阿依"],
  signedAt: "2026-01-01T01:00:00Z",
  signedBy: "林晓燕",
  certificateFingerprint: "cd".repeat(32),
};

describe("ContractsPage · 协议书", () => {
  it("signs a pending contract's 协议书: the date, the contract's names, both pads; a missing signature keeps the rest", async () => {
    let refuse = true;
    handlers.sign_contract_document = () => {
      if (refuse) {
        throw {
          code: "validation",
          message: "输入有误，请按提示修改",
          fields: [{ field: "resident", code: "document.signature_missing", message: "请居民或监护人在签名板上手写签名" }],
        };
      }
      return { ...signedDoc, recordId: "c-2", number: "QY2026-0002" };
    };
    page();
    await screen.findAllByTestId("contract-row");
    fireEvent.click(await screen.findByTestId("contract-doc-sign-QY2026-0002"));
    expect(((await screen.findByTestId("sign-signed-on")) as HTMLInputElement).value).toBe(today);
    expect((screen.getByTestId("sign-doctor-name") as HTMLInputElement).value).toBe("王建国");
    expect((screen.getByTestId("sign-resident-name") as HTMLInputElement).value).toBe("张桂兰");
    expect(screen.getByTestId("sign-submit").textContent).toBe("签约并签署协议书");
    fireEvent.click(screen.getByTestId("pad-doctor"));
    fill("sign-resident-name", "张小明（监护人）");

    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-submit"));
    });
    expect(calls("sign_contract_document")[0][1]).toEqual({
      input: {
        contractId: "c-2",
        version: 1,
        signedOn: today,
        doctor: { name: "王建国", png: PNG },
        resident: { name: "张小明（监护人）", png: "" },
      },
    });
    expect((await screen.findByTestId("error-resident")).textContent).toBe("请居民或监护人在签名板上手写签名");
    expect((screen.getByTestId("sign-resident-name") as HTMLInputElement).value).toBe("张小明（监护人）");
    expect(screen.getByTestId("pad-doctor").getAttribute("data-value")).toBe(PNG);

    refuse = false;
    fireEvent.click(screen.getByTestId("pad-resident"));
    expect(screen.queryByTestId("error-resident")).toBeNull();
    const listed = calls("list_contracts").length;
    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-submit"));
    });
    expect(calls("sign_contract_document")[1][1]).toEqual({
      input: expect.objectContaining({ resident: { name: "张小明（监护人）", png: PNG } }) as unknown,
    });
    expect(await screen.findByText("已签约：QY2026-0002（张桂兰），协议书 PDF 已数字签名")).toBeTruthy();
    await waitFor(() => expect(calls("list_contracts").length).toBeGreaterThan(listed));
  });

  it("a signed contract without a 协议书 is signed without a date; one with a 协议书 is printed or saved", async () => {
    const other = contract({ id: "c-3", number: "QY2026-0003", residentName: "李秀英" });
    handlers.list_contracts = () => [signed, pending, other];
    let hasDoc = false;
    handlers.get_signed_document = ({ recordId }) => (recordId === "c-1" || (hasDoc && recordId === "c-3") ? signedDoc : null);
    handlers.sign_contract_document = () => {
      hasDoc = true;
      return { ...signedDoc, id: "d-8", recordId: "c-3", number: "QY2026-0003" };
    };
    handlers.open_signed_document = () => null;
    handlers.save_signed_document_as = () => "D:\\签约\\QY2026-0001.pdf";
    page();
    const print = await screen.findByTestId("contract-doc-print-QY2026-0001");
    expect(print.textContent).toBe("打印协议书");
    expect(screen.getByTestId("contract-doc-signed-QY2026-0001").textContent).toBe("已签署 PDF");
    expect(screen.queryByTestId("contract-doc-sign-QY2026-0001")).toBeNull();
    expect(screen.queryByTestId("contract-doc-preview-QY2026-0001")).toBeNull();
    expect(screen.queryByTestId("contract-doc-print-QY2026-0002")).toBeNull();
    expect(screen.getByTestId("contract-doc-preview-QY2026-0002")).toBeTruthy();
    // A pending contract cannot have a signed PDF yet: nothing is asked about it.
    expect(calls("get_signed_document").some(([, a]) => (a as { recordId: string }).recordId === "c-2")).toBe(false);

    await act(async () => {
      fireEvent.click(print);
    });
    expect(invoke).toHaveBeenCalledWith("open_signed_document", { id: "d-7" });
    await act(async () => {
      fireEvent.click(screen.getByTestId("contract-doc-save-QY2026-0001"));
    });
    expect(await screen.findByText("已另存为：D:\\签约\\QY2026-0001.pdf")).toBeTruthy();

    fireEvent.click(await screen.findByTestId("contract-doc-sign-QY2026-0003"));
    expect(await screen.findByTestId("sign-doctor-name")).toBeTruthy();
    expect(screen.queryByTestId("sign-signed-on")).toBeNull();
    fireEvent.click(screen.getByTestId("pad-doctor"));
    fireEvent.click(screen.getByTestId("pad-resident"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-submit"));
    });
    expect(calls("sign_contract_document")[0][1]).toEqual({
      input: {
        contractId: "c-3",
        version: 1,
        signedOn: "",
        doctor: { name: "王建国", png: PNG },
        resident: { name: "李秀英", png: PNG },
      },
    });
    expect(await screen.findByText("签约 QY2026-0003 的协议书已签署，PDF 已数字签名")).toBeTruthy();
    // The version did not change, but the cell asks again and now offers printing.
    expect(await screen.findByTestId("contract-doc-print-QY2026-0003")).toBeTruthy();
  });

  it("previews a 协议书 for anyone who sees the contract; signing needs 办理签约", async () => {
    handlers.preview_contract_document = () => ({ path: "/tmp/签约协议-c-2-预览.pdf", pages: 2, missingChars: [] });
    page(ALL_PERMISSIONS.filter((p) => p !== "manage_contracts"));
    const preview = await screen.findByTestId("contract-doc-preview-QY2026-0002");
    expect(screen.queryByTestId("contract-doc-sign-QY2026-0002")).toBeNull();
    await act(async () => {
      fireEvent.click(preview);
    });
    expect(invoke).toHaveBeenCalledWith("preview_contract_document", { contractId: "c-2" });
    expect(await screen.findByText("已生成预览（共 2 页），已用系统阅读器打开：/tmp/签约协议-c-2-预览.pdf")).toBeTruthy();
    expect(screen.queryByTestId("document-missing-chars")).toBeNull();
  });
});

describe("ContractsPage · 家庭医生团队", () => {
  it("lists teams and creates one from staff and a typed name", async () => {
    handlers.create_team = ({ input }) => ({ ...(input as object), id: "t-2", version: 1, activeContracts: 0 });
    renderAt("/contracts?tab=teams", [["/contracts", <ContractsPage />]]);
    const rows = await screen.findAllByTestId("team-row");
    expect(rows[0].textContent).toContain("城关一队");
    expect(rows[0].textContent).toContain("王建国（全科医生，团队长）");
    expect(within(rows[0]).getByTestId("team-active-contracts").textContent).toBe("2");

    fireEvent.click(screen.getByTestId("team-new"));
    fill("team-name", "城关二队");
    // Member 1: picked from the staff list (links the account).
    fireEvent.change(screen.getByTestId("team-member-name-0"), { target: { value: "赵" } });
    const staffOption = await waitFor(() => {
      const o = [...document.querySelectorAll(".ant-select-item-option")].find((x) => x.textContent?.includes("赵医生"));
      if (!o) throw new Error("no staff option");
      return o;
    });
    fireEvent.click(staffOption);
    await screen.findByTestId("team-member-account-0");
    // Member 2: typed, without an account.
    fireEvent.click(screen.getByTestId("team-member-add"));
    fill("team-member-name-1", "李乡医");
    await pick("team-member-role-1", "乡村医生");
    fireEvent.click(screen.getByTestId("team-member-leader-1"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("team-save"));
    });
    expect(invoke).toHaveBeenCalledWith("create_team", {
      input: {
        name: "城关二队",
        members: [
          { userId: "u-5", name: "赵医生", role: "doctor", leader: false },
          { userId: null, name: "李乡医", role: "village_doctor", leader: true },
        ],
      },
    });
    expect(await screen.findByText("已新建团队：城关二队")).toBeTruthy();
  });

  it("edits with the version read; a conflict offers to reload the newest version", async () => {
    let version = 1;
    handlers.list_teams = () => [{ ...teams[0], version, name: version === 1 ? "城关一队" : "城关一队（新）" }];
    handlers.update_team = () => {
      throw { code: "version_conflict", message: "该档案已被修改（当前版本 2，打开时为 1），请重新打开后再改", fields: [] };
    };
    renderAt("/contracts?tab=teams", [["/contracts", <ContractsPage />]]);
    const rows = await screen.findAllByTestId("team-row");
    fireEvent.click(within(rows[0]).getByTestId("team-edit"));
    expect(((await screen.findByTestId("team-name")) as HTMLInputElement).value).toBe("城关一队");
    fill("team-name", "城关一队A");
    await act(async () => {
      fireEvent.click(screen.getByTestId("team-save"));
    });
    expect(invoke).toHaveBeenCalledWith("update_team", {
      update: { id: "t-1", version: 1, input: expect.objectContaining({ name: "城关一队A" }) as unknown },
    });
    expect((await screen.findByTestId("form-error")).textContent).toContain("这个团队在您打开之后已被修改");
    version = 2;
    fireEvent.click(screen.getByTestId("step-reload"));
    await waitFor(() => expect((screen.getByTestId("team-name") as HTMLInputElement).value).toBe("城关一队（新）"));
    expect(screen.queryByTestId("form-error")).toBeNull();
  });
});
