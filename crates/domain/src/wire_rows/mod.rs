//! Re-validation of a whole synced row as a laptop sends it (`docs/sync-protocol.md`,
//! *Validation*): the county merges a mutation into its current row and checks the result here
//! before it applies anything.
//!
//! A row is the union of every synced field of its table, by the camelCase wire names the
//! laptop's store uses (`crates/store`, the `Fields` of each table), JSON arrays and objects as JSON
//! values (not as text). Every field must be present, of its JSON type, and pass the same rules as
//! the laptop's forms; fields the store derives (a normalised 身份证号, a trimmed name, a record's
//! summary and facts) must be exactly what the validator derives again. The standard stamps
//! (`createdAt`, `updatedAt`, `createdBy`, `updatedBy`, `deletedAt`) are not row fields: the
//! county keeps them itself.
//!
//! Clock-relative rules (a date not after today, a record not older than a year) are the
//! laptop's: it checked them against its own clock when the change was made, and a county clock
//! one day apart must not quarantine a real record. Every other rule is checked again.
//!
//! Issues name the wire field (`idNumber`, `priceCents`, `statusDate` …) with the validator's
//! Chinese message; a rule checked on a nested value (a record's detail, a team member) names the
//! wire field that holds it.
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use yiyang_protocol::{sync::SyncTable, FieldIssue};

use crate::error::ValidationErrors;
use crate::text::{parse_iso_date, TextRule};

mod contracts;
mod people;
mod records;
mod residents;

/// Who and what a valid row points at: the county authorises by these.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowRefs {
    /// The institution that owns the row: residents/users/care_teams → `institutionId`;
    /// contracts → `institutionId` when the row carries one (the laptop's store does not write
    /// it today); agreements → `clinicId`; institutions → None (the row id
    /// itself is the institution); care_records → None.
    pub owner: Option<String>,
    /// residents → `nursingHomeId` (None when living at home); agreements → `nursingHomeId`.
    pub home: Option<String>,
    /// care_records and contracts → `residentId`.
    pub resident: Option<String>,
    /// institutions → the `kind` code (e.g. "elderly_home").
    pub institution_kind: Option<String>,
    /// residents → the normalised 身份证号 (for duplicate detection).
    pub id_number: Option<String>,
}

/// Validates a whole row (all synced fields, camelCase names exactly as the laptop's store sends
/// them) of `table`. Unknown fields, missing fields, wrong JSON types and every domain rule give a
/// [`FieldIssue`] naming the field with a Chinese message; all problems are reported at once.
pub fn validate_row(
    table: SyncTable,
    row_id: &str,
    fields: &Map<String, Value>,
) -> Result<RowRefs, Vec<FieldIssue>> {
    let mut row = Row::new(table, fields);
    if !is_canonical_uuid(row_id) {
        row.issue(
            "id",
            "row.id_format",
            format!(
                "{}的编号「{}」不是规范的 UUID（小写、带连字符的 36 位）",
                table_label(table),
                shorten(row_id)
            ),
        );
    }
    let refs = match table {
        SyncTable::Institutions => people::institution(&mut row, row_id),
        SyncTable::Users => people::user(&mut row),
        SyncTable::CareTeams => people::team(&mut row),
        SyncTable::Residents => residents::resident(&mut row),
        SyncTable::Contracts => contracts::contract(&mut row, row_id),
        SyncTable::Agreements => contracts::agreement(&mut row),
        SyncTable::CareRecords => records::care_record(&mut row, row_id),
    };
    row.finish(refs)
}

/// The Chinese name of a table, for messages.
pub fn table_label(table: SyncTable) -> &'static str {
    match table {
        SyncTable::Institutions => "机构",
        SyncTable::Users => "用户",
        SyncTable::CareTeams => "家庭医生团队",
        SyncTable::Residents => "居民档案",
        SyncTable::Contracts => "家庭医生签约",
        SyncTable::Agreements => "医养合作协议",
        SyncTable::CareRecords => "服务记录",
    }
}

/// The synced fields of `table`, by wire name, exactly as the laptop's store writes them.
pub fn wire_fields(table: SyncTable) -> &'static [&'static str] {
    match table {
        SyncTable::Institutions => people::INSTITUTION_FIELDS,
        SyncTable::Users => people::USER_FIELDS,
        SyncTable::CareTeams => people::TEAM_FIELDS,
        SyncTable::Residents => residents::FIELDS,
        SyncTable::Contracts => contracts::CONTRACT_FIELDS,
        SyncTable::Agreements => contracts::AGREEMENT_FIELDS,
        SyncTable::CareRecords => records::FIELDS,
    }
}

/// A canonical UUID: 36 characters, lower-case hex digits, hyphens at 8, 13, 18 and 23.
pub fn is_canonical_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

/// At most 40 characters of `s`, for echoing a bad value in a message.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "文本",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

/// The `far future` stand-in for today: the county does not re-check clock-relative rules.
const NO_CLOCK: NaiveDate = NaiveDate::MAX;

/// A row being checked: typed access to its fields, recording every problem as an issue.
/// Accessors give `None` when the field is missing or of the wrong type (the issue is recorded).
pub(crate) struct Row<'a> {
    table: SyncTable,
    fields: &'a Map<String, Value>,
    issues: Vec<FieldIssue>,
}

impl<'a> Row<'a> {
    fn new(table: SyncTable, fields: &'a Map<String, Value>) -> Self {
        let mut row = Self {
            table,
            fields,
            issues: Vec::new(),
        };
        let known = wire_fields(table);
        let optional = contracts::optional_fields(table);
        for name in fields.keys() {
            if !known.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                row.issue(
                    name,
                    "row.unknown_field",
                    format!(
                        "未知字段「{}」：{}没有这个字段",
                        shorten(name),
                        table_label(table)
                    ),
                );
            }
        }
        row
    }

    fn finish(mut self, refs: RowRefs) -> Result<RowRefs, Vec<FieldIssue>> {
        // One issue per field and code is enough (a rule re-checked twice says the same thing).
        let mut seen: Vec<(String, String)> = Vec::new();
        self.issues.retain(|i| {
            let key = (i.field.clone(), i.code.clone());
            let fresh = !seen.contains(&key);
            if fresh {
                seen.push(key);
            }
            fresh
        });
        if self.issues.is_empty() {
            Ok(refs)
        } else {
            Err(self.issues)
        }
    }

    pub(crate) fn issue(&mut self, field: &str, code: &str, message: String) {
        self.issues.push(FieldIssue {
            field: field.to_owned(),
            code: code.to_owned(),
            message,
        });
    }

    /// Records a validator's errors, each under the wire field `rename` gives for its field.
    pub(crate) fn absorb(&mut self, errors: ValidationErrors, rename: impl Fn(&str) -> &str) {
        for e in errors.0 {
            self.issue(rename(e.field), e.code, e.message);
        }
    }

    /// The field's value; records a missing field.
    pub(crate) fn value(&mut self, field: &str) -> Option<&'a Value> {
        let v = self.fields.get(field);
        if v.is_none() {
            self.issue(
                field,
                "row.missing_field",
                format!(
                    "缺少字段「{field}」：{}的每个字段都须同步",
                    table_label(self.table)
                ),
            );
        }
        v
    }

    /// Whether the row carries `field` at all (for fields a store may not write).
    pub(crate) fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    fn wrong_type(&mut self, field: &str, want: &str, got: &Value) {
        self.issue(
            field,
            "row.type",
            format!("字段「{field}」应为{want}，实际为{}", json_type(got)),
        );
    }

    pub(crate) fn text(&mut self, field: &str) -> Option<&'a str> {
        match self.value(field)? {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(field, "文本", other);
                None
            }
        }
    }

    /// A nullable text column: `Some(None)` for null.
    pub(crate) fn opt_text(&mut self, field: &str) -> Option<Option<&'a str>> {
        match self.value(field)? {
            Value::Null => Some(None),
            Value::String(s) => Some(Some(s)),
            other => {
                self.wrong_type(field, "文本或 null", other);
                None
            }
        }
    }

    pub(crate) fn bool(&mut self, field: &str) -> Option<bool> {
        match self.value(field)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(field, "布尔值（true/false）", other);
                None
            }
        }
    }

    pub(crate) fn int(&mut self, field: &str) -> Option<i64> {
        match self.value(field)? {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            other => {
                self.wrong_type(field, "整数", other);
                None
            }
        }
    }

    /// A JSON value of type `T` (an array or object column); `label` names it in messages.
    pub(crate) fn json<T: DeserializeOwned>(&mut self, field: &str, label: &str) -> Option<T> {
        let v = self.value(field)?;
        self.parse_json(field, label, v)
    }

    pub(crate) fn parse_json<T: DeserializeOwned>(
        &mut self,
        field: &str,
        label: &str,
        v: &Value,
    ) -> Option<T> {
        match serde_json::from_value(v.clone()) {
            Ok(t) => Some(t),
            Err(e) => {
                self.issue(
                    field,
                    "row.format",
                    format!("{label}（字段「{field}」）的格式不正确：{e}"),
                );
                None
            }
        }
    }

    /// An enumeration stored as its snake_case code (e.g. `nursing_home`).
    pub(crate) fn code<T: DeserializeOwned>(&mut self, field: &str, label: &str) -> Option<T> {
        let raw = self.text(field)?;
        self.parse_code(field, label, raw)
    }

    pub(crate) fn parse_code<T: DeserializeOwned>(
        &mut self,
        field: &str,
        label: &str,
        raw: &str,
    ) -> Option<T> {
        match serde_json::from_value(Value::String(raw.to_owned())) {
            Ok(t) => Some(t),
            Err(_) => {
                self.issue(
                    field,
                    "row.unknown_code",
                    format!("{label}「{}」不是有效的取值", shorten(raw)),
                );
                None
            }
        }
    }

    fn check_uuid(&mut self, field: &str, label: &str, raw: &str) -> bool {
        let ok = is_canonical_uuid(raw);
        if !ok {
            self.issue(
                field,
                "row.id_format",
                format!(
                    "{label}「{}」不是规范的 UUID（小写、带连字符的 36 位）",
                    shorten(raw)
                ),
            );
        }
        ok
    }

    /// A reference to another row: a canonical UUID.
    pub(crate) fn uuid(&mut self, field: &str, label: &str) -> Option<&'a str> {
        let raw = self.text(field)?;
        self.check_uuid(field, label, raw).then_some(raw)
    }

    /// A nullable reference: `Some(None)` for null.
    pub(crate) fn opt_uuid(&mut self, field: &str, label: &str) -> Option<Option<&'a str>> {
        match self.opt_text(field)? {
            None => Some(None),
            Some(raw) => self.check_uuid(field, label, raw).then_some(Some(raw)),
        }
    }

    /// Checks a nested id (e.g. a team member's user account) held in `field`.
    pub(crate) fn nested_uuid(&mut self, field: &str, label: &str, raw: &str) -> bool {
        self.check_uuid(field, label, raw)
    }

    fn check_date(&mut self, field: &str, label: &str, raw: &str) -> Option<NaiveDate> {
        let date = parse_iso_date(raw).filter(|d| d.to_string() == raw);
        if date.is_none() {
            self.issue(
                field,
                "row.date_format",
                format!(
                    "{label}格式不正确：应为 YYYY-MM-DD（如 2026-03-01），实际为「{}」",
                    shorten(raw)
                ),
            );
        }
        date
    }

    /// A `YYYY-MM-DD` date, exactly (no surrounding spaces).
    pub(crate) fn date(&mut self, field: &str, label: &str) -> Option<NaiveDate> {
        let raw = self.text(field)?;
        self.check_date(field, label, raw)
    }

    /// A nullable date: `Some(None)` for null.
    pub(crate) fn opt_date(&mut self, field: &str, label: &str) -> Option<Option<NaiveDate>> {
        match self.opt_text(field)? {
            None => Some(None),
            Some(raw) => self.check_date(field, label, raw).map(Some),
        }
    }

    /// A free-text field checked by `rule` and stored trimmed.
    pub(crate) fn rule_text(&mut self, field: &str, rule: TextRule) -> Option<&'a str> {
        let raw = self.text(field)?;
        match rule.apply(raw) {
            Ok(clean) => self.same(field, rule.label, raw, &clean).then_some(raw),
            Err(e) => {
                self.issue(field, crate::error::Coded::code(&e), e.to_string());
                None
            }
        }
    }

    /// Records that `field` is not in the form the laptop's validator stores unless `given` equals
    /// `expected`; true when they are equal.
    pub(crate) fn same<T: PartialEq + ?Sized>(
        &mut self,
        field: &str,
        label: &str,
        given: &T,
        expected: &T,
    ) -> bool {
        let same = given == expected;
        if !same {
            self.issue(
                field,
                "row.not_normalised",
                format!(
                    "{label}（字段「{field}」）不是校验后保存的规范形式，请在本机重新保存后再同步"
                ),
            );
        }
        same
    }

    /// Like [`Row::same`] for a value that must be null: records a field that should be empty.
    pub(crate) fn must_be_empty(&mut self, field: &str, message: String) {
        self.issue(field, "row.must_be_empty", message);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
