//! Log-in, roles, users, the audit log, settings and backups.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Institution, IpcError};

/// What a user is. What each role may do is the table in `yiyang_domain::access`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 医生
    Doctor,
    /// 护士
    Nurse,
    /// 公卫人员
    PublicHealth,
    /// 机构管理员（卫生院/社区卫生服务中心）
    ClinicAdmin,
    /// 养老机构管理员：只看本养老机构的居民
    CareHomeAdmin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Doctor,
        Role::Nurse,
        Role::PublicHealth,
        Role::ClinicAdmin,
        Role::CareHomeAdmin,
    ];
}

/// Something a user may or may not do; the role table maps roles to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// 查看居民档案（养老机构管理员只看本机构的居民）
    ViewResidents,
    /// 在详情页查看完整身份证号和电话
    RevealIdentity,
    /// 新建、修改居民档案，变更档案状态
    EditResidents,
    /// 登记合作养老机构
    ManageInstitutions,
    /// 管理用户和角色
    ManageUsers,
    /// 查看、核验、导出审计日志
    ViewAudit,
    /// 立即备份、修改备份设置
    Backup,
    /// 从备份恢复
    Restore,
    /// 修改本机设置（自动锁定时间等）
    ChangeSettings,
    /// 开具、签署处方（仅医生）
    SignPrescriptions,
    /// 记录体检、评估、巡诊等服务
    RecordCare,
    /// 办理家庭医生签约、续约、解约
    ManageContracts,
    /// 管理家庭医生团队
    ManageTeams,
    /// 登记、生效、终止医养合作协议
    ManageAgreements,
    /// 把本机登记到县级平台、管理同步（机构管理员）
    ManageSync,
}

/// Where the app is in its life: what the window should show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// No data yet: first run.
    Setup,
    /// A store from before encryption: set a password to encrypt it.
    Upgrade,
    /// Encrypted store, nobody logged in.
    LogIn,
    /// A user is logged in but the window locked itself after idling.
    Locked,
    Ready,
    /// The data file cannot be opened (see `error`); restoring a backup may help.
    Broken,
}

/// Who is logged in and what they may do (the UI hides what they may not; the store enforces it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub user_id: String,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub institution_id: String,
    pub institution_name: String,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub phase: Phase,
    pub session: Option<SessionInfo>,
    /// When locked: whose password unlocks.
    pub locked_user: Option<String>,
    /// Why the store could not be opened (phase `broken`).
    pub error: Option<IpcError>,
    pub idle_lock_minutes: u32,
    /// Testing only: an idle time in seconds that overrides the minutes.
    pub idle_lock_seconds_override: Option<u32>,
    /// The demo county is loaded (the log-in screen shows the demo accounts).
    pub demo: bool,
    pub data_path: String,
}

/// Log-in with a user name and password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogInInput {
    pub login: String,
    pub password: String,
}

/// Encrypting a store made before encryption existed: the first user gets a log-in and password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpgradeInput {
    pub login: String,
    pub password: String,
    pub password_again: String,
}

/// After set-up or upgrade: the recovery code, shown exactly once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupDone {
    pub session: SessionInfo,
    pub recovery_code: String,
    pub institution: Institution,
    pub device_id: String,
}

/// Regaining access with the recovery code: sets a new password for a 机构管理员.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoverInput {
    pub recovery_code: String,
    pub login: String,
    pub new_password: String,
    pub new_password_again: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordInput {
    pub old_password: String,
    pub new_password: String,
    pub new_password_again: String,
}

/// A new user, as an admin enters it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserInput {
    pub login: String,
    pub name: String,
    pub role: Option<Role>,
    /// The user's institution: this clinic, or for a 养老机构管理员 their nursing home.
    pub institution_id: String,
    pub password: String,
    pub password_again: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserRow {
    pub id: String,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub institution_id: String,
    pub institution_name: String,
    /// Can log in on this computer (has a password here).
    pub can_log_in: bool,
}

/// Set a new password for another user (admins).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResetPasswordInput {
    pub user_id: String,
    pub password: String,
    pub password_again: String,
}

/// What the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    LogIn,
    LogInFailed,
    LogOut,
    Lock,
    Unlock,
    UnlockFailed,
    Recover,
    ChangePassword,
    ViewResident,
    /// The full 身份证号/phone was shown.
    RevealIdentity,
    CreateResident,
    UpdateResident,
    ChangeResidentStatus,
    CreateInstitution,
    CreateUser,
    RemoveUser,
    ResetPassword,
    ChangeSettings,
    Export,
    Print,
    Backup,
    BackupFailed,
    Restore,
    ViewAudit,
    UpgradeStore,
    Setup,
    /// An action refused for the user's role.
    Denied,
    /// A care record (health check, assessment, round …) was added.
    CreateRecord,
    /// A care record was superseded by a correction.
    CorrectRecord,
    /// A care record was marked as entered in error.
    VoidRecord,
    CreateTeam,
    UpdateTeam,
    CreateContract,
    SignContract,
    RenewContract,
    TerminateContract,
    CreateAgreement,
    UpdateAgreement,
    ActivateAgreement,
    TerminateAgreement,
    /// This computer was enrolled with the county (sync).
    EnrolDevice,
    /// A person chose the value of a sync conflict.
    ResolveConflict,
    /// An agreement's or contract's document was signed (handwritten and digital signatures).
    SignDocument,
    /// A document template version from the county was installed.
    InstallTemplate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    /// Inclusive local dates `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub user_id: Option<String>,
    pub action: Option<AuditAction>,
    pub record_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    pub user_id: Option<String>,
    pub user_name: String,
    pub device_id: String,
    pub action: AuditAction,
    pub record_kind: String,
    pub record_id: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    #[ts(type = "number")]
    pub total: i64,
}

/// Result of re-computing the audit log's hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    pub intact: bool,
    #[ts(type = "number")]
    pub checked: i64,
    /// First entry whose hash does not match (tampered with or missing before it).
    #[ts(type = "number | null")]
    pub first_bad_seq: Option<i64>,
}

/// Local settings of this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Minutes without input before the window locks (1–120).
    pub idle_lock_minutes: u32,
    /// Folder for automatic backups (e.g. a USB disk); none: automatic backups off.
    pub backup_folder: Option<String>,
    /// Hours between automatic backups (1–168).
    pub backup_interval_hours: u32,
    /// Generations kept in the folder (1–100).
    pub backup_keep: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            idle_lock_minutes: 10,
            backup_folder: None,
            backup_interval_hours: 24,
            backup_keep: 7,
        }
    }
}

/// What a backup holds, read by opening it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupCounts {
    #[ts(type = "number")]
    pub residents: i64,
    #[ts(type = "number")]
    pub institutions: i64,
    #[ts(type = "number")]
    pub users: i64,
    #[ts(type = "number")]
    pub audit_entries: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub counts: BackupCounts,
    pub device_id: String,
    /// Opened, passed integrity_check and its row counts match its manifest.
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreDone {
    /// The copy of the data as it was just before the restore.
    pub safety_backup: BackupInfo,
    pub restored: BackupInfo,
}

/// Restoring when the data file cannot be opened at all: a password of a user who may restore
/// unlocks the key; the damaged file is kept aside, never deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreBrokenInput {
    pub path: String,
    pub login: String,
    pub password: String,
}
