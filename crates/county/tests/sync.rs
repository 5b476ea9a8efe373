//! End to end: the real binary, a fresh database, real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::io::Write;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::*;
use serde_json::{json, Value};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

async fn server_with_clinics() -> (Server, String, String, String) {
    let s = Server::start().await;
    let a = credit(CLINIC_A);
    let b = credit(CLINIC_B);
    let h = credit(HOME_H);
    s.add_institution("township_clinic", "和平镇卫生院", &a);
    s.add_institution("township_clinic", "城南社区卫生服务中心", &b);
    s.add_institution("elderly_home", "和平镇敬老院", &h);
    (s, a, b, h)
}

#[tokio::test]
async fn health_and_openapi_need_no_token() {
    let s = Server::start().await;
    let health: Value = s
        .http
        .get(s.url("/v1/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health, json!({"status": "ok", "protocol": 1}));
    let doc: Value = s
        .http
        .get(s.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/v1/enrol",
        "/v1/push",
        "/v1/pull",
        "/v1/health",
        "/openapi.json",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
}

#[tokio::test]
async fn enrolment_code_works_once_and_only_for_its_institution() {
    let (s, a, b, _) = server_with_clinics().await;
    let code = s.issue_code(&a);
    assert_eq!(code.len(), 12);
    // Another institution's credit code: refused, the code stays usable.
    let res = s.enrol_raw(&code, &new_id(), &b).await;
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "enrol_code_invalid"
    );
    // Typed in lower case with a dash: accepted.
    let typed = format!("{}-{}", &code[..6], &code[6..]).to_lowercase();
    let res = s.enrol_raw(&typed, &new_id(), &a).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["institutionId"], json!(institution_id(&a)));
    assert_eq!(body["institutionName"], "和平镇卫生院");
    assert!(body["token"].as_str().unwrap().len() >= 32);
    // Second use: refused.
    let res = s.enrol_raw(&code, &new_id(), &a).await;
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "enrol_code_invalid"
    );
    let list = s.admin(&["device", "list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
}

#[tokio::test]
async fn push_is_applied_exactly_once_and_pull_follows_the_cursor() {
    let (s, a, _, _) = server_with_clinics().await;
    let d = s.enrol(&a).await;
    let rid = new_id();
    let batch = vec![insert(
        1,
        "residents",
        &rid,
        resident_fields(&d.institution_id, &id_number(1)),
    )];
    let first = s.push_ok(&d, batch.clone()).await;
    assert_eq!(first["highWater"], 1);
    assert_eq!(first["results"][0]["outcome"], "applied");
    assert_eq!(first["results"][0]["version"], 1);
    // The same batch again (the answer was lost): the same results, nothing applied twice.
    let again = s.push_ok(&d, batch.clone()).await;
    assert_eq!(again, first);

    let (rows, _, cursor) = s
        .pull_all_until(&d, "", |rows, _| find_row(rows, &rid).is_some())
        .await;
    let row = find_row(&rows, &rid).expect("pushed resident pulled");
    assert_eq!(row["version"], 1);
    assert_eq!(row["table"], "residents");
    assert_eq!(row["fields"]["idNumber"], json!(id_number(1)));
    assert_eq!(row["fields"]["createdBy"], "user-1");
    assert_eq!(row["fields"]["createdAt"], "2026-03-01T08:00:00+08:00");
    assert_eq!(row["fields"]["deletedAt"], Value::Null);
    // Reference data comes too (institutions are county-wide).
    assert!(rows.iter().any(|r| r["table"] == "institutions"));

    // Nothing new: the cursor stays.
    let page = s.pull(&d, &cursor, 1000).await;
    assert_eq!(page["rows"], json!([]));
    assert_eq!(page["cursor"], json!(cursor));
    assert_eq!(page["more"], false);

    // An update moves the version and the cursor; the new page has just that row. Stamps a
    // laptop sends are not fields: the county stamps rows itself.
    let upd = update(
        2,
        "residents",
        &rid,
        json!({"phone": "13700137000", "createdBy": "user-9", "updatedBy": "user-9"}),
        json!({"phone": "13800138000"}),
    );
    let res = s.push_ok(&d, vec![upd]).await;
    assert_eq!(res["results"][0]["version"], 2);
    let (rows, _, next) = s
        .pull_all_until(&d, &cursor, |rows, _| !rows.is_empty())
        .await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["version"], 2);
    assert_eq!(rows[0]["fields"]["phone"], "13700137000");
    assert_eq!(rows[0]["fields"]["updatedBy"], "user-2");
    assert_eq!(rows[0]["fields"]["createdBy"], "user-1");
    assert_ne!(next, cursor);

    // Paging: limit 1 from the start says there is more.
    let page = s.pull(&d, "", 1).await;
    assert_eq!(page["rows"].as_array().unwrap().len(), 1);
    assert_eq!(page["more"], true);
}

#[tokio::test]
async fn sequence_gap_and_divergence_are_refused() {
    let (s, a, _, _) = server_with_clinics().await;
    let d = s.enrol(&a).await;
    let rid = new_id();
    let m1 = insert(
        1,
        "residents",
        &rid,
        resident_fields(&d.institution_id, &id_number(2)),
    );
    s.push_ok(&d, vec![m1.clone()]).await;
    // seq 3 after 1: 409 sequence_gap, expecting 2.
    let gap = update(
        3,
        "residents",
        &rid,
        json!({"phone": "13700137000"}),
        json!({"phone": "13800138000"}),
    );
    let res = s.push(&d, vec![gap]).await;
    assert_eq!(res.status(), 409);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "sequence_gap");
    assert_eq!(body["expectedSeq"], 2);
    // seq 1 again under another mutation id: the laptop diverged.
    let mut other = m1.clone();
    other["mutationId"] = json!(new_id());
    let res = s.push(&d, vec![other]).await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "device_diverged"
    );
    // A batch whose seqs are not contiguous: 400.
    let a2 = update(2, "residents", &rid, json!({"phone": "1"}), json!({}));
    let a4 = update(4, "residents", &rid, json!({"phone": "2"}), json!({}));
    let res = s.push(&d, vec![a2, a4]).await;
    assert_eq!(res.status(), 400);
    // A retry of 1 followed by a new 2 in one batch: 1 replayed, 2 applied.
    let m2 = update(
        2,
        "residents",
        &rid,
        json!({"room": ""}),
        json!({"room": ""}),
    );
    let res = s.push_ok(&d, vec![m1, m2]).await;
    assert_eq!(res["highWater"], 2);
    assert_eq!(res["results"][0]["version"], 1);
}

#[tokio::test]
async fn institutions_only_read_and_write_their_own_residents() {
    let (s, a, b, _) = server_with_clinics().await;
    let da = s.enrol(&a).await;
    let mut db = s.enrol(&b).await;
    let rb = new_id();
    let res = s
        .push_ok(
            &db,
            vec![insert(
                1,
                "residents",
                &rb,
                resident_fields(&db.institution_id, &id_number(3)),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["outcome"], "applied");
    db.next_seq = 2;

    // A writes a resident claiming institution B: forbidden, quarantined.
    let ra = new_id();
    let res = s
        .push_ok(
            &da,
            vec![insert(
                1,
                "residents",
                &ra,
                resident_fields(&db.institution_id, &id_number(4)),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["outcome"], "rejected");
    assert_eq!(res["results"][0]["code"], "forbidden");
    assert_eq!(res["highWater"], 1, "a rejection does not block the outbox");
    // A changes B's resident: forbidden, nothing changed.
    let res = s
        .push_ok(
            &da,
            vec![update(
                2,
                "residents",
                &rb,
                json!({"phone": "13700137000"}),
                json!({"phone": "13800138000"}),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["code"], "forbidden");
    // A moves B's resident to A: forbidden too (B's before the change).
    let res = s
        .push_ok(
            &da,
            vec![update(
                3,
                "residents",
                &rb,
                json!({"institutionId": da.institution_id}),
                json!({"institutionId": db.institution_id}),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["code"], "forbidden");

    // B still sees its resident at version 1; A never sees it.
    let (rows_b, _, _) = s
        .pull_all_until(&db, "", |rows, _| find_row(rows, &rb).is_some())
        .await;
    let row = find_row(&rows_b, &rb).unwrap();
    assert_eq!(row["version"], 1);
    assert_eq!(row["fields"]["phone"], "13800138000");
    assert!(find_row(&rows_b, &ra).is_none());
    let (rows_a, _, _) = s
        .pull_all_until(&da, "", |rows, _| {
            rows.iter().any(|r| r["table"] == "institutions")
        })
        .await;
    assert!(
        rows_a.iter().all(|r| r["table"] != "residents"),
        "{rows_a:?}"
    );
    let q = s.admin(&["quarantine", "list"]);
    assert_eq!(
        q.lines().filter(|l| l.contains("forbidden")).count(),
        3,
        "{q}"
    );
}

#[tokio::test]
async fn a_home_with_an_active_agreement_shares_its_residents() {
    let (s, a, b, h) = server_with_clinics().await;
    let da = s.enrol(&a).await;
    let db = s.enrol(&b).await;
    let home = institution_id(&h);
    // B files a resident living in home H.
    let rid = new_id();
    let mut fields = resident_fields(&db.institution_id, &id_number(5));
    fields["livingKind"] = json!("nursing_home");
    fields["nursingHomeId"] = json!(home);
    fields["room"] = json!("101");
    fields["bed"] = json!("2");
    let res = s
        .push_ok(&db, vec![insert(1, "residents", &rid, fields)])
        .await;
    assert_eq!(res["results"][0]["outcome"], "applied", "{res}");
    // A has no agreement with H: the resident is invisible to A.
    let (rows, _, _) = s
        .pull_all_until(&da, "", |rows, _| {
            rows.iter().any(|r| r["table"] == "institutions")
        })
        .await;
    assert!(find_row(&rows, &rid).is_none());
    // A signs an active agreement with H: now A reads the residents living in H.
    let agreement = json!({
        "number": "XY2026-001",
        "clinicId": da.institution_id,
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
    });
    let res = s
        .push_ok(&da, vec![insert(1, "agreements", &new_id(), agreement)])
        .await;
    assert_eq!(res["results"][0]["outcome"], "applied", "{res}");
    let (rows, _, _) = s
        .pull_all_until(&da, "", |rows, _| find_row(rows, &rid).is_some())
        .await;
    assert!(
        find_row(&rows, &rid).is_some(),
        "resident of the partner home visible"
    );
    // …but may still not change it (it is B's file).
    let res = s
        .push_ok(
            &da,
            vec![update(
                2,
                "residents",
                &rid,
                json!({"bed": "3"}),
                json!({"bed": "2"}),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["code"], "forbidden");
    // B's device does not see A's agreement; H is not B's partner.
    let (rows, _, _) = s
        .pull_all_until(&db, "", |rows, _| find_row(rows, &rid).is_some())
        .await;
    assert!(rows.iter().all(|r| r["table"] != "agreements"));
}

#[tokio::test]
async fn bad_payloads_are_refused_with_the_right_code() {
    let (s, a, _, _) = server_with_clinics().await;
    let d = s.enrol(&a).await;
    let post = |body: Value| {
        s.http
            .post(s.url("/v1/push"))
            .header("x-yiyang-protocol", "1")
            .bearer_auth(&d.token)
            .json(&body)
    };
    // Wrong type in the envelope: 400 naming the field (axum's explanation).
    let mut m = insert(
        1,
        "residents",
        &new_id(),
        resident_fields(&d.institution_id, &id_number(6)),
    );
    m["seq"] = json!("one");
    let res = post(json!({"protocol": 1, "mutations": [m]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "bad_request");
    assert!(body["message"].as_str().unwrap().contains("seq"), "{body}");
    // Unknown table: 400 naming it.
    let m = insert(1, "patients", &new_id(), json!({}));
    let res = post(json!({"protocol": 1, "mutations": [m]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("patients"),
        "{body}"
    );
    // Not JSON at all.
    let res = s
        .http
        .post(s.url("/v1/push"))
        .header("x-yiyang-protocol", "1")
        .header("content-type", "application/json")
        .bearer_auth(&d.token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // A wrong field type inside a row and an invalid 身份证号: rejected naming the field.
    let mut fields = resident_fields(&d.institution_id, "110105194912310021");
    let res = s
        .push_ok(&d, vec![insert(1, "residents", &new_id(), fields.clone())])
        .await;
    assert_eq!(res["results"][0]["outcome"], "rejected");
    assert_eq!(res["results"][0]["code"], "validation");
    assert_eq!(res["results"][0]["field"], "idNumber");
    assert!(res["results"][0]["message"]
        .as_str()
        .unwrap()
        .contains("身份证号"));
    fields["idNumber"] = json!(id_number(7));
    fields["ltcInsurance"] = json!("yes");
    let res = s
        .push_ok(&d, vec![insert(2, "residents", &new_id(), fields)])
        .await;
    assert_eq!(res["results"][0]["field"], "ltcInsurance");
    // A future protocol, in the header or the body: 426.
    let res = s
        .http
        .post(s.url("/v1/push"))
        .header("x-yiyang-protocol", "2")
        .bearer_auth(&d.token)
        .json(&json!({"protocol": 2, "mutations": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 426);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "protocol_version"
    );
    let res = post(json!({"protocol": 2, "mutations": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 426);
    // Over 8 MiB as declared: 413 before the body is even read.
    let mut tcp = tokio::net::TcpStream::connect(s.base.trim_start_matches("http://"))
        .await
        .unwrap();
    let head = format!(
        "POST /v1/push HTTP/1.1\r\nhost: x\r\nx-yiyang-protocol: 1\r\nauthorization: Bearer {}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        d.token,
        9 * 1024 * 1024
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tcp.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    // Small when sent but over 8 MiB once decompressed: 413 as well.
    let big = "x".repeat(9 * 1024 * 1024);
    let json_body = format!(r#"{{"protocol":1,"mutations":[],"pad":"{big}"}}"#);
    let res = s
        .http
        .post(s.url("/v1/push"))
        .header("x-yiyang-protocol", "1")
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .bearer_auth(&d.token)
        .body(gzip(json_body.as_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(
        res.json::<Value>().await.unwrap()["code"],
        "payload_too_large"
    );
    // No token, an unknown token: 401.
    let res = s
        .http
        .get(s.url("/v1/pull"))
        .header("x-yiyang-protocol", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "unauthorized");
    let res = s
        .http
        .get(s.url("/v1/pull"))
        .header("x-yiyang-protocol", "1")
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // Revoked: 401 revoked.
    s.admin(&["device", "revoke", &d.id]);
    let res = s
        .http
        .get(s.url("/v1/pull"))
        .header("x-yiyang-protocol", "1")
        .bearer_auth(&d.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "revoked");
}

/// Laptops of this version send zstd; older ones send gzip. Both are applied.
#[tokio::test]
async fn zstd_and_gzip_request_bodies_are_accepted() {
    let (s, a, _, _) = server_with_clinics().await;
    let d = s.enrol(&a).await;
    for (seq, encoding) in ["zstd", "gzip"].into_iter().enumerate() {
        let body = json!({"protocol": 1, "mutations": [
            insert(seq as i64 + 1, "residents", &new_id(),
                   resident_fields(&d.institution_id, &id_number(8 + seq as u32)))
        ]});
        let res = s
            .http
            .post(s.url("/v1/push"))
            .header("x-yiyang-protocol", "1")
            .header("content-type", "application/json")
            .header("content-encoding", encoding)
            .bearer_auth(&d.token)
            .body(compressed(encoding, body.to_string().as_bytes()))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{encoding}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(
            body["results"][0]["outcome"], "applied",
            "{encoding}: {body}"
        );
    }
}

fn compressed(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    match encoding {
        "zstd" => zstd::bulk::compress(bytes, 1).unwrap(),
        _ => gzip(bytes),
    }
}

/// A laptop that accepts zstd gets its answers in zstd; an older one, gzip.
#[tokio::test]
async fn answers_use_zstd_when_the_laptop_accepts_it_else_gzip() {
    let s = Server::start().await;
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_zstd()
        .build()
        .unwrap();
    for (accepted, expected) in [("gzip, zstd", "zstd"), ("gzip", "gzip")] {
        let res = raw
            .get(s.url("/openapi.json"))
            .header("accept-encoding", accepted)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let encoding = res.headers()["content-encoding"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(encoding, expected, "accepting {accepted}");
        let bytes = res.bytes().await.unwrap();
        let json = if encoding == "zstd" {
            zstd::stream::decode_all(&bytes[..]).unwrap()
        } else {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
                .unwrap();
            out
        };
        let doc: Value = serde_json::from_slice(&json).unwrap();
        assert!(doc["paths"]["/v1/push"].is_object(), "{accepted}");
    }
}

#[tokio::test]
async fn concurrent_changes_of_one_field_open_a_conflict_both_devices_pull() {
    let (s, a, _, _) = server_with_clinics().await;
    let d1 = s.enrol(&a).await;
    let d2 = s.enrol(&a).await;
    let rid = new_id();
    s.push_ok(
        &d1,
        vec![insert(
            1,
            "residents",
            &rid,
            resident_fields(&d1.institution_id, &id_number(9)),
        )],
    )
    .await;
    // Both laptops saw phone 13800138000 and changed it differently.
    let prior = json!({"phone": "13800138000"});
    let r1 = s
        .push_ok(
            &d1,
            vec![update(
                2,
                "residents",
                &rid,
                json!({"phone": "13700000001"}),
                prior.clone(),
            )],
        )
        .await;
    assert_eq!(r1["results"][0]["outcome"], "applied");
    let r2 = s
        .push_ok(
            &d2,
            vec![update(
                1,
                "residents",
                &rid,
                json!({"phone": "13700000002", "allergies": "无"}),
                json!({"phone": "13800138000", "allergies": "青霉素"}),
            )],
        )
        .await;
    assert_eq!(r2["results"][0]["outcome"], "conflict", "{r2}");
    assert_eq!(r2["results"][0]["conflicts"], json!(["phone"]));
    assert_eq!(
        r2["results"][0]["version"], 3,
        "the other field was applied"
    );

    for d in [&d1, &d2] {
        let (rows, conflicts, _) = s.pull_all_until(d, "", |_, c| !c.is_empty()).await;
        assert_eq!(conflicts.len(), 1);
        let c = &conflicts[0];
        assert_eq!(c["rowId"], json!(rid));
        assert_eq!(c["field"], "phone");
        assert_eq!(c["keptValue"], "13700000001");
        assert_eq!(c["otherValue"], "13700000002");
        assert_eq!(c["otherDeviceId"], json!(d2.id));
        assert_eq!(c["status"], "open");
        let row = find_row(&rows, &rid).unwrap();
        assert_eq!(row["fields"]["phone"], "13700000001");
        assert_eq!(row["fields"]["allergies"], "无");
    }
    let listed = s.admin(&["conflict", "list"]);
    assert!(listed.contains("phone"), "{listed}");

    // A person picks d2's value on d1: resolves the conflict, everyone pulls the resolution.
    let (_, conflicts, cursor) = s.pull_all_until(&d1, "", |_, c| !c.is_empty()).await;
    let mut fix = update(
        3,
        "residents",
        &rid,
        json!({"phone": "13700000002"}),
        json!({"phone": "13700000001"}),
    );
    fix["resolves"] = conflicts[0]["id"].clone();
    let r = s.push_ok(&d1, vec![fix]).await;
    assert_eq!(r["results"][0]["outcome"], "applied");
    let (_, conflicts, _) = s.pull_all_until(&d2, &cursor, |_, c| !c.is_empty()).await;
    assert_eq!(conflicts[0]["status"], "resolved");
    assert_eq!(conflicts[0]["resolvedValue"], "13700000002");
    assert_eq!(conflicts[0]["resolvedBy"], "user-2");
}

#[tokio::test]
async fn a_second_file_with_the_same_id_number_is_a_merge_candidate() {
    let (s, a, b, _) = server_with_clinics().await;
    let da = s.enrol(&a).await;
    let db = s.enrol(&b).await;
    let same = id_number(10);
    s.push_ok(
        &da,
        vec![insert(
            1,
            "residents",
            &new_id(),
            resident_fields(&da.institution_id, &same),
        )],
    )
    .await;
    let res = s
        .push_ok(
            &db,
            vec![insert(
                1,
                "residents",
                &new_id(),
                resident_fields(&db.institution_id, &same),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["outcome"], "applied");
    let list = s.admin(&["merge", "list"]);
    assert_eq!(
        list.lines().filter(|l| l.contains(&same)).count(),
        1,
        "{list}"
    );
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly() {
    let mut s = Server::start().await;
    assert!(s.terminate());
}

/// An agreement between `clinic` and `home` in `status`.
fn agreement_fields(clinic: &str, home: &str, status: &str) -> Value {
    json!({
        "number": "XY2026-002",
        "clinicId": clinic,
        "nursingHomeId": home,
        "startOn": "2026-01-01",
        "endOn": "2028-12-31",
        "items": [{"item": "S1", "frequency": {"every": 1, "unit": "week"}}],
        "methods": ["scheduled_rounds", "on_call"],
        "fileWithinDays": 30,
        "note": "",
        "status": status,
        "activatedOn": (status == "active").then_some("2026-01-01"),
        "terminatedOn": null,
        "terminationReason": "",
    })
}

fn applied(res: &Value) {
    for r in res["results"].as_array().unwrap() {
        assert_eq!(r["outcome"], "applied", "{res}");
    }
}

#[tokio::test]
async fn an_agreement_becoming_active_sends_the_homes_earlier_rows_to_the_clinic() {
    let (s, a, c, h) = server_with_clinics().await;
    let home = institution_id(&h);
    let mut da = s.enrol(&a).await;
    let mut dc = s.enrol(&c).await;
    // Long before: A files two residents living in H, a contract and a care record for one,
    // and a resident living at home (never C's business).
    let (r1, r2, at_home) = (new_id(), new_id(), new_id());
    let (contract, record) = (new_id(), new_id());
    let in_home = |n: u32| {
        let mut f = resident_fields(&da.institution_id, &id_number(n));
        f["livingKind"] = json!("nursing_home");
        f["nursingHomeId"] = json!(home);
        f["room"] = json!("101");
        f["bed"] = json!("1");
        f
    };
    let res = s
        .push_ok(
            &da,
            vec![
                insert(1, "residents", &r1, in_home(20)),
                insert(2, "residents", &r2, in_home(21)),
                insert(
                    3,
                    "residents",
                    &at_home,
                    resident_fields(&da.institution_id, &id_number(22)),
                ),
                insert(
                    4,
                    "contracts",
                    &contract,
                    contract_fields(&r1, "QY2026-00001"),
                ),
                insert(5, "care_records", &record, care_record_fields(&r1)),
            ],
        )
        .await;
    applied(&res);
    da.next_seq = 6;
    // C is up to date: its cursor is past all of that, and it saw none of it.
    let (rows, cursor) = pull_past_everything(&s, &mut dc, "").await;
    for id in [&r1, &r2, &at_home, &contract, &record] {
        assert!(find_row(&rows, id).is_none(), "{id} not visible to C yet");
    }
    // C signs the agreement with H as a draft: nothing changes for C.
    let agreement = new_id();
    let draft = agreement_fields(&dc.institution_id, &home, "draft");
    let res = s
        .push_ok(
            &dc,
            vec![insert(dc.next_seq, "agreements", &agreement, draft)],
        )
        .await;
    applied(&res);
    dc.next_seq += 1;
    let (rows, cursor) = pull_past_everything(&s, &mut dc, &cursor).await;
    assert!(find_row(&rows, &r1).is_none(), "a draft shares nothing");
    // …then activates it: from its old cursor C now pulls H's residents with their contract
    // and care record, unchanged (same version), and still not the resident living at home.
    let res = s
        .push_ok(
            &dc,
            vec![update(
                dc.next_seq,
                "agreements",
                &agreement,
                json!({"status": "active", "activatedOn": "2026-01-01"}),
                json!({"status": "draft", "activatedOn": null}),
            )],
        )
        .await;
    applied(&res);
    dc.next_seq += 1;
    let (rows, _) = pull_past_everything(&s, &mut dc, &cursor).await;
    for id in [&r1, &r2, &contract, &record] {
        let row = find_row(&rows, id).unwrap_or_else(|| panic!("{id} reached C: {rows:?}"));
        assert_eq!(row["version"], 1, "restamped, not changed: {row}");
        assert_eq!(row["fields"]["createdBy"], "user-1");
    }
    assert_eq!(find_row(&rows, &record).unwrap()["table"], "care_records");
    assert_eq!(find_row(&rows, &contract).unwrap()["table"], "contracts");
    assert!(find_row(&rows, &at_home).is_none());
    // The resident comes before its contract and care record (commit order).
    let pos = |id: &str| rows.iter().position(|r| r["id"] == json!(id)).unwrap();
    assert!(pos(&r1) < pos(&contract) && pos(&contract) < pos(&record));
    // A's own devices get the rows again too, unchanged (a laptop that holds them stores nothing).
    let (rows_a, _, _) = s
        .pull_all_until(&da, "", |rows, _| find_row(rows, &record).is_some())
        .await;
    assert_eq!(find_row(&rows_a, &r1).unwrap()["version"], 1);
}

#[tokio::test]
async fn a_resident_moving_into_a_partner_home_reaches_the_clinic_with_its_records() {
    let (s, a, c, h) = server_with_clinics().await;
    let home = institution_id(&h);
    let mut da = s.enrol(&a).await;
    let mut dc = s.enrol(&c).await;
    // C has an active agreement with H.
    let agreement = agreement_fields(&dc.institution_id, &home, "active");
    let res = s
        .push_ok(&dc, vec![insert(1, "agreements", &new_id(), agreement)])
        .await;
    applied(&res);
    dc.next_seq = 2;
    // A's resident lives at home, with a care record of A's.
    let (rid, record) = (new_id(), new_id());
    let res = s
        .push_ok(
            &da,
            vec![
                insert(
                    1,
                    "residents",
                    &rid,
                    resident_fields(&da.institution_id, &id_number(30)),
                ),
                insert(2, "care_records", &record, care_record_fields(&rid)),
            ],
        )
        .await;
    applied(&res);
    da.next_seq = 3;
    let (rows, cursor) = pull_past_everything(&s, &mut dc, "").await;
    assert!(find_row(&rows, &rid).is_none() && find_row(&rows, &record).is_none());
    // Later the resident moves into H: C pulls the resident and its earlier care record.
    let res = s
        .push_ok(
            &da,
            vec![update(
                da.next_seq,
                "residents",
                &rid,
                json!({"livingKind": "nursing_home", "nursingHomeId": home,
                       "room": "203", "bed": "1"}),
                json!({"livingKind": "home", "nursingHomeId": null, "room": "", "bed": ""}),
            )],
        )
        .await;
    applied(&res);
    da.next_seq += 1;
    let (rows, _) = pull_past_everything(&s, &mut dc, &cursor).await;
    let resident = find_row(&rows, &rid).expect("moved resident reached C");
    assert_eq!(resident["version"], 2);
    assert_eq!(resident["fields"]["nursingHomeId"], json!(home));
    let rec = find_row(&rows, &record).expect("its care record reached C");
    assert_eq!(rec["version"], 1);
    // C may now file care records for the resident (it is readable).
    let res = s
        .push_ok(
            &dc,
            vec![insert(
                dc.next_seq,
                "care_records",
                &new_id(),
                care_record_fields(&rid),
            )],
        )
        .await;
    applied(&res);
}

/// A new row inserted by another push while this batch is applied: the batch's insert fails on
/// the taken id, and the batch is applied again mutation by mutation, merging into the row that
/// won. Nothing is lost, nothing is written twice, and the batch's other rows are applied too.
#[tokio::test]
async fn a_new_row_taken_meanwhile_by_another_push_is_merged_into() {
    let (s, a, _, _) = server_with_clinics().await;
    let d = s.enrol(&a).await;
    let (taken, other) = (new_id(), new_id());
    let fields = resident_fields(&d.institution_id, &id_number(7));
    let taken_uuid = uuid::Uuid::parse_str(&taken).unwrap();
    let owner = uuid::Uuid::parse_str(&d.institution_id).unwrap();
    // Another writer holds the same id, inserted and not yet committed: the push cannot see it
    // when it loads its rows, and its insert waits on the primary key.
    let (mut db, conn) = tokio_postgres::connect(&s.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let tx = db.transaction().await.unwrap();
    tx.execute(
        "INSERT INTO rows (tbl, id, version, fields, owner, id_number, created_at, created_by,
                           updated_at, updated_by, change_xid, change_pos)
         VALUES ('residents', $1, 1, $2, $3, $4, 't', 'other', 't', 'other',
                 pg_current_xact_id()::text::bigint, nextval('change_pos_seq'))",
        &[&taken_uuid, &fields, &owner, &id_number(7)],
    )
    .await
    .unwrap();
    let batch = vec![
        insert(1, "residents", &taken, fields.clone()),
        insert(
            2,
            "residents",
            &other,
            resident_fields(&d.institution_id, &id_number(8)),
        ),
    ];
    let push = s.push_ok(&d, batch);
    tokio::pin!(push);
    let (watch, conn) = tokio_postgres::connect(&s.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    // Drive the push until the county's insert waits for that transaction.
    loop {
        tokio::select! {
            res = &mut push => panic!("the push finished before the other insert committed: {res}"),
            waiting = watch.query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
                &[],
            ) => {
                if waiting.unwrap().get::<_, i64>(0) > 0 {
                    break;
                }
            }
        }
    }
    tx.commit().await.unwrap();
    let res = push.await;
    assert_eq!(res["highWater"], 2);
    for (i, r) in res["results"].as_array().unwrap().iter().enumerate() {
        assert_eq!(r["outcome"], "applied", "mutation {i}: {r}");
        assert_eq!(r["version"], 1, "mutation {i}: {r}");
    }
    let held: i64 = watch
        .query_one(
            "SELECT count(*) FROM rows WHERE tbl = 'residents' AND id = ANY($1)",
            &[&vec![taken_uuid, uuid::Uuid::parse_str(&other).unwrap()]],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(held, 2);
}

/// A batch of the most a laptop sends is planned and written in chunks (push.rs, `CHUNK`): what
/// it writes, rejects and records must be what one mutation after another would give.
#[tokio::test]
async fn a_full_batch_is_applied_in_order_across_its_chunks() {
    let (s, a, b, _) = server_with_clinics().await;
    let da = s.enrol(&a).await;
    let db = s.enrol(&b).await;
    let theirs = new_id();
    s.push_ok(
        &db,
        vec![insert(
            1,
            "residents",
            &theirs,
            resident_fields(&db.institution_id, &id_number(300)),
        )],
    )
    .await;
    // 100 residents, each followed by its 9 care records: 1 000 mutations. Resident 40 has
    // resident 5's 身份证号 (a duplicate across chunks); resident 70's number is invalid, so it
    // and its records are refused; the last record names clinic B's resident; two of resident
    // 99's records are contracts instead.
    let mut batch = Vec::new();
    let mut expected = Vec::new();
    let mut ids = Vec::new();
    for k in 0..100u32 {
        let rid = new_id();
        let number = match k {
            40 => id_number(5),
            70 => format!("{}0", &id_number(70)[..17]),
            _ => id_number(k),
        };
        let refused = k == 70;
        batch.push(insert(
            batch.len() as i64 + 1,
            "residents",
            &rid,
            resident_fields(&da.institution_id, &number),
        ));
        expected.push(if refused { "rejected" } else { "applied" });
        ids.push(rid.clone());
        for r in 0..9 {
            let resident = if k == 99 && r == 8 { &theirs } else { &rid };
            let id = new_id();
            // Two 签约 whose owner the county reads from their resident's row: one written in
            // the first chunk, one still queued with them.
            let (table, fields) = match (k, r) {
                (99, 6) => ("contracts", contract_fields(&rid, "QY2026-00001")),
                (99, 7) => ("contracts", contract_fields(&ids[0], "QY2026-00002")),
                _ => ("care_records", care_record_fields(resident)),
            };
            batch.push(insert(batch.len() as i64 + 1, table, &id, fields));
            expected.push(if refused || resident == &theirs {
                "rejected"
            } else {
                "applied"
            });
            ids.push(id);
        }
    }
    assert_eq!(batch.len(), 1000);
    let res = s.push_ok(&da, batch.clone()).await;
    assert_eq!(res["highWater"], 1000);
    let results = res["results"].as_array().unwrap();
    let outcomes: Vec<&str> = results
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    let wrong: Vec<_> = (0..1000)
        .filter(|&i| outcomes[i] != expected[i])
        .map(|i| &results[i])
        .collect();
    assert!(wrong.is_empty(), "unexpected outcomes: {wrong:?}");
    assert_eq!(results[700]["field"], "idNumber", "{}", results[700]);
    assert_eq!(results[701]["code"], "forbidden", "{}", results[701]);
    assert_eq!(results[999]["code"], "forbidden", "{}", results[999]);

    let (pg, conn) = tokio_postgres::connect(&s.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let count = |sql: &'static str, ids: Vec<uuid::Uuid>| {
        let pg = &pg;
        async move { pg.query_one(sql, &[&ids]).await.unwrap().get::<_, i64>(0) }
    };
    let uuids = |keep: &str| -> Vec<uuid::Uuid> {
        ids.iter()
            .zip(&expected)
            .filter(|(_, e)| **e == keep)
            .map(|(id, _)| uuid::Uuid::parse_str(id).unwrap())
            .collect()
    };
    let held = "SELECT count(*) FROM rows WHERE id = ANY($1)";
    assert_eq!(count(held, uuids("applied")).await, 989);
    assert_eq!(count(held, uuids("rejected")).await, 0);
    let quarantined = pg
        .query_one("SELECT count(*) FROM quarantine", &[])
        .await
        .unwrap()
        .get::<_, i64>(0);
    assert_eq!(quarantined, 11);
    let list = s.admin(&["merge", "list"]);
    assert_eq!(
        list.lines().filter(|l| l.contains(&id_number(5))).count(),
        1,
        "{list}"
    );
    // The answer was lost: the same batch again gets the stored results, to the letter.
    assert_eq!(s.push_ok(&da, batch).await, res);
}

/// A county upgraded from schema 3, which kept each settled result as jsonb, still hands the
/// stored results back to a laptop that retries.
#[tokio::test]
async fn results_stored_before_the_upgrade_to_text_are_returned_on_retry() {
    let (mut s, a, _, _) = server_with_clinics().await;
    let d = s.enrol(&a).await;
    let batch = vec![
        insert(
            1,
            "residents",
            &new_id(),
            resident_fields(&d.institution_id, &id_number(1)),
        ),
        insert(
            2,
            "residents",
            &new_id(),
            resident_fields(&d.institution_id, &format!("{}0", &id_number(2)[..17])),
        ),
    ];
    let first = s.push_ok(&d, batch.clone()).await;
    assert_eq!(first["results"][1]["outcome"], "rejected");
    let (pg, conn) = tokio_postgres::connect(&s.db_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let column_type = || async {
        pg.query_one(
            "SELECT data_type FROM information_schema.columns
             WHERE table_name = 'mutations' AND column_name = 'result'",
            &[],
        )
        .await
        .unwrap()
        .get::<_, String>(0)
    };
    assert_eq!(column_type().await, "text");
    // Back to what a county released before migration 4 left.
    pg.batch_execute(
        "ALTER TABLE mutations ALTER COLUMN result TYPE jsonb USING result::jsonb;
         DELETE FROM schema_migrations WHERE version = 4",
    )
    .await
    .unwrap();
    s.restart();
    assert_eq!(column_type().await, "text");
    assert_eq!(s.push_ok(&d, batch).await, first);
}
