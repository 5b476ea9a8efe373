//! The list of IPC commands: name, arguments and result type. `src-tauri` implements exactly these
//! and the TypeScript wrappers in `ui/src/ipc/bindings.ts` are generated from this list, so the two
//! sides cannot drift apart silently.
use ts_rs::{Config, TS};

use crate::sync::{ConflictView, EnrolInput, ResolveConflictInput, SyncStatus};
use crate::*;

/// Gives the TypeScript name of a type.
pub type TsName = fn(&Config) -> String;

/// One IPC command as the generator sees it.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub args: &'static [(&'static str, TsName)],
    pub ret: TsName,
}

macro_rules! commands {
    ($( #[doc = $doc:literal] fn $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        /// Every command the desktop shell exposes, in the order they are generated.
        pub const COMMANDS: &[CommandSpec] = &[
            $( CommandSpec {
                name: stringify!($name),
                doc: $doc,
                args: &[ $( (stringify!($arg), <$ty as TS>::name as TsName) ),* ],
                ret: <$ret as TS>::name as TsName,
            }, )*
        ];
    };
}

commands! {
    /// 窗口应显示什么：首次设置、升级加密、登录、锁定、正常或数据文件损坏。
    fn get_app_status() -> AppStatus;
    /// 当前安装的设置状态（本机构、设备号、数据文件位置）。
    fn get_setup_state() -> SetupState;
    /// 首次运行：登记本机构和第一位用户（机构管理员），创建加密数据文件，返回只显示一次的恢复码。
    fn complete_setup(input: SetupInput) -> SetupDone;
    /// 把加密之前的数据文件就地转换为加密文件，并为第一位用户设置登录名和密码。
    fn upgrade_store(input: UpgradeInput) -> SetupDone;
    /// 登录。
    fn log_in(input: LogInInput) -> SessionInfo;
    /// 退出登录。
    fn log_out() -> ();
    /// 锁定窗口（闲置超时）。
    fn lock() -> ();
    /// 用户仍在操作（如长时间填写表单）：推迟后台的闲置锁定。
    fn keep_alive() -> ();
    /// 用当前用户的密码解锁。
    fn unlock(password: String) -> SessionInfo;
    /// 用恢复码为机构管理员设置新密码并登录。
    fn recover_access(input: RecoverInput) -> SessionInfo;
    /// 修改自己的密码。
    fn change_password(input: ChangePasswordInput) -> ();
    /// 用户列表（机构管理员）。
    fn list_users() -> Vec<UserRow>;
    /// 新建用户（机构管理员）。
    fn create_user(input: UserInput) -> UserRow;
    /// 停用用户：不能再登录，历史记录保留（机构管理员）。
    fn remove_user(id: String) -> ();
    /// 为其他用户重设密码（机构管理员）。
    fn reset_user_password(input: ResetPasswordInput) -> ();
    /// 审计日志（机构管理员）。
    fn list_audit(query: AuditQuery) -> AuditPage;
    /// 核验审计日志的哈希链。
    fn verify_audit() -> AuditVerification;
    /// 把审计日志导出为 CSV 文件（弹出保存对话框），返回保存位置；取消时为空。
    fn export_audit(query: AuditQuery) -> Option<String>;
    /// 本机设置。
    fn get_settings() -> Settings;
    /// 保存本机设置。
    fn save_settings(settings: Settings) -> Settings;
    /// 选择文件夹（备份位置），取消时为空。
    fn choose_folder() -> Option<String>;
    /// 立即备份到备份文件夹并核验。
    fn backup_now() -> BackupInfo;
    /// 备份文件夹中的备份，最新在前。
    fn list_backups() -> Vec<BackupInfo>;
    /// 选择一个备份文件，取消时为空。
    fn choose_backup_file() -> Option<String>;
    /// 打开并核验一个备份，显示其内容（不改动当前数据）。
    fn preview_backup(path: String) -> BackupInfo;
    /// 从备份恢复：先备份当前数据，再替换。
    fn restore_backup(path: String) -> RestoreDone;
    /// 数据文件无法打开时：用有恢复权限的用户密码，从备份恢复（损坏的文件另存，不删除）。
    fn restore_broken(input: RestoreBrokenInput) -> RestoreDone;
    /// 可选的养老机构/敬老院（居民入住地点）。
    fn list_nursing_homes() -> Vec<Institution>;
    /// 登记一家合作的养老机构/敬老院。
    fn create_institution(input: InstitutionInput) -> Institution;
    /// 分页、排序的居民列表。
    fn list_residents(query: ResidentListQuery) -> ResidentPage;
    /// 一个搜索框：姓名、拼音首字母、全拼、身份证号片段、电话片段。
    fn search_residents(query: SearchQuery) -> Vec<SearchHit>;
    /// 一份居民健康档案。
    fn get_resident(id: String) -> Resident;
    /// 不保存，只检查表单，返回所有字段问题（用于即时提示）；编辑时传入档案 id 以免与自身查重。
    fn validate_resident(input: ResidentInput, except_id: Option<String>) -> ResidentCheck;
    /// 新建居民健康档案。
    fn create_resident(input: ResidentInput) -> Resident;
    /// 修改居民健康档案。
    fn update_resident(update: UpdateResident) -> Resident;
    /// 变更档案状态（迁出、死亡、恢复在档）。
    fn change_resident_status(change: ChangeStatus) -> Resident;
    /// 档案的修改历史，最新在前。
    fn resident_history(id: String) -> Vec<HistoryEntry>;
    /// 量表的题目和选项（界面据此生成评估表单）。
    fn scale_spec(scale: Scale) -> ScaleSpec;
    /// 不保存，按答案计算量表得分和分级（填写时即时显示）。
    fn preview_assessment(answers: AssessmentAnswers) -> AssessmentResult;
    /// 为居民新增一条服务记录（体检、评估、方案、长处方、巡诊、转诊……）。
    fn add_record(input: RecordInput) -> CareRecord;
    /// 更正一条服务记录：新记录取代旧记录，两条都保留，须填写原因。
    fn correct_record(input: CorrectRecord) -> CareRecord;
    /// 作废一条误录的服务记录（保留原记录），须填写原因。
    fn void_record(input: VoidRecord) -> CareRecord;
    /// 居民的服务记录，最新在前。
    fn list_records(query: RecordQuery) -> Vec<CareRecord>;
    /// 居民某年的“7+3+4”服务完成情况（14 格）。
    fn resident_due(resident_id: String, year: i32) -> ResidentDue;
    /// 养老机构全体在住居民某年的服务完成情况和覆盖率。
    fn home_due(nursing_home_id: String, year: i32) -> HomeDue;
    /// 今日待办：已逾期和一周内到期的服务。
    fn today_tasks() -> Vec<TaskRow>;
    /// 巡诊：养老机构今日的巡诊单（按房间床位排序）。
    fn round_sheet(nursing_home_id: String) -> RoundSheet;
    /// 巡诊：保存一位居民的巡诊记录（立即保存）。
    fn record_round(entry: RoundEntry) -> RoundRow;
    /// 巡诊：记录居民未能巡诊（外出、住院、拒绝）。
    fn record_round_absence(entry: RoundAbsenceEntry) -> RoundRow;
    /// 居家照护服务目录：内置的助餐、助洁等项目，以及本县新增或调价的项目。
    fn home_care_catalogue() -> Vec<CatalogueItem>;
    /// 新增服务目录项目，或为已有项目调价（机构管理员）；返回新的目录。
    fn save_catalogue_item(input: CatalogueItemInput) -> Vec<CatalogueItem>;
    /// 本县长护险规则：起付失能等级、月度限额、评估有效期。
    fn ltc_settings() -> LtcSettings;
    /// 修改本县长护险规则（机构管理员）；返回新的规则。
    fn save_ltc_settings(input: LtcSettingsInput) -> LtcSettings;
    /// 一位居民的居家照护概况：照护等级、补贴对象、长护险资格、家庭养老床位、照护计划执行情况。
    fn home_care_overview(resident_id: String) -> HomeCareOverview;
    /// 家庭养老床位：在管床位及巡访情况，逾期未巡访的在前。
    fn family_beds() -> Vec<FamilyBedRow>;
    /// 居家照护待办：照护计划中已逾期和待完成的服务，逾期的在前。
    fn home_care_tasks() -> Vec<HomeCareTask>;
    /// 一位居民一个月的长护险结算单（超过月度限额或不符合条件的部分单独标出）。
    fn home_care_statement(query: StatementQuery) -> MonthlyStatement;
    /// 居家社区养老指标：居家服务人数、各类服务次数、24 小时照护床位、需照护者服务覆盖率。
    fn home_care_indicators(period: IndicatorPeriod) -> HomeCareIndicators;
    /// 本机构的医护人员（用于选择团队成员和签约医生）。
    fn list_staff() -> Vec<StaffMember>;
    /// 家庭医生团队列表。
    fn list_teams() -> Vec<CareTeam>;
    /// 新建家庭医生团队。
    fn create_team(input: TeamInput) -> CareTeam;
    /// 修改家庭医生团队。
    fn update_team(update: UpdateTeam) -> CareTeam;
    /// 签约列表（可按居民、即将到期筛选）。
    fn list_contracts(query: ContractQuery) -> Vec<Contract>;
    /// 新建签约（待签约）。
    fn create_contract(input: ContractInput) -> Contract;
    /// 确认签约。
    fn sign_contract(input: SignContract) -> Contract;
    /// 续约：生成新一期签约。
    fn renew_contract(input: RenewContract) -> Contract;
    /// 解约，须选择原因。
    fn terminate_contract(input: TerminateContract) -> Contract;
    /// 医养合作协议列表。
    fn list_agreements() -> Vec<Agreement>;
    /// 新建合作协议（草稿）。
    fn create_agreement(input: AgreementInput) -> Agreement;
    /// 修改合作协议草稿。
    fn update_agreement(update: UpdateAgreement) -> Agreement;
    /// 协议生效。
    fn activate_agreement(step: AgreementStep) -> Agreement;
    /// 终止协议，须填写原因。
    fn terminate_agreement(step: AgreementStep) -> Agreement;
    /// 变更合作协议：以生效的协议为底稿生成变更草稿，签署后原协议同时终止。
    fn amend_agreement(step: AgreementStep) -> Agreement;
    /// 合作协议预览：生成带“草稿”字样的 PDF 并用系统阅读器打开，同时列出字体缺少的字。
    fn preview_agreement_document(id: String) -> DocumentPreview;
    /// 签署合作协议：双方代表手写签名，协议生效，PDF 以本机构证书数字签名后保存。
    fn sign_agreement_document(input: SignAgreementDocument) -> SignedDocument;
    /// 上次签署时填写的医疗机构执业许可证登记号。
    fn last_licence_no() -> String;
    /// 家庭医生签约服务协议预览（草稿 PDF）。
    fn preview_contract_document(contract_id: String) -> DocumentPreview;
    /// 签署家庭医生签约服务协议：医生和居民（或监护人）手写签名；待签约的签约同时确认签约。
    fn sign_contract_document(input: SignContractDocument) -> SignedDocument;
    /// 协议或签约已签署的 PDF（没有则为空）。
    fn get_signed_document(kind: DocumentKind, record_id: String) -> Option<SignedDocument>;
    /// 用系统阅读器打开已签署的 PDF（用于打印），每次内容完全相同。
    fn open_signed_document(id: String) -> ();
    /// 另存已签署的 PDF：弹出系统“另存为”对话框，返回保存的路径（取消则为空）。
    fn save_signed_document_as(id: String) -> Option<String>;
    /// 文书模板（内置和县级下发的各版本）。
    fn list_templates() -> Vec<TemplateSummary>;
    /// 安装县级下发的文书模板（JSON 文本），逐项检查后保存为新版本。
    fn install_template(json: String) -> TemplateSummary;
    /// 一个月内到期（或已到期未处理）的合作协议和家庭医生签约。
    fn expiring_items() -> Vec<ExpiringItem>;
    /// 导入居民：弹出“打开”对话框选择 Excel 文件（.xlsx/.xls），返回文件位置；取消时为空。
    fn choose_import_file() -> Option<String>;
    /// 导入居民：文件中的工作表、表头行、列对应关系（沿用本机构上次的，否则按表头猜测）和前几行。
    fn import_overview(path: String, sheet: Option<String>, header_row: u32, nursing_home_id: Option<String>) -> SheetOverview;
    /// 导入居民预览：逐行检查，给出新建、更新、有误的数量和前若干行，不写入任何数据。
    fn preview_import(path: String, options: ImportOptions) -> ImportSummary;
    /// 导入居民：一次事务写入全部合格的行，有误的行不写入；每 250 行发出 import-progress 进度事件。
    fn import_residents(path: String, options: ImportOptions) -> ImportSummary;
    /// 统计指标（按月或按年）：本机构及各养老机构的签约率、健康管理率、7+3+4 覆盖率等。
    fn indicators(period: IndicatorPeriod) -> IndicatorReport;
    /// 把居民名单导出为 Excel（弹出保存对话框），返回保存位置；取消时为空。
    fn export_residents_xlsx() -> Option<String>;
    /// 把导入时有误的行（行号、字段、规则、说明）保存为 Excel，返回保存位置；取消时为空。
    fn rejected_rows_xlsx(rows: Vec<RejectedRow>) -> Option<String>;
    /// 把统计指标导出为 Excel（弹出保存对话框），返回保存位置；取消时为空。
    fn indicator_report_xlsx(period: IndicatorPeriod) -> Option<String>;
    /// 把统计图保存为 PNG 图片（弹出保存对话框，内容为 base64），返回保存位置；取消时为空。
    fn save_chart_png(file_name: String, png_base64: String) -> Option<String>;
    /// 同步状态：是否已注册到县级平台、待上传和被退回的修改、冲突数、后台同步的进度和错误。
    fn get_sync_status() -> SyncStatus;
    /// 立即同步（也在等待重试或已暂停时），返回当前同步状态。
    fn sync_now() -> SyncStatus;
    /// 用县级平台发放的一次性注册码把本机注册到县级平台（机构管理员），随后立即同步。
    fn enrol_device(input: EnrolInput) -> SyncStatus;
    /// 同步冲突：未处理的在前；可包括已解决的。
    fn list_sync_conflicts(include_resolved: bool) -> Vec<ConflictView>;
    /// 处理一个同步冲突：在两个值中选定一个，作为普通修改上传（需有修改该类记录的权限）。
    fn resolve_sync_conflict(input: ResolveConflictInput) -> ();
    /// 用户界面中的打印或导出动作，记入审计日志。
    fn record_output(action: AuditAction, record_kind: String, record_id: String, detail: String) -> ();
    /// 界面首次绘制完成（用于冷启动计时）。
    fn report_first_paint() -> ();
}
