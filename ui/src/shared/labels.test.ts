import { describe, expect, it } from "vitest";
import { objectFields, unionMembers } from "../test/bindingsSource";
import {
  AUDIT_ACTION_LABELS,
  CHANGE_ACTION_LABELS,
  CLINIC_ROLES,
  DOCUMENT_KIND_LABELS,
  PERMISSION_LABELS,
  ROLE_LABELS,
  INSTITUTION_KIND_LABELS,
  LIVING_KIND_LABELS,
  MATCH_KIND_LABELS,
  MEDICAL_INSURANCE_LABELS,
  RESIDENT_FIELD_LABELS,
  RESIDENT_INPUT_FIELD_LABELS,
  RESIDENT_STATUS_LABELS,
  SEX_LABELS,
  SPECIAL_CATEGORY_LABELS,
  historyValueLabel,
  optionsOf,
  recordKindLabel,
  residentFieldLabel,
} from "./labels";

// Every enum of the contract, with the labels the clinic staff read.
const EXPECTED: [string, Record<string, string>, Record<string, string>][] = [
  ["Sex", SEX_LABELS, { male: "男", female: "女" }],
  ["LivingKind", LIVING_KIND_LABELS, { home: "居家", nursing_home: "入住机构" }],
  [
    "MedicalInsurance",
    MEDICAL_INSURANCE_LABELS,
    { urban_rural_resident: "城乡居民医保", employee: "职工医保", none: "无", other: "其他" },
  ],
  [
    "SpecialCategory",
    SPECIAL_CATEGORY_LABELS,
    { tekun: "特困", dibao: "低保", shidu: "失独", kongchao: "空巢", liushou: "留守", gaoling: "高龄" },
  ],
  ["ResidentStatus", RESIDENT_STATUS_LABELS, { active: "在档", moved: "迁出", deceased: "死亡" }],
  [
    "InstitutionKind",
    INSTITUTION_KIND_LABELS,
    {
      township_clinic: "乡镇卫生院",
      community_health_center: "社区卫生服务中心",
      elderly_home: "敬老院",
      care_institution: "养老机构",
    },
  ],
  [
    "MatchKind",
    MATCH_KIND_LABELS,
    {
      name: "姓名",
      pinyin_initials: "拼音首字母",
      pinyin: "全拼",
      id_number: "身份证号",
      phone: "电话",
      health_file_no: "档案编号",
    },
  ],
  ["DocumentKind", DOCUMENT_KIND_LABELS, { cooperation_agreement: "合作协议", family_doctor_contract: "家庭医生签约" }],
  ["ChangeAction", CHANGE_ACTION_LABELS, { created: "新建", updated: "修改", status_changed: "状态变更" }],
  [
    "Role",
    ROLE_LABELS,
    {
      doctor: "医生",
      nurse: "护士",
      public_health: "公卫人员",
      clinic_admin: "机构管理员",
      care_home_admin: "养老机构管理员",
    },
  ],
];

describe("security labels", () => {
  it("name every permission and every audit action of bindings.ts", () => {
    expect(Object.keys(PERMISSION_LABELS).sort()).toEqual(unionMembers("Permission").sort());
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual(unionMembers("AuditAction").sort());
    for (const label of [...Object.values(PERMISSION_LABELS), ...Object.values(AUDIT_ACTION_LABELS)]) {
      expect(label).toMatch(/\p{Script=Han}/u);
    }
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(Object.keys(AUDIT_ACTION_LABELS).length);
  });

  it("clinic roles are every role but the nursing-home admin", () => {
    expect([...CLINIC_ROLES, "care_home_admin"].sort()).toEqual(unionMembers("Role").sort());
  });

  it("record kinds read in Chinese, unknown ones as they are", () => {
    expect(recordKindLabel("resident")).toBe("居民档案");
    expect(recordKindLabel("recovery_code")).toBe("恢复码");
    expect(recordKindLabel("prescription")).toBe("prescription");
    expect(recordKindLabel("constructor")).toBe("constructor");
  });
});

describe("enum labels", () => {
  it.each(EXPECTED)("%s: one label for every value in bindings.ts", (union, labels, expected) => {
    expect(Object.keys(labels).sort()).toEqual(unionMembers(union).sort());
    expect(labels).toEqual(expected);
  });

  it("optionsOf lists every value in order", () => {
    expect(optionsOf(RESIDENT_STATUS_LABELS)).toEqual([
      { value: "active", label: "在档" },
      { value: "moved", label: "迁出" },
      { value: "deceased", label: "死亡" },
    ]);
  });
});

describe("field labels", () => {
  it("cover every field of ResidentInput and Resident", () => {
    expect(Object.keys(RESIDENT_INPUT_FIELD_LABELS).sort()).toEqual(objectFields("ResidentInput").sort());
    expect(Object.keys(RESIDENT_FIELD_LABELS).sort()).toEqual(objectFields("Resident").sort());
    for (const label of Object.values(RESIDENT_FIELD_LABELS)) expect(label).toMatch(/\S/);
  });

  it("name history fields in Chinese, and unknown ones as they are", () => {
    expect(residentFieldLabel("idNumber")).toBe("身份证号");
    expect(residentFieldLabel("hukouAddress")).toBe("户籍地址");
    expect(residentFieldLabel("somethingNew")).toBe("somethingNew");
    expect(residentFieldLabel("toString")).toBe("toString");
  });
});

describe("historyValueLabel", () => {
  it.each([
    ["sex", "female", "女"],
    ["status", "moved", "迁出"],
    ["livingKind", "nursing_home", "入住机构"],
    ["specialCategories", '["tekun","gaoling"]', "特困、高龄"],
    ["specialCategories", "dibao,kongchao", "低保、空巢"],
    ["ltcInsurance", "true", "是"],
    ["phone", "13800000000", "13800000000"],
    ["phone", null, "（空）"],
    ["allergies", "", "（空）"],
  ] as const)("%s %s → %s", (field, value, expected) => {
    expect(historyValueLabel(field, value)).toBe(expected);
  });
});
