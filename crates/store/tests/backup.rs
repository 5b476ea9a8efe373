//! Encrypted backups: writing and verifying them, keeping N generations, who may back up and
//! restore, restoring (also over a data file that no longer opens), and refusing backups that
//! were altered, damaged or made by another installation. Real files in temp folders.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, Utc};
use tempfile::TempDir;
use yiyang_protocol::{AuditAction, AuditQuery, ErrorCode, LogInInput, Role, Settings, UserInput};
use yiyang_store::{demo, Store, StoreError, Vault, SAFETY_BACKUP_FOLDER};

const PASSWORD: &str = demo::DEMO_PASSWORD;

fn at(minutes: i64) -> DateTime<Utc> {
    common::now() + Duration::minutes(minutes)
}

fn audit_count(store: &Store, action: AuditAction) -> i64 {
    store
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 10,
                action: Some(action),
                ..AuditQuery::default()
            },
            FixedOffset::east_opt(8 * 3600).unwrap(),
        )
        .unwrap()
        .total
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names
}

fn manifest_of(backup: &str) -> PathBuf {
    Path::new(backup).with_extension("json")
}

/// A store with `n` generated residents.
fn store_with_residents(n: usize) -> (TempDir, Store) {
    let (dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    demo::seed_residents(&mut store, &ctx, n, 7).unwrap();
    (dir, store)
}

fn set_backup_settings(store: &mut Store, folder: &Path, keep: u32) {
    let s = Settings {
        backup_folder: Some(folder.display().to_string()),
        backup_keep: keep,
        ..store.settings().unwrap()
    };
    store.save_settings(common::now(), &s).unwrap();
}

fn add_user(store: &mut Store, login: &str, role: Role) {
    let ctx = common::ctx(store);
    let institution_id = if role == Role::CareHomeAdmin {
        let home = demo::nursing_homes().remove(0);
        store.create_institution(&ctx, &home).unwrap().id
    } else {
        store.session().unwrap().institution_id.clone()
    };
    store
        .create_user(
            &ctx,
            &UserInput {
                login: login.into(),
                name: "测试用户".into(),
                role: Some(role),
                institution_id,
                password: PASSWORD.into(),
                password_again: PASSWORD.into(),
            },
        )
        .unwrap();
}

fn log_in(vault: &Vault, login: &str) -> Store {
    vault
        .log_in(
            &LogInInput {
                login: login.into(),
                password: PASSWORD.into(),
            },
            common::now(),
        )
        .unwrap()
}

fn residents_in(store: &Store) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row(
            "SELECT count(*) FROM residents WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_backup_is_encrypted_verified_and_carries_the_counts() {
    let (_dir, mut store) = store_with_residents(40);
    let folder = TempDir::new().unwrap();
    set_backup_settings(&mut store, folder.path(), 7);
    let audit_before: i64 = store
        .raw_connection_for_tests()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();

    let info = store.backup_to(folder.path(), common::now()).unwrap();

    assert!(info.verified);
    assert_eq!(info.counts.residents, 40);
    assert_eq!(info.counts.institutions, 1);
    assert_eq!(info.counts.users, 1);
    assert_eq!(info.counts.audit_entries, audit_before);
    assert_eq!(info.created_at, "2026-11-22T08:30:00Z");
    assert!(
        info.path.ends_with("yiyang-backup-20261122-083000.sqlite3"),
        "{}",
        info.path
    );
    assert_eq!(
        info.size_bytes,
        std::fs::metadata(&info.path).unwrap().len()
    );
    assert!(manifest_of(&info.path).is_file());
    assert!(files_with_ext(folder.path(), ".partial").is_empty());

    // No readable SQLite header, and without the key it is not a database at all.
    let bytes = std::fs::read(&info.path).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    let plain = rusqlite::Connection::open(&info.path).unwrap();
    assert!(plain
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    drop(plain);

    // The preview re-checks the file and agrees; the list finds it.
    let preview = store.preview_backup(Path::new(&info.path)).unwrap();
    assert_eq!(preview, info);
    let listed = store.list_backups().unwrap();
    assert_eq!(listed, vec![info.clone()]);

    assert_eq!(audit_count(&store, AuditAction::Backup), 1);
    assert_eq!(store.last_backup().unwrap(), Some(common::now()));
    assert!(!store.backup_due(at(60)).unwrap());
    assert!(store.backup_due(at(24 * 60)).unwrap());
    assert!(
        store.backup_due(at(-60)).unwrap(),
        "the clock went back: do not wait for it"
    );
}

#[test]
fn backup_now_needs_a_folder_that_exists_and_audits_the_failure_once() {
    let (_dir, mut store) = common::store();
    let err = store.backup_now(common::now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BackupInvalid);
    assert!(err.to_string().contains("备份文件夹"), "{err}");
    assert!(
        !store.backup_due(common::now()).unwrap(),
        "no folder: nothing is due"
    );

    // The USB disk is unplugged after the folder was chosen.
    let usb = TempDir::new().unwrap();
    set_backup_settings(&mut store, usb.path(), 7);
    let gone = usb.path().to_path_buf();
    drop(usb);
    assert!(store.backup_due(common::now()).unwrap());
    for minute in 0..5 {
        let err = store.backup_now(at(minute)).unwrap_err();
        assert!(err.to_string().contains("备份文件夹"), "{err}");
        assert!(
            err.to_string().contains(&gone.display().to_string()),
            "{err}"
        );
    }
    // The scheduler retries every minute: the same failure is audited once an hour, not 5 times.
    assert_eq!(audit_count(&store, AuditAction::BackupFailed), 1);
    store.backup_now(at(61)).unwrap_err();
    assert_eq!(audit_count(&store, AuditAction::BackupFailed), 2);
    assert_eq!(store.last_backup().unwrap(), None);
}

#[test]
fn retention_keeps_exactly_the_newest_n_of_this_installation() {
    let (_dir, mut store) = store_with_residents(3);
    let folder = TempDir::new().unwrap();
    set_backup_settings(&mut store, folder.path(), 3);
    // Someone else's files in the same folder (a shared USB disk) are never touched.
    let (_other_dir, other) = common::store();
    let foreign = other.backup_to(folder.path(), at(-600)).unwrap();
    std::fs::write(folder.path().join("说明.txt"), "别删").unwrap();
    std::fs::write(folder.path().join("yiyang-backup-notes.sqlite3"), "x").unwrap();

    let mut written = Vec::new();
    for i in 0..6 {
        written.push(store.backup_to(folder.path(), at(i * 60)).unwrap().path);
    }
    // Two in the same second get distinct names and count as two generations.
    let same_second = store.backup_to(folder.path(), at(5 * 60)).unwrap().path;
    assert!(same_second.ends_with("-2.sqlite3"), "{same_second}");

    let mut kept: Vec<String> = files_with_ext(folder.path(), ".sqlite3");
    kept.retain(|n| *n != "yiyang-backup-notes.sqlite3" && !foreign.path.ends_with(n.as_str()));
    assert_eq!(
        kept,
        vec![
            "yiyang-backup-20261122-123000.sqlite3",
            "yiyang-backup-20261122-133000-2.sqlite3",
            "yiyang-backup-20261122-133000.sqlite3",
        ]
    );
    assert_eq!(
        files_with_ext(folder.path(), ".json").len(),
        4,
        "3 ours + the other's"
    );
    assert!(Path::new(&foreign.path).is_file());
    assert!(folder.path().join("说明.txt").is_file());
    assert!(folder.path().join("yiyang-backup-notes.sqlite3").is_file());

    // Listed newest first; the other installation's is listed but not verified.
    let listed = store.list_backups().unwrap();
    assert_eq!(listed.len(), 4);
    assert!(listed[..3].iter().all(|b| b.verified));
    assert_eq!(listed[0].path, same_second);
    assert!(!listed[3].verified);
    assert_eq!(listed[3].path, foreign.path);
}

#[test]
fn a_nurse_backs_up_but_cannot_restore_and_a_care_home_admin_cannot_back_up() {
    let (_dir, mut store) = common::store();
    add_user(&mut store, "nurse1", Role::Nurse);
    add_user(&mut store, "home1", Role::CareHomeAdmin);
    let folder = TempDir::new().unwrap();
    set_backup_settings(&mut store, folder.path(), 7);
    let vault = store.vault().clone();
    drop(store);

    let nurse = log_in(&vault, "nurse1");
    let info = nurse.backup_now(common::now()).unwrap();
    let err = nurse.preview_backup(Path::new(&info.path)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let err = nurse
        .restore_backup(Path::new(&info.path), common::now())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);

    let home = log_in(&vault, "home1");
    let err = home.backup_to(folder.path(), at(1)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert_eq!(
        home.list_backups().unwrap_err().code(),
        ErrorCode::Forbidden
    );
    // The schedule still backs up while only a care-home admin is logged in.
    assert!(home.backup_scheduled(at(24 * 60)).unwrap().is_some());
    assert!(
        home.backup_scheduled(at(24 * 60 + 1)).unwrap().is_none(),
        "not due again yet"
    );
    assert_eq!(files_with_ext(folder.path(), ".sqlite3").len(), 2);
}

#[test]
fn restore_brings_back_the_data_as_it_was_and_keeps_a_safety_copy() {
    let (dir, mut store) = store_with_residents(10);
    let folder = TempDir::new().unwrap();
    let backup = store.backup_to(folder.path(), common::now()).unwrap();
    let user_id = store.session().unwrap().user_id.clone();

    // After the backup: a new resident.
    let ctx = common::ctx(&store);
    let newer = store.create_resident(&ctx, &common::resident()).unwrap();
    assert_eq!(residents_in(&store), 11);

    let (store, done) = store
        .restore_backup(Path::new(&backup.path), at(10))
        .unwrap();

    assert_eq!(residents_in(&store), 10);
    let gone = store
        .get_resident(&newer.id, at(10), common::today())
        .unwrap_err();
    assert_eq!(gone.code(), ErrorCode::NotFound);
    assert_eq!(store.session().unwrap().user_id, user_id, "still logged in");
    store.integrity_check().unwrap();
    assert_eq!(done.restored, backup);

    // The safety copy holds the data as it was just before, including the newer resident.
    assert!(done.safety_backup.verified);
    assert_eq!(done.safety_backup.counts.residents, 11);
    assert!(Path::new(&done.safety_backup.path).starts_with(dir.path().join(SAFETY_BACKUP_FOLDER)));
    // The restored log records the restore; the safety copy is listed for undoing it.
    assert_eq!(audit_count(&store, AuditAction::Restore), 1);
    assert!(store
        .list_backups()
        .unwrap()
        .iter()
        .any(|b| b.path == done.safety_backup.path && b.verified));

    // Undo: restoring the safety copy brings the newer resident back.
    let safety = done.safety_backup.path.clone();
    let (store, _) = store.restore_backup(Path::new(&safety), at(20)).unwrap();
    assert_eq!(residents_in(&store), 11);
    assert_eq!(
        store
            .get_resident(&newer.id, at(20), common::today())
            .unwrap()
            .name,
        "张三丰"
    );
    assert!(store.verify_audit().unwrap().intact);
}

/// Copies a fresh backup's pair of files so each case below alters its own copy.
fn copy_backup(info_path: &str, to: &Path, name: &str) -> PathBuf {
    let db = to.join(format!("{name}.sqlite3"));
    std::fs::copy(info_path, &db).unwrap();
    std::fs::copy(manifest_of(info_path), db.with_extension("json")).unwrap();
    db
}

fn assert_invalid(store: &Store, path: &Path, why: &str) {
    match store.preview_backup(path) {
        Err(e @ StoreError::BackupInvalid(_)) => {
            assert!(!e.to_string().is_empty());
        }
        other => panic!("{why}: expected BackupInvalid, got {other:?}"),
    }
}

#[test]
fn altered_damaged_or_incomplete_backups_are_refused_with_a_clear_error() {
    let (_dir, store) = store_with_residents(20);
    let folder = TempDir::new().unwrap();
    let info = store.backup_to(folder.path(), common::now()).unwrap();
    let work = TempDir::new().unwrap();

    // One byte changed in the middle of the file.
    let flipped = copy_backup(&info.path, work.path(), "flipped");
    let mut bytes = std::fs::read(&flipped).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&flipped, &bytes).unwrap();
    assert_invalid(&store, &flipped, "one byte flipped");
    let msg = store.preview_backup(&flipped).unwrap_err().to_string();
    assert!(msg.contains("备份文件在写入后被改动或已损坏"), "{msg}");

    // Truncated (e.g. the USB disk was pulled while copying it elsewhere).
    let truncated = copy_backup(&info.path, work.path(), "truncated");
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    assert_invalid(&store, &truncated, "truncated");
    std::fs::write(&truncated, b"").unwrap();
    assert_invalid(&store, &truncated, "empty");

    // The manifest's counts edited (to make a backup look fuller than it is).
    let edited = copy_backup(&info.path, work.path(), "edited");
    let json = edited.with_extension("json");
    let text = std::fs::read_to_string(&json).unwrap();
    let changed = text.replace("\"residents\": 20", "\"residents\": 25");
    assert_ne!(text, changed);
    std::fs::write(&json, changed).unwrap();
    assert_invalid(&store, &edited, "manifest counts edited");

    // A changed file with its hash recomputed in the manifest: the HMAC still catches it.
    let rehashed = copy_backup(&info.path, work.path(), "rehashed");
    let mut bytes = std::fs::read(&rehashed).unwrap();
    bytes[mid] ^= 0x01;
    std::fs::write(&rehashed, &bytes).unwrap();
    let json = rehashed.with_extension("json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    use sha2::Digest;
    manifest["sha256"] = hex::encode(sha2::Sha256::digest(&bytes)).into();
    std::fs::write(&json, serde_json::to_vec(&manifest).unwrap()).unwrap();
    assert_invalid(&store, &rehashed, "hash recomputed");

    // No manifest; a garbage manifest; garbage for both; a file that does not exist.
    let bare = copy_backup(&info.path, work.path(), "bare");
    std::fs::remove_file(bare.with_extension("json")).unwrap();
    assert_invalid(&store, &bare, "no manifest");
    let garbage_manifest = copy_backup(&info.path, work.path(), "garbage-manifest");
    std::fs::write(garbage_manifest.with_extension("json"), [0xff, 0x00, 0x7b]).unwrap();
    assert_invalid(&store, &garbage_manifest, "garbage manifest");
    let garbage = work.path().join("garbage.sqlite3");
    std::fs::write(&garbage, vec![0x5a; 8192]).unwrap();
    std::fs::write(garbage.with_extension("json"), "{\"format\": 1}").unwrap();
    assert_invalid(&store, &garbage, "garbage");
    assert_invalid(&store, &work.path().join("nowhere.sqlite3"), "missing");

    // Restoring a damaged backup changes nothing: the data and the session's user are as before.
    let vault = store.vault().clone();
    let err = store.restore_backup(&flipped, at(5)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BackupInvalid);
    let store = log_in(&vault, "linxy");
    assert_eq!(residents_in(&store), 20);
    store.integrity_check().unwrap();
    // The original, untouched, is still good.
    assert!(
        store
            .preview_backup(Path::new(&info.path))
            .unwrap()
            .verified
    );
}

#[test]
fn a_backup_from_another_installation_is_refused_as_foreign() {
    let (_dir, store) = common::store();
    let (_other_dir, other) = store_with_residents(5);
    let folder = TempDir::new().unwrap();
    let foreign = other.backup_to(folder.path(), common::now()).unwrap();

    let err = store.preview_backup(Path::new(&foreign.path)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BackupForeign);
    let msg = err.to_string();
    assert!(msg.contains(&other.device_id().unwrap()), "{msg}");
    assert!(msg.contains("2026-11-22"), "{msg}");

    let vault = store.vault().clone();
    let err = store
        .restore_backup(Path::new(&foreign.path), at(1))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::BackupForeign);
    let store = log_in(&vault, "linxy");
    assert_eq!(residents_in(&store), 0);
}

#[test]
fn a_data_file_that_no_longer_opens_is_restored_with_a_password_and_kept_aside() {
    let (dir, mut store) = store_with_residents(12);
    add_user(&mut store, "nurse1", Role::Nurse);
    let folder = TempDir::new().unwrap();
    let backup = store.backup_to(folder.path(), common::now()).unwrap();
    let vault = store.vault().clone();
    drop(store);

    // The data file is overwritten with garbage (a failing disk, a bad copy).
    let data = vault.data_path();
    let garbage = vec![0xa5u8; 64 * 1024];
    std::fs::write(&data, &garbage).unwrap();
    let err = vault
        .log_in(
            &LogInInput {
                login: "linxy".into(),
                password: PASSWORD.into(),
            },
            common::now(),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreCorrupt);

    let path = Path::new(&backup.path);
    let wrong = vault
        .restore_broken(path, "linxy", "not-the-password", at(1))
        .unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::WrongPassword);
    // A nurse knows her password but may not restore: nothing is changed.
    let nurse = vault
        .restore_broken(path, "nurse1", PASSWORD, at(1))
        .unwrap_err();
    assert_eq!(nurse.code(), ErrorCode::Forbidden);
    assert_eq!(std::fs::read(&data).unwrap(), garbage);

    let (store, done) = vault
        .restore_broken(path, " LinXY ", PASSWORD, at(2))
        .unwrap();
    assert_eq!(residents_in(&store), 12);
    store.integrity_check().unwrap();
    assert_eq!(store.session().unwrap().login, "linxy");
    assert_eq!(done.restored, backup);
    assert!(!done.safety_backup.verified);
    assert_eq!(done.safety_backup.size_bytes, garbage.len() as u64);
    // The broken file is kept, byte for byte, beside the restored one.
    let aside = PathBuf::from(&done.safety_backup.path);
    assert!(aside.starts_with(dir.path()));
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("yiyang.sqlite3.broken-20261122-083200"));
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
    assert_eq!(audit_count(&store, AuditAction::Restore), 1);
}

#[test]
fn a_restore_by_a_user_missing_from_the_backup_ends_at_log_in_with_the_data_restored() {
    let (_dir, mut store) = store_with_residents(4);
    let folder = TempDir::new().unwrap();
    let backup = store.backup_to(folder.path(), common::now()).unwrap();
    add_user(&mut store, "admin2", Role::ClinicAdmin);
    let ctx = common::ctx(&store);
    store.create_resident(&ctx, &common::resident()).unwrap();
    let vault = store.vault().clone();
    drop(store);

    let admin2 = log_in(&vault, "admin2");
    let err = admin2
        .restore_backup(Path::new(&backup.path), at(3))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotLoggedIn);

    let store = log_in(&vault, "linxy");
    assert_eq!(residents_in(&store), 4, "the restore happened");
    assert_eq!(audit_count(&store, AuditAction::Restore), 1);
    assert_eq!(
        vault
            .log_in(
                &LogInInput {
                    login: "admin2".into(),
                    password: PASSWORD.into(),
                },
                at(4),
            )
            .unwrap_err()
            .code(),
        ErrorCode::WrongPassword,
        "a user the backup does not know cannot log in to it"
    );
}
