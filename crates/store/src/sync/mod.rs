//! The laptop store's side of sync with the county (docs/sync-protocol.md): the enrolment and
//! sync status (`settings`), turning the outbox into pushed mutations and storing their results
//! (`outbox`), applying pulled pages (`pull_apply`; a first download builds some indexes at its
//! end, `first_download`; rows parked until what they point at arrives
//! in `parked`), conflicts (`conflicts`), what the 同步 page shows (`overview`, `labels`) and the
//! generic row access all of them share (`rows`).
//!
//! None of these calls needs a logged-in session except enrolling and resolving a conflict: the
//! background sync runs while the store is open, whoever is (or is not) logged in.
mod conflicts;
pub(crate) mod first_download;
mod labels;
mod outbox;
mod overview;
mod parked;
mod pull_apply;
mod rows;
mod settings;

use rusqlite::Transaction;
use yiyang_protocol::sync::SyncTable;

use crate::synced::{Fields, Kind};
use crate::{Result, StoreError};

pub use pull_apply::ApplyStats;
pub use rows::Snapshot;
pub use settings::SyncSettings;

/// The synced fields of `table` (camelCase wire name, storage kind): the same list its own write
/// path reads and writes, so sync can never carry a field the forms do not know.
pub(crate) fn spec(table: SyncTable) -> &'static [(&'static str, Kind)] {
    match table {
        SyncTable::Institutions => crate::institutions::FIELDS,
        SyncTable::Users => crate::users::FIELDS,
        SyncTable::CareTeams => crate::teams::FIELDS,
        SyncTable::Residents => crate::residents::FIELDS,
        SyncTable::Contracts => crate::contracts::FIELDS,
        SyncTable::Agreements => crate::agreements::FIELDS,
        SyncTable::CareRecords => crate::care::FIELDS,
    }
}

/// The synced table named `name` (as the outbox and the conflicts store it).
pub(crate) fn table_named(name: &str) -> Result<SyncTable> {
    SyncTable::from_name(name)
        .ok_or_else(|| StoreError::Corrupt(format!("同步记录中的未知数据表 {name}")))
}

/// Columns kept only locally, derived from the synced fields exactly as the table's own write path
/// derives them (residents: sort and search keys).
pub(crate) fn local_columns(
    table: SyncTable,
    fields: &Fields,
) -> Vec<(&'static str, rusqlite::types::Value)> {
    match table {
        SyncTable::Residents => crate::residents::local_columns(fields).to_vec(),
        _ => Vec::new(),
    }
}

/// Keeps local indexes in step after a write of row `rid` (residents: the name search index).
pub(crate) fn after_write(
    tx: &Transaction<'_>,
    table: SyncTable,
    rid: i64,
    before: Option<&Fields>,
    after: &Fields,
) -> Result<()> {
    match table {
        SyncTable::Residents => crate::residents::index_after_write(tx, rid, before, after),
        _ => Ok(()),
    }
}

/// Whether `value` has the shape a field of `kind` stores.
pub(crate) fn fits(kind: Kind, value: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match kind {
        Kind::Text => value.is_string(),
        Kind::OptText => matches!(value, V::String(_) | V::Null),
        Kind::Bool => value.is_boolean(),
        Kind::Int => value.is_i64(),
        Kind::Json => matches!(value, V::Array(_) | V::Object(_)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::synced::{snake, SYNCED_TABLES};

    #[test]
    fn the_wire_tables_are_the_synced_tables() {
        let mut wire: Vec<&str> = SyncTable::ALL.iter().map(|t| t.name()).collect();
        let mut local = SYNCED_TABLES.to_vec();
        wire.sort_unstable();
        local.sort_unstable();
        assert_eq!(wire, local);
    }

    #[test]
    fn every_synced_field_has_its_column() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::migrate::run(&mut conn).unwrap();
        for table in SyncTable::ALL {
            let mut stmt = conn
                .prepare(&format!("PRAGMA table_info({})", table.name()))
                .unwrap();
            let cols: Vec<String> = stmt
                .query_map([], |r| r.get(1))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for (field, _) in spec(table) {
                assert!(cols.contains(&snake(field)), "{} {field}", table.name());
            }
        }
    }
}
