//! Pulled rows that cannot be stored yet. A row whose referenced row has not arrived (a care
//! record whose resident comes in a later page) or that a local rule refuses is parked whole, as
//! JSON, and retried at the start of every later apply: nothing pulled is ever dropped.
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use yiyang_protocol::sync::{PulledRow, SyncTable};

use super::labels::table_label;
use super::spec;
use crate::synced::snake;
use crate::Result;

/// Takes every parked row out of the parking table (they are parked again if they still fail).
pub(crate) fn take(tx: &Transaction<'_>) -> Result<Vec<PulledRow>> {
    let mut stmt = tx.prepare("SELECT row FROM sync_parked ORDER BY parked_at, rowid")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    tx.execute("DELETE FROM sync_parked", [])?;
    rows.iter()
        .map(|r| serde_json::from_str(r).map_err(Into::into))
        .collect()
}

/// Parks `row` with the reason (Chinese) it could not be stored.
pub(crate) fn park(tx: &Transaction<'_>, row: &PulledRow, reason: &str, at: &str) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO sync_parked (table_name, row_id, row, reason, parked_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            row.table.name(),
            row.id,
            serde_json::to_string(row)?,
            reason,
            at
        ],
    )?;
    Ok(())
}

/// Rows that can be stored now, and rows that wait with the reason.
pub(crate) type Split<'a> = (Vec<&'a PulledRow>, Vec<(&'a PulledRow, String)>);

/// Which rows of a batch can be stored now: the references of each (read from the schema's
/// foreign keys) must be stored already or be in the batch.
#[derive(Default)]
pub(crate) struct References {
    /// Per table: (referenced table, wire field holding the reference).
    keys: HashMap<SyncTable, Vec<(SyncTable, &'static str)>>,
    /// Rows known to be stored (or not) before the batch.
    stored: HashMap<(SyncTable, String), bool>,
}

impl References {
    fn keys(
        &mut self,
        conn: &Connection,
        table: SyncTable,
    ) -> Result<&[(SyncTable, &'static str)]> {
        let keys = match self.keys.entry(table) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let mut stmt =
                    conn.prepare(&format!("PRAGMA foreign_key_list({})", table.name()))?;
                let fks = stmt
                    .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
                    .collect::<Result<Vec<_>, _>>()?;
                e.insert(
                    fks.into_iter()
                        .filter_map(|(parent, column)| {
                            let parent = SyncTable::from_name(&parent)?;
                            let field = spec(table).iter().find(|(f, _)| snake(f) == column)?.0;
                            Some((parent, field))
                        })
                        .collect(),
                )
            }
        };
        Ok(keys.as_slice())
    }

    fn is_stored(&mut self, conn: &Connection, table: SyncTable, id: &str) -> Result<bool> {
        let key = (table, id.to_owned());
        if let Some(found) = self.stored.get(&key) {
            return Ok(*found);
        }
        let found = conn
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name()))?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some();
        self.stored.insert(key, found);
        Ok(found)
    }

    /// Why `row` cannot be stored with `batch` (None: it can).
    fn missing(
        &mut self,
        conn: &Connection,
        row: &PulledRow,
        batch: &HashSet<(SyncTable, String)>,
    ) -> Result<Option<String>> {
        let keys = self.keys(conn, row.table)?.to_vec();
        for (parent, field) in keys {
            let Some(id) = row.fields.get(field).and_then(|v| v.as_str()) else {
                continue;
            };
            if batch.contains(&(parent, id.to_owned())) || self.is_stored(conn, parent, id)? {
                continue;
            }
            return Ok(Some(format!(
                "引用的{}（{id}）尚未同步到本机",
                table_label(parent)
            )));
        }
        Ok(None)
    }

    /// Splits `rows` into those that can be stored together now and those that wait (with the
    /// reason), until no row of the first part points at one of the second.
    pub(crate) fn split<'a>(
        &mut self,
        conn: &Connection,
        rows: Vec<&'a PulledRow>,
    ) -> Result<Split<'a>> {
        let mut ready = rows;
        let mut waiting = Vec::new();
        loop {
            let batch: HashSet<(SyncTable, String)> =
                ready.iter().map(|r| (r.table, r.id.clone())).collect();
            let mut keep = Vec::with_capacity(ready.len());
            let mut moved = false;
            for row in ready {
                match self.missing(conn, row, &batch)? {
                    Some(reason) => {
                        waiting.push((row, reason));
                        moved = true;
                    }
                    None => keep.push(row),
                }
            }
            ready = keep;
            if !moved {
                return Ok((ready, waiting));
            }
        }
    }
}
