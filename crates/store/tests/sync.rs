//! The laptop store's side of sync, on real data files: the outbox as pushed mutations (with the
//! values they replaced), push results, pulled pages (merging with pending local changes, derived
//! search keys, parking rows whose references have not arrived, the cursor in the same
//! transaction), conflicts and their resolution, and convergence of stores that applied the same
//! pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod team;

use chrono::Duration;
use common::{now, today};
use serde_json::{json, Map, Value};
use tempfile::TempDir;
use yiyang_protocol::sync::{
    ConflictRecord, ConflictStatus, EnrolResponse, LocalConflictStatus, Mutation, MutationOp,
    MutationResult, Outcome, PullResponse, PulledRow, SyncTable,
};
use yiyang_protocol::*;
use yiyang_store::{Store, StoreError};

fn count(store: &Store, sql: &str) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A set-up store whose admin logs in as `login` (stores of one county need distinct log-ins).
fn store_as(login: &str) -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let input = SetupInput {
        login: login.into(),
        ..common::setup_input()
    };
    let (store, _) = common::vault(&dir).set_up(&input, now(), today()).unwrap();
    (dir, store)
}

fn clinic_id(store: &Store) -> String {
    store.session().unwrap().institution_id.clone()
}

fn page(rows: Vec<PulledRow>, cursor: &str) -> PullResponse {
    PullResponse {
        rows,
        conflicts: Vec::new(),
        cursor: cursor.into(),
        more: false,
    }
}

/// A resident as the county would send it, living at home, registered by `institution_id`.
fn resident_row(institution_id: &str, id: &str, name: &str, id_number: &str) -> PulledRow {
    let fields = json!({
        "institutionId": institution_id, "name": name, "idNumber": id_number, "sex": "male",
        "birthDate": "1950-01-01", "phone": "13600009999", "address": "城南镇李家村1组3号",
        "hukouAddress": "", "livingKind": "home", "nursingHomeId": null, "room": "", "bed": "",
        "emergencyContactName": "", "emergencyContactPhone": "", "medicalInsurance": "urban_rural",
        "ltcInsurance": false, "specialCategories": [], "chronicConditions": [],
        "allergies": "", "healthFileNo": "33012210100109999", "status": "active",
        "statusDate": null, "statusNote": "",
        "createdAt": "2026-11-21T02:00:00.000Z", "updatedAt": "2026-11-21T02:00:00.000Z",
        "createdBy": "remote-user", "updatedBy": "remote-user", "deletedAt": null
    });
    PulledRow {
        table: SyncTable::Residents,
        id: id.into(),
        version: 1,
        fields: fields.as_object().unwrap().clone(),
    }
}

/// Every stored row of `store` as the county would send it (fields, stamps, version).
fn rows_of(store: &Store) -> Vec<PulledRow> {
    let conn = store.raw_connection_for_tests();
    store
        .synced_snapshot()
        .unwrap()
        .into_iter()
        .map(|((table, id), mut fields)| {
            let (version, created_at, updated_at, created_by, updated_by): (
                i64,
                String,
                String,
                String,
                String,
            ) = conn
                .query_row(
                    &format!(
                        "SELECT version, created_at, updated_at, created_by, updated_by
                         FROM {table} WHERE id = ?1"
                    ),
                    [&id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .unwrap();
            fields.insert("createdAt".into(), created_at.into());
            fields.insert("updatedAt".into(), updated_at.into());
            fields.insert("createdBy".into(), created_by.into());
            fields.insert("updatedBy".into(), updated_by.into());
            PulledRow {
                table: SyncTable::from_name(&table).unwrap(),
                id,
                version,
                fields,
            }
        })
        .collect()
}

fn applied_all(store: &mut Store) {
    let batch = store.next_push_batch(10_000).unwrap();
    let results: Vec<MutationResult> = batch
        .iter()
        .map(|m| MutationResult {
            seq: m.seq,
            mutation_id: m.mutation_id.clone(),
            outcome: Outcome::Applied { version: 1 },
        })
        .collect();
    store.record_push_results(&results, now()).unwrap();
    assert!(store.next_push_batch(10).unwrap().is_empty());
}

fn resident_phone(store: &Store, id: &str) -> (String, String, i64) {
    store
        .raw_connection_for_tests()
        .query_row(
            "SELECT phone, address, version FROM residents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[test]
fn mutations_carry_the_values_they_replaced() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    let r = store.create_resident(&ctx, &common::resident()).unwrap();
    let mut input = common::resident();
    input.phone = "13900008888".into();
    store
        .update_resident(
            &ctx,
            &UpdateResident {
                id: r.id.clone(),
                base_version: r.version,
                input,
            },
        )
        .unwrap();
    let batch = store.next_push_batch(100).unwrap();
    let mine: Vec<_> = batch.iter().filter(|m| m.row_id == r.id).collect();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].op, MutationOp::Insert);
    assert!(mine[0].prior.is_empty(), "an insert replaced nothing");
    assert_eq!(mine[1].op, MutationOp::Update);
    assert_eq!(mine[1].fields.keys().collect::<Vec<_>>(), ["phone"]);
    assert_eq!(mine[1].fields["phone"], "13900008888");
    assert_eq!(mine[1].prior.keys().collect::<Vec<_>>(), ["phone"]);
    assert_eq!(mine[1].prior["phone"], "13812345678");
}

#[test]
fn the_push_batch_is_the_pending_outbox_in_order() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    let r = store.create_resident(&ctx, &common::resident()).unwrap();
    let batch = store.next_push_batch(100).unwrap();
    // Set-up wrote the clinic and its first user; then the resident.
    let tables: Vec<SyncTable> = batch.iter().map(|m| m.table).collect();
    assert_eq!(
        tables,
        [
            SyncTable::Institutions,
            SyncTable::Users,
            SyncTable::Residents
        ]
    );
    let seqs: Vec<i64> = batch.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, [1, 2, 3], "contiguous from 1");
    let clinic = &batch[0];
    assert_eq!(clinic.row_id, clinic_id(&store));
    assert_eq!(
        clinic.row_id,
        yiyang_domain::institution::institution_id(&store.own_credit_code().unwrap()),
        "the clinic's id is derived from its credit code"
    );
    let m = &batch[2];
    assert_eq!(m.row_id, r.id);
    assert_eq!(m.op, MutationOp::Insert);
    assert_eq!(m.fields["name"], "张三丰");
    assert_eq!(m.fields["idNumber"], "11010519491231002X");
    assert_eq!(m.fields["ltcInsurance"], false);
    assert!(m.fields.contains_key("healthFileNo"));
    assert_eq!(m.actor_id, store.session().unwrap().user_id);
    assert_eq!(m.local_time, "2026-11-22T08:30:00.000Z");
    assert_eq!(m.resolves, None);
    // The wire shape: what the county reads.
    let wire = serde_json::to_value(m).unwrap();
    assert_eq!(wire["table"], "residents");
    assert_eq!(wire["op"], "insert");
    assert_eq!(wire["rowId"], r.id.as_str());
    assert_eq!(store.next_push_batch(2).unwrap().len(), 2, "limit");
    // What the push sends (the outbox's field text passed on as it is) reads as the same
    // mutations on the county.
    let sent = store.push_batch_after(0, 100).unwrap();
    let read: Vec<Mutation> = serde_json::from_str(&serde_json::to_string(&sent).unwrap()).unwrap();
    assert_eq!(read, batch);
    let after_first = store.push_batch_after(1, 100).unwrap();
    let seqs: Vec<i64> = after_first.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, [2, 3], "the batch after one still at the county");
}

#[test]
fn a_removal_queued_before_tombstones_is_sent_as_its_tombstone() {
    let (_dir, store) = common::store();
    // A user removed by a version before 0004 left an outbox entry with op 'delete'.
    store
        .raw_connection_for_tests()
        .execute(
            "UPDATE outbox SET op = 'delete', fields = '{}', prior = '{}' WHERE seq = 2",
            [],
        )
        .unwrap();
    let parsed = store.next_push_batch(10).unwrap();
    let m = &parsed[1];
    assert_eq!(m.table, SyncTable::Users);
    assert_eq!(m.op, MutationOp::Update);
    assert_eq!(
        Value::Object(m.fields.clone()),
        json!({ "deletedAt": m.local_time })
    );
    assert_eq!(Value::Object(m.prior.clone()), json!({ "deletedAt": null }));
    let sent = serde_json::to_string(&store.push_batch_after(0, 10).unwrap()).unwrap();
    let read: Vec<Mutation> = serde_json::from_str(&sent).unwrap();
    assert_eq!(read, parsed);
}

#[test]
fn push_results_settle_each_mutation_in_one_transaction() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    let r = store.create_resident(&ctx, &common::resident()).unwrap();
    let batch = store.next_push_batch(100).unwrap();
    assert_eq!(batch.len(), 3);
    assert_eq!(store.pending_count().unwrap(), 3);
    let result = |i: usize, outcome: Outcome| MutationResult {
        seq: batch[i].seq,
        mutation_id: batch[i].mutation_id.clone(),
        outcome,
    };
    let results = vec![
        result(0, Outcome::Applied { version: 1 }),
        result(
            1,
            Outcome::Conflict {
                version: 2,
                conflicts: vec!["name".into(), "role".into()],
            },
        ),
        result(
            2,
            Outcome::Rejected {
                code: "id_number.check_char".into(),
                field: Some("idNumber".into()),
                message: "身份证号校验位错误".into(),
            },
        ),
    ];
    // A result for a mutation this file does not hold changes nothing, not even the others.
    let mut wrong = results.clone();
    wrong[2].mutation_id = "someone-else".into();
    let err = store.record_push_results(&wrong, now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);
    assert_eq!(store.next_push_batch(100).unwrap().len(), 3);

    store
        .record_push_results(&results, now() + Duration::minutes(1))
        .unwrap();
    assert!(store.next_push_batch(100).unwrap().is_empty());
    type Settled = (String, Option<String>, Option<String>, Option<String>);
    let states: Vec<Settled> = {
        let conn = store.raw_connection_for_tests();
        let mut stmt = conn
            .prepare(
                "SELECT state, outcome_code, outcome_field, settled_at FROM outbox ORDER BY seq",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let settled = Some("2026-11-22T08:31:00.000Z".to_owned());
    assert_eq!(
        states,
        [
            ("applied".into(), None, None, settled.clone()),
            (
                "conflict".into(),
                Some("conflict".into()),
                Some("name,role".into()),
                settled.clone()
            ),
            (
                "rejected".into(),
                Some("id_number.check_char".into()),
                Some("idNumber".into()),
                settled
            ),
        ]
    );
    let overview = store.sync_overview().unwrap();
    assert_eq!(overview.pending, 0);
    assert_eq!(store.pending_count().unwrap(), 0);
    assert_eq!(overview.rejected.len(), 1);
    let q = &overview.rejected[0];
    assert_eq!(q.row_id, r.id);
    assert_eq!(q.row_label, "张三丰");
    assert_eq!(q.table_label, "居民档案");
    assert_eq!(q.field_label.as_deref(), Some("身份证号"));
    assert_eq!(q.message, "身份证号校验位错误");
}

#[test]
fn a_pulled_resident_is_stored_and_found_by_name_and_pinyin_initials() {
    let (_dir, mut store) = common::store();
    let outbox_before = count(&store, "SELECT count(*) FROM outbox");
    let row = resident_row(
        &clinic_id(&store),
        "0193a000-0000-7000-8000-000000000001",
        "王小明",
        "330122195001011231",
    );
    let stats = store
        .apply_pull_page(&page(vec![row], "7:1"), now())
        .unwrap();
    assert_eq!((stats.inserted, stats.parked), (1, 0));
    assert_eq!(store.pull_cursor().unwrap().as_deref(), Some("7:1"));
    for text in ["王小明", "小明", "wxm"] {
        let hits = store
            .search_residents(
                &SearchQuery {
                    text: text.into(),
                    limit: 10,
                },
                today(),
            )
            .unwrap();
        let names: Vec<&str> = hits.iter().map(|h| h.resident.name.as_str()).collect();
        assert_eq!(names, ["王小明"], "searching {text}");
    }
    let (initials, id_rev): (String, String) = store
        .raw_connection_for_tests()
        .query_row(
            "SELECT pinyin_initials, id_rev FROM residents WHERE name = '王小明'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(initials, "wxm");
    assert_eq!(id_rev, "132110100591221033");
    // History from the county, no outbox entry.
    assert_eq!(count(&store, "SELECT count(*) FROM outbox"), outbox_before);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM revisions WHERE origin = 'county' AND actor_id = 'remote-user'
             AND action = 'created'"
        ),
        1
    );
    // The same page again changes nothing.
    let again = store.apply_pull_page(&page(vec![], "7:1"), now()).unwrap();
    assert_eq!(again.inserted, 0);
}

#[test]
fn a_pulled_value_never_overwrites_a_field_with_a_pending_change() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    let r = store.create_resident(&ctx, &common::resident()).unwrap();
    applied_all(&mut store);
    let mut input = common::resident();
    input.phone = "13900008888".into();
    store
        .update_resident(
            &ctx,
            &UpdateResident {
                id: r.id.clone(),
                base_version: r.version,
                input,
            },
        )
        .unwrap();
    let (_, _, version) = resident_phone(&store, &r.id);
    let mut row = resident_row(&clinic_id(&store), &r.id, "张三丰", "11010519491231002X");
    row.fields.insert("phone".into(), "13511112222".into());
    row.fields.insert("address".into(), "城南镇新村8号".into());
    row.fields
        .insert("healthFileNo".into(), r.health_file_no.clone().into());
    row.fields.insert("sex".into(), "female".into());
    row.fields.insert("birthDate".into(), "1949-12-31".into());
    row.fields.insert("updatedBy".into(), "county-nurse".into());
    let stats = store
        .apply_pull_page(&page(vec![row], "9:4"), now())
        .unwrap();
    assert_eq!(stats.updated, 1);
    let (phone, address, new_version) = resident_phone(&store, &r.id);
    assert_eq!(phone, "13900008888", "the pending local change stays");
    assert_eq!(
        address, "城南镇新村8号",
        "other fields take the county's value"
    );
    assert_eq!(new_version, version + 1, "local version bumped once");
    let history = store.resident_history(&r.id).unwrap();
    assert_eq!(history[0].version, new_version);
    let fields: Vec<&str> = history[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert!(fields.contains(&"address"), "{fields:?}");
    assert!(!fields.contains(&"phone"), "{fields:?}");
    // The pending change is still what the push sends.
    let batch = store.next_push_batch(10).unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].fields["phone"], "13900008888");
}

#[test]
fn the_cursor_moves_only_with_its_page() {
    let (_dir, mut store) = common::store();
    let clinic = clinic_id(&store);
    let first = resident_row(
        &clinic,
        "0193a000-0000-7000-8000-000000000001",
        "王小明",
        "330122195001011231",
    );
    store
        .apply_pull_page(&page(vec![first], "1:1"), now())
        .unwrap();
    let mut good = resident_row(
        &clinic,
        "0193a000-0000-7000-8000-000000000002",
        "赵六",
        "440524188001015368",
    );
    good.fields
        .insert("healthFileNo".into(), "33012210100109998".into());
    let mut bad = resident_row(
        &clinic,
        "0193a000-0000-7000-8000-000000000003",
        "钱七",
        "11010519491231002X",
    );
    bad.fields.insert("name".into(), json!(42));
    let err = store
        .apply_pull_page(&page(vec![good.clone(), bad], "2:2"), now())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::SyncDataInvalid, "{err}");
    assert_eq!(store.pull_cursor().unwrap().as_deref(), Some("1:1"));
    assert_eq!(count(&store, "SELECT count(*) FROM residents"), 1);
    store
        .apply_pull_page(&page(vec![good], "2:2"), now())
        .unwrap();
    assert_eq!(store.pull_cursor().unwrap().as_deref(), Some("2:2"));
    assert_eq!(count(&store, "SELECT count(*) FROM residents"), 2);
}

/// A clinic with users, homes, residents and a round: the county's state for the tests below.
fn county_source() -> team::Team {
    let t = team::team();
    let mut nurse = t.as_role(Role::Nurse);
    let ctx = nurse.ctx(now(), today()).unwrap();
    nurse
        .add_record(
            &ctx,
            &RecordInput {
                resident_id: t.in_home.id.clone(),
                occurred_on: "2026-11-21".into(),
                place: "城南镇中心敬老院".into(),
                detail: RecordInputDetail::Round(RoundInput {
                    systolic: "128".into(),
                    diastolic: "80".into(),
                    pulse: "72".into(),
                    glucose: String::new(),
                    note: String::new(),
                }),
            },
        )
        .unwrap();
    t
}

#[test]
fn a_row_whose_reference_has_not_arrived_is_parked_until_it_does() {
    let t = county_source();
    let (_dir, mut store) = store_as("linb");
    let rows = rows_of(&t.admin);
    let (residents, others): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|r| r.table == SyncTable::Residents);
    // The care record arrives before its resident (listed first, too: order is the store's job).
    let mut first: Vec<PulledRow> = others.clone();
    first.reverse();
    let stats = store.apply_pull_page(&page(first, "1:9"), now()).unwrap();
    assert_eq!(stats.parked, 1, "{stats:?}");
    assert_eq!(count(&store, "SELECT count(*) FROM care_records"), 0);
    assert_eq!(store.sync_overview().unwrap().parked, 1);
    assert_eq!(store.pull_cursor().unwrap().as_deref(), Some("1:9"));

    let stats = store
        .apply_pull_page(&page(residents, "2:3"), now())
        .unwrap();
    assert_eq!((stats.inserted, stats.unparked, stats.parked), (4, 1, 0));
    assert_eq!(count(&store, "SELECT count(*) FROM care_records"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM sync_parked"), 0);
    let records = store
        .raw_connection_for_tests()
        .query_row("SELECT resident_id FROM care_records", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap();
    assert_eq!(records, t.in_home.id);
    // A care record is written once: its stamps are its history, here and where it was written,
    // and no revision repeats them. Files keep theirs (修改历史).
    let care_revisions = "SELECT count(*) FROM revisions WHERE table_name = 'care_records'";
    assert_eq!(count(&store, care_revisions), 0);
    assert_eq!(count(&t.admin, care_revisions), 0);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM revisions WHERE table_name = 'residents' AND origin = 'county'"
        ),
        count(&store, "SELECT count(*) FROM residents")
    );
}

const DEFERRED: [&str; 4] = [
    "care_records_resident",
    "care_records_item",
    "care_records_day",
    "care_records_item_day",
];

fn indexes_present(store: &Store) -> usize {
    DEFERRED
        .iter()
        .map(|name| {
            count(
                store,
                &format!(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{name}'"
                ),
            ) as usize
        })
        .sum()
}

/// A first download in two pages: the residents, then the rest (the care record among it).
fn first_download_pages() -> (team::Team, PullResponse, PullResponse) {
    let t = county_source();
    let (residents, others): (Vec<_>, Vec<_>) = rows_of(&t.admin)
        .into_iter()
        .partition(|r| r.table == SyncTable::Residents);
    let first = PullResponse {
        more: true,
        ..page(residents, "1:5")
    };
    (t, first, page(others, "2:9"))
}

#[test]
fn a_first_download_builds_the_care_record_indexes_at_its_end() {
    let (_t, first, last) = first_download_pages();
    let (_dir, mut store) = store_as("linb");
    assert_eq!(indexes_present(&store), 4);
    store.apply_pull_page(&first, now()).unwrap();
    assert_eq!(
        indexes_present(&store),
        0,
        "left out while the download runs"
    );
    store.apply_pull_page(&last, now()).unwrap();
    assert_eq!(indexes_present(&store), 4);
    assert_eq!(count(&store, "SELECT count(*) FROM care_records"), 1);
    // The due list's read goes through its covering index again.
    let plan: String = store
        .raw_connection_for_tests()
        .query_row(
            "EXPLAIN QUERY PLAN SELECT occurred_on FROM care_records
             WHERE resident_id = 'x' AND item = 'S1' AND occurred_on >= '2026-01-01'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("care_records_item"), "{plan}");
}

#[test]
fn a_first_download_that_stops_early_leaves_no_index_missing() {
    let (_t, first, _) = first_download_pages();
    let dir = TempDir::new().unwrap();
    let input = SetupInput {
        login: "linb".into(),
        ..common::setup_input()
    };
    let (mut store, _) = common::vault(&dir).set_up(&input, now(), today()).unwrap();
    store.apply_pull_page(&first, now()).unwrap();
    assert_eq!(indexes_present(&store), 0);
    // The app stops (or loses the county) before the last page: the indexes are back.
    assert_eq!(store.build_deferred_indexes().unwrap(), 4);
    assert_eq!(indexes_present(&store), 4);
    // Reopened after a crash in the middle of the download.
    store
        .raw_connection_for_tests()
        .execute_batch("DROP INDEX care_records_day")
        .unwrap();
    drop(store);
    let store = common::vault(&dir)
        .log_in(
            &LogInInput {
                login: "linb".into(),
                password: yiyang_store::demo::DEMO_PASSWORD.into(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(indexes_present(&store), 4);
}

#[test]
fn a_laptop_with_care_records_keeps_its_indexes_while_pulling() {
    let (mut t, first, last) = first_download_pages();
    // The source laptop itself has never pulled, but holds a care record.
    applied_all(&mut t.admin);
    t.admin.apply_pull_page(&first, now()).unwrap();
    assert_eq!(indexes_present(&t.admin), 4);
    t.admin.apply_pull_page(&last, now()).unwrap();
    assert_eq!(indexes_present(&t.admin), 4);
}

#[test]
fn stores_that_applied_the_same_pages_have_the_same_rows() {
    let mut t = county_source();
    let (_b_dir, mut b) = store_as("linb");
    let (_c_dir, mut c) = store_as("linc");
    let mut county = rows_of(&t.admin);
    // Each laptop's own first user reaches the county too.
    for laptop in [&b, &c] {
        county.extend(
            rows_of(laptop)
                .into_iter()
                .filter(|r| r.table == SyncTable::Users),
        );
    }
    let (first, second): (Vec<_>, Vec<_>) = county
        .into_iter()
        .partition(|r| r.table != SyncTable::Residents);
    // An update of a resident on the county, in a later page.
    let mut changed = second
        .iter()
        .find(|r| r.id == t.at_home.id)
        .unwrap()
        .clone();
    changed
        .fields
        .insert("allergies".into(), Value::from("青霉素"));
    let pages = [
        page(first, "1:1"),
        page(second, "2:1"),
        page(vec![changed], "3:1"),
    ];
    for store in [&mut b, &mut c] {
        for p in &pages {
            store.apply_pull_page(p, now()).unwrap();
        }
    }
    let snapshot = b.synced_snapshot().unwrap();
    assert_eq!(snapshot, c.synced_snapshot().unwrap());
    assert_eq!(
        snapshot[&("residents".to_owned(), t.at_home.id.clone())]["allergies"],
        "青霉素"
    );
    assert!(snapshot
        .values()
        .all(|fields| fields.contains_key("deletedAt")));
    // 3 institutions, 5 + 2 users, 3 residents, 1 care record; nothing left waiting.
    assert_eq!(snapshot.len(), 3 + 7 + 3 + 1);
    assert_eq!(count(&b, "SELECT count(*) FROM sync_parked"), 0);
    // The source itself converges too once its own changes were pushed (until then its
    // pending fields keep their local values) and it has the same pages.
    applied_all(&mut t.admin);
    for p in &pages {
        t.admin.apply_pull_page(p, now()).unwrap();
    }
    assert_eq!(t.admin.synced_snapshot().unwrap(), snapshot);
}

fn conflict(store: &Store, resident_id: &str, kept: &str, other: &str) -> ConflictRecord {
    ConflictRecord {
        id: "0193b000-0000-7000-8000-0000000000c1".into(),
        table: SyncTable::Residents,
        row_id: resident_id.into(),
        field: "phone".into(),
        kept_value: kept.into(),
        other_value: other.into(),
        other_device_id: store.device_id().unwrap(),
        other_actor_id: store.session().unwrap().user_id.clone(),
        other_local_time: "2026-11-22T08:30:00.000Z".into(),
        status: ConflictStatus::Open,
        resolved_value: None,
        resolved_by: None,
        opened_at: "2026-11-22T09:00:00.000Z".into(),
        resolved_at: None,
    }
}

#[test]
fn resolving_a_conflict_writes_the_choice_with_the_conflict_id() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    let r = store.create_resident(&ctx, &common::resident()).unwrap();
    applied_all(&mut store);
    // The county kept its phone; the pull brings the row with it and the conflict.
    let mut row = resident_row(&clinic_id(&store), &r.id, "张三丰", "11010519491231002X");
    for (k, v) in [
        ("phone", "13511112222"),
        ("address", "城南镇王家村3组12号"),
        ("healthFileNo", r.health_file_no.as_str()),
        ("sex", "female"),
        ("birthDate", "1949-12-31"),
    ] {
        row.fields.insert(k.into(), v.into());
    }
    let c = conflict(&store, &r.id, "13511112222", "13812345678");
    let mut p = page(vec![row], "5:5");
    p.conflicts.push(c.clone());
    let stats = store.apply_pull_page(&p, now()).unwrap();
    assert_eq!(stats.conflicts, 1);
    let views = store.list_conflicts(false).unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].record, c);
    assert_eq!(views[0].field_label, "联系电话");
    assert_eq!(views[0].row_label, "张三丰");
    assert_eq!(views[0].local_status, LocalConflictStatus::Open);
    assert_eq!(store.sync_overview().unwrap().open_conflicts, 1);

    // Only one of the two values may be chosen.
    let err = store
        .resolve_conflict(&ctx, &c.id, json!("13000000000"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);

    // Keeping the value the row already has still tells the county.
    let (_, _, version) = resident_phone(&store, &r.id);
    store
        .resolve_conflict(&ctx, &c.id, json!("13511112222"))
        .unwrap();
    let batch = store.next_push_batch(10).unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].resolves.as_deref(), Some(c.id.as_str()));
    assert_eq!(batch[0].fields, map(&[("phone", "13511112222")]));
    assert_eq!(batch[0].prior, map(&[("phone", "13511112222")]));
    assert_eq!(resident_phone(&store, &r.id).2, version + 1);
    let views = store.list_conflicts(false).unwrap();
    assert_eq!(views[0].local_status, LocalConflictStatus::Resolving);
    assert_eq!(store.sync_overview().unwrap().open_conflicts, 0);

    // Choosing the other value writes it, searchable at once, again with the conflict id.
    store
        .resolve_conflict(&ctx, &c.id, json!("13812345678"))
        .unwrap();
    let batch = store.next_push_batch(10).unwrap();
    assert_eq!(batch[1].fields, map(&[("phone", "13812345678")]));
    assert_eq!(batch[1].prior, map(&[("phone", "13511112222")]));
    assert_eq!(batch[1].resolves.as_deref(), Some(c.id.as_str()));
    let hits = store
        .search_residents(
            &SearchQuery {
                text: "5678".into(),
                limit: 10,
            },
            today(),
        )
        .unwrap();
    assert_eq!(hits.len(), 1, "phone search keys recomputed");

    // The county reports it resolved: no longer listed as open, a choice is refused.
    let mut resolved = c.clone();
    resolved.status = ConflictStatus::Resolved;
    resolved.resolved_value = Some(json!("13812345678"));
    let mut p = page(vec![], "6:1");
    p.conflicts.push(resolved);
    store.apply_pull_page(&p, now()).unwrap();
    assert!(store.list_conflicts(false).unwrap().is_empty());
    assert_eq!(
        store.list_conflicts(true).unwrap()[0].local_status,
        LocalConflictStatus::Resolved
    );
    let err = store
        .resolve_conflict(&ctx, &c.id, json!("13812345678"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);
}

fn map(pairs: &[(&str, &str)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
        .collect()
}

#[test]
fn only_a_clinic_admin_enrols_and_the_status_is_kept() {
    let t = team::team();
    let resp = |store: &Store| EnrolResponse {
        device_id: store.device_id().unwrap(),
        token: "secret-token".into(),
        institution_id: t.clinic_id.clone(),
        institution_name: "桐庐县城南镇卫生院".into(),
    };
    let mut nurse = t.as_role(Role::Nurse);
    let err = nurse
        .save_enrolment("https://county.example", &resp(&nurse), now())
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Forbidden {
            permission: Permission::ManageSync
        }
    ));
    let mut admin = t.as_role(Role::ClinicAdmin);
    assert_eq!(admin.sync_settings().unwrap(), None);
    let mut other = resp(&admin);
    other.institution_id = t.home_id.clone();
    let err = admin
        .save_enrolment("https://county.example", &other, now())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);
    admin
        .save_enrolment("https://county.example/", &resp(&admin), now())
        .unwrap();
    let settings = admin.sync_settings().unwrap().unwrap();
    assert_eq!(settings.server_url, "https://county.example");
    assert_eq!(settings.token, "secret-token");
    assert_eq!(settings.institution_id, t.clinic_id);
    assert_eq!(admin.own_credit_code().unwrap().len(), 18);

    // The background sync records its attempts without a session.
    admin.end_session(now(), AuditAction::LogOut).unwrap();
    admin
        .record_sync_attempt(now(), Some("无法连接县级平台"))
        .unwrap();
    let o = admin.sync_overview().unwrap();
    assert!(o.enrolled);
    assert_eq!(o.institution_name.as_deref(), Some("桐庐县城南镇卫生院"));
    assert_eq!(o.last_error.as_deref(), Some("无法连接县级平台"));
    assert_eq!(o.last_success_at, None);
    let later = now() + Duration::minutes(5);
    admin.record_sync_attempt(later, None).unwrap();
    let o = admin.sync_overview().unwrap();
    assert_eq!(o.last_error, None);
    assert_eq!(
        o.last_success_at.as_deref(),
        Some("2026-11-22T08:35:00.000Z")
    );
    assert_eq!(o.last_attempt_at, o.last_success_at);
}

#[test]
fn a_row_a_local_rule_refuses_is_parked_and_the_page_goes_on() {
    let (_dir, mut store) = common::store();
    let ctx = common::ctx(&store);
    store.create_resident(&ctx, &common::resident()).unwrap();
    let clinic = clinic_id(&store);
    // The county holds a second live file with the same 身份证号 (a merge candidate there); this
    // computer allows one live file per number.
    let twin = resident_row(
        &clinic,
        "0193a000-0000-7000-8000-0000000000d1",
        "张三丰",
        "11010519491231002X",
    );
    let mut other = resident_row(
        &clinic,
        "0193a000-0000-7000-8000-0000000000d2",
        "赵六",
        "440524188001015368",
    );
    other
        .fields
        .insert("healthFileNo".into(), "33012210100109998".into());
    let stats = store
        .apply_pull_page(&page(vec![twin.clone(), other], "3:3"), now())
        .unwrap();
    assert_eq!((stats.inserted, stats.parked), (1, 1), "{stats:?}");
    assert_eq!(store.pull_cursor().unwrap().as_deref(), Some("3:3"));
    let (row, reason): (String, String) = store
        .raw_connection_for_tests()
        .query_row("SELECT row, reason FROM sync_parked", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let kept: PulledRow = serde_json::from_str(&row).unwrap();
    assert_eq!(kept, twin, "nothing pulled is lost");
    assert!(reason.starts_with("本机规则不接受"), "{reason}");
    // Retried with every later page, parked again while the rule still refuses it.
    let stats = store.apply_pull_page(&page(vec![], "4:1"), now()).unwrap();
    assert_eq!((stats.parked, stats.unparked), (1, 0));
}

#[test]
fn an_agreement_row_from_before_amendments_is_pulled_with_no_amends() {
    let (_dir, mut store) = store_as("linxy");
    let ctx = store.ctx(now(), today()).unwrap();
    let home = store
        .create_institution(&ctx, &yiyang_store::demo::nursing_homes()[0])
        .unwrap();
    let draft = store
        .create_agreement(
            &ctx,
            &AgreementInput {
                nursing_home_id: home.id.clone(),
                number: String::new(),
                start_on: "2026-01-01".into(),
                end_on: "2026-12-31".into(),
                items: vec![AgreementItem {
                    item: ServiceItem::S1,
                    frequency: Some(Frequency {
                        every: 1,
                        unit: FrequencyUnit::Week,
                    }),
                }],
                methods: vec![ServiceMethod::ScheduledRounds],
                file_within_days: "30".into(),
                note: String::new(),
            },
        )
        .unwrap();
    applied_all(&mut store);
    // The county kept the row as an older laptop wrote it: no `amends`, and a newer note.
    let mut row = rows_of(&store)
        .into_iter()
        .find(|r| r.id == draft.id)
        .unwrap();
    assert!(row.fields.remove("amends").is_some());
    row.version = 2;
    row.fields.insert("note".into(), "每周二上午巡诊".into());
    row.fields
        .insert("updatedAt".into(), "2026-11-22T03:00:00.000Z".into());
    store
        .apply_pull_page(&page(vec![row], "1:1"), now())
        .unwrap();
    let pulled = store.get_agreement(&draft.id).unwrap();
    assert_eq!(
        (pulled.version, pulled.note.as_str()),
        (2, "每周二上午巡诊")
    );
    assert_eq!(pulled.amends, None);
}
