//! Excel import of resident lists (居民名单导入): the column mapping a person chooses, the preview
//! and the result with every rejected row and why.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::FieldIssue;

/// A resident-file field a sheet column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportField {
    /// 姓名
    Name,
    /// 身份证号
    IdNumber,
    /// 性别 (checked against the 身份证号)
    Sex,
    /// 出生日期 (checked against the 身份证号)
    BirthDate,
    /// 联系电话
    Phone,
    /// 现住址
    Address,
    /// 户籍地址
    HukouAddress,
    /// 房间号
    Room,
    /// 床位号
    Bed,
    /// 紧急联系人
    EmergencyContactName,
    /// 紧急联系人电话
    EmergencyContactPhone,
    /// 慢性病 (several separated by 、，, ; or spaces)
    ChronicConditions,
    /// 过敏史
    Allergies,
    /// 健康档案编号
    HealthFileNo,
    /// 长护险 (是/否)
    LtcInsurance,
}

/// One sheet column and the field it fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MappedColumn {
    /// 0-based column index in the sheet (A = 0).
    pub column: u32,
    pub field: ImportField,
}

/// What the chosen file holds: its sheets, the header row found in the first sheet (or the one
/// asked for), and the mapping to start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetOverview {
    pub sheets: Vec<String>,
    pub sheet: String,
    /// 1-based row number of the header row, as Excel shows it.
    pub header_row: u32,
    /// The header cells, one per column (empty where the cell is empty).
    pub headers: Vec<String>,
    /// Data rows below the header (empty rows not counted).
    pub data_rows: u32,
    /// The mapping remembered for this institution if its columns still fit this sheet,
    /// otherwise the guess from the header names.
    pub mapping: Vec<MappedColumn>,
    /// True when `mapping` is the one remembered from an earlier import.
    pub remembered: bool,
    /// The first data rows as text, for showing the columns next to the mapping.
    pub sample: Vec<Vec<String>>,
}

/// How to read the sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// None: the first sheet.
    pub sheet: Option<String>,
    /// 1-based; 0: found automatically.
    pub header_row: u32,
    pub mapping: Vec<MappedColumn>,
    /// Everyone on the list lives in this 敬老院/养老机构; None: at home (updates keep where the
    /// resident lives).
    pub nursing_home_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new health file.
    New,
    /// The 身份证号 is already on file (or earlier in the sheet): the file is updated.
    Update,
    /// Same as what is on file: nothing to write.
    Unchanged,
    Rejected,
}

/// One data row of the sheet and what importing it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// 1-based row number as Excel shows it.
    pub row: u32,
    pub name: String,
    /// Masked like every list.
    pub id_number: String,
    pub outcome: RowOutcome,
    /// The file created or updated.
    pub resident_id: Option<String>,
    /// The 身份证号 already appeared on this earlier row: this row updates the same file.
    pub duplicate_of_row: Option<u32>,
    /// Why the row is rejected; `field` is the `ImportField` (camelCase), or `row`.
    pub issues: Vec<FieldIssue>,
}

/// A rejected row for the report (行号、字段、规则、说明).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RejectedRow {
    pub row: u32,
    pub name: String,
    /// As written in the sheet (the person fixing it needs to find it).
    pub id_number: String,
    pub issues: Vec<RejectedIssue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RejectedIssue {
    /// The column's header in the sheet (or the field's Chinese name).
    pub column: String,
    pub code: String,
    pub message: String,
}

/// What an import would do (preview) or did (import).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Data rows read (empty rows skipped).
    pub total: u32,
    pub new: u32,
    pub update: u32,
    pub unchanged: u32,
    pub rejected: u32,
    /// False for a preview: nothing was written.
    pub stored: bool,
    /// The first rows (preview) — at most the number asked for.
    pub rows: Vec<ImportRow>,
    /// Every rejected row with its reasons.
    pub rejected_rows: Vec<RejectedRow>,
}

/// Rows done of total, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}
