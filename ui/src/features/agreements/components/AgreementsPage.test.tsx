import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import dayjs from "dayjs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Agreement, AgreementInput, Institution, SignedDocument } from "../../../ipc";
import { renderAt } from "../../../test/renderApp";
import { ALL_PERMISSIONS, testClinic, testSession } from "../../../test/session";
import { AgreementsPage } from "./AgreementsPage";

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

const homes: Institution[] = [
  { ...testClinic, id: "h-1", kind: "elderly_home", name: "城关镇敬老院" },
  { ...testClinic, id: "h-2", kind: "care_institution", name: "康乐养老院" },
];

function agreement(over: Partial<Agreement>): Agreement {
  return {
    id: "a-1",
    version: i64(1),
    number: "XY2026-001",
    clinicId: "i-1",
    clinicName: "城关镇卫生院",
    nursingHomeId: "h-1",
    nursingHomeName: "城关镇敬老院",
    startOn: "2026-01-01",
    endOn: "2026-12-31",
    items: [
      { item: "S1", frequency: { every: 1, unit: "week" } },
      { item: "G3", frequency: { every: 1, unit: "year" } },
      { item: "G2", frequency: null },
    ],
    methods: ["scheduled_rounds"],
    fileWithinDays: 30,
    note: "",
    status: "draft",
    activatedOn: null,
    terminatedOn: null,
    terminationReason: "",
    residents: 32,
    amends: null,
    amendsNumber: null,
    amendedBy: null,
    ...over,
  };
}

const draft = agreement({});
const active = agreement({
  id: "a-2",
  number: "XY2025-007",
  nursingHomeId: "h-2",
  nursingHomeName: "康乐养老院",
  status: "active",
  activatedOn: "2025-03-01",
  residents: 18,
});

beforeEach(() => {
  handlers = {
    list_agreements: () => [draft, active],
    list_nursing_homes: () => homes,
    get_signed_document: () => null,
    last_licence_no: () => "",
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

async function pick(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-selector") ?? select);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll(".ant-select-item-option")].find((o) => o.textContent === text);
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

const page = (permissions = ALL_PERMISSIONS) =>
  renderAt("/agreements", [["/agreements", <AgreementsPage />]], { session: testSession({ permissions }) });

describe("AgreementsPage", () => {
  it("lists agreements with their items and frequencies; active ones open read-only and say why", async () => {
    page();
    const rows = await screen.findAllByTestId("agreement-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("城关镇敬老院");
    expect(rows[0].textContent).toContain("2026-01-01 – 2026-12-31");
    expect(rows[0].textContent).toContain("32");
    expect(screen.getByTestId("agreement-status-XY2026-001").textContent).toBe("草稿");
    expect(screen.getByTestId("agreement-status-XY2025-007").textContent).toBe("生效");
    const tags = screen.getByTestId("agreement-items-XY2026-001").textContent ?? "";
    expect(tags).toContain("S1 每周1次");
    expect(tags).toContain("G3 每年1次");
    expect(tags).toContain("G2");
    // A draft is edited or put into force; an active agreement only terminated.
    expect(screen.getByTestId("agreement-edit-XY2026-001")).toBeTruthy();
    expect(screen.getByTestId("agreement-activate-XY2026-001")).toBeTruthy();
    expect(screen.queryByTestId("agreement-terminate-XY2026-001")).toBeNull();
    expect(screen.queryByTestId("agreement-edit-XY2025-007")).toBeNull();
    expect(screen.getByTestId("agreement-terminate-XY2025-007")).toBeTruthy();

    fireEvent.click(screen.getByTestId("agreement-view-XY2025-007"));
    expect((await screen.findByTestId("agreement-readonly")).textContent).toContain("2025年3月1日 生效");
    expect((screen.getByTestId("agreement-number") as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId("agreement-save")).toBeNull();
  });

  it("without 管理合作协议 only shows them", async () => {
    page(ALL_PERMISSIONS.filter((p) => p !== "manage_agreements"));
    await screen.findAllByTestId("agreement-row");
    expect(screen.queryByTestId("agreement-new")).toBeNull();
    expect(screen.queryByTestId("agreement-edit-XY2026-001")).toBeNull();
    expect(screen.queryByTestId("agreement-activate-XY2026-001")).toBeNull();
    fireEvent.click(screen.getByTestId("agreement-view-XY2026-001"));
    expect((await screen.findByTestId("agreement-readonly")).textContent).toContain("不能修改");
    expect(screen.queryByTestId("agreement-save")).toBeNull();
  });

  it("creates a draft: ticked items get their usual frequency, Rust's field errors keep the values", async () => {
    let answer: unknown = {
      code: "validation",
      message: "输入有误，请按提示修改",
      fields: [
        {
          field: "fileWithinDays",
          code: "agreement.file_within_days",
          message: "新入住老人建档时限应为 1 到 365 天的整数，实际为「0」",
        },
      ],
    };
    handlers.create_agreement = ({ input }) => {
      if (answer) throw answer;
      return agreement({ ...(input as AgreementInput), id: "a-3", number: "XY2026-002", fileWithinDays: 15 });
    };
    page();
    await screen.findAllByTestId("agreement-row");
    fireEvent.click(screen.getByTestId("agreement-new"));
    await pick("agreement-home", "康乐养老院");
    expect((screen.getByTestId("agreement-start") as HTMLInputElement).value).toBe(today);
    expect((screen.getByTestId("agreement-file-days") as HTMLInputElement).value).toBe("30");

    const s1 = screen.getByTestId("agreement-item-S1");
    expect(s1.tagName).toBe("INPUT");
    fireEvent.click(s1);
    // S1 is proposed weekly, G3 yearly; G2 has no frequency of its own.
    expect(((await screen.findByTestId("agreement-item-S1-every")) as HTMLInputElement).value).toBe("1");
    expect(screen.getByTestId("agreement-item-S1-unit").textContent).toContain("周1次");
    fireEvent.click(screen.getByTestId("agreement-item-G3"));
    expect(((await screen.findByTestId("agreement-item-G3-every")) as HTMLInputElement).value).toBe("1");
    expect(screen.getByTestId("agreement-item-G3-unit").textContent).toContain("年1次");
    fireEvent.click(screen.getByTestId("agreement-item-G2"));
    expect(((await screen.findByTestId("agreement-item-G2-every")) as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("agreement-method-on_call").tagName).toBe("INPUT");
    fireEvent.click(screen.getByTestId("agreement-method-on_call"));
    fill("agreement-file-days", "0");

    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-save"));
    });
    expect((await screen.findByTestId("error-fileWithinDays")).textContent).toContain("1 到 365 天");
    const sent = (calls("create_agreement")[0][1] as { input: AgreementInput }).input;
    expect(sent).toEqual({
      nursingHomeId: "h-2",
      number: "",
      startOn: today,
      endOn: dayjs().add(1, "year").subtract(1, "day").format("YYYY-MM-DD"),
      items: [
        { item: "G2", frequency: null },
        { item: "G3", frequency: { every: 1, unit: "year" } },
        { item: "S1", frequency: { every: 1, unit: "week" } },
      ],
      methods: ["scheduled_rounds", "on_call"],
      fileWithinDays: "0",
      note: "",
    });
    expect((screen.getByTestId("agreement-file-days") as HTMLInputElement).value).toBe("0");
    expect((screen.getByTestId("agreement-item-S1") as HTMLInputElement).checked).toBe(true);

    answer = undefined;
    fill("agreement-file-days", "15");
    expect(screen.queryByTestId("error-fileWithinDays")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-save"));
    });
    expect(await screen.findByText("已新建协议 XY2026-002（草稿）")).toBeTruthy();
    await waitFor(() => expect(calls("list_agreements").length).toBe(2));
  });

  it("edits a draft with the version read", async () => {
    handlers.update_agreement = ({ update }) => ({ ...draft, ...(update as { input: object }).input, version: 2 });
    page();
    await screen.findAllByTestId("agreement-row");
    fireEvent.click(screen.getByTestId("agreement-edit-XY2026-001"));
    expect(((await screen.findByTestId("agreement-item-S1")) as HTMLInputElement).checked).toBe(true);
    fill("agreement-note", "每周二上午巡诊");
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-save"));
    });
    expect(invoke).toHaveBeenCalledWith("update_agreement", {
      update: {
        id: "a-1",
        version: 1,
        input: expect.objectContaining({ note: "每周二上午巡诊", nursingHomeId: "h-1", fileWithinDays: "30" }) as unknown,
      },
    });
    expect(await screen.findByText("已保存协议 XY2026-001")).toBeTruthy();
  });

  it("puts a draft into force today, and terminates with the reason Rust requires", async () => {
    handlers.activate_agreement = () => ({ ...draft, status: "active", activatedOn: today });
    handlers.terminate_agreement = ({ step }) => {
      const s = step as { reason: string };
      if (s.reason.trim() === "") {
        throw {
          code: "validation",
          message: "输入有误，请按提示修改",
          fields: [{ field: "reason", code: "text.required", message: "终止原因不能为空" }],
        };
      }
      return { ...active, status: "terminated", terminatedOn: today, terminationReason: s.reason };
    };
    page();
    await screen.findAllByTestId("agreement-row");
    fireEvent.click(screen.getByTestId("agreement-activate-XY2026-001"));
    expect(((await screen.findByTestId("activate-date")) as HTMLInputElement).value).toBe(today);
    await act(async () => {
      fireEvent.click(screen.getByTestId("activate-confirm"));
    });
    expect(invoke).toHaveBeenCalledWith("activate_agreement", { step: { id: "a-1", version: 1, on: today, reason: "" } });
    expect(await screen.findByText("协议 XY2026-001 已生效")).toBeTruthy();

    fireEvent.click(screen.getByTestId("agreement-terminate-XY2025-007"));
    await screen.findByTestId("agreement-terminate-date");
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-terminate-confirm"));
    });
    expect((await screen.findByTestId("error-reason")).textContent).toBe("终止原因不能为空");
    fill("agreement-terminate-reason", "养老机构停业");
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-terminate-confirm"));
    });
    expect(invoke).toHaveBeenCalledWith("terminate_agreement", {
      step: { id: "a-2", version: 1, on: today, reason: "养老机构停业" },
    });
    expect(await screen.findByText("协议 XY2025-007 已终止")).toBeTruthy();
  });
});

describe("AgreementsPage · 变更", () => {
  it("makes an amendment draft of an active agreement and opens it; an amendment names what it replaces", async () => {
    const amendment = agreement({ id: "a-3", number: "XY2026-002", amends: "a-2", amendsNumber: "XY2025-007" });
    handlers.amend_agreement = () => amendment;
    page();
    expect(await screen.findByTestId("agreement-amend-XY2025-007")).toBeTruthy();
    expect(screen.queryByTestId("agreement-amend-XY2026-001")).toBeNull();
    fireEvent.click(screen.getByTestId("agreement-amend-XY2025-007"));
    handlers.list_agreements = () => [draft, { ...active, amendedBy: "a-3" }, amendment];
    await act(async () => {
      fireEvent.click(await screen.findByTestId("agreement-amend-confirm"));
    });
    expect(invoke).toHaveBeenCalledWith("amend_agreement", { step: { id: "a-2", version: 1, on: "", reason: "" } });
    expect(await screen.findByText("已生成变更协议草稿 XY2026-002，修改后签署即替代 XY2025-007")).toBeTruthy();
    expect((await screen.findByTestId("agreement-amends-XY2026-002")).textContent).toBe("变更自 XY2025-007");
    await waitFor(() => expect(screen.queryByTestId("agreement-amend-XY2025-007")).toBeNull());
  });
});

const signedDoc: SignedDocument = {
  id: "d-1",
  kind: "cooperation_agreement",
  recordId: "a-2",
  number: "XY2025-007",
  title: "医养服务合作协议",
  templateVersion: 1,
  contentHash: "ab".repeat(32),
  pdfSha256: "0123456789abcdef".repeat(4),
  sizeBytes: 81234,
  pages: 3,
  signatories: ["王院长", "李主任"],
  signedAt: "2025-03-01T02:30:00Z",
  signedBy: "林晓燕",
  certificateFingerprint: "cd".repeat(32),
};

const validation = (field: string, code: string, message: string) => ({
  code: "validation",
  message: "输入有误，请按提示修改",
  fields: [{ field, code, message }],
});

describe("AgreementsPage · 签署", () => {
  it("signs a draft: the licence number used last time, both signatures; Rust's errors keep everything entered", async () => {
    const answers: unknown[] = [
      validation("home", "document.signer_name", "乙方代表姓名：请填写签字人的姓名（1–20 个字）"),
      validation("document", "document.missing_glyphs", "PDF 字体中没有这些字：「𠮷」(U+20BB7)，签署后的文本会缺字，因此不能签署"),
    ];
    handlers.last_licence_no = () => "PDY00001X33010212A1001";
    handlers.sign_agreement_document = () => {
      const next = answers.shift();
      if (next) throw next;
      return { ...signedDoc, recordId: "a-1", number: "XY2026-001" };
    };
    page();
    await screen.findAllByTestId("agreement-row");
    fireEvent.click(screen.getByTestId("agreement-sign-XY2026-001"));
    expect(((await screen.findByTestId("sign-on")) as HTMLInputElement).value).toBe(today);
    await waitFor(() => expect((screen.getByTestId("sign-licence") as HTMLInputElement).value).toBe("PDY00001X33010212A1001"));
    expect(screen.getByTestId("sign-submit").textContent).toBe("签署并生效");
    fill("sign-clinic-name", "王院长");
    fireEvent.click(screen.getByTestId("pad-clinic"));
    fill("sign-home-name", "李主任李主任李主任李主任李主任李主任李主任");
    fireEvent.click(screen.getByTestId("pad-home"));

    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-submit"));
    });
    expect(calls("sign_agreement_document")[0][1]).toEqual({
      input: {
        id: "a-1",
        version: 1,
        on: today,
        licenceNo: "PDY00001X33010212A1001",
        clinic: { name: "王院长", png: PNG },
        home: { name: "李主任李主任李主任李主任李主任李主任李主任", png: PNG },
      },
    });
    expect((await screen.findByTestId("error-home")).textContent).toContain("请填写签字人的姓名");
    expect(screen.queryByTestId("form-error")).toBeNull();
    // Nothing typed or drawn is lost.
    expect((screen.getByTestId("sign-clinic-name") as HTMLInputElement).value).toBe("王院长");
    expect((screen.getByTestId("sign-licence") as HTMLInputElement).value).toBe("PDY00001X33010212A1001");
    expect(screen.getByTestId("pad-clinic").getAttribute("data-value")).toBe(PNG);
    expect(screen.getByTestId("pad-home").getAttribute("data-value")).toBe(PNG);

    fill("sign-home-name", "李主任");
    expect(screen.queryByTestId("error-home")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-submit"));
    });
    expect((await screen.findByTestId("error-document")).textContent).toContain("「𠮷」(U+20BB7)");
    expect((screen.getByTestId("sign-home-name") as HTMLInputElement).value).toBe("李主任");

    const listed = calls("list_agreements").length;
    await act(async () => {
      fireEvent.click(screen.getByTestId("sign-submit"));
    });
    expect(await screen.findByText("协议 XY2026-001 已签署并生效，PDF 已数字签名")).toBeTruthy();
    expect(calls("sign_agreement_document")[2][1]).toEqual({
      input: expect.objectContaining({ home: { name: "李主任", png: PNG } }) as unknown,
    });
    await waitFor(() => expect(calls("list_agreements").length).toBeGreaterThan(listed));
  });

  it("keeps a licence number typed before the last one arrived", async () => {
    let answer: (v: string) => void = () => undefined;
    handlers.last_licence_no = () => new Promise<string>((resolve) => (answer = resolve));
    page();
    await screen.findAllByTestId("agreement-row");
    fireEvent.click(screen.getByTestId("agreement-sign-XY2026-001"));
    fill("sign-licence", "NEW-123");
    await act(async () => {
      answer("OLD-999");
    });
    expect((screen.getByTestId("sign-licence") as HTMLInputElement).value).toBe("NEW-123");
  });

  it("previews a draft and lists the characters the PDF font lacks", async () => {
    handlers.preview_agreement_document = () => ({
      path: "/tmp/yiyang-documents/合作协议-a-1-预览.pdf",
      pages: 3,
      missingChars: ["𠮷", "䶮"],
    });
    page();
    await screen.findAllByTestId("agreement-row");
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-preview-XY2026-001"));
    });
    expect(invoke).toHaveBeenCalledWith("preview_agreement_document", { id: "a-1" });
    expect(
      await screen.findByText("已生成预览（共 3 页），已用系统阅读器打开：/tmp/yiyang-documents/合作协议-a-1-预览.pdf"),
    ).toBeTruthy();
    expect((await screen.findByTestId("document-missing-chars")).textContent).toBe(
      "PDF 字体缺少这些字：𠮷、䶮，签署前请核对",
    );
  });

  it("offers 打印 and 另存为… only where a signed PDF exists", async () => {
    const ended = agreement({ id: "a-3", number: "XY2024-003", status: "terminated", terminatedOn: "2025-01-01" });
    handlers.list_agreements = () => [draft, active, ended];
    handlers.get_signed_document = ({ kind, recordId }) => (kind === "cooperation_agreement" && recordId === "a-2" ? signedDoc : null);
    handlers.open_signed_document = () => null;
    let saved: string | null = "/home/clinic/协议/XY2025-007.pdf";
    handlers.save_signed_document_as = () => saved;
    page();
    const print = await screen.findByTestId("agreement-print-XY2025-007");
    expect(screen.getByTestId("agreement-signed-XY2025-007").textContent).toBe("已签署 PDF");
    expect(screen.queryByTestId("agreement-print-XY2026-001")).toBeNull();
    expect(screen.queryByTestId("agreement-print-XY2024-003")).toBeNull();
    expect(screen.queryByTestId("agreement-save-XY2024-003")).toBeNull();
    // A draft has nothing signed to ask about; the others are asked.
    await waitFor(() => expect(calls("get_signed_document")).toHaveLength(2));
    expect(calls("get_signed_document").map(([, a]) => a)).toEqual(
      expect.arrayContaining([
        { kind: "cooperation_agreement", recordId: "a-2" },
        { kind: "cooperation_agreement", recordId: "a-3" },
      ]),
    );
    // Neither a preview nor a signing for what is already in force.
    expect(screen.queryByTestId("agreement-preview-XY2025-007")).toBeNull();
    expect(screen.queryByTestId("agreement-sign-XY2025-007")).toBeNull();

    fireEvent.mouseEnter(screen.getByTestId("agreement-signed-XY2025-007"));
    const tip = await screen.findByRole("tooltip");
    await waitFor(() => expect(tip.textContent).toContain("共 3 页"));
    expect(tip.textContent).toContain("签署人：王院长、李主任");
    expect(tip.textContent).toContain("0123456789abcdef…");

    await act(async () => {
      fireEvent.click(print);
    });
    expect(invoke).toHaveBeenCalledWith("open_signed_document", { id: "d-1" });
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-save-XY2025-007"));
    });
    expect(await screen.findByText("已另存为：/home/clinic/协议/XY2025-007.pdf")).toBeTruthy();
    saved = null;
    await act(async () => {
      fireEvent.click(screen.getByTestId("agreement-save-XY2025-007"));
    });
    expect(calls("save_signed_document_as")).toHaveLength(2);
    expect(screen.getAllByText(/已另存为/)).toHaveLength(1);
  });

  it("without 管理合作协议 a draft is previewed but not signed", async () => {
    page(ALL_PERMISSIONS.filter((p) => p !== "manage_agreements"));
    await screen.findAllByTestId("agreement-row");
    expect(screen.getByTestId("agreement-preview-XY2026-001")).toBeTruthy();
    expect(screen.queryByTestId("agreement-sign-XY2026-001")).toBeNull();
  });
});
