//! A real `yiyang-county` process against a fresh PostgreSQL database per test, spoken to over
//! HTTP. The guard kills the process and drops the database when the test ends (pass or fail).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

pub const ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
pub const BIN: &str = env!("CARGO_BIN_EXE_yiyang-county");
/// The administrator token every test server is started with (`YIYANG_COUNTY_ADMIN_TOKEN`).
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef0123";

pub const CLINIC_A: &str = "12440524MB0000001";
pub const CLINIC_B: &str = "12440524MB0000002";
pub const HOME_H: &str = "52440524MJ0000003";

/// A valid 18-character credit code from 17 symbols.
pub fn credit(first17: &str) -> String {
    let c = yiyang_domain::credit_code::check_char(first17).expect("17 symbols");
    format!("{first17}{c}")
}

/// A valid 身份证号 of a woman (even 17th digit, as `resident_fields` says) born 1949-12-31,
/// distinct for each `n` (0..=499).
pub fn id_number(n: u32) -> String {
    let first17 = format!("11010519491231{:03}", n * 2);
    let c = yiyang_domain::id_number::check_char(&first17).expect("17 digits");
    format!("{first17}{c}")
}

pub fn institution_id(credit_code: &str) -> String {
    yiyang_domain::institution::institution_id(credit_code)
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

/// A resident living at home, every field exactly as the laptop's store writes it.
pub fn resident_fields(institution: &str, id_number: &str) -> Value {
    json!({
        "institutionId": institution,
        "name": "张秀英",
        "idNumber": id_number,
        "sex": "female",
        "birthDate": "1949-12-31",
        "phone": "13800138000",
        "address": "幸福村3组",
        "hukouAddress": "",
        "livingKind": "home",
        "nursingHomeId": null,
        "room": "",
        "bed": "",
        "emergencyContactName": "张三",
        "emergencyContactPhone": "13900139000",
        "medicalInsurance": "urban_rural_resident",
        "ltcInsurance": false,
        "specialCategories": ["kongchao"],
        "chronicConditions": ["高血压"],
        "allergies": "青霉素",
        "healthFileNo": "44052410110100042",
        "status": "active",
        "statusDate": null,
        "statusNote": "",
    })
}

pub fn insert(seq: i64, table: &str, row_id: &str, fields: Value) -> Value {
    json!({
        "seq": seq,
        "mutationId": new_id(),
        "table": table,
        "rowId": row_id,
        "op": "insert",
        "fields": fields,
        "prior": {},
        "actorId": "user-1",
        "localTime": "2026-03-01T08:00:00+08:00",
    })
}

pub fn update(seq: i64, table: &str, row_id: &str, fields: Value, prior: Value) -> Value {
    json!({
        "seq": seq,
        "mutationId": new_id(),
        "table": table,
        "rowId": row_id,
        "op": "update",
        "fields": fields,
        "prior": prior,
        "actorId": "user-2",
        "localTime": "2026-03-02T09:00:00+08:00",
    })
}

pub struct Device {
    pub id: String,
    pub token: String,
    pub institution_id: String,
    pub next_seq: i64,
}

pub struct Server {
    pub base: String,
    pub db_url: String,
    db_name: String,
    child: Option<Child>,
    pub http: reqwest::Client,
}

impl Server {
    pub async fn start() -> Self {
        Self::start_with(Some(ADMIN_TOKEN)).await
    }

    /// A server started with this administrator token, or none.
    pub async fn start_with(admin_token: Option<&str>) -> Self {
        let db_name = format!("yiyang_county_test_{}", uuid::Uuid::now_v7().simple());
        let (client, conn) = tokio_postgres::connect(ADMIN_URL, tokio_postgres::NoTls)
            .await
            .expect("PostgreSQL on 127.0.0.1:5432");
        tokio::spawn(conn);
        client
            .batch_execute(&format!("CREATE DATABASE {db_name}"))
            .await
            .expect("create database");
        let db_url = format!("postgres://postgres@127.0.0.1:5432/{db_name}");
        let mut server = Self {
            base: String::new(),
            db_url,
            db_name,
            child: None,
            http: reqwest::Client::new(),
        };
        server.spawn(admin_token);
        server
    }

    /// Stops the server and starts it again on the same database (it migrates at start).
    pub fn restart(&mut self) {
        assert!(self.terminate(), "the server stopped cleanly");
        self.spawn(Some(ADMIN_TOKEN));
    }

    fn spawn(&mut self, admin_token: Option<&str>) {
        let server = self;
        let mut command = Command::new(BIN);
        command
            .args(["--database-url", &server.db_url, "--listen", "127.0.0.1:0"])
            .env("RUST_LOG", "warn")
            .env_remove("YIYANG_COUNTY_ADMIN_TOKEN");
        if let Some(token) = admin_token {
            command.env("YIYANG_COUNTY_ADMIN_TOKEN", token);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn yiyang-county");
        let stdout = child.stdout.take().expect("stdout");
        server.child = Some(child);
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read stdout");
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        server.base = format!("http://{addr}");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Runs an admin subcommand on this server's database; returns stdout (panics on failure).
    pub fn admin(&self, args: &[&str]) -> String {
        let out = Command::new(BIN)
            .args(args)
            .args(["--database-url", &self.db_url])
            .env("RUST_LOG", "warn")
            .output()
            .expect("run admin");
        assert!(
            out.status.success(),
            "admin {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    pub fn add_institution(&self, kind: &str, name: &str, credit_code: &str) -> String {
        self.admin(&[
            "institution",
            "add",
            "--kind",
            kind,
            "--name",
            name,
            "--credit-code",
            credit_code,
            "--county-code",
            "440524",
        ])
        .trim()
        .to_owned()
    }

    pub fn issue_code(&self, credit_code: &str) -> String {
        self.admin(&["code", "issue", "--credit-code", credit_code])
            .trim()
            .to_owned()
    }

    pub async fn enrol_raw(
        &self,
        code: &str,
        device_id: &str,
        credit_code: &str,
    ) -> reqwest::Response {
        self.http
            .post(self.url("/v1/enrol"))
            .header("x-yiyang-protocol", "1")
            .json(&json!({
                "protocol": 1,
                "code": code,
                "deviceId": device_id,
                "deviceName": "护士站笔记本",
                "creditCode": credit_code,
            }))
            .send()
            .await
            .expect("enrol")
    }

    /// Registers nothing: enrols a new device of the (registered) institution.
    pub async fn enrol(&self, credit_code: &str) -> Device {
        let code = self.issue_code(credit_code);
        let id = new_id();
        let res = self.enrol_raw(&code, &id, credit_code).await;
        assert_eq!(
            res.status(),
            200,
            "{}",
            res.text().await.unwrap_or_default()
        );
        let body: Value = res.json().await.expect("json");
        Device {
            id,
            token: body["token"].as_str().expect("token").to_owned(),
            institution_id: body["institutionId"].as_str().expect("id").to_owned(),
            next_seq: 1,
        }
    }

    pub async fn push(&self, d: &Device, mutations: Vec<Value>) -> reqwest::Response {
        self.http
            .post(self.url("/v1/push"))
            .header("x-yiyang-protocol", "1")
            .bearer_auth(&d.token)
            .json(&json!({"protocol": 1, "mutations": mutations}))
            .send()
            .await
            .expect("push")
    }

    /// Pushes and expects 200; returns the body.
    pub async fn push_ok(&self, d: &Device, mutations: Vec<Value>) -> Value {
        let res = self.push(d, mutations).await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, 200, "{body}");
        body
    }

    pub async fn pull(&self, d: &Device, cursor: &str, limit: u32) -> Value {
        let res = self
            .http
            .get(self.url("/v1/pull"))
            .header("x-yiyang-protocol", "1")
            .bearer_auth(&d.token)
            .query(&[("cursor", cursor), ("limit", &limit.to_string())])
            .send()
            .await
            .expect("pull");
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Pulls everything after `cursor` (following `more`), waiting briefly for transactions of
    /// other tests on the same cluster that hold the horizon back. Returns (rows, conflicts,
    /// cursor) once `done` accepts them.
    pub async fn pull_all_until(
        &self,
        d: &Device,
        cursor: &str,
        done: impl Fn(&[Value], &[Value]) -> bool,
    ) -> (Vec<Value>, Vec<Value>, String) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut rows = Vec::new();
        let mut conflicts = Vec::new();
        let mut cursor = cursor.to_owned();
        loop {
            let page = self.pull(d, &cursor, 1000).await;
            rows.extend(page["rows"].as_array().cloned().unwrap_or_default());
            conflicts.extend(page["conflicts"].as_array().cloned().unwrap_or_default());
            cursor = page["cursor"].as_str().expect("cursor").to_owned();
            if page["more"] == json!(true) {
                continue;
            }
            if done(&rows, &conflicts) || Instant::now() > deadline {
                return (rows, conflicts, cursor);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends SIGTERM and waits for the process to exit; returns whether it exited cleanly.
    pub fn terminate(&mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return false;
        };
        let ok = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        ok && child.wait().is_ok_and(|s| s.success())
    }
}

pub fn find_row<'a>(rows: &'a [Value], id: &str) -> Option<&'a Value> {
    rows.iter().rev().find(|r| r["id"] == json!(id))
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let db_name = self.db_name.clone();
        // A separate thread and runtime: Drop may run inside the test's runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok((client, conn)) =
                    tokio_postgres::connect(ADMIN_URL, tokio_postgres::NoTls).await
                {
                    tokio::spawn(conn);
                    let _ = client
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"))
                        .await;
                }
            });
        })
        .join();
    }
}

/// A 签约 of `resident` (team and doctor are the laptop's own ids).
pub fn contract_fields(resident: &str, number: &str) -> Value {
    json!({
        "number": number,
        "residentId": resident,
        "teamId": new_id(),
        "doctorId": new_id(),
        "categories": ["elderly", "hypertension"],
        "packageKind": "personalized",
        "packageItems": [{"name": "上门测血糖", "priceCents": 2000}],
        "priceCents": 2000,
        "insuranceCents": 0,
        "selfPaidCents": 2000,
        "startOn": "2026-12-01",
        "endOn": "2027-11-30",
        "signedOn": null,
        "status": "pending",
        "terminatedOn": null,
        "terminationReason": null,
        "terminationNote": "",
        "renews": null,
        "renewedBy": null,
    })
}

/// A round (查房) entry on `resident` as the laptop's store writes it.
pub fn care_record_fields(resident: &str) -> Value {
    let input = yiyang_protocol::RecordInput {
        resident_id: resident.to_owned(),
        occurred_on: "2026-03-09".into(),
        place: "幸福村3组".into(),
        detail: yiyang_protocol::RecordInputDetail::Round(yiyang_protocol::RoundInput {
            systolic: "150".into(),
            diastolic: "85".into(),
            pulse: "72".into(),
            glucose: "6.1".into(),
            note: "精神可".into(),
        }),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let v = yiyang_domain::records::validate_record(&input, today).unwrap();
    json!({
        "residentId": resident,
        "kind": v.kind,
        "item": v.item.map(|i| format!("{i:?}")),
        "occurredOn": v.occurred_on.to_string(),
        "place": v.place,
        "summary": v.summary,
        "detail": serde_json::to_value(&v.detail).unwrap(),
        "facts": yiyang_domain::records::encode_facts(v.facts),
        "supersedes": null,
        "correctionReason": "",
    })
}

/// Pulls `d` to the end, past a fresh row of its own: the returned cursor is beyond every
/// change committed before this call (its own row was stamped by a later transaction).
pub async fn pull_past_everything(
    s: &Server,
    d: &mut Device,
    cursor: &str,
) -> (Vec<Value>, String) {
    let marker = new_id();
    let res = s
        .push_ok(
            d,
            vec![insert(
                d.next_seq,
                "residents",
                &marker,
                resident_fields(&d.institution_id, &id_number(400 + d.next_seq as u32)),
            )],
        )
        .await;
    assert_eq!(res["results"][0]["outcome"], "applied", "{res}");
    d.next_seq += 1;
    let (rows, _, cursor) = s
        .pull_all_until(d, cursor, |rows, _| find_row(rows, &marker).is_some())
        .await;
    assert!(find_row(&rows, &marker).is_some(), "own marker pulled");
    (rows, cursor)
}
