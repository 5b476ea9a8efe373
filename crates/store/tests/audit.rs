//! The audit log: every action the issue lists is recorded with who, which record, when and on
//! which device; the log is append-only and its hash chain shows any edit made around that.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod team;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use common::{now, today};
use team::{log_in, PASSWORD};
use yiyang_protocol::*;
use yiyang_store::{Store, WriteCtx};

fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn all_entries(store: &Store) -> Vec<AuditEntry> {
    let page = store
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 500,
                ..AuditQuery::default()
            },
            china(),
        )
        .unwrap();
    assert_eq!(page.total as usize, page.entries.len());
    let mut entries = page.entries;
    entries.reverse();
    entries
}

fn at(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[test]
fn every_listed_action_is_recorded_with_who_what_when_and_where() {
    let t = team::team();
    let admin_id = t.user_id(Role::ClinicAdmin).to_owned();
    let nurse_id = t.user_id(Role::Nurse).to_owned();
    drop(t.admin);
    let vault = &t.vault;

    // A wrong password, then the right one.
    assert!(log_in(vault, "linxy", "wrong2026", at(1)).is_err());
    let mut admin = log_in(vault, "linxy", PASSWORD, at(2)).unwrap();
    // Idle lock and unlock.
    admin.end_session(at(3), AuditAction::Lock).unwrap();
    drop(admin);
    let mut admin = vault.unlock(&admin_id, PASSWORD, at(4)).unwrap();
    let ctx = |m| WriteCtx::new(admin_id.clone(), at(m), today());

    // Residents: view, create, update, status.
    admin.get_resident(&t.in_home.id, at(5), today()).unwrap();
    let created = admin
        .create_resident(
            &ctx(6),
            &ResidentInput {
                name: "赵六".into(),
                id_number: "110105195001011234".into(),
                address: "城南镇".into(),
                ..ResidentInput::default()
            },
        )
        .unwrap();
    let updated = admin
        .update_resident(
            &ctx(7),
            &UpdateResident {
                id: created.id.clone(),
                base_version: 1,
                input: ResidentInput {
                    name: "赵六".into(),
                    id_number: "110105195001011234".into(),
                    address: "城南镇王家村".into(),
                    ..ResidentInput::default()
                },
            },
        )
        .unwrap();
    admin
        .change_resident_status(
            &ctx(8),
            &ChangeStatus {
                id: created.id.clone(),
                base_version: updated.version,
                status: ResidentStatus::Deceased,
                date: "2026-11-21".into(),
                note: String::new(),
            },
        )
        .unwrap();
    // Institutions and users.
    let home = admin
        .create_institution(&ctx(9), &yiyang_store::demo::nursing_homes()[2])
        .unwrap();
    let user = admin
        .create_user(
            &ctx(10),
            &UserInput {
                login: "sunhs".into(),
                name: "孙护士".into(),
                role: Some(Role::Nurse),
                institution_id: t.clinic_id.clone(),
                password: PASSWORD.into(),
                password_again: PASSWORD.into(),
            },
        )
        .unwrap();
    admin
        .reset_user_password(
            &ctx(11),
            &ResetPasswordInput {
                user_id: nurse_id.clone(),
                password: "nurse2027x".into(),
                password_again: "nurse2027x".into(),
            },
        )
        .unwrap();
    admin.remove_user(&ctx(12), &user.id).unwrap();
    admin
        .change_password(
            at(13),
            &ChangePasswordInput {
                old_password: PASSWORD.into(),
                new_password: "linxy2027x".into(),
                new_password_again: "linxy2027x".into(),
            },
        )
        .unwrap();
    let mut settings = admin.settings().unwrap();
    settings.idle_lock_minutes = 20;
    admin.save_settings(at(14), &settings).unwrap();
    let mut csv = Vec::new();
    let exported = admin
        .export_audit_csv(
            &AuditQuery::default(),
            china(),
            &mut csv,
            at(15),
            "D:\\审计日志.csv",
        )
        .unwrap();
    admin.end_session(at(16), AuditAction::LogOut).unwrap();
    drop(admin);
    let admin = log_in(vault, "linxy", "linxy2027x", at(17)).unwrap();

    let device_id = admin.device_id().unwrap();
    let entries = all_entries(&admin);
    for e in &entries {
        assert_eq!(e.device_id, device_id, "{e:?}");
        let parsed = DateTime::parse_from_rfc3339(&e.at).unwrap();
        assert_eq!(parsed.offset().local_minus_utc(), 0, "UTC: {}", e.at);
        assert!(e.at.ends_with('Z'), "{}", e.at);
    }
    let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=entries.len() as i64).collect::<Vec<_>>());

    // (action, minute, user id, record id, a word of the detail) in the order they happened.
    let by_admin = Some(admin_id.as_str());
    let expected: Vec<(AuditAction, i64, Option<&str>, &str, &str)> = vec![
        (AuditAction::LogInFailed, 1, None, "", "linxy"),
        (AuditAction::LogIn, 2, by_admin, &admin_id, ""),
        (AuditAction::Lock, 3, by_admin, &admin_id, ""),
        (AuditAction::Unlock, 4, by_admin, &admin_id, ""),
        (
            AuditAction::ViewResident,
            5,
            by_admin,
            &t.in_home.id,
            "张三丰",
        ),
        (AuditAction::RevealIdentity, 5, by_admin, &t.in_home.id, ""),
        (AuditAction::CreateResident, 6, by_admin, &created.id, ""),
        (
            AuditAction::UpdateResident,
            7,
            by_admin,
            &created.id,
            "address",
        ),
        (
            AuditAction::ChangeResidentStatus,
            8,
            by_admin,
            &created.id,
            "deceased",
        ),
        (
            AuditAction::CreateInstitution,
            9,
            by_admin,
            &home.id,
            "石桥村敬老院",
        ),
        (AuditAction::CreateUser, 10, by_admin, &user.id, "sunhs"),
        (AuditAction::ResetPassword, 11, by_admin, &nurse_id, ""),
        (AuditAction::RemoveUser, 12, by_admin, &user.id, ""),
        (AuditAction::ChangePassword, 13, by_admin, &admin_id, ""),
        (AuditAction::ChangeSettings, 14, by_admin, "", "20"),
        (AuditAction::Export, 15, by_admin, "", "审计日志.csv"),
        (AuditAction::LogOut, 16, by_admin, &admin_id, ""),
        (AuditAction::LogIn, 17, by_admin, &admin_id, ""),
    ];
    let tail = &entries[entries.len() - expected.len()..];
    for (e, (action, minute, user_id, record_id, detail)) in tail.iter().zip(&expected) {
        let what = format!("{action:?} at minute {minute}: {e:?}");
        assert_eq!(e.action, *action, "{what}");
        assert_eq!(e.at, stamp(at(*minute)), "{what}");
        assert_eq!(e.user_id.as_deref(), *user_id, "{what}");
        assert_eq!(e.record_id, *record_id, "{what}");
        assert!(e.detail.contains(detail), "{what}");
        if user_id.is_some() {
            assert_eq!(e.user_name, "林晓燕", "{what}");
        }
    }
    // A failed log-in names the log-in typed (nobody is known to be logged in then).
    assert_eq!(tail[0].user_name, "linxy");
    // Everything before came from setting the team up; it starts with the set-up itself.
    assert_eq!(entries[0].action, AuditAction::Setup);

    // The export holds the entries up to it, with a header, readable by Excel (BOM).
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.lines().count(), exported + 1);
    assert!(text.contains("林晓燕"));
    assert!(
        text.contains(&format!(",create_resident,resident,{},", created.id)),
        "{text}"
    );

    assert_eq!(
        admin.verify_audit().unwrap(),
        AuditVerification {
            intact: true,
            checked: entries.len() as i64,
            first_bad_seq: None
        }
    );
}

#[test]
fn the_log_can_be_filtered_by_user_action_record_and_local_date() {
    let t = team::team();
    let q = |f: &dyn Fn(&mut AuditQuery)| {
        let mut q = AuditQuery {
            page: 1,
            page_size: 500,
            ..AuditQuery::default()
        };
        f(&mut q);
        t.admin.list_audit(&q, china()).unwrap()
    };
    let all = q(&|_| {});
    let creates = q(&|q| q.action = Some(AuditAction::CreateResident));
    assert_eq!(creates.total, 3);
    assert!(creates
        .entries
        .iter()
        .all(|e| e.action == AuditAction::CreateResident));
    let on_record = q(&|q| q.record_id = Some(format!(" {} ", t.in_home.id)));
    assert_eq!(on_record.total, 1);
    let nobody = q(&|q| q.user_id = Some(t.user_id(Role::Nurse).to_owned()));
    assert_eq!(nobody.total, 0);
    // now() is 16:30 in China on 2026-11-22: that local day has everything, the next nothing.
    assert_eq!(q(&|q| q.from = Some("2026-11-22".into())).total, all.total);
    assert_eq!(q(&|q| q.to = Some("2026-11-22".into())).total, all.total);
    assert_eq!(q(&|q| q.from = Some("2026-11-23".into())).total, 0);
    assert_eq!(q(&|q| q.to = Some("2026-11-21".into())).total, 0);
    // Pages are newest first and do not overlap.
    let page = |n| {
        t.admin
            .list_audit(
                &AuditQuery {
                    page: n,
                    page_size: 5,
                    ..AuditQuery::default()
                },
                china(),
            )
            .unwrap()
            .entries
    };
    let (p1, p2) = (page(1), page(2));
    assert_eq!(p1.len(), 5);
    assert!(p1.last().unwrap().seq > p2[0].seq);
    assert_eq!(p1[0].seq, all.entries[0].seq);
}

#[test]
fn an_edit_made_around_the_triggers_breaks_the_chain_at_that_entry() {
    let t = team::team();
    let before = t.admin.verify_audit().unwrap();
    assert!(before.intact, "{before:?}");
    assert!(before.checked >= 5);
    let conn = t.admin.raw_connection_for_tests();

    // The schema refuses changes and deletions outright.
    let update = conn.execute("UPDATE audit_log SET detail = '无' WHERE seq = 3", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM audit_log WHERE seq = 3", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(t.admin.verify_audit().unwrap(), before);

    // Someone with the key drops the triggers and edits one entry: the chain breaks there.
    conn.execute_batch("DROP TRIGGER audit_log_no_update")
        .unwrap();
    conn.execute("UPDATE audit_log SET detail = '无' WHERE seq = 3", [])
        .unwrap();
    let v = t.admin.verify_audit().unwrap();
    assert!(!v.intact);
    assert_eq!(v.first_bad_seq, Some(3));
    assert_eq!(v.checked, 2, "the entries before it still check out");
}

/// The hash of an entry as the store computes it (the chain's rule, restated here so the test
/// can forge a "perfect" edit).
fn entry_hash(conn: &rusqlite::Connection, seq: i64) -> String {
    use sha2::Digest;
    let fields: Vec<serde_json::Value> = conn
        .query_row(
            "SELECT seq, at, coalesce(user_id, ''), user_name, device_id, action, record_kind,
                    record_id, detail, prev_hash FROM audit_log WHERE seq = ?1",
            [seq],
            |r| {
                let mut v = vec![serde_json::Value::from(r.get::<_, i64>(0)?)];
                for i in 1..10 {
                    v.push(serde_json::Value::from(r.get::<_, String>(i)?));
                }
                Ok(v)
            },
        )
        .unwrap();
    hex::encode(sha2::Sha256::digest(
        serde_json::Value::Array(fields).to_string().as_bytes(),
    ))
}

#[test]
fn a_deleted_entry_is_detected() {
    let t = team::team();
    let conn = t.admin.raw_connection_for_tests();
    conn.execute_batch("DROP TRIGGER audit_log_no_delete")
        .unwrap();
    conn.execute("DELETE FROM audit_log WHERE seq = 4", [])
        .unwrap();
    let v = t.admin.verify_audit().unwrap();
    assert!(!v.intact);
    assert_eq!(v.first_bad_seq, Some(4));
    assert_eq!(v.checked, 3);
}

#[test]
fn an_edit_with_a_recomputed_hash_still_breaks_the_link_to_the_next_entry() {
    let t = team::team();
    let conn = t.admin.raw_connection_for_tests();
    // The rule restated above is the store's: the untouched log checks out entry by entry.
    let stored: String = conn
        .query_row("SELECT hash FROM audit_log WHERE seq = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entry_hash(conn, 2), stored);

    // Entry 2 is re-attributed to someone else and given a correct hash of its new content.
    conn.execute_batch("DROP TRIGGER audit_log_no_update")
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET user_name = '王一山' WHERE seq = 2",
        [],
    )
    .unwrap();
    let forged = entry_hash(conn, 2);
    conn.execute("UPDATE audit_log SET hash = ?1 WHERE seq = 2", [&forged])
        .unwrap();
    let v = t.admin.verify_audit().unwrap();
    assert!(!v.intact);
    assert_eq!(
        v.first_bad_seq,
        Some(3),
        "entry 3 still links to the original entry 2"
    );
}

#[test]
fn csv_export_neutralises_formulas_and_quotes_fields() {
    let (_dir, mut s) = common::store();
    let ctx = common::ctx(&s);
    s.create_institution(
        &ctx,
        &InstitutionInput {
            name: "=HYPERLINK(\"http://x\",\"点我\"),养老院".into(),
            ..yiyang_store::demo::nursing_homes()[0].clone()
        },
    )
    .unwrap();
    let mut out = Vec::new();
    s.export_audit_csv(&AuditQuery::default(), china(), &mut out, now(), "a.csv")
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    let line = text.lines().find(|l| l.contains("HYPERLINK")).unwrap();
    assert!(
        line.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\"),养老院\""),
        "{line}"
    );
}
