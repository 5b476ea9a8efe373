//! The stored rows a batch names, loaded and locked before its mutations are decided.
use std::collections::{HashMap, HashSet};

use deadpool_postgres::Transaction;
use serde_json::Value;
use uuid::Uuid;
use yiyang_protocol::sync::{Mutation, SyncTable};

use super::DbResult;
use crate::db::StoredRow;
use crate::merge::Fields;

/// A batch's rows by table and id.
pub(super) type Rows = HashMap<(SyncTable, Uuid), StoredRow>;

/// Loads and locks every row the batch names, in one query and one lock order.
pub(super) async fn load_rows_for_update(
    tx: &Transaction<'_>,
    muts: &[Mutation],
) -> DbResult<Rows> {
    let mut seen = HashSet::new();
    let (mut tbls, mut ids) = (Vec::new(), Vec::new());
    for m in muts {
        if let Ok(id) = Uuid::parse_str(&m.row_id) {
            if seen.insert((m.table, id)) {
                tbls.push(m.table.name());
                ids.push(id);
            }
        }
    }
    let stmt = tx
        .prepare_cached(
            "SELECT tbl, id, version, fields, owner FROM rows
             WHERE (tbl, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
             ORDER BY tbl, id FOR UPDATE",
        )
        .await?;
    let found = tx.query(&stmt, &[&tbls, &ids]).await?;
    let mut rows = HashMap::with_capacity(found.len());
    for r in found {
        let tbl: String = r.get(0);
        let Some(&(table, _)) = seen.iter().find(|(t, _)| t.name() == tbl) else {
            continue;
        };
        rows.insert((table, r.get(1)), stored_row(r.get(2), r.get(3), r.get(4)));
    }
    Ok(rows)
}

fn stored_row(version: i64, fields: Value, owner: Option<Uuid>) -> StoredRow {
    let fields = match fields {
        Value::Object(m) => m,
        _ => Fields::new(),
    };
    StoredRow {
        version,
        fields,
        owner,
    }
}
