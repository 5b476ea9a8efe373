import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderAt } from "../../../test/renderApp";
import { RESIDENT_FIELDS } from "../residentForm";
import { ResidentFormPage } from "./ResidentFormPage";

// The whole path is real (hooks → bindings → call); only the Tauri runtime is replaced.
const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;

beforeEach(() => {
  handlers = {
    list_nursing_homes: () => [],
    validate_resident: () => ({ issues: [], idNumber: null }),
  };
  invoke.mockReset();
  invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
    const h = handlers[cmd];
    if (!h) throw { code: "internal", message: `no handler for ${cmd}`, fields: [] };
    return h(args);
  });
});

function renderNew() {
  return renderAt("/residents/new", [
    ["/residents/new", <ResidentFormPage />],
    ["/residents/:id", <div data-testid="detail-page" />],
  ]);
}

const input = (field: string) => screen.getByTestId(`rf-${field}`) as HTMLInputElement;
const type = (field: string, value: string) => fireEvent.change(input(field), { target: { value } });

describe("ResidentFormPage", () => {
  it("has a test hook for every field of ResidentInput", async () => {
    handlers.list_nursing_homes = () => [];
    renderNew();
    fireEvent.click(screen.getByText("入住机构"));
    for (const f of RESIDENT_FIELDS) {
      expect(await screen.findByTestId(`rf-${f}`), f).toBeTruthy();
    }
    expect(screen.getByTestId("rf-save")).toBeTruthy();
  });

  it("shows Rust's field errors under the fields and keeps what was typed", async () => {
    const rejection = {
      code: "validation",
      message: "输入有误，请按提示修改",
      fields: [
        { field: "idNumber", code: "id_number.check_char", message: "身份证号校验位不正确" },
        { field: "phone", code: "phone.format", message: "联系电话格式不正确" },
      ],
    };
    handlers.create_resident = () => {
      throw rejection;
    };
    renderNew();
    type("name", "张三");
    type("idNumber", "110105194912310021");
    type("phone", "12");
    expect(screen.queryByTestId("error-idNumber")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId("rf-save"));
    });

    expect((await screen.findByTestId("error-idNumber")).textContent).toBe("身份证号校验位不正确");
    expect(screen.getByTestId("error-phone").textContent).toBe("联系电话格式不正确");
    expect(screen.getByTestId("form-error")).toBeTruthy();
    expect(input("name").value).toBe("张三");
    expect(input("idNumber").value).toBe("110105194912310021");
    const sent = invoke.mock.calls.find(([cmd]) => cmd === "create_resident")?.[1] as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({ name: "张三", idNumber: "110105194912310021", phone: "12" });

    // Editing the field clears only its message.
    type("phone", "13800000000");
    await waitFor(() => expect(screen.queryByTestId("error-phone")).toBeNull());
    expect(screen.getByTestId("error-idNumber")).toBeTruthy();
  });

  it("links to the existing file when the 身份证号 is already on file", async () => {
    handlers.create_resident = () => {
      throw {
        code: "duplicate_id_number",
        message: "身份证号 110105194912310021 已有档案：张三（健康档案编号 11010500100100001）",
        fields: [
          { field: "idNumber", code: "id_number.duplicate", message: "身份证号已有档案：张三" },
          { field: "existingResidentId", code: "resident.existing", message: "r-42" },
        ],
      };
    };
    renderNew();
    type("idNumber", "110105194912310021");
    await act(async () => {
      fireEvent.click(screen.getByTestId("rf-save"));
    });
    const link = await screen.findByTestId("existing-resident-link");
    expect(link.getAttribute("href")).toBe("/residents/r-42");
    expect(screen.getByTestId("error-idNumber").textContent).toContain("已有档案");
    expect(screen.getByTestId("form-error").textContent).not.toContain("r-42");
  });

  it("opens the new file after a successful save (Ctrl+S)", async () => {
    handlers.create_resident = ({ input: i }) => ({ ...(i as object), id: "r-7", name: "李四", healthFileNo: "1" });
    renderNew();
    type("name", "李四");
    await act(async () => {
      fireEvent.keyDown(input("name"), { key: "s", ctrlKey: true });
    });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/residents/r-7"));
  });

  it("checks the 身份证号 on blur and shows only that field's issue", async () => {
    handlers.validate_resident = () => ({
      issues: [
        { field: "name", code: "text.required", message: "姓名不能为空" },
        { field: "idNumber", code: "id_number.length", message: "身份证号应为 18 位" },
      ],
      idNumber: null,
    });
    renderNew();
    type("idNumber", "1234");
    await act(async () => {
      fireEvent.blur(input("idNumber"));
    });
    expect((await screen.findByTestId("error-idNumber")).textContent).toBe("身份证号应为 18 位");
    expect(screen.queryByTestId("error-name")).toBeNull();
  });

  it("shows what a valid 身份证号 says as soon as the field is left", async () => {
    handlers.validate_resident = () => ({
      issues: [],
      idNumber: { idNumber: "11010519491231002X", sex: "female", birthDate: "1949-12-31", age: 76 },
    });
    renderNew();
    type("idNumber", "110105491231002");
    await act(async () => {
      fireEvent.blur(input("idNumber"));
    });
    const facts = (await screen.findByTestId("id-number-facts")).textContent ?? "";
    expect(facts).toContain("女 · 1949-12-31 · 76 岁");
    expect(facts).toContain("将保存为 11010519491231002X");
    type("idNumber", "1");
    expect(screen.queryByTestId("id-number-facts")).toBeNull();
  });
});

describe("editing a masked file", () => {
  it("refuses to load masked values into the form", async () => {
    handlers.get_resident = () => ({ id: "r-1", version: 1, name: "张三", idNumber: "1101**********002X", identityMasked: true });
    handlers.resident_history = () => [];
    renderAt("/residents/r-1/edit", [["/residents/:id/edit", <ResidentFormPage />]]);
    expect(await screen.findByTestId("masked-no-edit")).toBeTruthy();
    expect(screen.queryByTestId("rf-idNumber")).toBeNull();
    expect(invoke).toHaveBeenCalledWith("get_resident", { id: "r-1" });
  });
});
