/**
 * Chinese labels for every enum of the IPC contract, and for the fields of a resident file.
 * The maps are typed `Record<Enum, string>`, so tsc fails when Rust adds a value and no label.
 */
import type {
  AuditAction,
  ChangeAction,
  InstitutionKind,
  LivingKind,
  MatchKind,
  MedicalInsurance,
  Permission,
  Resident,
  ResidentInput,
  ResidentStatus,
  Role,
  Sex,
  SpecialCategory,
} from "../ipc";

export const SEX_LABELS: Record<Sex, string> = {
  male: "男",
  female: "女",
};

export const LIVING_KIND_LABELS: Record<LivingKind, string> = {
  home: "居家",
  nursing_home: "入住机构",
};

export const MEDICAL_INSURANCE_LABELS: Record<MedicalInsurance, string> = {
  urban_rural_resident: "城乡居民医保",
  employee: "职工医保",
  none: "无",
  other: "其他",
};

export const SPECIAL_CATEGORY_LABELS: Record<SpecialCategory, string> = {
  tekun: "特困",
  dibao: "低保",
  shidu: "失独",
  kongchao: "空巢",
  liushou: "留守",
  gaoling: "高龄",
};

export const RESIDENT_STATUS_LABELS: Record<ResidentStatus, string> = {
  active: "在档",
  moved: "迁出",
  deceased: "死亡",
};

export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  township_clinic: "乡镇卫生院",
  community_health_center: "社区卫生服务中心",
  elderly_home: "敬老院",
  care_institution: "养老机构",
};

export const MATCH_KIND_LABELS: Record<MatchKind, string> = {
  name: "姓名",
  pinyin_initials: "拼音首字母",
  pinyin: "全拼",
  id_number: "身份证号",
  phone: "电话",
  health_file_no: "档案编号",
};

export const CHANGE_ACTION_LABELS: Record<ChangeAction, string> = {
  created: "新建",
  updated: "修改",
  status_changed: "状态变更",
};

export const ROLE_LABELS: Record<Role, string> = {
  doctor: "医生",
  nurse: "护士",
  public_health: "公卫人员",
  clinic_admin: "机构管理员",
  care_home_admin: "养老机构管理员",
};

/** Roles of the clinic's own staff (the others belong to a nursing home). */
export const CLINIC_ROLES: readonly Role[] = ["doctor", "nurse", "public_health", "clinic_admin"];

export const PERMISSION_LABELS: Record<Permission, string> = {
  view_residents: "查看居民档案",
  reveal_identity: "查看完整身份证号和电话",
  edit_residents: "新建和修改居民档案",
  manage_institutions: "登记合作养老机构",
  manage_users: "管理用户",
  view_audit: "查看审计日志",
  backup: "备份数据",
  restore: "从备份恢复",
  change_settings: "修改本机设置",
  sign_prescriptions: "开具处方",
  record_care: "记录体检、评估和巡诊",
  manage_contracts: "办理家庭医生签约",
  manage_teams: "管理家庭医生团队",
  manage_agreements: "管理医养合作协议",
  manage_sync: "管理与县级平台的同步",
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  log_in: "登录",
  log_in_failed: "登录失败",
  log_out: "退出登录",
  lock: "锁定",
  unlock: "解锁",
  unlock_failed: "解锁失败",
  recover: "用恢复码找回",
  change_password: "修改密码",
  view_resident: "查看档案",
  reveal_identity: "查看完整身份信息",
  create_resident: "新建档案",
  update_resident: "修改档案",
  change_resident_status: "变更档案状态",
  create_institution: "登记机构",
  create_user: "新建用户",
  remove_user: "停用用户",
  reset_password: "重设密码",
  change_settings: "修改设置",
  export: "导出",
  print: "打印",
  backup: "备份",
  backup_failed: "备份失败",
  restore: "从备份恢复",
  view_audit: "查看审计日志",
  upgrade_store: "升级加密",
  setup: "首次设置",
  denied: "越权被拒绝",
  create_record: "新增服务记录",
  correct_record: "更正服务记录",
  void_record: "作废服务记录",
  create_team: "新建家庭医生团队",
  update_team: "修改家庭医生团队",
  create_contract: "新建签约",
  sign_contract: "签约",
  renew_contract: "续约",
  terminate_contract: "解约",
  create_agreement: "新建合作协议",
  update_agreement: "修改合作协议",
  activate_agreement: "合作协议生效",
  terminate_agreement: "终止合作协议",
  enrol_device: "登记到县级平台",
  resolve_conflict: "处理同步冲突",
  sign_document: "签署文书",
  install_template: "安装文书模板",
};

const RECORD_KIND_LABELS: Record<string, string> = {
  resident: "居民档案",
  residents: "居民档案",
  user: "用户",
  users: "用户",
  institution: "机构",
  institutions: "机构",
  recovery_code: "恢复码",
  settings: "设置",
  backup: "备份",
  audit: "审计日志",
  session: "会话",
  care_record: "服务记录",
  care_team: "家庭医生团队",
  contract: "签约",
  agreement: "合作协议",
};

/** The kind of record an audit entry concerns, in Chinese; unknown kinds as they are. */
export function recordKindLabel(kind: string): string {
  return Object.prototype.hasOwnProperty.call(RECORD_KIND_LABELS, kind) ? RECORD_KIND_LABELS[kind] : kind;
}

// ── 家庭医生签约、团队、医养合作协议 ──────────────────────────────────────────────
import type {
  AgreementStatus,
  ContractStatus,
  DocumentKind,
  PackageKind,
  PopulationCategory,
  ServiceMethod,
  TeamRole,
  TerminationReason,
} from "../ipc";

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  pending: "待签约",
  signed: "签约",
  renewed: "续约",
  terminated: "解约",
};

export const TERMINATION_REASON_LABELS: Record<TerminationReason, string> = {
  lost_to_follow_up: "失访",
  moved_out: "迁出",
  deceased: "死亡",
  refused: "拒绝续签",
  resigned: "改签其他团队",
  other: "其他",
};

export const POPULATION_CATEGORY_LABELS: Record<PopulationCategory, string> = {
  elderly: "65岁及以上老年人",
  hypertension: "高血压",
  diabetes: "2型糖尿病",
  disabled: "失能/残疾",
  tekun: "特困",
  mental_disorder: "严重精神障碍",
  other: "其他",
};

export const PACKAGE_KIND_LABELS: Record<PackageKind, string> = {
  basic: "基础包",
  personalized: "个性化包",
};

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  doctor: "全科医生",
  nurse: "护士",
  public_health: "公卫人员",
  village_doctor: "乡村医生",
  other: "其他",
};

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: "草稿",
  active: "生效",
  terminated: "终止",
};

export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  scheduled_rounds: "定期巡诊",
  stationed_staff: "派驻医护人员",
  on_call: "上门出诊",
  remote: "远程会诊",
  emergency_channel: "急诊绿色通道/转诊",
};

/** What a signed document or a template is for (the short name used in lists). */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  cooperation_agreement: "合作协议",
  family_doctor_contract: "家庭医生签约",
};

/** Institution kinds a resident can live in (the 养老机构 picker and its registration form). */
export const NURSING_HOME_KINDS: readonly InstitutionKind[] = ["elderly_home", "care_institution"];

/** Labels for every field of the form input. */
export const RESIDENT_INPUT_FIELD_LABELS: Record<keyof ResidentInput, string> = {
  name: "姓名",
  idNumber: "身份证号",
  sex: "性别",
  birthDate: "出生日期",
  phone: "联系电话",
  address: "现住址",
  hukouAddress: "户籍地址",
  livingKind: "居住方式",
  nursingHomeId: "养老机构",
  room: "房间",
  bed: "床位",
  emergencyContactName: "紧急联系人",
  emergencyContactPhone: "紧急联系人电话",
  medicalInsurance: "医保类型",
  ltcInsurance: "长护险",
  specialCategories: "特殊人群",
  chronicConditions: "慢性病",
  allergies: "过敏史",
  healthFileNo: "健康档案编号",
  villageCode: "村/居委会代码",
};

// The stored file has no 村/居委会代码: it went into the 健康档案编号.
const { villageCode: _villageCode, ...STORED_INPUT_FIELD_LABELS } = RESIDENT_INPUT_FIELD_LABELS;

/** Labels for every field of a stored file (used by the change history). */
export const RESIDENT_FIELD_LABELS: Record<keyof Resident, string> = {
  ...STORED_INPUT_FIELD_LABELS,
  id: "档案标识",
  version: "版本",
  age: "年龄",
  nursingHomeName: "养老机构名称",
  status: "状态",
  statusDate: "状态日期",
  statusNote: "状态说明",
  createdAt: "建档时间",
  updatedAt: "更新时间",
  createdByName: "建档人",
  updatedByName: "最后修改人",
  identityMasked: "部分隐藏",
};

/** The label of a field named in a history entry; unknown names are shown as they are. */
export function residentFieldLabel(field: string): string {
  return Object.prototype.hasOwnProperty.call(RESIDENT_FIELD_LABELS, field)
    ? RESIDENT_FIELD_LABELS[field as keyof Resident]
    : field;
}

/** `{value, label}` pairs for a Select, in the map's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

const ENUM_VALUE_LABELS: Partial<Record<keyof Resident, Record<string, string>>> = {
  sex: SEX_LABELS,
  livingKind: LIVING_KIND_LABELS,
  medicalInsurance: MEDICAL_INSURANCE_LABELS,
  status: RESIDENT_STATUS_LABELS,
  specialCategories: SPECIAL_CATEGORY_LABELS,
};

/**
 * A value from a history entry as a person reads it: enum values get their Chinese label (lists
 * label each item), booleans read 是/否, anything else is shown as Rust sent it.
 */
export function historyValueLabel(field: string, value: string | null): string {
  if (value === null || value === "") return "（空）";
  if (value === "true") return "是";
  if (value === "false") return "否";
  const labels = ENUM_VALUE_LABELS[field as keyof Resident];
  if (!labels) return value;
  const one = (v: string) => labels[v.trim()] ?? v.trim();
  if (Object.prototype.hasOwnProperty.call(labels, value)) return labels[value];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map((v) => one(String(v))).join("、") || "（空）";
  } catch {
    // not JSON: fall through to a comma-separated list
  }
  return value.split(",").map(one).join("、");
}

// ── “7+3+4” 服务项目、完成情况、失能等级 ─────────────────────────────────────────
import type { DisabilityGrade, DueState, ServiceItem } from "../ipc";

/** The 7+3+4 items by their stable codes (7 基本 G1–G7, 3 优先 P1–P3, 4 拓展 S1–S4). */
/** The 14 items in the order of the "7+3+4" table (grid columns, checklists). */
export const SERVICE_ITEMS: readonly ServiceItem[] = [
  "G1",
  "G2",
  "G3",
  "G4",
  "G5",
  "G6",
  "G7",
  "P1",
  "P2",
  "P3",
  "S1",
  "S2",
  "S3",
  "S4",
];

export const SERVICE_ITEM_LABELS: Record<ServiceItem, string> = {
  G1: "专业医护团队",
  G2: "健康档案",
  G3: "年度健康体检",
  G4: "健康管理方案",
  G5: "慢性病长处方",
  G6: "心理健康评估",
  G7: "失能评估与康复指导",
  P1: "优先就诊",
  P2: "优先转诊",
  P3: "优先预约专家",
  S1: "定期巡诊",
  S2: "上门出诊",
  S3: "长期护理康复",
  S4: "安宁疗护",
};

export const DUE_STATE_LABELS: Record<DueState, string> = {
  done: "已完成",
  due: "待完成",
  overdue: "已逾期",
  on_demand: "按需",
  not_applicable: "不适用",
};

export const DISABILITY_GRADE_LABELS: Record<DisabilityGrade, string> = {
  intact: "能力完好",
  mild: "轻度失能",
  moderate: "中度失能",
  severe: "重度失能",
  total: "能力完全丧失",
};

// ── 巡诊未见原因 ─────────────────────────────────────────────────────────────────
import type { AbsenceReason } from "../ipc";

/** Why a resident was not seen on a round (the 未见 popover, keys 1–4 in this order). */
export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  away: "外出",
  in_hospital: "住院",
  refused: "拒绝",
  other: "其他",
};

// ── 同步 ─────────────────────────────────────────────────────────────────────────
import type { LocalConflictStatus, SyncPhase } from "../ipc";

/** What the background sync is doing (the 同步 page). */
export const SYNC_PHASE_LABELS: Record<SyncPhase, string> = {
  idle: "空闲",
  pushing: "正在上传",
  pulling: "正在下载",
  backoff: "等待重试",
  halted: "已暂停",
};

/** A conflict's state on this computer. */
export const LOCAL_CONFLICT_STATUS_LABELS: Record<LocalConflictStatus, string> = {
  open: "待处理",
  resolving: "已选定，等待上传",
  resolved: "已解决",
};

// ── 居民导入 ─────────────────────────────────────────────────────────────────────
import type { ImportField, RowOutcome } from "../ipc";

/** The resident-file fields a sheet column can fill, in the order the mapping Select lists them. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: "姓名",
  idNumber: "身份证号",
  sex: "性别",
  birthDate: "出生日期",
  phone: "联系电话",
  address: "现住址",
  hukouAddress: "户籍地址",
  room: "房间号",
  bed: "床位号",
  emergencyContactName: "紧急联系人",
  emergencyContactPhone: "紧急联系人电话",
  chronicConditions: "慢性病",
  allergies: "过敏史",
  healthFileNo: "健康档案编号",
  ltcInsurance: "长护险",
};

export const ROW_OUTCOME_LABELS: Record<RowOutcome, string> = {
  new: "新建",
  update: "更新",
  unchanged: "无变化",
  rejected: "有误",
};
