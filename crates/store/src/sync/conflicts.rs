//! Conflicts pulled from the county, and a person's choice that settles one.
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;
use yiyang_protocol::sync::{
    ConflictRecord, ConflictStatus, ConflictView, LocalConflictStatus, SyncTable,
};
use yiyang_protocol::{AuditAction, Permission};

use super::labels::{field_label, row_label, table_label};
use super::{after_write, fits, local_columns, spec, table_named};
use crate::synced::{load_row, record_change_resolving, update_row, Action, Resolution, RowChange};
use crate::{Result, Store, StoreError, WriteCtx};

/// Stores a pulled conflict record (new, or a newer state of a known one). A choice made here
/// and not yet pushed stays `resolving` until the county reports the conflict resolved.
pub(crate) fn store_pulled(tx: &Transaction<'_>, c: &ConflictRecord, at: &str) -> Result<()> {
    let status = match c.status {
        ConflictStatus::Open => "open",
        ConflictStatus::Resolved => "resolved",
    };
    tx.execute(
        "INSERT INTO sync_conflicts (id, table_name, row_id, field, kept_value, other_value,
             other_device_id, other_actor_id, other_local_time, status, resolved_value,
             resolved_by, opened_at, resolved_at, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (id) DO UPDATE SET
             kept_value = excluded.kept_value, other_value = excluded.other_value,
             status = CASE WHEN excluded.status = 'open' AND sync_conflicts.status = 'resolving'
                           THEN 'resolving' ELSE excluded.status END,
             resolved_value = excluded.resolved_value, resolved_by = excluded.resolved_by,
             resolved_at = excluded.resolved_at, received_at = excluded.received_at",
        params![
            c.id,
            c.table.name(),
            c.row_id,
            c.field,
            c.kept_value.to_string(),
            c.other_value.to_string(),
            c.other_device_id,
            c.other_actor_id,
            c.other_local_time,
            status,
            c.resolved_value.as_ref().map(Value::to_string),
            c.resolved_by,
            c.opened_at,
            c.resolved_at,
            at,
        ],
    )?;
    Ok(())
}

/// Who may choose a value for a conflict about a row of `table`: whoever may edit such rows.
fn edit_permission(table: SyncTable) -> Option<Permission> {
    match table {
        SyncTable::Institutions => Some(Permission::ManageInstitutions),
        SyncTable::Users => Some(Permission::ManageUsers),
        SyncTable::CareTeams => Some(Permission::ManageTeams),
        SyncTable::Residents => Some(Permission::EditResidents),
        SyncTable::Contracts => Some(Permission::ManageContracts),
        SyncTable::Agreements => Some(Permission::ManageAgreements),
        // Append-only: never conflicts.
        SyncTable::CareRecords => None,
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

const COLUMNS: &str = "id, table_name, row_id, field, kept_value, other_value, other_device_id,
    other_actor_id, other_local_time, status, resolved_value, resolved_by, opened_at, resolved_at";

/// A stored conflict: the record and its local status.
fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ConflictRecord, LocalConflictStatus)> {
    let table_name: String = r.get(1)?;
    let table = table_named(&table_name).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let status: String = r.get(9)?;
    let (record_status, local) = match status.as_str() {
        "resolved" => (ConflictStatus::Resolved, LocalConflictStatus::Resolved),
        "resolving" => (ConflictStatus::Open, LocalConflictStatus::Resolving),
        _ => (ConflictStatus::Open, LocalConflictStatus::Open),
    };
    let record = ConflictRecord {
        id: r.get(0)?,
        table,
        row_id: r.get(2)?,
        field: r.get(3)?,
        kept_value: json(&r.get::<_, String>(4)?),
        other_value: json(&r.get::<_, String>(5)?),
        other_device_id: r.get(6)?,
        other_actor_id: r.get(7)?,
        other_local_time: r.get(8)?,
        status: record_status,
        resolved_value: r.get::<_, Option<String>>(10)?.map(|v| json(&v)),
        resolved_by: r.get(11)?,
        opened_at: r.get(12)?,
        resolved_at: r.get(13)?,
    };
    Ok((record, local))
}

impl Store {
    /// Conflicts of this institution's rows, open ones first (oldest first); resolved ones too
    /// when asked.
    pub fn list_conflicts(&self, include_resolved: bool) -> Result<Vec<ConflictView>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM sync_conflicts
             WHERE ?1 OR status <> 'resolved'
             ORDER BY status = 'resolved', opened_at, id"
        ))?;
        let rows = stmt
            .query_map([include_resolved], read)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(record, local_status)| {
                let table = record.table;
                Ok(ConflictView {
                    local_status,
                    table_label: table_label(table).to_owned(),
                    row_label: row_label(&self.conn, table, &record.row_id)?,
                    field_label: field_label(table, &record.field),
                    record,
                })
            })
            .collect()
    }

    /// A person chooses `value` (one of the conflict's two values) for conflict `conflict_id`: it
    /// is written to the row as a normal change (history and outbox, the outbox entry carrying
    /// `resolves`, and the field even when the row already holds that value, so the county learns
    /// the choice). The conflict waits as `resolving` until the county reports it resolved.
    /// Needs the permission that edits such rows.
    pub fn resolve_conflict(
        &mut self,
        ctx: &WriteCtx,
        conflict_id: &str,
        value: Value,
    ) -> Result<()> {
        self.session()?;
        let found = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM sync_conflicts WHERE id = ?1"),
                [conflict_id],
                read,
            )
            .optional()?;
        let (c, local_status) = found.ok_or_else(|| StoreError::NotFound {
            what: "同步冲突",
            id: conflict_id.to_owned(),
        })?;
        let table = c.table;
        let invalid =
            |code: &'static str, message: String| StoreError::InvalidState { code, message };
        let Some(permission) = edit_permission(table) else {
            return Err(invalid(
                "sync.conflict_append_only",
                format!("{}只增不改，不会有冲突", table_label(table)),
            ));
        };
        let session = self.require(permission)?.clone();
        if local_status == LocalConflictStatus::Resolved {
            return Err(invalid(
                "sync.conflict_resolved",
                "该冲突已在县级平台处理完毕".into(),
            ));
        }
        if value != c.kept_value && value != c.other_value {
            return Err(invalid(
                "sync.conflict_value",
                format!(
                    "{}：只能在冲突的两个值中选择一个",
                    field_label(table, &c.field)
                ),
            ));
        }
        let fields = spec(table);
        let Some(&(field, kind)) = fields.iter().find(|(f, _)| *f == c.field) else {
            return Err(StoreError::Corrupt(format!(
                "同步冲突 {conflict_id} 的字段 {} 未知",
                c.field
            )));
        };
        if !fits(kind, &value) {
            return Err(invalid(
                "sync.conflict_value",
                format!("{}：所选的值类型不对", field_label(table, field)),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_row(&tx, table.name(), fields, &c.row_id)?.ok_or_else(|| {
            StoreError::NotFound {
                what: table_label(table),
                id: c.row_id.clone(),
            }
        })?;
        let mut after = current.fields.clone();
        after.insert(field, value.clone());
        let version = current.version + 1;
        let chosen = [(field, value.clone())].into_iter().collect();
        update_row(
            &tx,
            ctx,
            table.name(),
            &c.row_id,
            version,
            &chosen,
            &local_columns(table, &after),
        )?;
        after_write(&tx, table, current.rid, Some(&current.fields), &after)?;
        record_change_resolving(
            &tx,
            ctx,
            RowChange {
                table: table.name(),
                row_id: &c.row_id,
                action: Action::Updated,
                before: Some(&current.fields),
                after: &after,
                new_version: version,
            },
            Some(Resolution { conflict_id, field }),
        )?;
        tx.execute(
            "UPDATE sync_conflicts SET status = 'resolving' WHERE id = ?1",
            [conflict_id],
        )?;
        crate::audit::append_for(
            &tx,
            ctx,
            Some(&session),
            AuditAction::ResolveConflict,
            table.name(),
            &c.row_id,
            &format!("{}：{}", field_label(table, field), value),
        )?;
        tx.commit()?;
        Ok(())
    }
}
