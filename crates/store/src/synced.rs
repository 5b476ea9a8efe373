//! The sync-ready write path shared by every synced table: diff the row's fields, append one
//! mutation to the outbox and one revision to the history, in the caller's transaction.
//!
//! A new synced table registers by (1) having the standard columns (see `migrations/0001_init.sql`),
//! (2) being listed in [`SYNCED_TABLES`], and (3) writing through [`create_row`] for new rows and
//! [`update_row`] + [`record_change`] (same transaction) for changes.
use std::collections::BTreeMap;

use rusqlite::{params, Transaction};
use serde_json::Value;
use yiyang_protocol::sync::SyncTable;

use crate::{Result, WriteCtx};

/// Tables whose rows are synced with the county. A test checks each has the standard columns.
pub const SYNCED_TABLES: &[&str] = &[
    "institutions",
    "users",
    "residents",
    "care_teams",
    "contracts",
    "agreements",
    "care_records",
];

/// A row's synced fields by camelCase name, as sent over the wire.
pub(crate) type Fields = BTreeMap<&'static str, Value>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Created,
    Updated,
    StatusChanged,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
            Self::StatusChanged => "status_changed",
        }
    }
}

/// One pending local change, as the sync client will push it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    pub seq: i64,
    pub mutation_id: String,
    pub device_id: String,
    pub table_name: String,
    pub row_id: String,
    pub op: String,
    pub fields: Value,
    pub base_version: i64,
    pub actor_id: String,
    pub local_time: String,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Change {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One row's change: from `before` (None for a new row) to `after`, at `new_version`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowChange<'a> {
    pub table: &'static str,
    pub row_id: &'a str,
    pub action: Action,
    pub before: Option<&'a Fields>,
    pub after: &'a Fields,
    pub new_version: i64,
}

/// Appends the outbox mutation and the revision of `change`. Returns false (and writes nothing)
/// when no field changed.
pub(crate) fn record_change(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    change: RowChange<'_>,
) -> Result<bool> {
    record_change_resolving(tx, ctx, change, None)
}

/// A person's choice that settles conflict `conflict_id` about `field`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolution<'a> {
    pub conflict_id: &'a str,
    pub field: &'a str,
}

/// [`record_change`], optionally settling a conflict: the mutation then carries `resolves` and
/// always carries the conflict's field, even when the chosen value is the one the row already had
/// (the county must learn the choice).
pub(crate) fn record_change_resolving(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    change: RowChange<'_>,
    resolution: Option<Resolution<'_>>,
) -> Result<bool> {
    let RowChange {
        table,
        row_id,
        action,
        before,
        after,
        new_version,
    } = change;
    debug_assert!(SYNCED_TABLES.contains(&table));
    let mut changed = serde_json::Map::new();
    // The values the changed fields had before (the county merges against them).
    let mut prior = serde_json::Map::new();
    let mut changes = Vec::new();
    for (field, value) in after {
        let old = before.and_then(|b| b.get(field));
        let chosen = resolution.is_some_and(|r| r.field == *field);
        if old != Some(value) || chosen {
            changed.insert((*field).to_owned(), value.clone());
            if let Some(old) = old {
                prior.insert((*field).to_owned(), old.clone());
            }
            changes.push(Change {
                field: (*field).to_owned(),
                before: old.cloned(),
                after: Some(value.clone()),
            });
        }
    }
    if changes.is_empty() {
        return Ok(false);
    }
    let device_id: String = tx.query_row("SELECT device_id FROM installation", [], |r| r.get(0))?;
    let op = if before.is_none() { "insert" } else { "update" };
    tx.execute(
        "INSERT INTO outbox (mutation_id, device_id, table_name, row_id, op, fields, base_version,
                             actor_id, local_time, prior, resolves)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            ctx.new_id(),
            device_id,
            table,
            row_id,
            op,
            Value::Object(changed).to_string(),
            new_version - 1,
            ctx.actor_id,
            ctx.stamp(),
            Value::Object(prior).to_string(),
            resolution.map(|r| r.conflict_id),
        ],
    )?;
    // An append-only row has one version, whose who and when are its own stamps: a revision
    // would repeat them (and cost a care record a second row and index entry on every laptop).
    if SyncTable::from_name(table).is_some_and(SyncTable::append_only) {
        return Ok(true);
    }
    // A creation's values are the file's first state, derivable from the current values and the
    // later revisions' `before`s; storing them again would double the file for nothing.
    if action == Action::Created {
        changes.clear();
    }
    tx.execute(
        "INSERT INTO revisions (table_name, row_id, version, action, changes, actor_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            table,
            row_id,
            new_version,
            action.as_str(),
            serde_json::to_string(&changes)?,
            ctx.actor_id,
            ctx.stamp(),
        ],
    )?;
    Ok(true)
}

impl crate::Store {
    /// Pending outbox mutations in push order.
    pub fn pending_outbox(&self, limit: u32) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, mutation_id, device_id, table_name, row_id, op, fields, base_version,
                    actor_id, local_time
             FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let fields: String = r.get(6)?;
            Ok(OutboxEntry {
                seq: r.get(0)?,
                mutation_id: r.get(1)?,
                device_id: r.get(2)?,
                table_name: r.get(3)?,
                row_id: r.get(4)?,
                op: r.get(5)?,
                fields: serde_json::from_str(&fields).unwrap_or(Value::Null),
                base_version: r.get(7)?,
                actor_id: r.get(8)?,
                local_time: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(crate) fn snake(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn sql_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Sql::Text(n.to_string()), Sql::Integer),
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => Sql::Text(v.to_string()),
    }
}

/// Creates a synced row: inserts it at version 1 and records the change (outbox + revision).
/// The one call a table's create path needs; returns the row's local rid.
pub(crate) fn create_row(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    table: &'static str,
    id: &str,
    fields: &Fields,
    local: &[(&str, rusqlite::types::Value)],
) -> Result<i64> {
    let rid = insert_row(tx, ctx, table, id, fields, local)?;
    record_change(
        tx,
        ctx,
        RowChange {
            table,
            row_id: id,
            action: Action::Created,
            before: None,
            after: fields,
            new_version: 1,
        },
    )?;
    Ok(rid)
}

/// Inserts a new synced row at version 1 with the standard stamps plus `fields` (camelCase
/// names map to snake_case columns) and `local` columns that are not synced (e.g. sort keys).
fn insert_row(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    table: &'static str,
    id: &str,
    fields: &Fields,
    local: &[(&str, rusqlite::types::Value)],
) -> Result<i64> {
    let mut cols = vec![
        "id".to_owned(),
        "version".into(),
        "created_at".into(),
        "updated_at".into(),
        "created_by".into(),
        "updated_by".into(),
    ];
    let stamp = ctx.stamp();
    let mut values: Vec<rusqlite::types::Value> = vec![
        id.to_owned().into(),
        1_i64.into(),
        stamp.clone().into(),
        stamp.into(),
        ctx.actor_id.clone().into(),
        ctx.actor_id.clone().into(),
    ];
    for (k, v) in fields {
        cols.push(snake(k));
        values.push(sql_value(v));
    }
    for (k, v) in local {
        cols.push((*k).to_owned());
        values.push(v.clone());
    }
    let marks = vec!["?"; cols.len()].join(", ");
    tx.execute(
        &format!("INSERT INTO {table} ({}) VALUES ({marks})", cols.join(", ")),
        rusqlite::params_from_iter(values),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Writes `fields` (and `local` columns) of an existing row, bumping it to `new_version`.
pub(crate) fn update_row(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    table: &'static str,
    id: &str,
    new_version: i64,
    fields: &Fields,
    local: &[(&str, rusqlite::types::Value)],
) -> Result<()> {
    let mut sets = vec![
        "version = ?".to_owned(),
        "updated_at = ?".into(),
        "updated_by = ?".into(),
    ];
    let mut values: Vec<rusqlite::types::Value> = vec![
        new_version.into(),
        ctx.stamp().into(),
        ctx.actor_id.clone().into(),
    ];
    for (k, v) in fields {
        sets.push(format!("{} = ?", snake(k)));
        values.push(sql_value(v));
    }
    for (k, v) in local {
        sets.push(format!("{k} = ?"));
        values.push(v.clone());
    }
    values.push(id.to_owned().into());
    tx.execute(
        &format!("UPDATE {table} SET {} WHERE id = ?", sets.join(", ")),
        rusqlite::params_from_iter(values),
    )?;
    Ok(())
}

/// Writes the fields of `after` that differ from `current` at the next version, and records the
/// change (outbox + revision) in the same transaction. A step that changes nothing writes nothing
/// and keeps the version. Returns the names of the changed fields.
pub(crate) fn write_changes(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    table: &'static str,
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
    update_row(tx, ctx, table, id, version, &changed, &[])?;
    record_change(
        tx,
        ctx,
        RowChange {
            table,
            row_id: id,
            action,
            before: Some(&current.fields),
            after,
            new_version: version,
        },
    )?;
    Ok(changed.keys().copied().collect())
}

/// How a synced column is stored, so rows can be read back into [`Fields`] generically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    OptText,
    Bool,
    /// An INTEGER column (e.g. money in 分, a number of days).
    Int,
    /// JSON array or object kept as text.
    Json,
}

/// A row as stored: local rowid, version and its synced fields.
#[derive(Debug, Clone)]
pub(crate) struct StoredRow {
    pub rid: i64,
    pub version: i64,
    pub fields: Fields,
}

/// Row `id` of `table` as the form that edits it last saw it: NotFound (`what` names the kind in
/// Chinese) when it is gone, VersionConflict when someone changed it since `version`.
pub(crate) fn load_versioned(
    conn: &rusqlite::Connection,
    table: &'static str,
    spec: &[(&'static str, Kind)],
    id: &str,
    version: i64,
    what: &'static str,
) -> Result<StoredRow> {
    let current = load_row(conn, table, spec, id)?.ok_or_else(|| crate::StoreError::NotFound {
        what,
        id: id.to_owned(),
    })?;
    if current.version != version {
        return Err(crate::StoreError::VersionConflict {
            base: version,
            current: current.version,
        });
    }
    Ok(current)
}

/// Reads the synced `spec` fields of row `id` of `table`.
pub(crate) fn load_row(
    conn: &rusqlite::Connection,
    table: &'static str,
    spec: &[(&'static str, Kind)],
    id: &str,
) -> Result<Option<StoredRow>> {
    use rusqlite::OptionalExtension;
    let cols: Vec<String> = spec.iter().map(|(k, _)| snake(k)).collect();
    conn.query_row(
        &format!(
            "SELECT rid, version, {} FROM {table} WHERE id = ?1 AND deleted_at IS NULL",
            cols.join(", ")
        ),
        [id],
        |r| {
            Ok(StoredRow {
                rid: r.get(0)?,
                version: r.get(1)?,
                fields: read_fields(r, 2, spec)?,
            })
        },
    )
    .optional()
    .map_err(Into::into)
}

/// The `spec` fields of a result row whose columns from `first` on are the spec's, in order.
pub(crate) fn read_fields(
    r: &rusqlite::Row<'_>,
    first: usize,
    spec: &[(&'static str, Kind)],
) -> rusqlite::Result<Fields> {
    let mut fields = Fields::new();
    for (i, (name, kind)) in spec.iter().enumerate() {
        let i = first + i;
        let v = match kind {
            Kind::Text => Value::String(r.get(i)?),
            Kind::OptText => r
                .get::<_, Option<String>>(i)?
                .map_or(Value::Null, Value::String),
            Kind::Bool => Value::Bool(r.get::<_, i64>(i)? != 0),
            Kind::Int => Value::from(r.get::<_, i64>(i)?),
            Kind::Json => serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or(Value::Null),
        };
        fields.insert(name, v);
    }
    Ok(fields)
}
