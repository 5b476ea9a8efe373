//! Helpers of the team, contract and agreement tests: forms, a team with its family-doctor
//! team, and reading back the outbox and the audit log.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::FixedOffset;
use yiyang_protocol::*;
use yiyang_store::{OutboxEntry, Store, StoreError, WriteCtx};

use crate::common;
use crate::team::{self, Team};

pub fn ctx(store: &Store) -> WriteCtx {
    common::ctx(store)
}

pub fn codes(err: &StoreError) -> Vec<String> {
    err.field_issues().into_iter().map(|f| f.code).collect()
}

pub fn outbox(store: &Store, table: &str) -> Vec<OutboxEntry> {
    store
        .pending_outbox(10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.table_name == table)
        .collect()
}

pub fn audit_len(store: &Store) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

/// The audit actions recorded about `record_id`, oldest first (read by the clinic admin).
pub fn audited(admin: &Store, record_id: &str) -> Vec<(AuditAction, String, String)> {
    let q = AuditQuery {
        page: 1,
        page_size: 100,
        record_id: Some(record_id.into()),
        ..AuditQuery::default()
    };
    let mut entries = admin
        .list_audit(&q, FixedOffset::east_opt(8 * 3600).unwrap())
        .unwrap()
        .entries;
    entries.reverse();
    entries
        .into_iter()
        .map(|e| (e.action, e.record_kind, e.detail))
        .collect()
}

pub fn member(user_id: Option<&str>, name: &str, role: TeamRole, leader: bool) -> TeamMember {
    TeamMember {
        user_id: user_id.map(str::to_owned),
        name: name.into(),
        role,
        leader,
    }
}

pub fn team_input(t: &Team) -> TeamInput {
    TeamInput {
        name: "城南第一家庭医生团队".into(),
        members: vec![
            member(
                Some(t.user_id(Role::Doctor)),
                "王一山",
                TeamRole::Doctor,
                true,
            ),
            member(
                Some(t.user_id(Role::Nurse)),
                "赵慧珊",
                TeamRole::Nurse,
                false,
            ),
            member(None, "李村医", TeamRole::VillageDoctor, false),
        ],
    }
}

/// The demo team with its family-doctor team (made by the clinic admin).
pub fn team_with_care_team() -> (Team, String) {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let input = team_input(&t);
    let id = t.admin.create_team(&ctx, &input).unwrap().id;
    (t, id)
}

pub fn contract_input(
    t: &Team,
    team_id: &str,
    resident_id: &str,
    start: &str,
    end: &str,
) -> ContractInput {
    ContractInput {
        resident_id: resident_id.into(),
        team_id: team_id.into(),
        doctor_id: t.user_id(Role::Doctor).into(),
        categories: vec![
            PopulationCategory::Elderly,
            PopulationCategory::Hypertension,
        ],
        package_kind: PackageKind::Personalized,
        package_items: vec![
            PackageItemInput {
                name: "上门测血压血糖".into(),
                price: "40".into(),
            },
            PackageItemInput {
                name: "中医理疗".into(),
                price: "８０．００".into(),
            },
        ],
        price: "120".into(),
        insurance_part: "¥100".into(),
        self_paid: "20".into(),
        start_on: start.into(),
        end_on: end.into(),
    }
}

/// A contract for `resident_id` made and signed (on its start or today, whichever is earlier)
/// by the doctor.
pub fn signed_contract(
    doctor: &mut Store,
    t: &Team,
    team_id: &str,
    resident_id: &str,
    start: &str,
    end: &str,
) -> Contract {
    let ctx = ctx(doctor);
    let c = doctor
        .create_contract(&ctx, &contract_input(t, team_id, resident_id, start, end))
        .unwrap();
    let signed_on = if start < "2026-11-22" {
        start
    } else {
        "2026-11-22"
    };
    doctor
        .sign_contract(
            &ctx,
            &SignContract {
                contract_id: c.id,
                version: c.version,
                signed_on: signed_on.into(),
            },
        )
        .unwrap()
}

pub fn agreement_input(home_id: &str) -> AgreementInput {
    AgreementInput {
        nursing_home_id: home_id.into(),
        number: String::new(),
        start_on: "2026-11-01".into(),
        end_on: "2029-10-31".into(),
        items: vec![
            AgreementItem {
                item: ServiceItem::G1,
                frequency: None,
            },
            AgreementItem {
                item: ServiceItem::S1,
                frequency: Some(Frequency {
                    every: 1,
                    unit: FrequencyUnit::Week,
                }),
            },
        ],
        methods: vec![ServiceMethod::ScheduledRounds, ServiceMethod::OnCall],
        file_within_days: String::new(),
        note: String::new(),
    }
}

pub fn step(a: &Agreement, on: &str, reason: &str) -> AgreementStep {
    AgreementStep {
        id: a.id.clone(),
        version: a.version,
        on: on.into(),
        reason: reason.into(),
    }
}
