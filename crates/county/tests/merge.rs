//! Merging two files of one resident (`yiyang-county merge apply|undo|history`) end to end: the
//! real binary, a fresh database, real HTTP pushes and pulls from fake devices.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::process::{Command, Output};

use common::*;
use serde_json::{json, Value};

const CLINIC_C: &str = "12440524MB0000004";
const SURVIVOR_FILE_NO: &str = "44052410110100043";

/// Runs an admin subcommand expected to fail; returns its stderr.
fn admin_fails(s: &Server, args: &[&str]) -> String {
    let out = admin_output(s, args);
    assert!(
        !out.status.success(),
        "admin {args:?} should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn admin_output(s: &Server, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .args(["--database-url", &s.db_url])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run admin")
}

fn active_agreement(clinic: &str, home: &str) -> Value {
    json!({
        "number": "XY2026-001",
        "clinicId": clinic,
        "nursingHomeId": home,
        "startOn": "2026-01-01",
        "endOn": "2028-12-31",
        "items": [{"item": "S1", "frequency": {"every": 1, "unit": "week"}}],
        "methods": ["scheduled_rounds", "on_call"],
        "fileWithinDays": 30,
        "note": "",
        "status": "active",
        "activatedOn": "2026-01-01",
        "terminatedOn": null,
        "terminationReason": "",
    })
}

fn applied(res: &Value) {
    for r in res["results"].as_array().unwrap() {
        assert_eq!(r["outcome"], "applied", "{res}");
    }
}

/// The county's (version, fields, resident column, updated_by) of a row.
async fn county_row(s: &Server, tbl: &str, id: &str) -> (i64, Value, Option<String>, String) {
    let (client, conn) = tokio_postgres::connect(&s.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let id = uuid::Uuid::parse_str(id).unwrap();
    let r = client
        .query_one(
            "SELECT version, fields, resident::text, updated_by FROM rows
             WHERE tbl = $1 AND id = $2",
            &[&tbl, &id],
        )
        .await
        .unwrap();
    (r.get(0), r.get(1), r.get(2), r.get(3))
}

/// The candidate line of `merge list` naming `id_number`: (id, status).
fn candidate(s: &Server, id_number: &str) -> (String, String) {
    let list = s.admin(&["merge", "list"]);
    let lines: Vec<&str> = list.lines().filter(|l| l.contains(id_number)).collect();
    assert_eq!(lines.len(), 1, "{list}");
    let cells: Vec<&str> = lines[0].split('\t').collect();
    (cells[0].to_owned(), cells[1].to_owned())
}

/// Clinic A files 张秀英 at home with a contract and a care record, and has an active agreement
/// with home H; clinic B files her again (same 身份证号) living in H; clinic C holds a contract of
/// its own on A's file. Returns the server, the devices and the ids.
struct Scene {
    s: Server,
    da: Device,
    db: Device,
    same: String,
    file_a: String,
    file_b: String,
    contract_a: String,
    contract_c: String,
    record: String,
}

async fn scene() -> Scene {
    let s = Server::start().await;
    let (a, b, c, h) = (
        credit(CLINIC_A),
        credit(CLINIC_B),
        credit(CLINIC_C),
        credit(HOME_H),
    );
    s.add_institution("township_clinic", "和平镇卫生院", &a);
    s.add_institution("community_health_center", "城南社区卫生服务中心", &b);
    s.add_institution("township_clinic", "东岭镇卫生院", &c);
    s.add_institution("elderly_home", "和平镇敬老院", &h);
    let home = institution_id(&h);
    let mut da = s.enrol(&a).await;
    let mut db = s.enrol(&b).await;
    let dc = s.enrol(&c).await;
    let same = id_number(20);
    let (file_a, file_b) = (new_id(), new_id());
    let (contract_a, contract_c, record) = (new_id(), new_id(), new_id());
    let res = s
        .push_ok(
            &da,
            vec![
                insert(
                    1,
                    "agreements",
                    &new_id(),
                    active_agreement(&da.institution_id, &home),
                ),
                insert(
                    2,
                    "residents",
                    &file_a,
                    resident_fields(&da.institution_id, &same),
                ),
                insert(
                    3,
                    "contracts",
                    &contract_a,
                    contract_fields(&file_a, "QY2026-00001"),
                ),
                insert(4, "care_records", &record, care_record_fields(&file_a)),
            ],
        )
        .await;
    applied(&res);
    da.next_seq = 5;
    let mut in_home = resident_fields(&db.institution_id, &same);
    in_home["livingKind"] = json!("nursing_home");
    in_home["nursingHomeId"] = json!(home);
    in_home["room"] = json!("101");
    in_home["bed"] = json!("1");
    in_home["healthFileNo"] = json!(SURVIVOR_FILE_NO);
    applied(
        &s.push_ok(&db, vec![insert(1, "residents", &file_b, in_home)])
            .await,
    );
    db.next_seq = 2;
    let mut theirs = contract_fields(&file_a, "QY2026-00900");
    theirs["institutionId"] = json!(dc.institution_id);
    applied(
        &s.push_ok(&dc, vec![insert(1, "contracts", &contract_c, theirs)])
            .await,
    );
    Scene {
        s,
        da,
        db,
        same,
        file_a,
        file_b,
        contract_a,
        contract_c,
        record,
    }
}

fn today_in_china() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8))
        .date_naive()
        .to_string()
}

#[tokio::test]
async fn a_merge_moves_what_it_may_is_pulled_and_is_undone_exactly() {
    let Scene {
        s,
        mut da,
        mut db,
        same,
        file_a,
        file_b,
        contract_a,
        contract_c,
        record,
    } = scene().await;
    let (cand, status) = candidate(&s, &same);
    assert_eq!(status, "open");
    let (_, cursor_a) = pull_past_everything(&s, &mut da, "").await;
    let (_, cursor_b) = pull_past_everything(&s, &mut db, "").await;
    let before_a = county_row(&s, "residents", &file_a).await;
    let before_contract = county_row(&s, "contracts", &contract_a).await;
    let before_b = county_row(&s, "residents", &file_b).await;
    let before_c = county_row(&s, "contracts", &contract_c).await;
    let before_record = county_row(&s, "care_records", &record).await;

    // Keep B's file (she lives in H now): A's file is merged into it.
    let out = s.admin(&["merge", "apply", &cand, "--keep", &file_b, "--by", "王科长"]);
    assert!(out.starts_with("合并 #1"), "{out}");
    assert!(out.contains("签约改指 1 份，留在原档案 1 份"), "{out}");
    assert!(out.contains("服务记录 1 条留在原档案"), "{out}");

    let (v, fields, _, by) = county_row(&s, "residents", &file_a).await;
    assert_eq!(v, 2);
    assert_eq!(by, "county-admin");
    assert_eq!(fields["status"], "moved");
    assert_eq!(fields["statusDate"], json!(today_in_china()));
    assert_eq!(
        fields["statusNote"],
        format!("已合并到健康档案 {SURVIVOR_FILE_NO}（合并 #1）")
    );
    assert_eq!(fields["name"], before_a.1["name"]);
    // A may read B's file (active agreement with H): A's contract points at the survivor and
    // keeps belonging to A.
    let (v, fields, resident, _) = county_row(&s, "contracts", &contract_a).await;
    assert_eq!(v, 2);
    assert_eq!(fields["residentId"], json!(file_b));
    assert_eq!(resident.as_deref(), Some(file_b.as_str()));
    assert_eq!(fields["institutionId"], json!(da.institution_id));
    // C may not: its contract stays on A's file. The care record is never rewritten. B's file
    // is untouched.
    assert_eq!(county_row(&s, "contracts", &contract_c).await, before_c);
    assert_eq!(county_row(&s, "care_records", &record).await, before_record);
    assert_eq!(county_row(&s, "residents", &file_b).await, before_b);

    assert_eq!(candidate(&s, &same).1, "merged");
    let history = s.admin(&["merge", "history"]);
    let line = history.lines().nth(1).expect("one merge");
    assert!(line.starts_with(&format!("1\t{cand}\t{same}\t{file_b}\t{file_a}\t王科长")));
    assert!(
        line.contains(&contract_a) && line.contains(&contract_c),
        "{line}"
    );
    assert!(line.contains("服务记录只追加，不改写"), "{line}");

    // Laptops pull the change: A its file and contract, B the contract now on its file.
    let (rows, _, next_a) = s
        .pull_all_until(&da, &cursor_a, |rows, _| {
            find_row(rows, &file_a).is_some() && find_row(rows, &contract_a).is_some()
        })
        .await;
    assert_ne!(next_a, cursor_a);
    let pulled = find_row(&rows, &file_a).expect("merged file pulled");
    assert_eq!(pulled["version"], 2);
    assert_eq!(pulled["fields"]["status"], "moved");
    assert_eq!(pulled["fields"]["updatedBy"], "county-admin");
    let pulled = find_row(&rows, &contract_a).expect("contract pulled");
    assert_eq!(pulled["fields"]["residentId"], json!(file_b));
    assert!(
        find_row(&rows, &record).is_none(),
        "care record not sent again"
    );
    let (rows, _, _) = s
        .pull_all_until(&db, &cursor_b, |rows, _| {
            find_row(rows, &contract_a).is_some()
        })
        .await;
    assert!(find_row(&rows, &contract_a).is_some());

    // A second decision on the same candidate is refused, either way round.
    for keep in [&file_b, &file_a] {
        let err = admin_fails(&s, &["merge", "apply", &cand, "--keep", keep]);
        assert!(err.contains("只有待处理（open）的候选可以合并"), "{err}");
    }

    // Undo: everything back as it was (version bumped again), the candidate reopened.
    let out = s.admin(&["merge", "undo", "1", "--by", "王科长"]);
    assert!(out.starts_with("已撤销合并 #1"), "{out}");
    assert!(
        out.contains("签约恢复 1 份，全部恢复；档案状态已恢复"),
        "{out}"
    );
    for (tbl, id, before) in [
        ("residents", &file_a, &before_a),
        ("contracts", &contract_a, &before_contract),
    ] {
        let (v, fields, resident, by) = county_row(&s, tbl, id).await;
        assert_eq!(v, before.0 + 2, "{tbl}");
        assert_eq!(fields, before.1, "{tbl}");
        assert_eq!(resident, before.2, "{tbl}");
        assert_eq!(by, "county-admin");
    }
    assert_eq!(county_row(&s, "contracts", &contract_c).await, before_c);
    assert_eq!(county_row(&s, "residents", &file_b).await, before_b);
    assert_eq!(candidate(&s, &same).1, "open");
    let history = s.admin(&["merge", "history"]);
    assert!(
        history.lines().nth(1).unwrap().contains("\t王科长\t[]"),
        "{history}"
    );

    let (rows, _, _) = s
        .pull_all_until(&da, &next_a, |rows, _| {
            find_row(rows, &file_a).is_some() && find_row(rows, &contract_a).is_some()
        })
        .await;
    let pulled = find_row(&rows, &file_a).expect("restored file pulled");
    assert_eq!(pulled["version"], 3);
    assert_eq!(pulled["fields"]["status"], "active");
    assert_eq!(pulled["fields"]["statusDate"], Value::Null);
    let pulled = find_row(&rows, &contract_a).expect("restored contract pulled");
    assert_eq!(pulled["fields"]["residentId"], json!(file_a));
    assert!(pulled["fields"].get("institutionId").is_none());

    let err = admin_fails(&s, &["merge", "undo", "1"]);
    assert!(err.contains("合并 #1 已于"), "{err}");

    // Reopened, the candidate can be decided again (the other way round this time).
    let out = s.admin(&["merge", "apply", &cand, "--keep", &file_a]);
    assert!(out.starts_with("合并 #2"), "{out}");
    let (_, fields, _, _) = county_row(&s, "residents", &file_b).await;
    assert_eq!(
        fields["statusNote"],
        "已合并到健康档案 44052410110100042（合并 #2）"
    );
}

#[tokio::test]
async fn two_administrators_cannot_merge_one_candidate_twice() {
    let Scene {
        s,
        same,
        file_a,
        file_b,
        ..
    } = scene().await;
    let (cand, _) = candidate(&s, &same);
    let err = admin_fails(&s, &["merge", "apply", "999", "--keep", &file_a]);
    assert!(err.contains("没有编号为 999 的合并候选"), "{err}");
    let err = admin_fails(&s, &["merge", "apply", &cand, "--keep", &new_id()]);
    assert!(err.contains("不是合并候选"), "{err}");
    let err = admin_fails(&s, &["merge", "undo", "1"]);
    assert!(err.contains("没有编号为 1 的合并记录"), "{err}");

    // Both at once, each keeping another file: exactly one wins.
    let spawn = |keep: &str| {
        Command::new(BIN)
            .args(["merge", "apply", &cand, "--keep", keep])
            .args(["--database-url", &s.db_url])
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn admin")
    };
    let (one, two) = (spawn(&file_a), spawn(&file_b));
    let outs = [
        one.wait_with_output().unwrap(),
        two.wait_with_output().unwrap(),
    ];
    assert_eq!(
        outs.iter().filter(|o| o.status.success()).count(),
        1,
        "{:?}",
        outs.iter()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .collect::<Vec<_>>()
    );
    let history = s.admin(&["merge", "history"]);
    assert_eq!(history.lines().count(), 2, "{history}");
    // Exactly one of the two files is marked moved.
    let moved = [
        county_row(&s, "residents", &file_a).await,
        county_row(&s, "residents", &file_b).await,
    ]
    .iter()
    .filter(|r| r.1["status"] == "moved")
    .count();
    assert_eq!(moved, 1);
}

/// The `merge list` lines naming `id_number`.
fn candidates(s: &Server, id_number: &str) -> usize {
    s.admin(&["merge", "list"])
        .lines()
        .filter(|l| l.contains(id_number))
        .count()
}

#[tokio::test]
async fn each_pair_of_files_is_offered_once() {
    let s = Server::start().await;
    let (a, b) = (credit(CLINIC_A), credit(CLINIC_B));
    s.add_institution("township_clinic", "和平镇卫生院", &a);
    s.add_institution("community_health_center", "城南社区卫生服务中心", &b);
    let da = s.enrol(&a).await;
    let db = s.enrol(&b).await;
    // Two files of one person in one batch (a double entry), a third from another clinic.
    let same = id_number(31);
    let (first, second, third) = (new_id(), new_id(), new_id());
    let fields = resident_fields(&da.institution_id, &same);
    let mut other_file = fields.clone();
    other_file["healthFileNo"] = json!("44052410110100049");
    applied(
        &s.push_ok(
            &da,
            vec![
                insert(1, "residents", &first, fields.clone()),
                insert(2, "residents", &second, other_file),
            ],
        )
        .await,
    );
    assert_eq!(candidates(&s, &same), 1, "one pair in one batch");
    let mut theirs = resident_fields(&db.institution_id, &same);
    theirs["healthFileNo"] = json!("44052410110100050");
    applied(
        &s.push_ok(&db, vec![insert(1, "residents", &third, theirs.clone())])
            .await,
    );
    assert_eq!(candidates(&s, &same), 3, "the third file pairs with both");
    // Editing the first file (the older of its pairs) makes no new pair, not even reversed.
    applied(
        &s.push_ok(
            &da,
            vec![update(
                3,
                "residents",
                &first,
                json!({"phone": "13900001111"}),
                json!({"phone": fields["phone"]}),
            )],
        )
        .await,
    );
    assert_eq!(candidates(&s, &same), 3, "an edit is no new duplicate");
}
