//! Care records (the 7+3+4 service log): adding, correcting and voiding entries (this file), the
//! due list (`due`) and rounds mode (`rounds`). Entries are append-only: the table's triggers
//! refuse UPDATE and DELETE, and a correction is a new row that supersedes the old one.
pub(crate) mod due;
mod rounds;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;
use yiyang_domain::records::{
    encode_facts, needs_doctor, validate_correction_reason, validate_record, ValidRecord,
};
use yiyang_protocol::{
    AuditAction, CareRecord, CorrectRecord, Permission, RecordDetail, RecordInput, RecordQuery,
    ServiceItem, VoidRecord,
};

use crate::audit::append_for;
use crate::synced::{create_row, Fields, Kind};
use crate::{Result, Store, StoreError, WriteCtx};

pub(crate) const TABLE: &str = "care_records";
const RECORD_KIND: &str = "care_record";

/// The synced fields of a care record, by wire name, and how each is stored.
pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("residentId", Kind::Text),
    ("kind", Kind::Text),
    ("item", Kind::OptText),
    ("occurredOn", Kind::Text),
    ("place", Kind::Text),
    ("summary", Kind::Text),
    ("detail", Kind::Json),
    ("facts", Kind::Text),
    ("supersedes", Kind::OptText),
    ("correctionReason", Kind::Text),
];

pub(crate) fn item_code(item: ServiceItem) -> &'static str {
    use ServiceItem as I;
    match item {
        I::G1 => "G1",
        I::G2 => "G2",
        I::G3 => "G3",
        I::G4 => "G4",
        I::G5 => "G5",
        I::G6 => "G6",
        I::G7 => "G7",
        I::P1 => "P1",
        I::P2 => "P2",
        I::P3 => "P3",
        I::S1 => "S1",
        I::S2 => "S2",
        I::S3 => "S3",
        I::S4 => "S4",
    }
}

pub(crate) fn item_from_code(code: &str) -> Option<ServiceItem> {
    ServiceItem::ALL.into_iter().find(|i| item_code(*i) == code)
}

const COLUMNS: &str = "c.id, c.resident_id, c.item, c.occurred_on, c.place, c.summary, c.detail,
    c.created_by, coalesce(u.name, ''), c.created_at, c.supersedes, c.correction_reason,
    (SELECT n.id FROM care_records n WHERE n.supersedes = c.id)";
const FROM: &str = "care_records c LEFT JOIN users u ON u.id = c.created_by";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CareRecord> {
    let detail: String = r.get(6)?;
    let detail: RecordDetail = serde_json::from_str(&detail).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(CareRecord {
        id: r.get(0)?,
        resident_id: r.get(1)?,
        item: r
            .get::<_, Option<String>>(2)?
            .as_deref()
            .and_then(item_from_code),
        occurred_on: r.get(3)?,
        place: r.get(4)?,
        summary: r.get(5)?,
        detail,
        recorded_by: r.get(7)?,
        recorded_by_name: r.get(8)?,
        recorded_at: r.get(9)?,
        supersedes: r.get(10)?,
        correction_reason: r.get(11)?,
        superseded_by: r.get(12)?,
    })
}

pub(crate) fn read_record(conn: &Connection, id: &str) -> Result<CareRecord> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE c.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "服务记录",
        id: id.to_owned(),
    })
}

/// What a record write needs to know about its resident.
struct ResidentState {
    name: String,
    status: String,
    status_date: Option<String>,
    nursing_home_id: Option<String>,
}

fn resident_state(tx: &Connection, id: &str) -> Result<ResidentState> {
    tx.query_row(
        "SELECT name, status, status_date, nursing_home_id FROM residents
         WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| {
            Ok(ResidentState {
                name: r.get(0)?,
                status: r.get(1)?,
                status_date: r.get(2)?,
                nursing_home_id: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "居民档案",
        id: id.to_owned(),
    })
}

/// Nothing is recorded after a resident died or moved away.
fn check_resident_date(res: &ResidentState, valid: &ValidRecord) -> Result<()> {
    if res.status == "active" {
        return Ok(());
    }
    let left = res.status_date.as_deref().unwrap_or_default();
    if valid.occurred_on.to_string().as_str() > left {
        let what = if res.status == "deceased" {
            "死亡"
        } else {
            "迁出"
        };
        return Err(StoreError::InvalidState {
            code: "record.after_leaving",
            message: format!(
                "{} 已于 {left} {what}，不能记录此后（{}）的服务",
                res.name, valid.occurred_on
            ),
        });
    }
    Ok(())
}

/// Inserts a validated entry (optionally superseding `supersedes`) and audits it.
fn insert_record(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&crate::Session>,
    resident_id: &str,
    valid: &ValidRecord,
    supersedes: Option<(&str, &str)>,
) -> Result<String> {
    let id = ctx.new_id();
    let fields: Fields = [
        ("residentId", Value::from(resident_id)),
        ("kind", valid.kind.into()),
        (
            "item",
            valid.item.map_or(Value::Null, |i| item_code(i).into()),
        ),
        ("occurredOn", valid.occurred_on.to_string().into()),
        ("place", valid.place.clone().into()),
        ("summary", valid.summary.clone().into()),
        ("detail", serde_json::to_value(&valid.detail)?),
        ("facts", encode_facts(valid.facts).into()),
        (
            "supersedes",
            supersedes.map_or(Value::Null, |(old, _)| old.into()),
        ),
        (
            "correctionReason",
            supersedes
                .map_or(String::new(), |(_, r)| r.to_owned())
                .into(),
        ),
    ]
    .into_iter()
    .collect();
    create_row(tx, ctx, TABLE, &id, &fields, &[])?;
    let (action, detail) = match supersedes {
        None => (AuditAction::CreateRecord, valid.summary.clone()),
        Some((old, reason)) if valid.kind == "void" => {
            (AuditAction::VoidRecord, format!("作废 {old}：{reason}"))
        }
        Some((old, reason)) => (AuditAction::CorrectRecord, format!("更正 {old}：{reason}")),
    };
    append_for(tx, ctx, session, action, RECORD_KIND, &id, &detail)?;
    Ok(id)
}

impl Store {
    /// The items and answer options of a scale, for the assessment form.
    pub fn scale_spec(&self, scale: yiyang_protocol::Scale) -> Result<yiyang_protocol::ScaleSpec> {
        self.require(Permission::ViewResidents)?;
        Ok(yiyang_domain::scales::scale_spec(scale))
    }

    /// Scores answers without saving (the form shows the result while it is filled in).
    pub fn preview_assessment(
        &self,
        answers: &yiyang_protocol::AssessmentAnswers,
    ) -> Result<yiyang_protocol::AssessmentResult> {
        self.require(Permission::ViewResidents)?;
        Ok(yiyang_domain::scales::score(answers)?)
    }

    /// Checks the session may see `resident_id`'s records (a nursing-home admin: own home only).
    pub(crate) fn check_resident_visible(&self, home: Option<&str>) -> Result<()> {
        if let Some(scope) = self.resident_scope()? {
            if home != Some(scope.as_str()) {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        Ok(())
    }

    fn require_for(&self, input: &RecordInput) -> Result<()> {
        self.require(Permission::RecordCare)?;
        if needs_doctor(&input.detail) {
            self.require(Permission::SignPrescriptions)?;
        }
        Ok(())
    }

    /// Adds an entry to a resident's record (one transaction: row, outbox, revision, audit).
    pub fn add_record(&mut self, ctx: &WriteCtx, input: &RecordInput) -> Result<CareRecord> {
        self.require_for(input)?;
        let input = self.priced(input)?;
        let valid = validate_record(&input, ctx.today)?;
        let tx = self.conn.transaction()?;
        let res = resident_state(&tx, &input.resident_id)?;
        check_resident_date(&res, &valid)?;
        crate::homecare::check_entry(
            &tx,
            &input.resident_id,
            &res.name,
            res.nursing_home_id.as_deref(),
            &valid,
        )?;
        let id = insert_record(
            &tx,
            ctx,
            self.session.as_ref(),
            &input.resident_id,
            &valid,
            None,
        )?;
        tx.commit()?;
        read_record(&self.conn, &id)
    }

    /// Replaces an entry by a corrected one; both stay, the old one no longer counts.
    pub fn correct_record(&mut self, ctx: &WriteCtx, input: &CorrectRecord) -> Result<CareRecord> {
        self.require_for(&input.replacement)?;
        let reason = validate_correction_reason(&input.reason)?;
        let replacement = self.priced(&input.replacement)?;
        let valid = validate_record(&replacement, ctx.today)?;
        let old = current_record(&self.conn, &input.record_id)?;
        if matches!(old.detail, RecordDetail::LongPrescription { .. }) {
            self.require(Permission::SignPrescriptions)?;
        }
        let tx = self.conn.transaction()?;
        if old.resident_id != input.replacement.resident_id {
            return Err(StoreError::InvalidState {
                code: "record.other_resident",
                message: "更正记录不能换到另一位居民名下：请作废原记录，再为正确的居民新增记录"
                    .into(),
            });
        }
        let res = resident_state(&tx, &old.resident_id)?;
        check_resident_date(&res, &valid)?;
        let old_kind = crate::homecare::detail_kind(&old.detail)?;
        let home_kinds = crate::homecare::HOME_KINDS;
        if old_kind != valid.kind
            && (home_kinds.contains(&old_kind.as_str()) || home_kinds.contains(&valid.kind))
        {
            // A bed's registration corrected into a visit would end the bed silently.
            return Err(StoreError::InvalidState {
                code: "record.kind_change",
                message: "更正记录不能改变记录类型：请作废原记录，再新增正确类型的记录".into(),
            });
        }
        let id = insert_record(
            &tx,
            ctx,
            self.session.as_ref(),
            &old.resident_id,
            &valid,
            Some((&old.id, &reason)),
        )?;
        tx.commit()?;
        read_record(&self.conn, &id)
    }

    /// Marks an entry as entered in error (a superseding void entry with the reason).
    pub fn void_record(&mut self, ctx: &WriteCtx, input: &VoidRecord) -> Result<CareRecord> {
        self.require(Permission::RecordCare)?;
        let reason = validate_correction_reason(&input.reason)?;
        let old = current_record(&self.conn, &input.record_id)?;
        if matches!(old.detail, RecordDetail::LongPrescription { .. }) {
            self.require(Permission::SignPrescriptions)?;
        }
        let tx = self.conn.transaction()?;
        let valid = ValidRecord {
            kind: "void",
            item: None,
            occurred_on: ctx.today,
            place: String::new(),
            summary: format!("作废：{reason}"),
            detail: RecordDetail::Void {
                reason: reason.clone(),
            },
            facts: yiyang_domain::records::RecordFacts::Plain,
        };
        let id = insert_record(
            &tx,
            ctx,
            self.session.as_ref(),
            &old.resident_id,
            &valid,
            Some((&old.id, &reason)),
        )?;
        tx.commit()?;
        read_record(&self.conn, &id)
    }

    /// A resident's entries, newest first (current ones only unless asked for the history).
    pub fn list_records(&self, q: &RecordQuery) -> Result<Vec<CareRecord>> {
        self.require(Permission::ViewResidents)?;
        let res = resident_state(&self.conn, &q.resident_id)?;
        self.check_resident_visible(res.nursing_home_id.as_deref())?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM {FROM}
             WHERE c.resident_id = ?1 AND (?2 IS NULL OR c.item = ?2)
               AND (?3 OR (c.kind <> 'void'
                           AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)))
             ORDER BY c.occurred_on DESC, c.created_at DESC"
        ))?;
        let rows = stmt.query_map(
            params![q.resident_id, q.item.map(item_code), q.include_superseded],
            from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get_record(&self, id: &str) -> Result<CareRecord> {
        self.require(Permission::ViewResidents)?;
        let record = read_record(&self.conn, id)?;
        let res = resident_state(&self.conn, &record.resident_id)?;
        self.check_resident_visible(res.nursing_home_id.as_deref())?;
        Ok(record)
    }
}

/// The entry `id`, refusing one that was already corrected or voided.
fn current_record(tx: &Connection, id: &str) -> Result<CareRecord> {
    let old = read_record(tx, id)?;
    if old.superseded_by.is_some() || matches!(old.detail, RecordDetail::Void { .. }) {
        return Err(StoreError::InvalidState {
            code: "record.superseded",
            message: "该记录已被更正或作废，请在最新的记录上操作".into(),
        });
    }
    Ok(old)
}
