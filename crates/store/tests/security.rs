//! Encryption at rest, passwords, the growing delay after wrong ones, the recovery code, users,
//! encrypting a store from before encryption, and damaged files.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod team;

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use common::{now, today};
use rusqlite::Connection;
use team::{log_in, PASSWORD};
use tempfile::TempDir;
use yiyang_protocol::*;
use yiyang_store::{
    ConversionStage, Store, StoreError, Vault, VaultState, DATA_FILE_NAME, KEY_FILE_NAME,
    LATEST_VERSION,
};

fn fields(err: &StoreError) -> Vec<String> {
    err.field_issues().into_iter().map(|f| f.field).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Flushes the WAL into the data file and closes the store.
fn close(store: Store) {
    store
        .raw_connection_for_tests()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(store);
}

fn secs(n: i64) -> DateTime<Utc> {
    now() + Duration::seconds(n)
}

// ---------------------------------------------------------------------------------------------
// The data file is unreadable without a key.

#[test]
fn the_data_file_reveals_nothing_without_the_key() {
    let (dir, mut s) = common::store();
    let ctx = common::ctx(&s);
    s.create_resident(&ctx, &common::resident()).unwrap();
    yiyang_store::demo::seed_residents(&mut s, &ctx, 50, 3).unwrap();
    let data = dir.path().join(DATA_FILE_NAME);
    // While open, the WAL holds recent pages: it is encrypted too.
    for path in [
        data.clone(),
        dir.path().join(format!("{DATA_FILE_NAME}-wal")),
    ] {
        if let Ok(bytes) = std::fs::read(&path) {
            assert!(!contains(&bytes, "张三丰".as_bytes()), "{}", path.display());
        }
    }
    close(s);
    let bytes = std::fs::read(&data).unwrap();
    assert!(bytes.len() > 16 * 1024, "the residents are in the file");
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    for needle in [
        "张三丰",
        "11010519491231002X",
        "13812345678",
        "桐庐县城南镇卫生院",
        "CREATE TABLE",
    ] {
        assert!(
            !contains(&bytes, needle.as_bytes()),
            "{needle} readable in the data file"
        );
    }
    let wal = dir.path().join(format!("{DATA_FILE_NAME}-wal"));
    if let Ok(bytes) = std::fs::read(&wal) {
        assert!(
            !contains(&bytes, "张三丰".as_bytes()),
            "readable in the WAL"
        );
    }
    // The key file holds wraps, not the password, the key or health data.
    let keys = std::fs::read(dir.path().join(KEY_FILE_NAME)).unwrap();
    for needle in [PASSWORD, "张三丰", "林晓燕"] {
        assert!(
            !contains(&keys, needle.as_bytes()),
            "{needle} in the key file"
        );
    }
}

#[test]
fn sqlite_without_the_key_cannot_read_the_file() {
    let (dir, s) = common::store();
    close(s);
    let conn = Connection::open(dir.path().join(DATA_FILE_NAME)).unwrap();
    let err = conn
        .query_row("SELECT count(*) FROM residents", [], |r| r.get::<_, i64>(0))
        .unwrap_err();
    assert_eq!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase),
        "{err}"
    );
    // A wrong key is no better.
    let conn = Connection::open(dir.path().join(DATA_FILE_NAME)).unwrap();
    conn.pragma_update(None, "key", "yiyang2026").unwrap();
    let err = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_err();
    assert_eq!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase),
        "{err}"
    );
}

#[test]
fn the_sqlite3_command_line_tool_cannot_read_the_file() {
    let (dir, s) = common::store();
    close(s);
    let data = dir.path().join(DATA_FILE_NAME);
    let before = std::fs::read(&data).unwrap();
    let out = match std::process::Command::new("sqlite3")
        .arg(&data)
        .arg("SELECT count(*) FROM residents;")
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            println!("NOTE: sqlite3 CLI not available ({e}); install the `sqlite3` package to run this check");
            return;
        }
    };
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "sqlite3 read the file: {said}");
    assert!(said.contains("file is not a database"), "{said}");
    assert!(
        std::fs::read(&data).unwrap() == before,
        "the tool changed nothing"
    );
}

#[test]
fn the_password_and_the_recovery_code_open_the_store() {
    let dir = TempDir::new().unwrap();
    let vault = common::vault(&dir);
    let (s, done) = vault
        .set_up(&common::setup_input(), now(), today())
        .unwrap();
    let ctx = common::ctx(&s);
    let mut s = s;
    let r = s.create_resident(&ctx, &common::resident()).unwrap();
    close(s);
    assert_eq!(vault.state().unwrap(), VaultState::Encrypted);

    // The password.
    let s = log_in(&vault, "linxy", PASSWORD, now()).unwrap();
    assert_eq!(
        s.get_resident(&r.id, now(), today()).unwrap().name,
        "张三丰"
    );
    assert_eq!(s.session_info().unwrap(), done.session);
    drop(s);
    // Log-in names are not case-sensitive; passwords are.
    assert!(log_in(&vault, " LinXY ", PASSWORD, now()).is_ok());
    assert_eq!(
        log_in(&vault, "linxy", &PASSWORD.to_uppercase(), now())
            .unwrap_err()
            .code(),
        ErrorCode::WrongPassword
    );

    // The recovery code (typed loosely) sets a new password for the 机构管理员.
    let code = done.recovery_code.to_lowercase().replace('-', " ");
    let recover = |login: &str, code: &str| RecoverInput {
        recovery_code: code.into(),
        login: login.into(),
        new_password: "recover2027".into(),
        new_password_again: "recover2027".into(),
    };
    let s = vault.recover(&recover("linxy", &code), now()).unwrap();
    assert_eq!(
        s.get_resident(&r.id, now(), today()).unwrap().name,
        "张三丰"
    );
    assert_eq!(s.session().unwrap().role, Role::ClinicAdmin);
    drop(s);
    assert!(log_in(&vault, "linxy", "recover2027", now()).is_ok());
    assert_eq!(
        log_in(&vault, "linxy", PASSWORD, now()).unwrap_err().code(),
        ErrorCode::WrongPassword,
        "the forgotten password no longer opens"
    );
    // The code keeps working (it is the way back in), but only with the real code.
    let wrong = vault.recover(
        &recover("linxy", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"),
        now(),
    );
    assert_eq!(wrong.unwrap_err().code(), ErrorCode::WrongPassword);
    let audit = log_in(&vault, "linxy", "recover2027", now())
        .unwrap()
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 100,
                action: Some(AuditAction::Recover),
                ..AuditQuery::default()
            },
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap();
    assert_eq!(audit.total, 1);
}

#[test]
fn the_recovery_code_resets_only_a_live_clinic_admin() {
    let dir = TempDir::new().unwrap();
    let vault = common::vault(&dir);
    let (mut admin, done) = vault
        .set_up(&common::setup_input(), now(), today())
        .unwrap();
    let ctx = common::ctx(&admin);
    let clinic = admin.session().unwrap().institution_id.clone();
    admin
        .create_user(
            &ctx,
            &UserInput {
                login: "zhaohs".into(),
                name: "赵慧珊".into(),
                role: Some(Role::Nurse),
                institution_id: clinic,
                password: PASSWORD.into(),
                password_again: PASSWORD.into(),
            },
        )
        .unwrap();
    drop(admin);
    let recover = |login: &str| RecoverInput {
        recovery_code: done.recovery_code.clone(),
        login: login.into(),
        new_password: "recover2027".into(),
        new_password_again: "recover2027".into(),
    };
    for login in ["zhaohs", "nobody"] {
        let err = vault.recover(&recover(login), now()).unwrap_err();
        assert_eq!(fields(&err), vec!["login".to_owned()], "{login}");
    }
    let err = vault.recover(&recover("王"), now()).unwrap_err();
    assert_eq!(fields(&err), vec!["login".to_owned()]);
    let weak = RecoverInput {
        new_password_again: "recover2028".into(),
        ..recover("linxy")
    };
    assert_eq!(
        fields(&vault.recover(&weak, now()).unwrap_err()),
        vec!["newPasswordAgain".to_owned()]
    );
    // Nothing was changed: both old passwords still work.
    assert!(log_in(&vault, "zhaohs", PASSWORD, now()).is_ok());
    assert!(log_in(&vault, "linxy", PASSWORD, now()).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Wrong passwords.

#[test]
fn wrong_passwords_slow_down_guessing_and_are_audited_at_the_next_log_in() {
    let (dir, s) = common::store();
    drop(s);
    let vault = common::vault(&dir);
    // Three free tries; an unknown log-in counts the same and reads the same.
    for (i, login) in ["linxy", "nobody", "linxy"].into_iter().enumerate() {
        let err = log_in(&vault, login, "guess2026", secs(i as i64)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::WrongPassword, "attempt {i}");
        assert_eq!(err.to_string(), "登录名或密码错误");
    }
    // Then one second's wait, in which even the right password is refused.
    let err = log_in(&vault, "linxy", PASSWORD, secs(2)).unwrap_err();
    assert!(
        matches!(err, StoreError::TooManyAttempts { wait_seconds: 1 }),
        "{err:?}"
    );
    // A fourth wrong password after it: two seconds.
    let err = log_in(&vault, "linxy", "guess2026", secs(3)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongPassword);
    for at in [secs(3), secs(4)] {
        let err = log_in(&vault, "linxy", PASSWORD, at).unwrap_err();
        assert_eq!(err.code(), ErrorCode::TooManyAttempts, "{at}");
    }
    // The delay is in the key file: a new Vault (a restart) still waits.
    let restarted = Vault::new(dir.path(), yiyang_store::KdfParams::insecure_for_tests());
    assert_eq!(
        log_in(&restarted, "linxy", PASSWORD, secs(4))
            .unwrap_err()
            .code(),
        ErrorCode::TooManyAttempts
    );
    // Once it has passed, the right password works and the count starts over.
    let s = log_in(&vault, "linxy", PASSWORD, secs(5)).unwrap();
    let failed = s
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 100,
                action: Some(AuditAction::LogInFailed),
                ..AuditQuery::default()
            },
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap();
    let mut logins: Vec<(String, String)> = failed
        .entries
        .iter()
        .map(|e| (e.user_name.clone(), e.at.clone()))
        .collect();
    logins.reverse();
    let at = |n| secs(n).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    assert_eq!(
        logins,
        vec![
            ("linxy".to_owned(), at(0)),
            ("nobody".to_owned(), at(1)),
            ("linxy".to_owned(), at(2)),
            ("linxy".to_owned(), at(3)),
        ]
    );
    assert!(failed.entries.iter().all(|e| e.user_id.is_none()));
    drop(s);
    // Reset: three more free tries before any wait.
    for i in 0..3 {
        assert_eq!(
            log_in(&vault, "linxy", "guess2026", secs(6 + i))
                .unwrap_err()
                .code(),
            ErrorCode::WrongPassword
        );
    }
    assert_eq!(
        log_in(&vault, "linxy", PASSWORD, secs(8))
            .unwrap_err()
            .code(),
        ErrorCode::TooManyAttempts
    );
    assert!(log_in(&vault, "linxy", PASSWORD, secs(9)).is_ok());
}

#[test]
fn the_delay_grows_with_each_failure() {
    let (dir, s) = common::store();
    drop(s);
    let vault = common::vault(&dir);
    let mut t = 0;
    // Failures 4, 5, 6 … each made as soon as allowed: 1, 2, 4, 8 s.
    for _ in 0..3 {
        log_in(&vault, "linxy", "guess2026", secs(t)).unwrap_err();
    }
    for expected in [1, 2, 4, 8] {
        let err = log_in(&vault, "linxy", PASSWORD, secs(t)).unwrap_err();
        assert!(
            matches!(err, StoreError::TooManyAttempts { wait_seconds } if wait_seconds == expected),
            "{err:?}, expected {expected}"
        );
        t += i64::try_from(expected).unwrap();
        assert_eq!(
            log_in(&vault, "linxy", "guess2026", secs(t))
                .unwrap_err()
                .code(),
            ErrorCode::WrongPassword
        );
    }
    assert!(log_in(&vault, "linxy", PASSWORD, secs(t + 16)).is_ok());
}

#[test]
fn unlock_takes_the_same_users_password_and_counts_failures() {
    let t = team::team();
    let admin_id = t.user_id(Role::ClinicAdmin).to_owned();
    drop(t.admin);
    let err = t.vault.unlock(&admin_id, "guess2026", now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongPassword);
    // A second try; both are written to the log at the next success.
    let err = t.vault.unlock(&admin_id, "linxy2025", now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongPassword);
    let s = t.vault.unlock(&admin_id, PASSWORD, now()).unwrap();
    assert_eq!(s.session().unwrap().user_id, admin_id);
    let failed = s
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 100,
                action: Some(AuditAction::UnlockFailed),
                ..AuditQuery::default()
            },
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap();
    assert_eq!(failed.total, 2);
    assert!(failed.entries.iter().all(|e| e.user_name == "linxy"));
}

// ---------------------------------------------------------------------------------------------
// Passwords and users.

#[test]
fn changing_a_password_rewraps_the_key() {
    let (dir, mut s) = common::store();
    let vault = common::vault(&dir);
    let change = |old: &str, new: &str, again: &str| ChangePasswordInput {
        old_password: old.into(),
        new_password: new.into(),
        new_password_again: again.into(),
    };
    let err = s
        .change_password(now(), &change("guess2026", "linxy2027x", "linxy2027x"))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["oldPassword".to_owned()]);
    let err = s
        .change_password(now(), &change(PASSWORD, "short1", "short1"))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["newPassword".to_owned()]);
    let err = s
        .change_password(now(), &change(PASSWORD, "linxy2027x", "linxy2028x"))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["newPasswordAgain".to_owned()]);
    assert!(
        log_in(&vault, "linxy", PASSWORD, now()).is_ok(),
        "refused changes change nothing"
    );

    s.change_password(now(), &change(PASSWORD, "linxy2027x", "linxy2027x"))
        .unwrap();
    drop(s);
    assert_eq!(
        log_in(&vault, "linxy", PASSWORD, now()).unwrap_err().code(),
        ErrorCode::WrongPassword
    );
    assert!(log_in(&vault, "linxy", "linxy2027x", secs(1)).is_ok());
}

#[test]
fn an_admin_resets_a_forgotten_password() {
    let mut t = team::team();
    let nurse_id = t.user_id(Role::Nurse).to_owned();
    let ctx = common::ctx(&t.admin);
    let reset = |pw: &str, again: &str| ResetPasswordInput {
        user_id: nurse_id.clone(),
        password: pw.into(),
        password_again: again.into(),
    };
    let err = t
        .admin
        .reset_user_password(&ctx, &reset("12345678", "12345678"))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["password".to_owned()]);
    let err = t
        .admin
        .reset_user_password(&ctx, &reset("nurse2027x", "nurse2027y"))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["passwordAgain".to_owned()]);
    t.admin
        .reset_user_password(&ctx, &reset("nurse2027x", "nurse2027x"))
        .unwrap();
    assert_eq!(
        log_in(&t.vault, "zhaohs", PASSWORD, now())
            .unwrap_err()
            .code(),
        ErrorCode::WrongPassword
    );
    let nurse = log_in(&t.vault, "zhaohs", "nurse2027x", now()).unwrap();
    assert_eq!(nurse.session().unwrap().user_id, nurse_id);
    let unknown = ResetPasswordInput {
        user_id: "no-such-user".into(),
        ..reset("nurse2027x", "nurse2027x")
    };
    assert_eq!(
        t.admin
            .reset_user_password(&ctx, &unknown)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn a_removed_user_cannot_log_in_and_their_history_stays() {
    let mut t = team::team();
    let nurse_id = t.user_id(Role::Nurse).to_owned();
    // The nurse edits a file, then leaves.
    let mut nurse = t.as_role(Role::Nurse);
    let nctx = common::ctx(&nurse);
    let edited = nurse
        .change_resident_status(
            &nctx,
            &ChangeStatus {
                id: t.at_home.id.clone(),
                base_version: 1,
                status: ResidentStatus::Moved,
                date: "2026-11-20".into(),
                note: String::new(),
            },
        )
        .unwrap();
    drop(nurse);
    let ctx = common::ctx(&t.admin);
    // Nobody removes themself (the clinic would be left without an admin).
    let me = t.user_id(Role::ClinicAdmin).to_owned();
    assert_eq!(
        t.admin.remove_user(&ctx, &me).unwrap_err().code(),
        ErrorCode::Forbidden
    );
    t.admin.remove_user(&ctx, &nurse_id).unwrap();

    assert_eq!(
        log_in(&t.vault, "zhaohs", PASSWORD, now())
            .unwrap_err()
            .code(),
        ErrorCode::WrongPassword
    );
    assert_eq!(
        t.vault
            .unlock(&nurse_id, PASSWORD, now())
            .unwrap_err()
            .code(),
        ErrorCode::WrongPassword
    );
    let keys = std::fs::read_to_string(t.vault.key_path()).unwrap();
    assert!(
        !keys.contains(&nurse_id),
        "the wrap is gone from the key file"
    );
    assert!(t
        .admin
        .list_users()
        .unwrap()
        .iter()
        .all(|u| u.id != nurse_id));

    // What they did is still theirs.
    let file = t.admin.get_resident(&t.at_home.id, now(), today()).unwrap();
    assert_eq!(file.updated_by_name, "赵慧珊");
    assert_eq!(file.version, edited.version);
    let history = t.admin.resident_history(&t.at_home.id).unwrap();
    assert_eq!(history[0].actor_name, "赵慧珊");
    let theirs = t
        .admin
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 100,
                user_id: Some(nurse_id.clone()),
                ..AuditQuery::default()
            },
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap();
    assert!(theirs
        .entries
        .iter()
        .any(|e| e.action == AuditAction::ChangeResidentStatus));
    assert!(theirs.entries.iter().all(|e| e.user_name == "赵慧珊"));
    // The log-in name is free again for a successor.
    let successor = t
        .admin
        .create_user(
            &ctx,
            &UserInput {
                login: "zhaohs".into(),
                name: "赵慧敏".into(),
                role: Some(Role::Nurse),
                institution_id: t.clinic_id.clone(),
                password: "nurse2027x".into(),
                password_again: "nurse2027x".into(),
            },
        )
        .unwrap();
    assert_ne!(successor.id, nurse_id);
    let s = log_in(&t.vault, "zhaohs", "nurse2027x", now()).unwrap();
    assert_eq!(s.session().unwrap().name, "赵慧敏");
    assert_eq!(
        t.admin.remove_user(&ctx, &nurse_id).unwrap_err().code(),
        ErrorCode::NotFound,
        "removing twice"
    );
}

#[test]
fn new_users_are_validated_field_by_field() {
    let mut t = team::team();
    let ctx = common::ctx(&t.admin);
    let good = UserInput {
        login: "sunhs".into(),
        name: "孙护士".into(),
        role: Some(Role::Nurse),
        institution_id: t.clinic_id.clone(),
        password: "nurse2027x".into(),
        password_again: "nurse2027x".into(),
    };
    let cases: Vec<(UserInput, Vec<&str>)> = vec![
        (
            UserInput {
                login: "ZhaoHS".into(),
                ..good.clone()
            },
            vec!["login"],
        ),
        (
            UserInput {
                login: "孙".into(),
                ..good.clone()
            },
            vec!["login"],
        ),
        (
            UserInput {
                login: "s".into(),
                ..good.clone()
            },
            vec!["login"],
        ),
        (
            UserInput {
                login: String::new(),
                ..good.clone()
            },
            vec!["login"],
        ),
        (
            UserInput {
                name: String::new(),
                ..good.clone()
            },
            vec!["name"],
        ),
        (
            UserInput {
                password: "nurse".into(),
                password_again: "nurse".into(),
                ..good.clone()
            },
            vec!["password"],
        ),
        (
            UserInput {
                password: "abcdefghij".into(),
                password_again: "abcdefghij".into(),
                ..good.clone()
            },
            vec!["password"],
        ),
        (
            UserInput {
                password_again: "nurse2027y".into(),
                ..good.clone()
            },
            vec!["passwordAgain"],
        ),
        (
            UserInput {
                role: None,
                ..good.clone()
            },
            vec!["role"],
        ),
        (
            UserInput {
                institution_id: String::new(),
                ..good.clone()
            },
            vec!["institutionId"],
        ),
        // A nurse belongs to the clinic, a 养老机构管理员 to a nursing home.
        (
            UserInput {
                institution_id: t.home_id.clone(),
                ..good.clone()
            },
            vec!["institutionId"],
        ),
        (
            UserInput {
                role: Some(Role::CareHomeAdmin),
                ..good.clone()
            },
            vec!["institutionId"],
        ),
        (
            UserInput {
                login: "孙".into(),
                name: String::new(),
                password: "x".into(),
                role: None,
                ..good.clone()
            },
            vec!["name", "login", "password", "role"],
        ),
    ];
    let users_before = t.admin.list_users().unwrap();
    let keys_before = std::fs::read(t.vault.key_path()).unwrap();
    for (input, expected) in cases {
        let err = t.admin.create_user(&ctx, &input).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{input:?}");
        let mut got = fields(&err);
        let mut expected: Vec<String> = expected.into_iter().map(str::to_owned).collect();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "{input:?}");
    }
    assert_eq!(
        t.admin.list_users().unwrap(),
        users_before,
        "nothing created"
    );
    assert!(
        std::fs::read(t.vault.key_path()).unwrap() == keys_before,
        "no wrap added"
    );
    let dup = t
        .admin
        .create_user(
            &ctx,
            &UserInput {
                login: "ZhaoHS".into(),
                ..good.clone()
            },
        )
        .unwrap_err();
    assert!(dup.field_issues()[0].message.contains("赵慧珊"), "{dup}");

    let row = t.admin.create_user(&ctx, &good).unwrap();
    assert!(row.can_log_in);
    assert_eq!(row.role, Role::Nurse);
    let home_admin = t
        .admin
        .create_user(
            &ctx,
            &UserInput {
                login: "home2".into(),
                role: Some(Role::CareHomeAdmin),
                institution_id: t.other_home_id.clone(),
                ..good.clone()
            },
        )
        .unwrap();
    assert_eq!(home_admin.institution_name, "桐庐康乐养老院");
    let s = log_in(&t.vault, "home2", "nurse2027x", now()).unwrap();
    let q = ResidentListQuery {
        page: 1,
        page_size: 10,
        ..ResidentListQuery::default()
    };
    let names: Vec<String> = s
        .list_residents(&q, today())
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, vec!["王五"]);
}

// ---------------------------------------------------------------------------------------------
// A store from before encryption.

const INIT_SQL: &str = include_str!("../../../migrations/0001_init.sql");

/// A store as the foundation release left it: plain SQLite, migration 1 only, one institution,
/// its first user and two residents.
fn foundation_store(dir: &Path) {
    use sha2::Digest;
    let conn = Connection::open(dir.join(DATA_FILE_NAME)).unwrap();
    // "YYNG", the foundation's application id.
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL; PRAGMA application_id = {};",
        0x5959_4E47_i64
    ))
    .unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
             checksum TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .unwrap();
    conn.execute_batch(INIT_SQL).unwrap();
    conn.execute(
        "INSERT INTO schema_migrations VALUES (1, '0001_init', ?1, '2026-06-01T08:00:00.000Z')",
        [hex::encode(sha2::Sha256::digest(INIT_SQL.as_bytes()))],
    )
    .unwrap();
    let at = "2026-06-01T08:00:00.000Z";
    conn.execute(
        "INSERT INTO institutions (id, version, created_at, updated_at, created_by, updated_by, kind,
             name, credit_code, county_code, township_code, village_code, address)
         VALUES ('inst-1', 1, ?1, ?1, 'user-1', 'user-1', 'township_clinic', '桐庐县城南镇卫生院',
                 ?2, '330122', '101', '001', '城南街道健康路 8 号')",
        [at, common::setup_input().institution.credit_code.as_str()],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO users (id, version, created_at, updated_at, created_by, updated_by,
             institution_id, name)
         VALUES ('user-1', 1, ?1, ?1, 'user-1', 'user-1', 'inst-1', '林晓燕')",
        [at],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO installation (singleton, device_id, created_at, institution_id, user_id)
         VALUES (1, 'device-1', ?1, 'inst-1', 'user-1')",
        [at],
    )
    .unwrap();
    for (id, name, id_number, sex, birth, file_no) in [
        (
            "res-1",
            "张三丰",
            "11010519491231002X",
            "female",
            "1949-12-31",
            "33012210100100001",
        ),
        (
            "res-2",
            "李四",
            "440524188001015368",
            "female",
            "1880-01-01",
            "33012210100100002",
        ),
    ] {
        conn.execute(
            "INSERT INTO residents (id, version, created_at, updated_at, created_by, updated_by,
                 institution_id, name, name_sort, pinyin_initials, id_rev, phone_digits, phone_rev,
                 id_number, sex, birth_date, phone, address, living_kind, medical_insurance,
                 ltc_insurance, health_file_no, status)
             VALUES (?1, 1, ?2, ?2, 'user-1', 'user-1', 'inst-1', ?3, ?3, '', '', '13812345678',
                     '87654321831', ?4, ?5, ?6, '13812345678', '城南镇王家村', 'home',
                     'urban_rural_resident', 0, ?7, 'active')",
            rusqlite::params![id, at, name, id_number, sex, birth, file_no],
        )
        .unwrap();
    }
}

fn plain_names(dir: &Path) -> Vec<String> {
    let conn = Connection::open(dir.join(DATA_FILE_NAME)).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM residents ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Migration versions recorded in the plain file: an older app must still be able to open it.
fn plain_versions(dir: &Path) -> Vec<i64> {
    let conn = Connection::open(dir.join(DATA_FILE_NAME)).unwrap();
    let mut stmt = conn
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn upgrade_input() -> UpgradeInput {
    UpgradeInput {
        login: "LinXY".into(),
        password: "linxy2027x".into(),
        password_again: "linxy2027x".into(),
    }
}

#[test]
fn a_store_from_before_encryption_is_encrypted_in_place() {
    let dir = TempDir::new().unwrap();
    foundation_store(dir.path());
    let vault = common::vault(&dir);
    assert_eq!(vault.state().unwrap(), VaultState::Plain);
    assert_eq!(
        log_in(&vault, "linxy", "linxy2027x", now())
            .unwrap_err()
            .code(),
        ErrorCode::NotSetUp,
        "no log-in before the upgrade"
    );
    let bad = UpgradeInput {
        password_again: "linxy2028x".into(),
        ..upgrade_input()
    };
    let err = vault.upgrade(&bad, now(), today()).unwrap_err();
    assert_eq!(fields(&err), vec!["passwordAgain".to_owned()]);
    assert_eq!(plain_names(dir.path()), vec!["张三丰", "李四"]);

    let (s, done) = vault.upgrade(&upgrade_input(), now(), today()).unwrap();
    assert_eq!(done.session.role, Role::ClinicAdmin);
    assert_eq!(done.session.login, "linxy");
    assert_eq!(done.session.name, "林晓燕");
    assert_eq!(done.device_id, "device-1", "still the same installation");
    assert_eq!(done.institution.name, "桐庐县城南镇卫生院");
    let applied = yiyang_store::applied_migrations(s.raw_connection_for_tests()).unwrap();
    assert_eq!(applied.len() as u32, LATEST_VERSION);
    drop(s);

    assert_eq!(vault.state().unwrap(), VaultState::Encrypted);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("encrypting"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let bytes = std::fs::read(dir.path().join(DATA_FILE_NAME)).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    assert!(!contains(&bytes, "张三丰".as_bytes()));

    let s = log_in(&vault, "linxy", "linxy2027x", now()).unwrap();
    assert_eq!(s.session().unwrap().role, Role::ClinicAdmin);
    let r = s.get_resident("res-1", now(), today()).unwrap();
    assert_eq!(r.name, "张三丰");
    assert_eq!(r.id_number, "11010519491231002X");
    assert_eq!(r.created_by_name, "林晓燕");
    assert_eq!(
        s.get_resident("res-2", now(), today()).unwrap().name,
        "李四"
    );
    assert!(s.verify_audit().unwrap().intact);
    let upgraded = s
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 10,
                action: Some(AuditAction::UpgradeStore),
                ..AuditQuery::default()
            },
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap();
    assert_eq!(upgraded.total, 1);
    // The recovery code works for the upgraded store too.
    drop(s);
    let s = vault
        .recover(
            &RecoverInput {
                recovery_code: done.recovery_code.clone(),
                login: "linxy".into(),
                new_password: "recover2027".into(),
                new_password_again: "recover2027".into(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(s.session().unwrap().name, "林晓燕");
    // And it cannot be upgraded twice.
    drop(s);
    assert_eq!(
        vault
            .upgrade(&upgrade_input(), now(), today())
            .unwrap_err()
            .code(),
        ErrorCode::AlreadySetUp
    );
}

#[test]
fn a_conversion_stopped_at_any_stage_leaves_the_original_in_use() {
    for stop_at in [
        ConversionStage::Exported,
        ConversionStage::Verified,
        ConversionStage::KeySaved,
    ] {
        let dir = TempDir::new().unwrap();
        foundation_store(dir.path());
        let vault = common::vault(&dir);
        let mut hook = |stage: ConversionStage| {
            if stage == stop_at {
                Err(StoreError::Io(std::io::Error::other("断电")))
            } else {
                Ok(())
            }
        };
        let err = vault
            .upgrade_with_hook(&upgrade_input(), now(), today(), &mut hook)
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Io, "{stop_at:?}");
        assert_eq!(vault.state().unwrap(), VaultState::Plain, "{stop_at:?}");
        assert_eq!(
            plain_names(dir.path()),
            vec!["张三丰", "李四"],
            "{stop_at:?}"
        );
        assert_eq!(
            plain_versions(dir.path()),
            vec![1],
            "{stop_at:?}: the original is not even migrated"
        );
        assert_eq!(
            log_in(&vault, "linxy", "linxy2027x", now())
                .unwrap_err()
                .code(),
            ErrorCode::NotSetUp,
            "{stop_at:?}: still the plain store, not half an encrypted one"
        );

        // Trying again (after the power is back) finishes the job.
        let (s, _) = vault.upgrade(&upgrade_input(), now(), today()).unwrap();
        assert_eq!(
            s.get_resident("res-1", now(), today()).unwrap().name,
            "张三丰",
            "{stop_at:?}"
        );
        drop(s);
        assert_eq!(vault.state().unwrap(), VaultState::Encrypted);
        assert!(
            log_in(&vault, "linxy", "linxy2027x", now()).is_ok(),
            "{stop_at:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Damaged files.

/// A closed store with a few hundred residents, all in the data file.
fn closed_store_with_residents() -> (TempDir, Vault) {
    let (dir, mut s) = common::store();
    let ctx = common::ctx(&s);
    yiyang_store::demo::seed_residents(&mut s, &ctx, 300, 5).unwrap();
    close(s);
    let vault = common::vault(&dir);
    (dir, vault)
}

/// Logs in and reads everything a user would: Ok only when all of it works.
fn log_in_and_read(vault: &Vault) -> Result<(), StoreError> {
    let s = log_in(vault, "linxy", PASSWORD, now())?;
    let mut page = 1;
    loop {
        let q = ResidentListQuery {
            page,
            page_size: 200,
            ..ResidentListQuery::default()
        };
        let p = s.list_residents(&q, today())?;
        for r in &p.items {
            s.get_resident(&r.id, now(), today())?;
        }
        if p.items.len() < 200 {
            break;
        }
        page += 1;
    }
    s.search_residents(
        &SearchQuery {
            text: "王".into(),
            limit: 100,
        },
        today(),
    )?;
    s.integrity_check()?;
    Ok(())
}

#[test]
fn a_truncated_data_file_is_reported_as_damaged() {
    let (dir, vault) = closed_store_with_residents();
    assert!(log_in_and_read(&vault).is_ok());
    let data = dir.path().join(DATA_FILE_NAME);
    let len = std::fs::metadata(&data).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&data).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let err = log_in_and_read(&vault).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreCorrupt, "{err}");
    assert!(err.to_string().contains("已损坏"), "{err}");
}

#[test]
fn overwritten_bytes_in_the_data_file_are_reported_as_damaged() {
    let (dir, vault) = closed_store_with_residents();
    let data = dir.path().join(DATA_FILE_NAME);
    let mut bytes = std::fs::read(&data).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b = !*b;
    }
    std::fs::write(&data, &bytes).unwrap();
    let err = log_in_and_read(&vault).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreCorrupt, "{err}");
    assert!(err.to_string().contains("已损坏"), "{err}");
}

#[test]
fn a_damaged_first_page_is_reported_at_log_in() {
    let (dir, vault) = closed_store_with_residents();
    let data = dir.path().join(DATA_FILE_NAME);
    let mut bytes = std::fs::read(&data).unwrap();
    for b in &mut bytes[100..200] {
        *b = 0;
    }
    std::fs::write(&data, &bytes).unwrap();
    let err = log_in(&vault, "linxy", PASSWORD, now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreCorrupt, "{err}");
    assert!(err.to_string().contains("已损坏"), "{err}");
}

#[test]
fn a_missing_or_damaged_key_file_is_reported() {
    let (dir, s) = common::store();
    drop(s);
    let vault = common::vault(&dir);
    let key_path = dir.path().join(KEY_FILE_NAME);
    let saved = std::fs::read(&key_path).unwrap();

    std::fs::write(&key_path, b"{ not json").unwrap();
    assert_eq!(
        log_in(&vault, "linxy", PASSWORD, now()).unwrap_err().code(),
        ErrorCode::KeyFileInvalid
    );

    std::fs::remove_file(&key_path).unwrap();
    assert_eq!(vault.state().unwrap_err().code(), ErrorCode::KeyFileInvalid);
    assert_eq!(
        log_in(&vault, "linxy", PASSWORD, now()).unwrap_err().code(),
        ErrorCode::KeyFileInvalid
    );
    assert_eq!(
        vault
            .set_up(&common::setup_input(), now(), today())
            .unwrap_err()
            .code(),
        ErrorCode::KeyFileInvalid,
        "set-up never overwrites encrypted data whose key is missing"
    );

    // Putting the key file back (e.g. from a backup) opens the data again.
    std::fs::write(&key_path, saved).unwrap();
    assert!(log_in(&vault, "linxy", PASSWORD, now()).is_ok());
}

#[test]
fn setting_up_again_after_the_data_file_vanished_keeps_the_old_key_file() {
    let (dir, mut s) = common::store();
    let r = s
        .create_resident(&common::ctx(&s), &common::resident())
        .unwrap();
    close(s);
    let vault = common::vault(&dir);
    let data = dir.path().join(DATA_FILE_NAME);
    let keys = dir.path().join(KEY_FILE_NAME);
    let old_keys = std::fs::read(&keys).unwrap();
    // The data file is gone (moved by someone, quarantined…): the window offers set-up.
    let elsewhere = TempDir::new().unwrap();
    std::fs::rename(&data, elsewhere.path().join(DATA_FILE_NAME)).unwrap();
    assert_eq!(vault.state().unwrap(), VaultState::Empty);
    let (again, _) = vault
        .set_up(&common::setup_input(), secs(60), today())
        .unwrap();
    drop(again);
    // The old key file was kept aside, not overwritten …
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("yiyang.keys.json.old-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(std::fs::read(&kept[0]).unwrap() == old_keys);
    // … so with the data file found again, the old data opens with the old password.
    let old = TempDir::new().unwrap();
    std::fs::rename(
        elsewhere.path().join(DATA_FILE_NAME),
        old.path().join(DATA_FILE_NAME),
    )
    .unwrap();
    std::fs::copy(&kept[0], old.path().join(KEY_FILE_NAME)).unwrap();
    let s = log_in(&common::vault(&old), "linxy", PASSWORD, now()).unwrap();
    assert_eq!(
        s.get_resident(&r.id, now(), today()).unwrap().name,
        "张三丰"
    );
}

#[test]
fn a_foundation_store_killed_with_writes_in_its_wal_is_converted_with_them() {
    let killed = TempDir::new().unwrap();
    {
        let running = TempDir::new().unwrap();
        foundation_store(running.path());
        let conn = Connection::open(running.path().join(DATA_FILE_NAME)).unwrap();
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0").unwrap();
        conn.execute(
            "INSERT INTO residents (id, version, created_at, updated_at, created_by, updated_by,
                 institution_id, name, name_sort, pinyin_initials, id_rev, phone_digits, phone_rev,
                 id_number, sex, birth_date, address, living_kind, medical_insurance,
                 ltc_insurance, health_file_no, status)
             SELECT 'res-3', 1, created_at, updated_at, created_by, updated_by, institution_id,
                 '王五', '王五', '', '', '', '', '330122195001011231', 'male', '1950-01-01',
                 address, living_kind, medical_insurance, 0, '33012210100100003', 'active'
             FROM residents WHERE id = 'res-1'",
            [],
        )
        .unwrap();
        // The app is killed here: the file and its WAL are what is left on disk.
        let wal = running.path().join(format!("{DATA_FILE_NAME}-wal"));
        assert!(std::fs::metadata(&wal).unwrap().len() > 0);
        for suffix in ["", "-wal", "-shm"] {
            let name = format!("{DATA_FILE_NAME}{suffix}");
            std::fs::copy(running.path().join(&name), killed.path().join(&name)).unwrap();
        }
    }
    let vault = common::vault(&killed);
    assert_eq!(vault.state().unwrap(), VaultState::Plain);
    let (s, _) = vault.upgrade(&upgrade_input(), now(), today()).unwrap();
    assert_eq!(
        s.get_resident("res-3", now(), today()).unwrap().name,
        "王五"
    );
    drop(s);
    let s = log_in(&vault, "linxy", "linxy2027x", now()).unwrap();
    let q = ResidentListQuery {
        page: 1,
        page_size: 10,
        ..ResidentListQuery::default()
    };
    assert_eq!(s.list_residents(&q, today()).unwrap().total, 3);
}
