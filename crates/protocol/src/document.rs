//! Signed documents: the 医养服务合作协议 and the 家庭医生签约服务协议 as signed PDFs, their templates
//! and the agreements and contracts about to expire.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 医养服务合作协议（卫生院 ↔ 养老机构）
    CooperationAgreement,
    /// 家庭医生签约服务协议（团队 ↔ 居民）
    FamilyDoctorContract,
}

/// One signatory's name and handwritten signature, drawn on the signing pad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrawnSignature {
    pub name: String,
    /// The pad's PNG as a `data:image/png;base64,…` URL (or bare base64). Empty when not drawn.
    pub png: String,
}

/// Signing a draft cooperation agreement: both representatives sign, the agreement takes effect
/// on `on`, and the PDF is signed with the clinic's key — all in one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignAgreementDocument {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    /// `YYYY-MM-DD`: the signing and effective date.
    pub on: String,
    /// 甲方的医疗机构执业许可证登记号 (remembered for the next agreement).
    pub licence_no: String,
    /// 甲方（卫生院）代表
    pub clinic: DrawnSignature,
    /// 乙方（养老机构）代表
    pub home: DrawnSignature,
}

/// Signing a family-doctor contract's document: the responsible doctor and the resident (or
/// guardian) sign. A 待签约 contract is signed on `signed_on` in the same step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignContractDocument {
    pub contract_id: String,
    #[ts(type = "number")]
    pub version: i64,
    /// `YYYY-MM-DD`; used when the contract is still 待签约.
    pub signed_on: String,
    pub doctor: DrawnSignature,
    pub resident: DrawnSignature,
}

/// A signed PDF kept by this computer. Never changed once stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignedDocument {
    pub id: String,
    pub kind: DocumentKind,
    /// The agreement or contract.
    pub record_id: String,
    pub number: String,
    pub title: String,
    pub template_version: u32,
    /// SHA-256 of the document's content (printed in the QR code).
    pub content_hash: String,
    /// SHA-256 of the PDF file.
    pub pdf_sha256: String,
    #[ts(type = "number")]
    pub size_bytes: i64,
    pub pages: u32,
    /// Signatory names, in the order of the signature blocks.
    pub signatories: Vec<String>,
    /// RFC 3339
    pub signed_at: String,
    pub signed_by: String,
    /// SHA-256 of the institution's certificate that signed the PDF.
    pub certificate_fingerprint: String,
}

/// A preview PDF written to a temporary file (and opened in the system viewer), with the
/// characters the PDF font cannot draw (signing is refused while any remain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentPreview {
    pub path: String,
    pub pages: u32,
    pub missing_chars: Vec<String>,
}

/// A template version the app knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSummary {
    pub kind: DocumentKind,
    pub version: u32,
    pub title: String,
    pub description: String,
    /// Shipped with the app (version 1) rather than installed.
    pub builtin: bool,
    /// RFC 3339; None for the built-in one.
    pub installed_at: Option<String>,
    /// The version new documents of this kind use (the highest).
    pub current: bool,
}

/// An active agreement or current contract ending within the notice period (or already ended
/// without renewal or termination).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpiringItem {
    pub kind: DocumentKind,
    pub record_id: String,
    pub number: String,
    /// The nursing home (agreement) or the resident (contract).
    pub party_name: String,
    pub end_on: String,
    /// Negative once ended.
    #[ts(type = "number")]
    pub days_left: i64,
}
