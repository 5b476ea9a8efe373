//! Embedded schema migrations: each applied in its own transaction and recorded with its SHA-256,
//! which is verified on every start so an edited released migration is caught, not run.
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::{Result, StoreError};

pub(crate) struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The newest schema version this build knows.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// A migration as recorded in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    pub version: u32,
    pub name: String,
    pub checksum: String,
}

fn checksum(sql: &str) -> String {
    Sha256::digest(sql.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const CREATE_SCHEMA_MIGRATIONS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

pub(crate) fn run(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(CREATE_SCHEMA_MIGRATIONS)?;
    let applied = verify(conn)?;
    for m in MIGRATIONS.iter().skip(applied.len()) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            params![m.version, m.name, checksum(m.sql)],
        )?;
        tx.commit()?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
    }
    Ok(())
}

/// Checks, without changing anything, that every migration recorded in the file is one this build
/// knows, unchanged; returns them.
pub(crate) fn verify(conn: &Connection) -> Result<Vec<AppliedMigration>> {
    let applied = applied_migrations(conn)?;
    for a in &applied {
        let known =
            MIGRATIONS
                .iter()
                .find(|m| m.version == a.version)
                .ok_or(StoreError::NewerSchema {
                    found: a.version,
                    known: LATEST_VERSION,
                })?;
        if checksum(known.sql) != a.checksum {
            return Err(StoreError::MigrationMismatch(a.version));
        }
    }
    Ok(applied)
}

/// The migrations recorded in a data file, oldest first.
pub fn applied_migrations(conn: &Connection) -> Result<Vec<AppliedMigration>> {
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")?;
    let rows = stmt.query_map([], |r| {
        Ok(AppliedMigration {
            version: r.get(0)?,
            name: r.get(1)?,
            checksum: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Applies migrations 1..=version only, as a build of that release would have.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn migrate_to(conn: &mut Connection, version: u32) {
    conn.execute_batch(CREATE_SCHEMA_MIGRATIONS).unwrap();
    for m in MIGRATIONS.iter().take(version as usize) {
        conn.execute_batch(m.sql).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?1, ?2, ?3, 'then')",
            params![m.version, m.name, checksum(m.sql)],
        )
        .unwrap();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// From every released version, migrating up reaches the same schema as a fresh file and keeps
    /// the data that was there.
    #[test]
    fn every_version_migrates_to_the_latest_schema_with_its_data() {
        let mut fresh = Connection::open_in_memory().unwrap();
        run(&mut fresh).unwrap();
        let target = schema(&fresh);
        for version in 1..=LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, version);
            conn.execute_batch(
                "INSERT INTO installation (singleton, device_id, created_at) VALUES (1, 'dev', 'then')",
            )
            .unwrap();
            run(&mut conn).unwrap();
            assert_eq!(schema(&conn), target, "from version {version}");
            let device: String = conn
                .query_row("SELECT device_id FROM installation", [], |r| r.get(0))
                .unwrap();
            assert_eq!(
                device, "dev",
                "data kept when migrating from version {version}"
            );
        }
    }

    /// 0004 (sync): outbox entries written before it replaced nothing the county can check
    /// (`prior` '{}'), stay pending, and the pull cursor and a fresh sync status are there.
    #[test]
    fn the_sync_migration_keeps_the_outbox_and_adds_the_sync_tables() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 3);
        conn.execute_batch(
            "INSERT INTO outbox (mutation_id, device_id, table_name, row_id, op, fields,
                                 base_version, actor_id, local_time)
             VALUES ('m1', 'dev', 'residents', 'r1', 'update', '{\"phone\":\"1\"}', 1, 'u',
                     'then');
             INSERT INTO revisions (table_name, row_id, version, action, changes, actor_id, at)
             VALUES ('residents', 'r1', 2, 'updated', '[]', 'u', 'then');
             UPDATE sync_state SET pull_cursor = '5:1';",
        )
        .unwrap();
        run(&mut conn).unwrap();
        let (prior, state, resolves): (String, String, Option<String>) = conn
            .query_row("SELECT prior, state, resolves FROM outbox", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(
            (prior.as_str(), state.as_str(), resolves),
            ("{}", "pending", None)
        );
        let origin: String = conn
            .query_row("SELECT origin FROM revisions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(origin, "local");
        let cursor: String = conn
            .query_row("SELECT pull_cursor FROM sync_state", [], |r| r.get(0))
            .unwrap();
        assert_eq!(cursor, "5:1");
        let enrolled: Option<String> = conn
            .query_row("SELECT enrolled_at FROM sync_settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(enrolled, None);
        for table in ["sync_conflicts", "sync_parked"] {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0, "{table}");
        }
    }

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.name);
        }
    }
}
