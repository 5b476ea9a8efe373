//! Resident health files (居民健康档案): create, edit and status changes (this file), reading and
//! listing (`read`), change history (`history`).
mod history;
pub(crate) mod read;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;
use yiyang_domain::division::{CountyCode, TownshipCode, VillageCode};
use yiyang_domain::error::{FieldError, ValidationErrors};
use yiyang_domain::health_file_no::HealthFileNo;
use yiyang_domain::id_number::IdNumber;
use yiyang_domain::institution::is_care_home;
use yiyang_domain::resident::{age_on, validate_resident, Living, ValidResident};
use yiyang_domain::search_keys::{name_keys, sort_key};
use yiyang_domain::status::{validate_status_change, validate_status_note, ValidStatus};
use yiyang_protocol::{
    AuditAction, ChangeStatus, IdNumberFacts, Permission, Resident, ResidentCheck, ResidentInput,
    ResidentStatus, UpdateResident,
};

use crate::audit::append_for;
use crate::institutions::kind_from_code;
use crate::search_index;
use crate::synced::{
    create_row, load_row, record_change, update_row, Action, Fields, Kind, RowChange, StoredRow,
};
use crate::{Result, Session, Store, StoreError, WriteCtx};

pub(crate) const TABLE: &str = "residents";
/// `record_kind` of audit entries about resident files.
pub(crate) const TABLE_KIND: &str = "resident";

/// The synced fields of a resident, by wire name, and how each is stored.
pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("institutionId", Kind::Text),
    ("name", Kind::Text),
    ("idNumber", Kind::Text),
    ("sex", Kind::Text),
    ("birthDate", Kind::Text),
    ("phone", Kind::Text),
    ("address", Kind::Text),
    ("hukouAddress", Kind::Text),
    ("livingKind", Kind::Text),
    ("nursingHomeId", Kind::OptText),
    ("room", Kind::Text),
    ("bed", Kind::Text),
    ("emergencyContactName", Kind::Text),
    ("emergencyContactPhone", Kind::Text),
    ("medicalInsurance", Kind::Text),
    ("ltcInsurance", Kind::Bool),
    ("specialCategories", Kind::Json),
    ("chronicConditions", Kind::Json),
    ("allergies", Kind::Text),
    ("healthFileNo", Kind::Text),
    ("status", Kind::Text),
    ("statusDate", Kind::OptText),
    ("statusNote", Kind::Text),
];

fn code<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// The fields a validated form sets (everything but institution, file number and status).
fn form_fields(v: &ValidResident) -> Fields {
    let (living_kind, home, room, bed) = match &v.living {
        Living::Home => ("home", Value::Null, String::new(), String::new()),
        Living::NursingHome {
            institution_id,
            room,
            bed,
        } => (
            "nursing_home",
            Value::String(institution_id.clone()),
            room.clone(),
            bed.clone(),
        ),
    };
    let phone = |p: &Option<yiyang_domain::phone::Phone>| {
        p.as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default()
    };
    [
        ("name", v.name.as_str().into()),
        ("idNumber", v.id_number.as_str().into()),
        ("sex", code(&v.sex)),
        ("birthDate", v.birth_date.to_string().into()),
        ("phone", phone(&v.phone).into()),
        ("address", v.address.clone().into()),
        ("hukouAddress", v.hukou_address.clone().into()),
        ("livingKind", living_kind.into()),
        ("nursingHomeId", home),
        ("room", room.into()),
        ("bed", bed.into()),
        (
            "emergencyContactName",
            v.emergency_contact_name.clone().into(),
        ),
        (
            "emergencyContactPhone",
            phone(&v.emergency_contact_phone).into(),
        ),
        ("medicalInsurance", code(&v.medical_insurance)),
        ("ltcInsurance", v.ltc_insurance.into()),
        ("specialCategories", code(&v.special_categories)),
        ("chronicConditions", code(&v.chronic_conditions)),
        ("allergies", v.allergies.clone().into()),
    ]
    .into_iter()
    .collect()
}

fn text<'a>(f: &'a Fields, k: &str) -> &'a str {
    f.get(k).and_then(Value::as_str).unwrap_or_default()
}

fn field_error(field: &'static str, code: &'static str, message: String) -> StoreError {
    let mut e = ValidationErrors::new();
    e.0.push(FieldError {
        field,
        code,
        message,
    });
    StoreError::Validation(e)
}

/// A resident living in a nursing home must point at a registered 敬老院/养老机构.
fn check_nursing_home(tx: &Transaction<'_>, v: &ValidResident) -> Result<()> {
    let Living::NursingHome { institution_id, .. } = &v.living else {
        return Ok(());
    };
    let found: Option<String> = tx
        .query_row(
            "SELECT kind FROM institutions WHERE id = ?1 AND deleted_at IS NULL",
            [institution_id],
            |r| r.get(0),
        )
        .optional()?;
    let kind = found.as_deref().map(kind_from_code).transpose()?;
    match kind {
        Some(kind) if is_care_home(kind) => Ok(()),
        _ => Err(field_error(
            "nursingHomeId",
            "nursing_home.unknown",
            "养老机构：请选择已登记的敬老院或养老机构".into(),
        )),
    }
}

fn check_duplicate_id(tx: &Transaction<'_>, id_number: &str, except: Option<&str>) -> Result<()> {
    let found: Option<(String, String, String)> = tx
        .query_row(
            "SELECT id, name, health_file_no FROM residents
             WHERE id_number = ?1 AND deleted_at IS NULL AND id IS NOT ?2",
            params![id_number, except],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match found {
        Some((existing_id, name, health_file_no)) => Err(StoreError::DuplicateIdNumber {
            id_number: id_number.to_owned(),
            existing_id,
            name,
            health_file_no,
        }),
        None => Ok(()),
    }
}

fn check_duplicate_file_no(tx: &Transaction<'_>, no: &str, except: Option<&str>) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM residents WHERE health_file_no = ?1 AND id IS NOT ?2",
            params![no, except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::DuplicateHealthFileNo(no.to_owned())),
        None => Ok(()),
    }
}

/// The installation's institution id and the next free 健康档案编号 for `village` (default: the
/// institution's own village code), by the 17-digit rule.
fn own_institution(tx: &Transaction<'_>) -> Result<(String, String, String, String)> {
    tx.query_row(
        "SELECT i.id, i.county_code, i.township_code, i.village_code
         FROM installation JOIN institutions i ON i.id = installation.institution_id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or(StoreError::NotSetUp)
}

fn assign_file_no(
    tx: &Transaction<'_>,
    county: &str,
    township: &str,
    village: &VillageCode,
) -> Result<String> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("本机构的{what}无效"));
    let county = CountyCode::parse(county).map_err(|_| corrupt("县级区划代码"))?;
    let township = TownshipCode::parse(township).map_err(|_| corrupt("乡镇代码"))?;
    let prefix = format!(
        "{}{}{}",
        county.as_str(),
        township.as_str(),
        village.as_str()
    );
    let last: Option<String> = tx.query_row(
        "SELECT max(health_file_no) FROM residents WHERE health_file_no BETWEEN ?1 AND ?2",
        params![format!("{prefix}00000"), format!("{prefix}99999")],
        |r| r.get(0),
    )?;
    let next = last
        .and_then(|l| HealthFileNo::parse(&l).ok())
        .map_or(1, |l| l.serial() + 1);
    HealthFileNo::compose(&county, &township, village, next)
        .map(|n| n.as_str().to_owned())
        .map_err(|e| field_error("healthFileNo", "health_file_no.exhausted", e.to_string()))
}

/// Columns kept only locally, derived from the synced fields: sort and search keys.
pub(crate) fn local_columns(fields: &Fields) -> [(&'static str, rusqlite::types::Value); 5] {
    let name = text(fields, "name");
    let initials = name_keys(name)
        .initials
        .into_iter()
        .next()
        .unwrap_or_default();
    let phone_digits: String = text(fields, "phone")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let reversed = |s: &str| s.chars().rev().collect::<String>();
    [
        ("name_sort", sort_key(name).into()),
        ("pinyin_initials", initials.into()),
        ("id_rev", reversed(text(fields, "idNumber")).into()),
        ("phone_rev", reversed(&phone_digits).into()),
        ("phone_digits", phone_digits.into()),
    ]
}

/// Keeps the name search index in step with a write of resident `rid` from `before` (None for a
/// new row) to `after`. Every write of a resident row calls it (forms, sync, conflict choices).
pub(crate) fn index_after_write(
    tx: &Transaction<'_>,
    rid: i64,
    before: Option<&Fields>,
    after: &Fields,
) -> Result<()> {
    let name = text(after, "name");
    match before {
        None => search_index::index_resident(tx, rid, name, false),
        Some(before) if text(before, "name") != name => {
            search_index::index_resident(tx, rid, name, true)
        }
        Some(_) => Ok(()),
    }
}

impl Store {
    /// Checks a form without saving: every field rule plus the duplicate checks, and what a
    /// valid 身份证号 says (sex, birth date, age) so the form can show it at once.
    pub fn validate_resident(
        &mut self,
        input: &ResidentInput,
        except_id: Option<&str>,
        today: chrono::NaiveDate,
    ) -> Result<ResidentCheck> {
        self.require(Permission::EditResidents)?;
        let id_number = IdNumber::parse(&input.id_number, today)
            .ok()
            .map(|id| IdNumberFacts {
                id_number: id.as_str().to_owned(),
                sex: id.sex(),
                birth_date: id.birth_date().to_string(),
                age: age_on(id.birth_date(), today),
            });
        let issues = match validate_resident(input, today) {
            Err(e) => e.into(),
            Ok(valid) => {
                let tx = self.conn.transaction()?;
                let checks = check_nursing_home(&tx, &valid)
                    .and_then(|()| check_duplicate_id(&tx, valid.id_number.as_str(), except_id))
                    .and_then(|()| match &valid.health_file_no {
                        Some(n) => check_duplicate_file_no(&tx, n.as_str(), except_id),
                        None => Ok(()),
                    });
                tx.rollback()?;
                match checks {
                    Ok(()) => Vec::new(),
                    Err(e) if !e.field_issues().is_empty() => e.field_issues(),
                    Err(e) => return Err(e),
                }
            }
        };
        Ok(ResidentCheck { issues, id_number })
    }

    /// Creates a resident's health file, assigning the 健康档案编号 when the form leaves it empty.
    pub fn create_resident(&mut self, ctx: &WriteCtx, input: &ResidentInput) -> Result<Resident> {
        self.require(Permission::EditResidents)?;
        let valid = validate_resident(input, ctx.today)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = create_in(&tx, ctx, self.session.as_ref(), &valid)?;
        tx.commit()?;
        self.read_resident(&id, ctx.today)
    }

    /// Creates many residents in one transaction (demo data, benchmarks, later Excel import).
    /// Any invalid or duplicate row aborts the whole batch with that row's error.
    pub fn create_residents_batch(
        &mut self,
        ctx: &WriteCtx,
        inputs: &[ResidentInput],
    ) -> Result<usize> {
        self.require(Permission::EditResidents)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for input in inputs {
            let valid = validate_resident(input, ctx.today)?;
            insert_resident(&tx, ctx, &valid)?;
        }
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateResident,
            TABLE_KIND,
            "",
            &format!("批量新建 {} 份档案", inputs.len()),
        )?;
        tx.commit()?;
        Ok(inputs.len())
    }

    /// Edits a resident's file. `base_version` must be the current version.
    pub fn update_resident(&mut self, ctx: &WriteCtx, u: &UpdateResident) -> Result<Resident> {
        self.require(Permission::EditResidents)?;
        let valid = validate_resident(&u.input, ctx.today)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_current(&tx, &u.id, u.base_version)?;
        update_in(&tx, ctx, self.session.as_ref(), &u.id, &current, &valid)?;
        tx.commit()?;
        self.read_resident(&u.id, ctx.today)
    }

    /// Marks a resident moved out or deceased (with the date), or active again. Files are never
    /// deleted.
    pub fn change_resident_status(&mut self, ctx: &WriteCtx, c: &ChangeStatus) -> Result<Resident> {
        self.require(Permission::EditResidents)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_current(&tx, &c.id, c.base_version)?;
        let birth =
            chrono::NaiveDate::parse_from_str(text(&current.fields, "birthDate"), "%Y-%m-%d")
                .map_err(|_| StoreError::Corrupt(format!("居民 {} 的出生日期", c.id)))?;
        let mut errors = ValidationErrors::new();
        let checked = validate_status_change(c.status, &c.date, birth, ctx.today)
            .map_err(|e| errors.0.extend(e.0));
        let note = validate_status_note(&c.note).map_err(|e| errors.0.extend(e.0));
        let (Ok(checked), Ok(note)) = (checked, note) else {
            return Err(StoreError::Validation(errors));
        };
        let (status, date) = match checked {
            ValidStatus::Active => (ResidentStatus::Active, Value::Null),
            ValidStatus::Moved(d) => (ResidentStatus::Moved, d.to_string().into()),
            ValidStatus::Deceased(d) => (ResidentStatus::Deceased, d.to_string().into()),
        };
        let mut after = current.fields.clone();
        after.insert("status", code(&status));
        after.insert("statusDate", date);
        after.insert("statusNote", note.into());
        let changed = write_update(&tx, ctx, &c.id, &current, &after, Action::StatusChanged)?;
        if !changed.is_empty() {
            append_for(
                &tx,
                ctx,
                self.session.as_ref(),
                AuditAction::ChangeResidentStatus,
                TABLE_KIND,
                &c.id,
                &code(&status).to_string(),
            )?;
        }
        tx.commit()?;
        self.read_resident(&c.id, ctx.today)
    }
}

/// Creates a file and its audit entry inside `tx`: the one path of the form and of the import.
pub(crate) fn create_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&Session>,
    valid: &ValidResident,
) -> Result<String> {
    let id = insert_resident(tx, ctx, valid)?;
    append_for(
        tx,
        ctx,
        session,
        AuditAction::CreateResident,
        TABLE_KIND,
        &id,
        valid.name.as_str(),
    )?;
    Ok(id)
}

/// Writes a validated form over the file `current` inside `tx` (outbox, revision, search index
/// and audit entry): the one path of the form and of the import. Returns the fields changed; a
/// form equal to the file writes nothing.
pub(crate) fn update_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&Session>,
    id: &str,
    current: &StoredRow,
    valid: &ValidResident,
) -> Result<Vec<&'static str>> {
    check_nursing_home(tx, valid)?;
    check_duplicate_id(tx, valid.id_number.as_str(), Some(id))?;
    let mut after = current.fields.clone();
    after.extend(form_fields(valid));
    if let Some(no) = &valid.health_file_no {
        if no.as_str() != text(&current.fields, "healthFileNo") {
            check_duplicate_file_no(tx, no.as_str(), Some(id))?;
            after.insert("healthFileNo", no.as_str().into());
        }
    }
    let changed = write_update(tx, ctx, id, current, &after, Action::Updated)?;
    if !changed.is_empty() {
        append_for(
            tx,
            ctx,
            session,
            AuditAction::UpdateResident,
            TABLE_KIND,
            id,
            &changed.join("、"),
        )?;
    }
    Ok(changed)
}

/// The id and stored fields of the live file with this (normalised) 身份证号.
pub(crate) fn load_by_id_number(
    tx: &Transaction<'_>,
    id_number: &str,
) -> Result<Option<(String, StoredRow)>> {
    let id: Option<String> = tx
        .query_row(
            "SELECT id FROM residents WHERE id_number = ?1 AND deleted_at IS NULL",
            [id_number],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        None => Ok(None),
        Some(id) => Ok(load_row(tx, TABLE, FIELDS, &id)?.map(|row| (id, row))),
    }
}

/// The form that would reproduce a stored file: the base an import row is written over, so
/// columns the sheet does not have keep their stored value.
pub(crate) fn input_from_fields(f: &Fields) -> ResidentInput {
    fn parse<T: serde::de::DeserializeOwned + Default>(f: &Fields, k: &str) -> T {
        serde_json::from_value(f.get(k).cloned().unwrap_or(Value::Null)).unwrap_or_default()
    }
    ResidentInput {
        name: text(f, "name").to_owned(),
        id_number: text(f, "idNumber").to_owned(),
        sex: None,
        birth_date: text(f, "birthDate").to_owned(),
        phone: text(f, "phone").to_owned(),
        address: text(f, "address").to_owned(),
        hukou_address: text(f, "hukouAddress").to_owned(),
        living_kind: parse(f, "livingKind"),
        nursing_home_id: f
            .get("nursingHomeId")
            .and_then(Value::as_str)
            .map(str::to_owned),
        room: text(f, "room").to_owned(),
        bed: text(f, "bed").to_owned(),
        emergency_contact_name: text(f, "emergencyContactName").to_owned(),
        emergency_contact_phone: text(f, "emergencyContactPhone").to_owned(),
        medical_insurance: parse(f, "medicalInsurance"),
        ltc_insurance: f
            .get("ltcInsurance")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        special_categories: parse(f, "specialCategories"),
        chronic_conditions: parse(f, "chronicConditions"),
        allergies: text(f, "allergies").to_owned(),
        health_file_no: text(f, "healthFileNo").to_owned(),
        village_code: String::new(),
    }
}

fn insert_resident(tx: &Transaction<'_>, ctx: &WriteCtx, valid: &ValidResident) -> Result<String> {
    check_nursing_home(tx, valid)?;
    check_duplicate_id(tx, valid.id_number.as_str(), None)?;
    let (institution_id, county, township, own_village) = own_institution(tx)?;
    let file_no = match &valid.health_file_no {
        Some(no) => {
            check_duplicate_file_no(tx, no.as_str(), None)?;
            no.as_str().to_owned()
        }
        None => {
            let village = match &valid.village_code {
                Some(v) => v.clone(),
                None => VillageCode::parse(&own_village)
                    .map_err(|_| StoreError::Corrupt("本机构的村/居委会代码无效".into()))?,
            };
            assign_file_no(tx, &county, &township, &village)?
        }
    };
    let id = ctx.new_id();
    let mut fields = form_fields(valid);
    fields.insert("institutionId", institution_id.into());
    fields.insert("healthFileNo", file_no.into());
    fields.insert("status", "active".into());
    fields.insert("statusDate", Value::Null);
    fields.insert("statusNote", "".into());
    let rid = create_row(tx, ctx, TABLE, &id, &fields, &local_columns(&fields))?;
    index_after_write(tx, rid, None, &fields)?;
    Ok(id)
}

fn load_current(tx: &Transaction<'_>, id: &str, base_version: i64) -> Result<StoredRow> {
    let current = load_row(tx, TABLE, FIELDS, id)?.ok_or_else(|| StoreError::NotFound {
        what: "居民档案",
        id: id.to_owned(),
    })?;
    if current.version != base_version {
        return Err(StoreError::VersionConflict {
            base: base_version,
            current: current.version,
        });
    }
    Ok(current)
}

/// Writes the fields that differ between `current` and `after`; a form saved without changes
/// writes nothing and keeps the version.
fn write_update(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    id: &str,
    current: &StoredRow,
    after: &Fields,
    action: Action,
) -> Result<Vec<&'static str>> {
    let changed: Fields = after
        .iter()
        .filter(|(k, v)| current.fields.get(*k) != Some(*v))
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let version = current.version + 1;
    update_row(tx, ctx, TABLE, id, version, &changed, &local_columns(after))?;
    index_after_write(tx, current.rid, Some(&current.fields), after)?;
    record_change(
        tx,
        ctx,
        RowChange {
            table: TABLE,
            row_id: id,
            action,
            before: Some(&current.fields),
            after,
            new_version: version,
        },
    )?;
    Ok(changed.keys().copied().collect())
}
