//! Table-driven tests of `validate_row`: one valid row per table built exactly like the laptop's
//! store builds its fields, and broken variants that must name the right field and rule.
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use yiyang_protocol::sync::SyncTable;
use yiyang_protocol::{
    AbsenceInput, AbsenceReason, AssessmentAnswers, DrugLine, NoteInput, PrescriptionInput,
    RecordInput, RecordInputDetail as D, RoundInput, Scale,
};

use super::*;
use crate::records::{encode_facts, validate_record};

const INSTITUTION: &str = "0190f0a0-0000-5000-8000-000000000001";
/// `institution::institution_id` of the institution row's credit code.
const INSTITUTION_ROW: &str = "6811776c-5186-582e-8c9f-e929d76f17eb";
const HOME: &str = "0190f0a0-0000-5000-8000-000000000002";
const USER: &str = "0190f0a0-0000-7000-8000-000000000003";
const TEAM: &str = "0190f0a0-0000-7000-8000-000000000004";
const RESIDENT: &str = "0190f0a0-0000-7000-8000-000000000005";
const CONTRACT: &str = "0190f0a0-0000-7000-8000-000000000006";
const AGREEMENT: &str = "0190f0a0-0000-7000-8000-000000000007";
const RECORD: &str = "0190f0a0-0000-7000-8000-000000000008";
const OLD_RECORD: &str = "0190f0a0-0000-7000-8000-000000000009";

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn institution_row() -> Map<String, Value> {
    obj(json!({
        "kind": "elderly_home",
        "name": "和平镇敬老院",
        "creditCode": "91350100M000100Y43",
        "countyCode": "440524",
        "townshipCode": "101",
        "villageCode": "101",
        "address": "和平镇中山路 1 号",
        "contactPhone": "0754-8123456",
    }))
}

fn user_row() -> Map<String, Value> {
    obj(json!({
        "institutionId": INSTITUTION,
        "name": "林晓燕",
        "login": "linxy",
        "role": "doctor",
    }))
}

fn team_row() -> Map<String, Value> {
    obj(json!({
        "institutionId": INSTITUTION,
        "name": "城南第一家庭医生团队",
        "members": [
            {"userId": USER, "name": "王一山", "role": "doctor", "leader": true},
            {"userId": null, "name": "阿依古丽·买买提", "role": "nurse", "leader": false},
        ],
    }))
}

fn resident_row() -> Map<String, Value> {
    obj(json!({
        "institutionId": INSTITUTION,
        "name": "张𪚥",
        "idNumber": "11010519491231002X",
        "sex": "female",
        "birthDate": "1949-12-31",
        "phone": "13800138000",
        "address": "幸福村3组",
        "hukouAddress": "",
        "livingKind": "nursing_home",
        "nursingHomeId": HOME,
        "room": "101",
        "bed": "2",
        "emergencyContactName": "张三",
        "emergencyContactPhone": "13900139000",
        "medicalInsurance": "urban_rural_resident",
        "ltcInsurance": false,
        "specialCategories": ["tekun", "kongchao"],
        "chronicConditions": ["高血压", "2型糖尿病"],
        "allergies": "青霉素",
        "healthFileNo": "44052410110100042",
        "status": "active",
        "statusDate": null,
        "statusNote": "",
    }))
}

fn resident_at_home_deceased() -> Map<String, Value> {
    let mut r = resident_row();
    r.insert("livingKind".into(), "home".into());
    r.insert("nursingHomeId".into(), Value::Null);
    r.insert("room".into(), "".into());
    r.insert("bed".into(), "".into());
    r.insert("status".into(), "deceased".into());
    r.insert("statusDate".into(), "2025-01-15".into());
    r.insert("statusNote".into(), "家属告知".into());
    r
}

fn contract_row() -> Map<String, Value> {
    obj(json!({
        "number": "QY2026-00001",
        "residentId": RESIDENT,
        "teamId": TEAM,
        "doctorId": USER,
        "categories": ["elderly", "hypertension"],
        "packageKind": "personalized",
        "packageItems": [
            {"name": "上门测血糖", "priceCents": 2000},
            {"name": "中医理疗", "priceCents": 10050},
        ],
        "priceCents": 12000,
        "insuranceCents": 10000,
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
    }))
}

fn contract_terminated() -> Map<String, Value> {
    let mut c = contract_row();
    c.insert("status".into(), "terminated".into());
    c.insert("signedOn".into(), "2026-11-20".into());
    c.insert("terminatedOn".into(), "2027-03-01".into());
    c.insert("terminationReason".into(), "other".into());
    c.insert("terminationNote".into(), "本人要求".into());
    c
}

fn agreement_row() -> Map<String, Value> {
    obj(json!({
        "number": "XY2026-001",
        "clinicId": INSTITUTION,
        "nursingHomeId": HOME,
        "startOn": "2026-01-01",
        "endOn": "2028-12-31",
        "items": [
            {"item": "S1", "frequency": {"every": 1, "unit": "week"}},
            {"item": "G3", "frequency": null},
        ],
        "methods": ["scheduled_rounds", "on_call"],
        "fileWithinDays": 30,
        "note": "",
        "status": "draft",
        "activatedOn": null,
        "terminatedOn": null,
        "terminationReason": "",
    }))
}

fn agreement_terminated() -> Map<String, Value> {
    let mut a = agreement_row();
    a.insert("status".into(), "terminated".into());
    a.insert("activatedOn".into(), "2026-01-05".into());
    a.insert("terminatedOn".into(), "2026-06-30".into());
    a.insert("terminationReason".into(), "敬老院撤并".into());
    a
}

fn today() -> NaiveDate {
    crate::text::parse_iso_date("2026-03-10").unwrap()
}

/// A care record's fields as `crates/store/src/care/mod.rs` (`insert_record`) writes them.
fn record_row(detail: D, supersedes: Option<(&str, &str)>) -> Map<String, Value> {
    let input = RecordInput {
        resident_id: RESIDENT.into(),
        occurred_on: "2026-03-09".into(),
        place: "和平镇敬老院".into(),
        detail,
    };
    let v = validate_record(&input, today()).unwrap();
    obj(json!({
        "residentId": RESIDENT,
        "kind": v.kind,
        "item": v.item.map(|i| format!("{i:?}")),
        "occurredOn": v.occurred_on.to_string(),
        "place": v.place,
        "summary": v.summary,
        "detail": serde_json::to_value(&v.detail).unwrap(),
        "facts": encode_facts(v.facts),
        "supersedes": supersedes.map(|(old, _)| old),
        "correctionReason": supersedes.map_or("", |(_, r)| r),
    }))
}

fn round() -> D {
    D::Round(RoundInput {
        systolic: "150".into(),
        diastolic: "85".into(),
        pulse: "72".into(),
        glucose: "6.1".into(),
        note: "精神可".into(),
    })
}

fn round_row() -> Map<String, Value> {
    record_row(round(), None)
}

/// 1.5 hours of 康复护理 at the built-in price, charged to 长护险.
fn home_service_row() -> Map<String, Value> {
    let priced = crate::homecare::built_in_catalogue()
        .into_iter()
        .find(|i| i.code == "rehab_nursing")
        .unwrap();
    record_row(
        D::HomeService(yiyang_protocol::HomeServiceInput {
            service: "rehab_nursing".into(),
            quantity: "1.5".into(),
            minutes: "90".into(),
            provider: "李护士".into(),
            payer: None,
            confirmation: yiyang_protocol::Confirmation::Family,
            confirmed_by: "王小明".into(),
            note: String::new(),
            priced: Some(priced),
        }),
        None,
    )
}

/// A void entry as `Store::void_record` writes it.
fn void_row() -> Map<String, Value> {
    obj(json!({
        "residentId": RESIDENT,
        "kind": "void",
        "item": null,
        "occurredOn": "2026-03-10",
        "place": "",
        "summary": "作废：录错了居民",
        "detail": {"kind": "void", "detail": {"reason": "录错了居民"}},
        "facts": "",
        "supersedes": OLD_RECORD,
        "correctionReason": "录错了居民",
    }))
}

fn refs(owner: Option<&str>, home: Option<&str>, resident: Option<&str>) -> RowRefs {
    RowRefs {
        owner: owner.map(str::to_owned),
        home: home.map(str::to_owned),
        resident: resident.map(str::to_owned),
        ..RowRefs::default()
    }
}

#[test]
fn valid_rows_pass_with_their_refs() {
    let cases: Vec<(SyncTable, &str, Map<String, Value>, RowRefs)> = vec![
        (
            SyncTable::Institutions,
            INSTITUTION_ROW,
            institution_row(),
            RowRefs {
                institution_kind: Some("elderly_home".into()),
                ..RowRefs::default()
            },
        ),
        (
            SyncTable::Users,
            USER,
            user_row(),
            refs(Some(INSTITUTION), None, None),
        ),
        (
            SyncTable::CareTeams,
            TEAM,
            team_row(),
            refs(Some(INSTITUTION), None, None),
        ),
        (
            SyncTable::Residents,
            RESIDENT,
            resident_row(),
            RowRefs {
                id_number: Some("11010519491231002X".into()),
                ..refs(Some(INSTITUTION), Some(HOME), None)
            },
        ),
        (
            SyncTable::Residents,
            RESIDENT,
            resident_at_home_deceased(),
            RowRefs {
                id_number: Some("11010519491231002X".into()),
                ..refs(Some(INSTITUTION), None, None)
            },
        ),
        (
            SyncTable::Contracts,
            CONTRACT,
            contract_row(),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::Contracts,
            CONTRACT,
            contract_terminated(),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::Contracts,
            CONTRACT,
            {
                let mut c = contract_row();
                c.insert("institutionId".into(), INSTITUTION.into());
                c.insert("status".into(), "renewed".into());
                c.insert("signedOn".into(), "2026-11-30".into());
                c.insert("renews".into(), OLD_RECORD.into());
                c
            },
            refs(Some(INSTITUTION), None, Some(RESIDENT)),
        ),
        (
            SyncTable::Agreements,
            AGREEMENT,
            agreement_row(),
            refs(Some(INSTITUTION), Some(HOME), None),
        ),
        (
            SyncTable::Agreements,
            AGREEMENT,
            agreement_terminated(),
            refs(Some(INSTITUTION), Some(HOME), None),
        ),
        (
            SyncTable::CareRecords,
            RECORD,
            round_row(),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::CareRecords,
            RECORD,
            void_row(),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::CareRecords,
            RECORD,
            record_row(
                D::Assessment(AssessmentAnswers {
                    scale: Scale::Phq9,
                    answers: vec![2, 2, 2, 2, 2, 0, 0, 0, 0],
                    ability_factors: None,
                }),
                None,
            ),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::CareRecords,
            RECORD,
            record_row(
                D::LongPrescription(PrescriptionInput {
                    diagnosis: "高血压".into(),
                    drugs: vec![DrugLine {
                        name: "氨氯地平".into(),
                        dose: "5 mg".into(),
                        usage: "每日一次 口服".into(),
                    }],
                    weeks: "8".into(),
                }),
                Some((OLD_RECORD, "周数填错")),
            ),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::CareRecords,
            RECORD,
            record_row(
                D::RoundAbsence(AbsenceInput {
                    reason: AbsenceReason::InHospital,
                    note: String::new(),
                }),
                None,
            ),
            refs(None, None, Some(RESIDENT)),
        ),
        (
            SyncTable::CareRecords,
            RECORD,
            record_row(
                D::Consultation(NoteInput {
                    note: "头晕，测血压".into(),
                }),
                None,
            ),
            refs(None, None, Some(RESIDENT)),
        ),
    ];
    let home_care = [
        home_service_row(),
        record_row(
            D::HomeCarePlan(yiyang_protocol::HomeCarePlanInput {
                services: vec![yiyang_protocol::PlannedService {
                    service: "meal".into(),
                    service_name: "助餐".into(),
                    frequency: yiyang_protocol::Frequency {
                        every: 1,
                        unit: yiyang_protocol::FrequencyUnit::Day,
                    },
                    provider: "中心食堂".into(),
                }],
                note: String::new(),
            }),
            None,
        ),
        record_row(
            D::FamilyBed(yiyang_protocol::FamilyBedInput {
                address: "和平镇东街 12 号".into(),
                adaptations: "卫生间扶手".into(),
                devices: "紧急呼叫器".into(),
                centre: "和平镇养老服务中心".into(),
                level: yiyang_protocol::BedLevel::Managed24h,
            }),
            None,
        ),
    ];
    let cases = cases.into_iter().chain(home_care.into_iter().map(|row| {
        (
            SyncTable::CareRecords,
            RECORD,
            row,
            refs(None, None, Some(RESIDENT)),
        )
    }));
    for (i, (table, id, row, want)) in cases.enumerate() {
        assert_eq!(
            validate_row(table, id, &row),
            Ok(want),
            "case {i} ({table:?})"
        );
    }
}

/// Broken rows (`bad_rows.txt`), one per line: `base | edits | field code`. `base` names a valid row; an edit is
/// `key=JSON` (a path of keys joined by `.` reaches into objects) or `-key` (removed), several
/// joined by ` ; `; the issue must name `field` with rule `code`.
const BAD: &str = include_str!("bad_rows.txt");

fn base(name: &str) -> (SyncTable, Map<String, Value>) {
    match name {
        "institution" => (SyncTable::Institutions, institution_row()),
        "user" => (SyncTable::Users, user_row()),
        "team" => (SyncTable::CareTeams, team_row()),
        "resident" => (SyncTable::Residents, resident_row()),
        "resident_home" => (SyncTable::Residents, resident_at_home_deceased()),
        "contract" => (SyncTable::Contracts, contract_row()),
        "contract_terminated" => (SyncTable::Contracts, contract_terminated()),
        "agreement" => (SyncTable::Agreements, agreement_row()),
        "agreement_terminated" => (SyncTable::Agreements, agreement_terminated()),
        "round" => (SyncTable::CareRecords, round_row()),
        "void" => (SyncTable::CareRecords, void_row()),
        "home_service" => (SyncTable::CareRecords, home_service_row()),
        other => panic!("unknown base row {other}"),
    }
}

/// Applies one edit (`key=JSON`, `a.b.c=JSON` or `-key`).
fn edit(row: &mut Map<String, Value>, edit: &str) {
    if let Some(key) = edit.strip_prefix('-') {
        assert!(row.remove(key).is_some(), "no field {key}");
        return;
    }
    let (path, value) = edit.split_once('=').unwrap();
    let value: Value = serde_json::from_str(value).unwrap();
    let keys: Vec<&str> = path.split('.').collect();
    let (last, parents) = keys.split_last().unwrap();
    let mut target = row;
    for k in parents {
        target = target.get_mut(*k).and_then(Value::as_object_mut).unwrap();
    }
    target.insert((*last).to_owned(), value);
}

fn row_id(table: SyncTable) -> &'static str {
    match table {
        SyncTable::Institutions => INSTITUTION_ROW,
        SyncTable::Users => USER,
        SyncTable::CareTeams => TEAM,
        SyncTable::Residents => RESIDENT,
        SyncTable::Contracts => CONTRACT,
        SyncTable::Agreements => AGREEMENT,
        SyncTable::CareRecords => RECORD,
    }
}

#[test]
fn broken_rows_name_the_field_and_rule() {
    let cases = BAD.lines().filter(|l| !l.trim().is_empty());
    for (i, line) in cases.enumerate() {
        let parts: Vec<&str> = line.split(" | ").collect();
        let [name, edits, want] = parts[..] else {
            panic!("case {i}: bad line {line}")
        };
        let (table, mut row) = base(name);
        for e in edits.split(" ; ") {
            edit(&mut row, e);
        }
        let (field, code) = want.split_once(' ').unwrap();
        let issues = validate_row(table, row_id(table), &row)
            .expect_err(&format!("case {i} passed: {line}"));
        assert!(
            issues.iter().any(|x| x.field == field && x.code == code),
            "case {i} {line}\n got {issues:#?}"
        );
        for x in &issues {
            assert!(
                x.message.chars().any(crate::text::is_han),
                "case {i}: message not in Chinese: {}",
                x.message
            );
        }
    }
}

#[test]
fn the_row_id_must_be_a_canonical_uuid() {
    for bad in [
        "",
        "r-1",
        "0190F0A0-0000-7000-8000-000000000005",
        "0190f0a0000070008000000000000005",
    ] {
        let issues = validate_row(SyncTable::Users, bad, &user_row()).unwrap_err();
        assert_eq!(issues.len(), 1, "{bad:?}: {issues:?}");
        assert_eq!(
            (issues[0].field.as_str(), issues[0].code.as_str()),
            ("id", "row.id_format")
        );
    }
    assert!(is_canonical_uuid(RESIDENT));
    assert!(!is_canonical_uuid(" 0190f0a0-0000-7000-8000-00000000005"));
}

#[test]
fn an_institution_id_is_derived_from_its_credit_code() {
    assert_eq!(
        crate::institution::institution_id("91350100M000100Y43"),
        INSTITUTION_ROW
    );
    let issues = validate_row(SyncTable::Institutions, HOME, &institution_row()).unwrap_err();
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.field.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(got, [("id", "institution.id_mismatch")]);
    assert_eq!(
        issues[0].message,
        format!("机构编号与统一社会信用代码 91350100M000100Y43 不符：应为 {INSTITUTION_ROW}")
    );
}

#[test]
fn every_problem_is_reported_at_once_and_once() {
    let mut row = resident_row();
    row.remove("name");
    row.insert("sex".into(), "x".into());
    row.insert("nickname".into(), "阿张".into());
    let issues = validate_row(SyncTable::Residents, RESIDENT, &row).unwrap_err();
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.field.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("nickname", "row.unknown_field"),
            ("name", "row.missing_field"),
            ("sex", "row.unknown_code"),
        ]
    );
    assert_eq!(
        issues[1].message,
        "缺少字段「name」：居民档案的每个字段都须同步"
    );
    assert_eq!(issues[2].message, "性别「x」不是有效的取值");
}

#[test]
fn field_lists_match_every_table() {
    for table in SyncTable::ALL {
        let fields = wire_fields(table);
        assert!(!fields.is_empty(), "{table:?}");
        let mut sorted = fields.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), fields.len(), "{table:?} lists a field twice");
        assert!(!table_label(table).is_empty());
    }
}
