//! Institutions: clinics, nursing homes and care centres.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// 乡镇卫生院
    TownshipClinic,
    /// 社区卫生服务中心
    CommunityHealthCenter,
    /// 敬老院
    ElderlyHome,
    /// 养老机构
    CareInstitution,
}

/// What a form sends to create or edit an institution. Raw strings: the domain validates them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstitutionInput {
    pub kind: Option<InstitutionKind>,
    pub name: String,
    /// 统一社会信用代码 (GB 32100).
    pub credit_code: String,
    /// 6-digit county division code.
    pub county_code: String,
    /// 3-digit township code (part of the 健康档案编号).
    pub township_code: String,
    /// 3-digit default village/committee code for residents enrolled here.
    pub village_code: String,
    pub address: String,
    pub contact_phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Institution {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub kind: InstitutionKind,
    pub name: String,
    pub credit_code: String,
    pub county_code: String,
    pub township_code: String,
    pub village_code: String,
    pub address: String,
    pub contact_phone: String,
}
