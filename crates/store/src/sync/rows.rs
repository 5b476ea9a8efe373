//! Synced rows read and written generically, by table spec: a row with its stamps (tombstoned
//! rows included), and every row as wire fields for comparing stores.
use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use yiyang_protocol::sync::SyncTable;

use super::spec;
use crate::synced::{read_fields, snake, Fields};
use crate::{Result, Store};

/// Every synced row of every synced table: (table, id) → its wire fields plus `deletedAt`.
pub type Snapshot = BTreeMap<(String, String), Map<String, Value>>;

/// The standard stamps of a synced row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamps {
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
}

/// The wire names of the stamps, in [`Stamps`] order, and their columns.
pub(crate) const STAMPS: [(&str, &str); 5] = [
    ("createdAt", "created_at"),
    ("updatedAt", "updated_at"),
    ("createdBy", "created_by"),
    ("updatedBy", "updated_by"),
    ("deletedAt", "deleted_at"),
];

/// A stored row, live or tombstoned.
#[derive(Debug, Clone)]
pub(crate) struct LocalRow {
    pub rid: i64,
    pub version: i64,
    pub stamps: Stamps,
    pub fields: Fields,
}

fn columns(table: SyncTable) -> String {
    spec(table)
        .iter()
        .map(|(k, _)| snake(k))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Row `id` of `table` with its stamps, tombstoned or not.
pub(crate) fn load_any(conn: &Connection, table: SyncTable, id: &str) -> Result<Option<LocalRow>> {
    let sql = format!(
        "SELECT rid, version, created_at, updated_at, created_by, updated_by, deleted_at, {}
         FROM {} WHERE id = ?1",
        columns(table),
        table.name()
    );
    conn.prepare_cached(&sql)?
        .query_row([id], |r| {
            Ok(LocalRow {
                rid: r.get(0)?,
                version: r.get(1)?,
                stamps: Stamps {
                    created_at: r.get(2)?,
                    updated_at: r.get(3)?,
                    created_by: r.get(4)?,
                    updated_by: r.get(5)?,
                    deleted_at: r.get(6)?,
                },
                fields: read_fields(r, 7, spec(table))?,
            })
        })
        .optional()
        .map_err(Into::into)
}

/// The wire fields of a row plus its `deletedAt`.
pub(crate) fn wire_fields(fields: &Fields, deleted_at: Option<&str>) -> Map<String, Value> {
    let mut out: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    out.insert(
        "deletedAt".into(),
        deleted_at.map_or(Value::Null, |d| Value::String(d.to_owned())),
    );
    out
}

impl Store {
    /// Every synced row of every synced table as (table, id) → its wire fields (the camelCase
    /// fields the outbox carries) plus `deletedAt`: what a convergence test compares between
    /// laptops and the county. Reads everything; for tests and diagnostics, not the UI.
    pub fn synced_snapshot(&self) -> Result<Snapshot> {
        let mut out = Snapshot::new();
        for table in SyncTable::ALL {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT id, deleted_at, {} FROM {} ORDER BY id",
                columns(table),
                table.name()
            ))?;
            let rows = stmt.query_map([], |r| {
                let id: String = r.get(0)?;
                let deleted_at: Option<String> = r.get(1)?;
                let fields = read_fields(r, 2, spec(table))?;
                Ok((id, wire_fields(&fields, deleted_at.as_deref())))
            })?;
            for row in rows {
                let (id, fields) = row?;
                out.insert((table.name().to_owned(), id), fields);
            }
        }
        Ok(out)
    }
}
