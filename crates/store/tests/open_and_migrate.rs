//! Opening data files: migrations, checksums, pragmas, and files that are not ours.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use rusqlite::Connection;
use tempfile::TempDir;
use yiyang_protocol::ErrorCode;
use yiyang_store::{OpenOptions, Store, StoreError, DATA_FILE_NAME, LATEST_VERSION, SYNCED_TABLES};

fn open(dir: &TempDir) -> Result<Store, StoreError> {
    Store::open_in_dir(dir.path(), &OpenOptions::default())
}

#[test]
fn a_fresh_file_is_migrated_and_recorded_with_checksums() {
    let dir = TempDir::new().unwrap();
    drop(open(&dir).unwrap());
    let conn = Connection::open(dir.path().join(DATA_FILE_NAME)).unwrap();
    let applied = yiyang_store::applied_migrations(&conn).unwrap();
    assert_eq!(applied.len() as u32, LATEST_VERSION);
    assert_eq!(applied[0].name, "0001_init");
    assert_eq!(applied[0].checksum.len(), 64);
    // Reopening verifies and applies nothing new.
    drop(open(&dir).unwrap());
    assert_eq!(yiyang_store::applied_migrations(&conn).unwrap(), applied);
}

#[test]
fn durability_pragmas_are_set() {
    let (_dir, store) = common::store();
    let conn = Connection::open(store.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let (sync, fk) = store.pragmas().unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    assert_eq!(fk, 1, "foreign_keys=ON");
}

#[test]
fn an_edited_released_migration_is_refused() {
    let dir = TempDir::new().unwrap();
    drop(open(&dir).unwrap());
    let conn = Connection::open(dir.path().join(DATA_FILE_NAME)).unwrap();
    conn.execute(
        "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1",
        [],
    )
    .unwrap();
    let err = open(&dir).unwrap_err();
    assert!(matches!(err, StoreError::MigrationMismatch(1)), "{err}");
    assert_eq!(err.code(), ErrorCode::MigrationMismatch);
}

#[test]
fn a_file_from_a_newer_version_is_refused_not_damaged() {
    let dir = TempDir::new().unwrap();
    drop(open(&dir).unwrap());
    let conn = Connection::open(dir.path().join(DATA_FILE_NAME)).unwrap();
    conn.execute(
        "INSERT INTO schema_migrations VALUES (?1, 'future', 'abc', 'now')",
        [LATEST_VERSION + 1],
    )
    .unwrap();
    let err = open(&dir).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NewerSchema);
    let count: i64 = conn
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count as u32, LATEST_VERSION + 1);
}

#[test]
fn files_that_are_not_ours_are_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(DATA_FILE_NAME);
    std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(200)).unwrap();
    assert_eq!(open(&dir).unwrap_err().code(), ErrorCode::StoreCorrupt);

    let other = TempDir::new().unwrap();
    let conn = Connection::open(other.path().join(DATA_FILE_NAME)).unwrap();
    conn.execute_batch("CREATE TABLE accounts (id INTEGER)")
        .unwrap();
    drop(conn);
    assert_eq!(open(&other).unwrap_err().code(), ErrorCode::StoreCorrupt);
}

#[test]
fn every_synced_table_has_the_sync_columns() {
    let (_dir, store) = common::store();
    let conn = Connection::open(store.path()).unwrap();
    for table in SYNCED_TABLES {
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap();
        let cols: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for required in [
            "id",
            "version",
            "created_at",
            "updated_at",
            "created_by",
            "updated_by",
            "deleted_at",
        ] {
            assert!(
                cols.iter().any(|c| c == required),
                "{table} lacks {required}"
            );
        }
    }
}

#[test]
fn ids_are_uuid_v7() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    let r = store.create_resident(&ctx, &common::resident()).unwrap();
    let id = uuid::Uuid::parse_str(&r.id).unwrap();
    assert_eq!(id.get_version_num(), 7);
}
