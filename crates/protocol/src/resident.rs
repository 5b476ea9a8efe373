//! Resident health files (居民健康档案): the form input, the full file, list rows, search hits
//! and the change history.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::FieldIssue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LivingKind {
    /// 居家
    #[default]
    Home,
    /// 入住养老机构/敬老院
    NursingHome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MedicalInsurance {
    /// 城乡居民医保
    #[default]
    UrbanRuralResident,
    /// 职工医保
    Employee,
    /// 无
    None,
    /// 其他
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCategory {
    /// 特困
    Tekun,
    /// 低保
    Dibao,
    /// 失独
    Shidu,
    /// 空巢
    Kongchao,
    /// 留守
    Liushou,
    /// 高龄
    Gaoling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResidentStatus {
    #[default]
    Active,
    /// 迁出
    Moved,
    /// 死亡
    Deceased,
}

/// What the create/edit form sends. Raw strings, so nothing a person typed is lost on the way in;
/// `yiyang-domain` validates every field and reports all problems at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentInput {
    pub name: String,
    /// 身份证号; 15-digit numbers are converted, lower-case x accepted.
    pub id_number: String,
    /// Optional: if given it must agree with the 身份证号.
    pub sex: Option<Sex>,
    /// Optional `YYYY-MM-DD`: if given it must agree with the 身份证号.
    pub birth_date: String,
    pub phone: String,
    /// 现住址
    pub address: String,
    /// 户籍地址
    pub hukou_address: String,
    pub living_kind: LivingKind,
    /// Required when `living_kind` is `nursing_home`.
    pub nursing_home_id: Option<String>,
    pub room: String,
    pub bed: String,
    pub emergency_contact_name: String,
    pub emergency_contact_phone: String,
    pub medical_insurance: MedicalInsurance,
    /// 长护险
    pub ltc_insurance: bool,
    pub special_categories: Vec<SpecialCategory>,
    pub chronic_conditions: Vec<String>,
    pub allergies: String,
    /// Empty: assigned by the 17-digit rule. Otherwise validated.
    pub health_file_no: String,
    /// 3-digit village/committee code for the 健康档案编号; empty: the institution's default.
    pub village_code: String,
}

/// A resident's full health file as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Resident {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub name: String,
    pub id_number: String,
    pub sex: Sex,
    pub birth_date: String,
    /// Age in whole years on the day the record was read.
    pub age: u32,
    pub phone: String,
    pub address: String,
    pub hukou_address: String,
    pub living_kind: LivingKind,
    pub nursing_home_id: Option<String>,
    pub nursing_home_name: Option<String>,
    pub room: String,
    pub bed: String,
    pub emergency_contact_name: String,
    pub emergency_contact_phone: String,
    pub medical_insurance: MedicalInsurance,
    pub ltc_insurance: bool,
    pub special_categories: Vec<SpecialCategory>,
    pub chronic_conditions: Vec<String>,
    pub allergies: String,
    pub health_file_no: String,
    pub status: ResidentStatus,
    /// Date of moving out or death.
    pub status_date: Option<String>,
    pub status_note: String,
    pub created_at: String,
    pub updated_at: String,
    pub created_by_name: String,
    pub updated_by_name: String,
    /// `idNumber`, `phone` and `emergencyContactPhone` are masked: the user's role may not see
    /// them in full.
    pub identity_masked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResidentSort {
    /// By pinyin of the name.
    #[default]
    Name,
    Age,
    HealthFileNo,
    UpdatedAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentListQuery {
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    pub sort: ResidentSort,
    pub order: SortOrder,
    /// None: every status.
    pub status: Option<ResidentStatus>,
}

/// One line of the resident list or a search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentRow {
    pub id: String,
    pub name: String,
    pub sex: Sex,
    pub age: u32,
    pub id_number: String,
    pub phone: String,
    pub health_file_no: String,
    pub living_kind: LivingKind,
    pub nursing_home_name: Option<String>,
    pub status: ResidentStatus,
    /// RFC 3339 UTC time of the last change.
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentPage {
    pub items: Vec<ResidentRow>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Name,
    PinyinInitials,
    Pinyin,
    IdNumber,
    Phone,
    HealthFileNo,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    pub text: String,
    /// At most this many hits (capped by the store).
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub resident: ResidentRow,
    pub matched_by: MatchKind,
}

/// What the 身份证号 of a form says, once it is valid: shown beside the field while typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdNumberFacts {
    /// Normalised: 18 characters, upper-case X, a 15-digit number converted.
    pub id_number: String,
    pub sex: Sex,
    pub birth_date: String,
    pub age: u32,
}

/// The result of checking a form without saving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentCheck {
    pub issues: Vec<FieldIssue>,
    pub id_number: Option<IdNumberFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateResident {
    pub id: String,
    /// The version the form was opened at; a newer stored version is a conflict.
    #[ts(type = "number")]
    pub base_version: i64,
    pub input: ResidentInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeStatus {
    pub id: String,
    #[ts(type = "number")]
    pub base_version: i64,
    pub status: ResidentStatus,
    /// Required for moved/deceased, `YYYY-MM-DD`.
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    Created,
    Updated,
    StatusChanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// camelCase field name of `Resident`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One entry of a file's change history, newest first in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub version: i64,
    pub at: String,
    pub actor_name: String,
    pub action: ChangeAction,
    pub changes: Vec<FieldChange>,
}
