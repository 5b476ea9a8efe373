//! Opening data files: migrations, checksums, pragmas, and files that are not ours.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use rusqlite::Connection;
use tempfile::TempDir;
use yiyang_protocol::{ErrorCode, LogInInput, UpgradeInput};
use yiyang_store::{demo, Store, StoreError, DATA_FILE_NAME, LATEST_VERSION, SYNCED_TABLES};

/// Logs the demo admin back in (the data file is opened and migrated on every log-in).
fn log_in(dir: &TempDir) -> Result<Store, StoreError> {
    common::vault(dir).log_in(
        &LogInInput {
            login: "linxy".into(),
            password: demo::DEMO_PASSWORD.into(),
        },
        common::now(),
    )
}

/// Flushes the WAL into the data file and closes the store, so the file alone holds everything.
fn close(store: Store) {
    store
        .raw_connection_for_tests()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(store);
}

#[test]
fn a_fresh_file_is_migrated_and_recorded_with_checksums() {
    let (dir, store) = common::store();
    let applied = yiyang_store::applied_migrations(store.raw_connection_for_tests()).unwrap();
    assert_eq!(applied.len() as u32, LATEST_VERSION);
    assert_eq!(applied[0].name, "0001_init");
    assert_eq!(applied[1].name, "0002_security");
    assert!(applied.iter().all(|m| m.checksum.len() == 64));
    drop(store);
    // Reopening verifies and applies nothing new.
    let again = log_in(&dir).unwrap();
    assert_eq!(
        yiyang_store::applied_migrations(again.raw_connection_for_tests()).unwrap(),
        applied
    );
}

#[test]
fn durability_pragmas_are_set() {
    let (_dir, store) = common::store();
    let mode: String = store
        .raw_connection_for_tests()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let (sync, fk) = store.pragmas().unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    assert_eq!(fk, 1, "foreign_keys=ON");
}

#[test]
fn an_edited_released_migration_is_refused() {
    let (dir, store) = common::store();
    store
        .raw_connection_for_tests()
        .execute(
            "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1",
            [],
        )
        .unwrap();
    close(store);
    let err = log_in(&dir).unwrap_err();
    assert!(matches!(err, StoreError::MigrationMismatch(1)), "{err}");
    assert_eq!(err.code(), ErrorCode::MigrationMismatch);
}

#[test]
fn a_file_from_a_newer_version_is_refused_not_damaged() {
    let (dir, store) = common::store();
    store
        .raw_connection_for_tests()
        .execute(
            "INSERT INTO schema_migrations VALUES (?1, 'future', 'abc', 'now')",
            [LATEST_VERSION + 1],
        )
        .unwrap();
    close(store);
    let path = dir.path().join(DATA_FILE_NAME);
    let before = std::fs::read(&path).unwrap();
    let err = log_in(&dir).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NewerSchema);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the newer file is left exactly as it was"
    );
}

#[test]
fn files_that_are_not_ours_are_refused() {
    // Text where the encrypted data file should be (the key file is there).
    let (dir, store) = common::store();
    drop(store);
    let path = dir.path().join(DATA_FILE_NAME);
    std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(200)).unwrap();
    assert_eq!(log_in(&dir).unwrap_err().code(), ErrorCode::StoreCorrupt);

    // Some other program's plain SQLite file is not taken for a store from before encryption.
    let other = TempDir::new().unwrap();
    let other_path = other.path().join(DATA_FILE_NAME);
    let conn = Connection::open(&other_path).unwrap();
    conn.execute_batch("CREATE TABLE accounts (id INTEGER); INSERT INTO accounts VALUES (1);")
        .unwrap();
    drop(conn);
    let upgrade = UpgradeInput {
        login: "linxy".into(),
        password: demo::DEMO_PASSWORD.into(),
        password_again: demo::DEMO_PASSWORD.into(),
    };
    let err = common::vault(&other)
        .upgrade(&upgrade, common::now(), common::today())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreCorrupt);
    assert!(!other.path().join(yiyang_store::KEY_FILE_NAME).exists());
    let conn = Connection::open(&other_path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, vec!["accounts"], "nothing of ours was added to it");
    let accounts: i64 = conn
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(accounts, 1);
}

#[test]
fn every_synced_table_has_the_sync_columns() {
    let (_dir, store) = common::store();
    let conn = store.raw_connection_for_tests();
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
