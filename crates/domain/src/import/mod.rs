//! Excel import of resident lists, the pure part: guessing the column mapping from Chinese
//! headers, finding the header row, and turning one sheet row into the same `ResidentInput` the
//! form sends — so every row meets exactly the rules of the resident form (`validate_resident`).
//! Reading the file is the store's business; here a row is a slice of plain [`Cell`]s.
mod cells;

use chrono::NaiveDate;
use thiserror::Error;
use yiyang_protocol::{ImportField, MappedColumn, ResidentInput, Sex};

use crate::error::{Coded, FieldError, ValidationErrors};
use crate::resident::{validate_resident, ValidResident};

pub use cells::{date_from_serial, parse_loose_date};

/// One cell as read from the sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date.
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    /// Blank after trimming (a cell holding only spaces is empty).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => clean(s).is_empty(),
            _ => false,
        }
    }

    /// The cell as text the way a person reads it: integers without `.0`, dates ISO.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => clean(s).to_owned(),
            Cell::Number(n) => cells::number_text(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(true) => "是".into(),
            Cell::Bool(false) => "否".into(),
        }
    }
}

/// Trims ordinary, no-break (U+00A0) and ideographic (U+3000) spaces, which copy-pasted sheets
/// are full of and which `str::trim` alone would keep (U+00A0 is not trimmed by every rule).
pub fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
}

/// Header names (after removing spaces and `*`) that mean each field, most specific first.
const HEADER_NAMES: &[(ImportField, &[&str])] = &[
    (
        ImportField::EmergencyContactPhone,
        &[
            "紧急联系人电话",
            "联系人电话",
            "家属电话",
            "监护人电话",
            "紧急联系电话",
        ],
    ),
    (
        ImportField::EmergencyContactName,
        &[
            "紧急联系人",
            "联系人",
            "家属",
            "监护人",
            "紧急联系人姓名",
            "家属姓名",
        ],
    ),
    (
        ImportField::IdNumber,
        &[
            "身份证号",
            "身份证号码",
            "身份证",
            "公民身份号码",
            "证件号码",
            "证件号",
            "身份证号码18位",
        ],
    ),
    (
        ImportField::Name,
        &["姓名", "老人姓名", "居民姓名", "名字", "入住老人", "老人"],
    ),
    (ImportField::Sex, &["性别"]),
    (
        ImportField::BirthDate,
        &["出生日期", "出生年月", "出生年月日", "生日"],
    ),
    (
        ImportField::Phone,
        &[
            "联系电话",
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "电话号码",
            "本人电话",
        ],
    ),
    (
        ImportField::HukouAddress,
        &["户籍地址", "户籍地", "户籍", "户口所在地", "户籍所在地"],
    ),
    (
        ImportField::Address,
        &[
            "现住址",
            "住址",
            "家庭住址",
            "居住地址",
            "地址",
            "现居住地址",
            "家庭地址",
        ],
    ),
    (ImportField::Room, &["房间号", "房间", "房号"]),
    (ImportField::Bed, &["床位号", "床位", "床号"]),
    (
        ImportField::ChronicConditions,
        &["慢性病", "慢病", "疾病", "主要疾病", "患病情况", "慢性病史"],
    ),
    (ImportField::Allergies, &["过敏史", "过敏", "药物过敏史"]),
    (
        ImportField::HealthFileNo,
        &["健康档案编号", "档案编号", "档案号", "健康档案号"],
    ),
    (ImportField::LtcInsurance, &["长护险", "长期护理保险"]),
];

/// The field a header names, if any.
pub fn guess_field(header: &str) -> Option<ImportField> {
    let key: String = header
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '*' | '＊' | '\u{a0}' | '（' | '）' | '(' | ')')
        })
        .collect();
    if key.is_empty() {
        return None;
    }
    HEADER_NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

/// A mapping guessed from the header row: each recognised header once, the first column wins.
pub fn guess_mapping(headers: &[String]) -> Vec<MappedColumn> {
    let mut out: Vec<MappedColumn> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        let Some(field) = guess_field(header) else {
            continue;
        };
        let Ok(column) = u32::try_from(column) else {
            break;
        };
        if !out.iter().any(|m| m.field == field) {
            out.push(MappedColumn { column, field });
        }
    }
    out
}

/// How many rows from the top are searched for the header (titles and notes sit above it).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// The 0-based index of the header row: the first of the top rows naming at least two fields
/// (a merged title such as "城南敬老院老人名单" names none). `None`: no such row.
pub fn find_header_row(rows: &[Vec<Cell>]) -> Option<usize> {
    rows.iter().take(HEADER_SEARCH_ROWS).position(|row| {
        let named = row
            .iter()
            .filter(|c| guess_field(&c.display()).is_some())
            .count();
        named >= 2
    })
}

/// Chinese name of a field, for reports and messages.
pub fn field_label(field: ImportField) -> &'static str {
    match field {
        ImportField::Name => "姓名",
        ImportField::IdNumber => "身份证号",
        ImportField::Sex => "性别",
        ImportField::BirthDate => "出生日期",
        ImportField::Phone => "联系电话",
        ImportField::Address => "现住址",
        ImportField::HukouAddress => "户籍地址",
        ImportField::Room => "房间号",
        ImportField::Bed => "床位号",
        ImportField::EmergencyContactName => "紧急联系人",
        ImportField::EmergencyContactPhone => "紧急联系人电话",
        ImportField::ChronicConditions => "慢性病",
        ImportField::Allergies => "过敏史",
        ImportField::HealthFileNo => "健康档案编号",
        ImportField::LtcInsurance => "长护险",
    }
}

/// The import field a form field error is about (the form's camelCase names), so a report can
/// name the sheet column. `None` for form fields no column fills (e.g. `nursingHomeId`).
pub fn field_of_input(input_field: &str) -> Option<ImportField> {
    Some(match input_field {
        "name" => ImportField::Name,
        "idNumber" => ImportField::IdNumber,
        "sex" => ImportField::Sex,
        "birthDate" => ImportField::BirthDate,
        "phone" => ImportField::Phone,
        "address" => ImportField::Address,
        "hukouAddress" => ImportField::HukouAddress,
        "room" => ImportField::Room,
        "bed" => ImportField::Bed,
        "emergencyContactName" => ImportField::EmergencyContactName,
        "emergencyContactPhone" => ImportField::EmergencyContactPhone,
        "chronicConditions" => ImportField::ChronicConditions,
        "allergies" => ImportField::Allergies,
        "healthFileNo" => ImportField::HealthFileNo,
        "ltcInsurance" => ImportField::LtcInsurance,
        _ => return None,
    })
}

/// Problems of a cell that the form rules cannot see, because the form only ever gets text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CellError {
    #[error(
        "身份证号被 Excel 存成了数字（显示为 {0}），后几位已经丢失：请把该列设为“文本”格式后重新填写"
    )]
    IdNumberAsNumber(String),
    #[error("性别只能填写“男”或“女”，实际为「{0}」")]
    Sex(String),
    #[error("长护险只能填写“是”或“否”，实际为「{0}」")]
    YesNo(String),
}

impl Coded for CellError {
    fn code(&self) -> &'static str {
        match self {
            CellError::IdNumberAsNumber(_) => "id_number.stored_as_number",
            CellError::Sex(_) => "sex.unknown",
            CellError::YesNo(_) => "ltc_insurance.unknown",
        }
    }
}

/// The mapping must name the 姓名 and 身份证号 columns: without them no row can be matched.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MappingError {
    #[error("请指定“{}”所在的列", field_label(*.0))]
    Missing(ImportField),
    #[error("“{}”对应了多列，每个字段只能选一列", field_label(*.0))]
    Repeated(ImportField),
}

impl Coded for MappingError {
    fn code(&self) -> &'static str {
        match self {
            MappingError::Missing(_) => "import.mapping_missing",
            MappingError::Repeated(_) => "import.mapping_repeated",
        }
    }
}

/// Checks a mapping before any row is read.
pub fn check_mapping(mapping: &[MappedColumn]) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    for required in [ImportField::Name, ImportField::IdNumber] {
        if !mapping.iter().any(|m| m.field == required) {
            errors.push("mapping", &MappingError::Missing(required));
        }
    }
    for (i, m) in mapping.iter().enumerate() {
        if mapping[..i].iter().any(|earlier| earlier.field == m.field) {
            errors.push("mapping", &MappingError::Repeated(m.field));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Writes the mapped cells of one sheet row onto `base` (an empty form for a new file, the stored
/// file for an update, so columns the sheet lacks keep their value). Returns the cell problems the
/// form rules cannot see; everything else is left for `validate_resident`.
pub fn apply_row(
    base: &mut ResidentInput,
    row: &[Cell],
    mapping: &[MappedColumn],
) -> Vec<FieldError> {
    let mut errors = ValidationErrors::new();
    for m in mapping {
        let cell = usize::try_from(m.column)
            .ok()
            .and_then(|i| row.get(i))
            .unwrap_or(&Cell::Empty);
        let text = cell.display();
        match m.field {
            ImportField::Name => base.name = text,
            ImportField::IdNumber => match cell {
                // Past 15 digits an f64 cannot hold every digit: what Excel kept is not the number.
                Cell::Number(n) if n.abs() >= 1e15 => {
                    errors.push("idNumber", &CellError::IdNumberAsNumber(text.clone()));
                    base.id_number = text;
                }
                _ => base.id_number = text,
            },
            ImportField::Sex => match text.as_str() {
                "" => base.sex = None,
                "男" | "男性" | "M" | "m" => base.sex = Some(Sex::Male),
                "女" | "女性" | "F" | "f" => base.sex = Some(Sex::Female),
                _ => errors.push("sex", &CellError::Sex(text)),
            },
            // What is not a date in any usual spelling stays as typed, for the form's own
            // `birth_date.format` rule to report.
            ImportField::BirthDate => {
                base.birth_date = cells::birth_date(cell).map_or(text, |d| d.to_string());
            }
            ImportField::Phone => base.phone = text,
            ImportField::Address => base.address = text,
            ImportField::HukouAddress => base.hukou_address = text,
            ImportField::Room => base.room = text,
            ImportField::Bed => base.bed = text,
            ImportField::EmergencyContactName => base.emergency_contact_name = text,
            ImportField::EmergencyContactPhone => base.emergency_contact_phone = text,
            ImportField::ChronicConditions => {
                base.chronic_conditions = cells::split_list(&text);
            }
            ImportField::Allergies => base.allergies = text,
            ImportField::HealthFileNo => {
                // Keep a stored number when the sheet leaves the cell empty.
                if !text.is_empty() {
                    base.health_file_no = text;
                }
            }
            ImportField::LtcInsurance => match cells::yes_no(cell) {
                Some(v) => base.ltc_insurance = v,
                None => errors.push("ltcInsurance", &CellError::YesNo(text)),
            },
        }
    }
    errors.0
}

/// Validates a row's form with the resident form's rules. A field with a cell problem reports
/// only that problem (the form rule would repeat it in other words).
pub fn check_row(
    input: &ResidentInput,
    cell_errors: Vec<FieldError>,
    today: NaiveDate,
) -> Result<ValidResident, Vec<FieldError>> {
    match validate_resident(input, today) {
        Ok(valid) if cell_errors.is_empty() => Ok(valid),
        Ok(_) => Err(cell_errors),
        Err(form) => {
            let mut all = cell_errors;
            let from_cells: Vec<&str> = all.iter().map(|e| e.field).collect();
            let rest: Vec<FieldError> = form
                .0
                .into_iter()
                .filter(|e| !from_cells.contains(&e.field))
                .collect();
            all.extend(rest);
            Err(all)
        }
    }
}

/// True when every cell of the row is blank.
pub fn is_blank_row(row: &[Cell]) -> bool {
    row.iter().all(Cell::is_blank)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
