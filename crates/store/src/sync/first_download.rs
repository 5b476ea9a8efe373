//! A laptop's first download: the care-record indexes that only queries read are built once, at
//! the end, instead of row by row.
//!
//! A county's million care records arrive spread over every resident and date, so each pulled
//! page inserted into thousands of scattered pages of these four indexes, and every commit
//! encrypted, wrote and checkpointed them again: at 1.2 M rows half of the download was spent
//! there. One sorted build at the end writes each index page once.
//!
//! Only speed depends on these indexes (the unique ones stay), and never for longer than the
//! download: they are built again by the page that ends it, when a pull fails (the download may
//! not resume for days, and the due list reads them), and whenever a store is opened.
use rusqlite::{Connection, OptionalExtension};

use crate::Result;

/// The indexes left out during the first download: name, definition and the migration that
/// defines it (`migrations/0003_care.sql`, `0007_indicator_indexes.sql`; a test compares them
/// with a migrated store's schema).
pub(crate) const DEFERRED: [(&str, &str, u32); 4] = [
    (
        "care_records_resident",
        "CREATE INDEX care_records_resident ON care_records (resident_id, occurred_on)",
        3,
    ),
    (
        "care_records_item",
        "CREATE INDEX care_records_item ON care_records (resident_id, item, occurred_on, facts, id) WHERE item IS NOT NULL",
        3,
    ),
    (
        "care_records_day",
        "CREATE INDEX care_records_day ON care_records (occurred_on, kind)",
        3,
    ),
    (
        "care_records_item_day",
        "CREATE INDEX care_records_item_day ON care_records (item, occurred_on, created_at, resident_id, facts, id) WHERE item IS NOT NULL",
        7,
    ),
];

fn exists(conn: &Connection, kind: &str, name: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = ?1 AND name = ?2",
            [kind, name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Drops the deferred indexes when this is the first page of a first download: nothing pulled
/// yet and no care record on this laptop.
pub(crate) fn defer_indexes(conn: &Connection) -> Result<()> {
    let cursor: Option<String> =
        conn.query_row("SELECT pull_cursor FROM sync_state", [], |r| r.get(0))?;
    let any_record = conn
        .query_row("SELECT 1 FROM care_records LIMIT 1", [], |_| Ok(()))
        .optional()?
        .is_some();
    if cursor.is_some() || any_record {
        return Ok(());
    }
    for (name, _, _) in DEFERRED {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

/// Builds the deferred indexes that are missing; the number built.
pub(crate) fn build_indexes(conn: &Connection) -> Result<usize> {
    // A file from before the care records (opened before its migrations) has nothing to build.
    if !exists(conn, "table", "care_records")? {
        return Ok(0);
    }
    // An index of a migration not yet applied is that migration's to make: on opening, this
    // runs before the migrations.
    let applied: u32 = if exists(conn, "table", "schema_migrations")? {
        conn.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?
    } else {
        0
    };
    let mut missing = Vec::new();
    for (name, sql, since) in DEFERRED {
        if since <= applied && !exists(conn, "index", name)? {
            missing.push(sql);
        }
    }
    if missing.is_empty() {
        return Ok(0);
    }
    // Each build sorts up to a million entries: with helper threads SQLite sorts parts of them on
    // the other cores (nothing else runs at the end of a download).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    conn.execute_batch(&format!("PRAGMA threads = {threads}"))?;
    let result = missing.iter().try_for_each(|sql| conn.execute_batch(sql));
    conn.execute_batch("PRAGMA threads = 0")?;
    result?;
    let built = missing.len();
    tracing::info!(
        built,
        "built the care-record indexes left out during the first download"
    );
    Ok(built)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_deferred_indexes_are_the_migrations_own() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrate::run(&mut conn).unwrap();
        for (name, sql, _) in DEFERRED {
            let stored: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(stored, sql);
        }
        assert_eq!(build_indexes(&conn).unwrap(), 0);
    }

    #[test]
    fn an_index_of_a_migration_not_yet_applied_is_left_to_it() {
        // A store of release 6 opened by this build, its first download interrupted: the
        // indexes of migration 3 are built before the migrations run, that of 7 by migration 7.
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrate::migrate_to(&mut conn, 6);
        for (name, _, _) in DEFERRED {
            conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))
                .unwrap();
        }
        assert_eq!(build_indexes(&conn).unwrap(), 3);
        assert!(!exists(&conn, "index", "care_records_item_day").unwrap());
        crate::migrate::run(&mut conn).unwrap();
        for (name, _, _) in DEFERRED {
            assert!(exists(&conn, "index", name).unwrap(), "{name}");
        }
    }
}
