//! 县级统计指标 (`GET /v1/indicators`) end to end: a small county pushed through the real push
//! path by two clinics' devices, read back over HTTP with the administrator's token, and checked
//! against a table worked out by hand. The county's figures must be the sums of its clinics'.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use common::*;
use serde_json::{json, Value};
use yiyang_domain::records::{encode_facts, validate_record};
use yiyang_protocol::{
    AssessmentAnswers, ExamResult, HealthCheckInput, IndicatorReport, IndicatorUnitKind, PlanInput,
    RecordInput, RecordInputDetail as D, RoundInput, Scale, ServiceItem, UnitIndicators,
};

/// A valid 身份证号 of a woman born on `birth` (`YYYYMMDD`), distinct for each `n`.
fn id_number_born(birth: &str, n: u32) -> String {
    let first17 = format!("110105{birth}{:03}", n * 2);
    let c = yiyang_domain::id_number::check_char(&first17).expect("17 digits");
    format!("{first17}{c}")
}

/// A resident of `clinic` born on `birth` (`YYYY-MM-DD`), at home or living in `home`.
fn resident(clinic: &str, n: u32, birth: &str, home: Option<&str>) -> Value {
    let mut f = resident_fields(clinic, &id_number_born(&birth.replace('-', ""), n));
    f["birthDate"] = json!(birth);
    if let Some(home) = home {
        f["livingKind"] = json!("nursing_home");
        f["nursingHomeId"] = json!(home);
        f["room"] = json!("101");
        f["bed"] = json!(n.to_string());
    }
    f
}

/// A service-log entry as the laptop's store writes it, dated `on`.
fn record(resident: &str, on: &str, detail: D) -> Value {
    let input = RecordInput {
        resident_id: resident.to_owned(),
        occurred_on: on.to_owned(),
        place: String::new(),
        detail,
    };
    let today = NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap();
    let v = validate_record(&input, today).unwrap();
    json!({
        "residentId": resident,
        "kind": v.kind,
        "item": v.item.map(|i| format!("{i:?}")),
        "occurredOn": v.occurred_on.to_string(),
        "place": v.place,
        "summary": v.summary,
        "detail": serde_json::to_value(&v.detail).unwrap(),
        "facts": encode_facts(v.facts),
        "supersedes": null,
        "correctionReason": "",
    })
}

/// A void entry (`Store::void_record`) that supersedes `old`.
fn void(resident: &str, old: &str, on: &str) -> Value {
    json!({
        "residentId": resident,
        "kind": "void",
        "item": null,
        "occurredOn": on,
        "place": "",
        "summary": "作废：录错了居民",
        "detail": {"kind": "void", "detail": {"reason": "录错了居民"}},
        "facts": "",
        "supersedes": old,
        "correctionReason": "录错了居民",
    })
}

fn health_check(on: &str) -> D {
    D::HealthCheck(Box::new(HealthCheckInput {
        checked_on: on.to_owned(),
        left_systolic: "128".into(),
        left_diastolic: "78".into(),
        height: "160".into(),
        weight: "60".into(),
        health_evaluation: Some(ExamResult::Normal),
        ..HealthCheckInput::default()
    }))
}

fn plan() -> D {
    D::HealthPlan(PlanInput {
        problems: "高血压".into(),
        goals: "控压".into(),
        measures: "服药、低盐饮食".into(),
    })
}

/// Barthel: 85 is 轻度失能 (mild), 0 重度失能 (severe).
fn barthel(answers: Vec<i32>) -> D {
    D::Assessment(AssessmentAnswers {
        scale: Scale::Barthel,
        answers,
        ability_factors: None,
    })
}

fn round() -> D {
    D::Round(RoundInput {
        systolic: "138".into(),
        diastolic: "82".into(),
        pulse: "70".into(),
        glucose: String::new(),
        note: "精神可".into(),
    })
}

/// A signed contract of `resident` for `[start, end]`.
fn contract(resident: &str, number: &str, start: &str, end: &str) -> Value {
    let mut c = contract_fields(resident, number);
    c["startOn"] = json!(start);
    c["endOn"] = json!(end);
    c["signedOn"] = json!(start);
    c["status"] = json!("signed");
    c
}

/// Pushes `rows` (table, id, fields) as consecutive inserts; every one must apply.
async fn push_all(s: &Server, d: &mut Device, rows: Vec<(&str, String, Value)>) {
    let mutations: Vec<Value> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (table, id, fields))| insert(d.next_seq + i as i64, table, &id, fields))
        .collect();
    let n = mutations.len();
    let res = s.push_ok(d, mutations).await;
    for r in res["results"].as_array().unwrap() {
        assert_eq!(r["outcome"], "applied", "{res}");
    }
    d.next_seq += n as i64;
}

async fn get_indicators(s: &Server, token: Option<&str>, query: &str) -> (u16, Value) {
    let mut req = s
        .http
        .get(s.url(&format!("/v1/indicators{query}")))
        .header("x-yiyang-protocol", "1");
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

/// (numerator, denominator, percent) of each figure, in one row per unit.
#[derive(Debug, PartialEq)]
struct Row {
    residents: u32,
    elderly: u32,
    contract: (u32, u32, Option<f64>),
    managed: (u32, u32, Option<f64>),
    s1: (u32, u32, Option<f64>),
    g3: (u32, u32, Option<f64>),
    rounds: (u32, u32, Option<f64>),
    fulfilment: (u32, u32, Option<f64>),
    agreements: (u32, u32),
    /// 完好, 轻度, 中度, 重度, 完全丧失, 未评估
    grades: [u32; 6],
}

fn item(u: &UnitIndicators, i: ServiceItem) -> (u32, u32, Option<f64>) {
    let r = &u.items.iter().find(|x| x.item == i).unwrap().rate;
    (r.numerator, r.denominator, r.percent)
}

fn row(u: &UnitIndicators) -> Row {
    let r = |r: &yiyang_protocol::Rate| (r.numerator, r.denominator, r.percent);
    Row {
        residents: u.residents,
        elderly: u.elderly,
        contract: r(&u.contract_rate),
        managed: r(&u.health_management_rate),
        s1: item(u, ServiceItem::S1),
        g3: item(u, ServiceItem::G3),
        rounds: r(&u.rounds),
        fulfilment: r(&u.fulfilment),
        agreements: (u.agreements_active, u.agreements_expiring),
        grades: u
            .by_disability
            .iter()
            .map(|g| g.count)
            .collect::<Vec<_>>()
            .try_into()
            .unwrap(),
    }
}

/// Clinic A (和平镇卫生院) has an agreement with home H (weekly rounds, 2026-01-01 – 2026-11-15);
/// clinic B (城南社区卫生服务中心) has none. Every file was created on 2026-03-01.
///
/// A: a1 born 1949, lives in H, contract 2026, G3 05-10, G4 06-01, G7 轻度 09-01, rounds
///    10-05, 10-12 and 10-19 (the last voided); a2 born 1990 at home; a3 born 1949, died 08-01.
/// B: b1 born 1949, contract 2026-03-01 – 2027-02-28, G3 02-01, G7 重度 04-01; b2 born 1949,
///    G3 06-01 voided; b3 born 1990.
async fn county() -> (Server, Device, Device, String) {
    let s = Server::start().await;
    let (a, b, h) = (credit(CLINIC_A), credit(CLINIC_B), credit(HOME_H));
    s.add_institution("township_clinic", "和平镇卫生院", &a);
    s.add_institution("township_clinic", "城南社区卫生服务中心", &b);
    s.add_institution("elderly_home", "和平镇敬老院", &h);
    let home = institution_id(&h);
    let mut da = s.enrol(&a).await;
    let mut db = s.enrol(&b).await;
    let (ca, cb) = (da.institution_id.clone(), db.institution_id.clone());

    let (a1, a2, a3) = (new_id(), new_id(), new_id());
    let mut dead = resident(&ca, 3, "1949-05-01", None);
    dead["status"] = json!("deceased");
    dead["statusDate"] = json!("2026-08-01");
    dead["statusNote"] = json!("家属告知");
    let agreement = json!({
        "number": "XY2026-001",
        "clinicId": ca,
        "nursingHomeId": home,
        "startOn": "2026-01-01",
        "endOn": "2026-11-15",
        "items": [{"item": "S1", "frequency": {"every": 1, "unit": "week"}}],
        "methods": ["scheduled_rounds", "on_call"],
        "fileWithinDays": 30,
        "note": "",
        "status": "active",
        "activatedOn": "2026-01-01",
        "terminatedOn": null,
        "terminationReason": "",
    });
    let voided_round = new_id();
    push_all(
        &s,
        &mut da,
        vec![
            (
                "residents",
                a1.clone(),
                resident(&ca, 1, "1949-12-31", Some(&home)),
            ),
            (
                "residents",
                a2.clone(),
                resident(&ca, 2, "1990-01-01", None),
            ),
            ("residents", a3.clone(), dead),
            ("agreements", new_id(), agreement),
            (
                "contracts",
                new_id(),
                contract(&a1, "QY2026-00001", "2026-01-01", "2026-12-31"),
            ),
            (
                "care_records",
                new_id(),
                record(&a1, "2026-05-10", health_check("2026-05-10")),
            ),
            ("care_records", new_id(), record(&a1, "2026-06-01", plan())),
            (
                "care_records",
                new_id(),
                record(
                    &a1,
                    "2026-09-01",
                    barthel(vec![10, 5, 5, 10, 10, 10, 10, 10, 10, 5]),
                ),
            ),
            ("care_records", new_id(), record(&a1, "2026-10-05", round())),
            ("care_records", new_id(), record(&a1, "2026-10-12", round())),
            (
                "care_records",
                voided_round.clone(),
                record(&a1, "2026-10-19", round()),
            ),
            (
                "care_records",
                new_id(),
                void(&a1, &voided_round, "2026-10-20"),
            ),
        ],
    )
    .await;

    let (b1, b2, b3) = (new_id(), new_id(), new_id());
    let voided_check = new_id();
    push_all(
        &s,
        &mut db,
        vec![
            (
                "residents",
                b1.clone(),
                resident(&cb, 11, "1949-12-31", None),
            ),
            (
                "residents",
                b2.clone(),
                resident(&cb, 12, "1950-02-01", None),
            ),
            (
                "residents",
                b3.clone(),
                resident(&cb, 13, "1990-01-01", None),
            ),
            (
                "contracts",
                new_id(),
                contract(&b1, "QY2026-00002", "2026-03-01", "2027-02-28"),
            ),
            (
                "care_records",
                new_id(),
                record(&b1, "2026-02-01", health_check("2026-02-01")),
            ),
            (
                "care_records",
                new_id(),
                record(&b1, "2026-04-01", barthel(vec![0; 10])),
            ),
            (
                "care_records",
                voided_check.clone(),
                record(&b2, "2026-06-01", health_check("2026-06-01")),
            ),
            (
                "care_records",
                new_id(),
                void(&b2, &voided_check, "2026-06-02"),
            ),
        ],
    )
    .await;
    (s, da, db, home)
}

#[tokio::test]
async fn october_2026_matches_the_hand_computed_table_and_the_county_sums_its_clinics() {
    let (s, da, db, home) = county().await;
    let (status, body) = get_indicators(&s, Some(ADMIN_TOKEN), "?year=2026&month=10").await;
    assert_eq!(status, 200, "{body}");
    let report: IndicatorReport = serde_json::from_value(body).unwrap();
    assert_eq!(
        (report.from.as_str(), report.as_of.as_str()),
        ("2026-10-01", "2026-10-31")
    );
    // Each county, then each clinic, then each nursing home.
    let kinds: Vec<IndicatorUnitKind> = report.units.iter().map(|u| u.kind).collect();
    assert_eq!(
        kinds,
        [
            IndicatorUnitKind::County,
            IndicatorUnitKind::Clinic,
            IndicatorUnitKind::Clinic,
            IndicatorUnitKind::NursingHome,
        ]
    );
    let unit = |id: &str| report.units.iter().find(|u| u.unit_id == id).unwrap();
    let county = unit("440524");
    assert_eq!(county.unit_name, "全县（440524）");
    let (a, b, h) = (
        unit(&da.institution_id),
        unit(&db.institution_id),
        unit(&home),
    );
    assert_eq!(
        (a.unit_name.as_str(), h.unit_name.as_str()),
        ("和平镇卫生院", "和平镇敬老院")
    );

    // By hand, as of 2026-10-31 (period 10-01 – 10-31):
    // A: counted a1, a2 (a3 died 08-01); elderly a1. a1's contract is in force; G3 05-10 is in
    //    the year to date. a1 is under the agreement: S1 in October yes, G3 in October no.
    //    Rounds (a1 轻度, weekly): 31 days → due ⌈31/7⌉ = 5, done 2 (10-19 voided).
    //    履约率: G3 ✓ G4 ✓ G6 ✗ G7 ✓ = 3/4. Agreement active, ends 11-15 ≤ 30 days: expiring.
    let want_a = Row {
        residents: 2,
        elderly: 1,
        contract: (1, 1, Some(100.0)),
        managed: (1, 1, Some(100.0)),
        s1: (1, 1, Some(100.0)),
        g3: (0, 1, Some(0.0)),
        rounds: (2, 5, Some(40.0)),
        fulfilment: (3, 4, Some(75.0)),
        agreements: (1, 1),
        grades: [0, 1, 0, 0, 0, 1],
    };
    // B: counted b1, b2, b3; elderly b1, b2. b1 contracted; b1's G3 counts, b2's was voided.
    //    No agreement: nobody under one. 履约率: b1's term starts 03-01, so the G3 of 02-01 does
    //    not count, the G7 of 04-01 does = 1/4. b1 重度, b2 and b3 never assessed.
    let want_b = Row {
        residents: 3,
        elderly: 2,
        contract: (1, 2, Some(50.0)),
        managed: (1, 2, Some(50.0)),
        s1: (0, 0, None),
        g3: (0, 0, None),
        rounds: (0, 0, None),
        fulfilment: (1, 4, Some(25.0)),
        agreements: (0, 0),
        grades: [0, 0, 0, 1, 0, 2],
    };
    // The county: A + B.
    let want_county = Row {
        residents: 5,
        elderly: 3,
        contract: (2, 3, Some(66.7)),
        managed: (2, 3, Some(66.7)),
        s1: (1, 1, Some(100.0)),
        g3: (0, 1, Some(0.0)),
        rounds: (2, 5, Some(40.0)),
        fulfilment: (4, 8, Some(50.0)),
        agreements: (1, 1),
        grades: [0, 1, 0, 1, 0, 3],
    };
    // H: a1 alone, and A's agreement.
    let want_h = Row {
        residents: 1,
        elderly: 1,
        contract: (1, 1, Some(100.0)),
        managed: (1, 1, Some(100.0)),
        s1: (1, 1, Some(100.0)),
        g3: (0, 1, Some(0.0)),
        rounds: (2, 5, Some(40.0)),
        fulfilment: (3, 4, Some(75.0)),
        agreements: (1, 1),
        grades: [0, 1, 0, 0, 0, 0],
    };
    assert_eq!(row(a), want_a, "clinic A");
    assert_eq!(row(b), want_b, "clinic B");
    assert_eq!(row(county), want_county, "county");
    assert_eq!(row(h), want_h, "home H");
    // 签约率 and 健康管理率 carry the 70 % target: the county misses it.
    assert_eq!(county.contract_rate.target_percent, Some(70));
    assert_eq!(county.contract_rate.meets_target, Some(false));
    assert_eq!(a.health_management_rate.meets_target, Some(true));

    // Every numerator and denominator of the county is the sum over its clinics.
    let clinics: Vec<&UnitIndicators> = report
        .units
        .iter()
        .filter(|u| u.kind == IndicatorUnitKind::Clinic)
        .collect();
    let sum = |f: &dyn Fn(&UnitIndicators) -> (u32, u32)| {
        clinics.iter().fold((0, 0), |(n, d), u| {
            let (x, y) = f(u);
            (n + x, d + y)
        })
    };
    type Figure = Box<dyn Fn(&UnitIndicators) -> (u32, u32)>;
    let figures: Vec<(&str, Figure)> = vec![
        ("counted", Box::new(|u| (u.residents, u.elderly))),
        (
            "签约率",
            Box::new(|u| (u.contract_rate.numerator, u.contract_rate.denominator)),
        ),
        (
            "健康管理率",
            Box::new(|u| {
                (
                    u.health_management_rate.numerator,
                    u.health_management_rate.denominator,
                )
            }),
        ),
        (
            "rounds",
            Box::new(|u| (u.rounds.numerator, u.rounds.denominator)),
        ),
        (
            "履约率",
            Box::new(|u| (u.fulfilment.numerator, u.fulfilment.denominator)),
        ),
        (
            "agreements",
            Box::new(|u| (u.agreements_active, u.agreements_expiring)),
        ),
    ];
    for (name, f) in &figures {
        assert_eq!(f(county), sum(f.as_ref()), "{name}");
    }
    for i in ServiceItem::ALL {
        let (n, d, _) = item(county, i);
        assert_eq!(
            (n, d),
            sum(&|u: &UnitIndicators| {
                let (n, d, _) = item(u, i);
                (n, d)
            }),
            "{i:?}"
        );
    }
    for (g, c) in county.by_disability.iter().enumerate() {
        let total: u32 = clinics.iter().map(|u| u.by_disability[g].count).sum();
        assert_eq!(c.count, total, "{:?}", c.grade);
    }
}

#[tokio::test]
async fn only_the_administrator_reads_the_county_and_a_bad_period_is_named() {
    let s = Server::start().await;
    let a = credit(CLINIC_A);
    s.add_institution("township_clinic", "和平镇卫生院", &a);
    let device = s.enrol(&a).await;

    for token in [None, Some(device.token.as_str()), Some("wrong-token")] {
        let (status, body) = get_indicators(&s, token, "?year=2026&month=10").await;
        assert_eq!(status, 401, "{token:?}: {body}");
        assert_eq!(body["code"], "unauthorized", "{body}");
        assert!(
            body["message"].as_str().unwrap().contains("管理员令牌"),
            "{body}"
        );
    }
    // The administrator is checked before the period.
    let (status, _) = get_indicators(&s, None, "?year=abc").await;
    assert_eq!(status, 401);

    for (query, says) in [
        ("", "缺少年份 year"),
        ("?month=10", "缺少年份 year"),
        ("?year=abc", "年份 year「abc」"),
        ("?year=2026&month=13", "月份 month「13」"),
        ("?year=2099", "2099年尚未开始"),
    ] {
        let (status, body) = get_indicators(&s, Some(ADMIN_TOKEN), query).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["code"], "invalid_period", "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.starts_with("统计期间无效：") && message.contains(says),
            "{query}: {message}"
        );
    }
    // A clinic with no data yet: the county and the clinic, all zeros, no percentages.
    let (status, body) = get_indicators(&s, Some(ADMIN_TOKEN), "?year=2026").await;
    assert_eq!(status, 200, "{body}");
    let report: IndicatorReport = serde_json::from_value(body).unwrap();
    assert_eq!(report.units.len(), 2);
    assert!(report
        .units
        .iter()
        .all(|u| u.residents == 0 && u.contract_rate.percent.is_none()));
}

#[tokio::test]
async fn without_an_administrator_token_the_route_is_closed() {
    let s = Server::start_with(None).await;
    let (status, body) = get_indicators(&s, Some(ADMIN_TOKEN), "?year=2026&month=10").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "unauthorized");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("未设置管理员令牌"),
        "{body}"
    );
}
