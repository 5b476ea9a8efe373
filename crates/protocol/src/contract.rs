//! Family-doctor teams and contracts (家庭医生签约), and cooperation agreements
//! (医养服务合作协议) between the clinic and a nursing home (the records; the signed documents
//! come later).
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Frequency, ServiceItem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    /// 全科医生
    Doctor,
    /// 护士
    Nurse,
    /// 公卫人员
    PublicHealth,
    /// 乡村医生
    VillageDoctor,
    /// 其他（药师、康复师等）
    Other,
}

/// A user of this clinic, for pickers (team members, the responsible doctor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub role: crate::Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    /// The user account, when the member has one on this computer.
    pub user_id: Option<String>,
    pub name: String,
    pub role: TeamRole,
    /// 团队长 (exactly one per team).
    pub leader: bool,
}

/// 家庭医生团队 as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamInput {
    pub name: String,
    pub members: Vec<TeamMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareTeam {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub members: Vec<TeamMember>,
    /// Contracts currently active with this team.
    pub active_contracts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateTeam {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub input: TeamInput,
}

/// 签约人群分类.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PopulationCategory {
    /// 65岁及以上老年人
    Elderly,
    /// 高血压
    Hypertension,
    /// 2型糖尿病
    Diabetes,
    /// 失能/残疾
    Disabled,
    /// 特困
    Tekun,
    /// 严重精神障碍
    MentalDisorder,
    /// 其他
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    /// 基础包
    #[default]
    Basic,
    /// 个性化包
    Personalized,
}

/// One item of a personalised package, money as typed (元).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackageItemInput {
    pub name: String,
    pub price: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackageItem {
    pub name: String,
    /// 分
    #[ts(type = "number")]
    pub price_cents: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// 待签约
    Pending,
    /// 签约
    Signed,
    /// 续约
    Renewed,
    /// 解约
    Terminated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TerminationReason {
    /// 失访
    LostToFollowUp,
    /// 迁出
    MovedOut,
    /// 死亡
    Deceased,
    /// 拒绝续签/本人要求解约
    Refused,
    /// 改签其他团队
    Resigned,
    /// 其他
    Other,
}

/// A new contract (待签约 until signed). Money as typed (元); the total must equal the insurance
/// part plus the self-paid part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractInput {
    pub resident_id: String,
    pub team_id: String,
    /// The responsible doctor: a 医生 user of this clinic.
    pub doctor_id: String,
    pub categories: Vec<PopulationCategory>,
    pub package_kind: PackageKind,
    pub package_items: Vec<PackageItemInput>,
    /// 总费用（元）
    pub price: String,
    /// 医保/公卫经费支付（元）
    pub insurance_part: String,
    /// 个人自付（元）
    pub self_paid: String,
    /// `YYYY-MM-DD`
    pub start_on: String,
    /// `YYYY-MM-DD`; normally one year after the start.
    pub end_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignContract {
    pub contract_id: String,
    #[ts(type = "number")]
    pub version: i64,
    /// `YYYY-MM-DD`
    pub signed_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenewContract {
    pub contract_id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub start_on: String,
    pub end_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminateContract {
    pub contract_id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub terminated_on: String,
    pub reason: TerminationReason,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    /// 签约编号
    pub number: String,
    pub resident_id: String,
    pub resident_name: String,
    pub team_id: String,
    pub team_name: String,
    pub doctor_id: String,
    pub doctor_name: String,
    pub categories: Vec<PopulationCategory>,
    pub package_kind: PackageKind,
    pub package_items: Vec<PackageItem>,
    #[ts(type = "number")]
    pub price_cents: i64,
    #[ts(type = "number")]
    pub insurance_cents: i64,
    #[ts(type = "number")]
    pub self_paid_cents: i64,
    pub start_on: String,
    pub end_on: String,
    pub signed_on: Option<String>,
    pub status: ContractStatus,
    pub terminated_on: Option<String>,
    pub termination_reason: Option<TerminationReason>,
    pub termination_note: String,
    /// The contract this one renews.
    pub renews: Option<String>,
    /// The contract that renewed this one.
    pub renewed_by: Option<String>,
    /// Days from today to the end (negative once expired); None once terminated or renewed.
    #[ts(type = "number | null")]
    pub days_to_expiry: Option<i64>,
}

/// Which contracts to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractQuery {
    pub resident_id: Option<String>,
    /// Only current contracts ending within this many days (renewal reminders).
    pub expiring_within_days: Option<u32>,
    pub include_closed: bool,
}

/// How the clinic delivers the services (协议的服务方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMethod {
    /// 定期巡诊
    ScheduledRounds,
    /// 派驻医护人员
    StationedStaff,
    /// 上门出诊
    OnCall,
    /// 远程会诊
    Remote,
    /// 急诊绿色通道/转诊
    EmergencyChannel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgreementItem {
    pub item: ServiceItem,
    pub frequency: Option<Frequency>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// 草稿
    Draft,
    /// 生效
    Active,
    /// 终止
    Terminated,
}

/// A cooperation agreement's record as the form sends it (a draft until activated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgreementInput {
    pub nursing_home_id: String,
    /// 协议编号; empty = assigned automatically.
    pub number: String,
    pub start_on: String,
    pub end_on: String,
    pub items: Vec<AgreementItem>,
    pub methods: Vec<ServiceMethod>,
    /// 新入住老人建档时限（天）
    pub file_within_days: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateAgreement {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub input: AgreementInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgreementStep {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    /// `YYYY-MM-DD`
    pub on: String,
    /// Required when terminating.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub number: String,
    pub clinic_id: String,
    pub clinic_name: String,
    pub nursing_home_id: String,
    pub nursing_home_name: String,
    pub start_on: String,
    pub end_on: String,
    pub items: Vec<AgreementItem>,
    pub methods: Vec<ServiceMethod>,
    pub file_within_days: u32,
    pub note: String,
    pub status: AgreementStatus,
    pub activated_on: Option<String>,
    pub terminated_on: Option<String>,
    pub termination_reason: String,
    /// Residents of the home on this computer.
    pub residents: u32,
    /// The agreement this one amends (变更协议), and its number.
    pub amends: Option<String>,
    pub amends_number: Option<String>,
    /// A draft or active amendment of this agreement.
    pub amended_by: Option<String>,
}
