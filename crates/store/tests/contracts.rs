//! Family-doctor contracts through the store facade, on a real data file: create, sign, renew,
//! terminate (outbox and audit), the one-current-contract rule, the fee split, the checks of
//! resident, doctor and team, renewal reminders and who may sign.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod signing;
mod team;

use common::today;
use signing::*;
use yiyang_protocol::*;
use yiyang_store::{Store, StoreError};

#[test]
fn a_contract_is_created_signed_renewed_and_terminated() {
    let (t, team_id) = team_with_care_team();
    let mut doctor = t.as_role(Role::Doctor);
    let ctx = ctx(&doctor);
    let resident = t.at_home.id.clone();

    let created = doctor
        .create_contract(
            &ctx,
            &contract_input(&t, &team_id, &resident, "2025-12-01", "2026-11-30"),
        )
        .unwrap();
    assert_eq!(created.status, ContractStatus::Pending);
    assert_eq!(created.number, "QY2026-00001");
    assert_eq!(created.version, 1);
    assert_eq!(created.resident_name, "李四");
    assert_eq!(created.team_name, "城南第一家庭医生团队");
    assert_eq!(created.doctor_name, "王一山");
    assert_eq!(
        created.categories,
        vec![
            PopulationCategory::Elderly,
            PopulationCategory::Hypertension
        ]
    );
    assert_eq!(created.package_items[1].price_cents, 8_000);
    assert_eq!(
        (
            created.price_cents,
            created.insurance_cents,
            created.self_paid_cents
        ),
        (12_000, 10_000, 2_000)
    );
    assert_eq!(created.signed_on, None);
    assert_eq!(created.days_to_expiry, Some(8));
    let rows = outbox(&doctor, "contracts");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].op, "insert");
    assert_eq!(rows[0].fields["priceCents"], 12_000);
    assert_eq!(rows[0].fields["status"], "pending");
    assert_eq!(rows[0].fields["packageItems"][0]["name"], "上门测血压血糖");
    assert_eq!(rows[0].actor_id, t.user_id(Role::Doctor));

    // Sign it.
    let sign = SignContract {
        contract_id: created.id.clone(),
        version: 1,
        signed_on: "2025-11-28".into(),
    };
    let signed = doctor.sign_contract(&ctx, &sign).unwrap();
    assert_eq!(signed.status, ContractStatus::Signed);
    assert_eq!(signed.signed_on.as_deref(), Some("2025-11-28"));
    assert_eq!(signed.version, 2);
    assert_eq!(outbox(&doctor, "contracts").len(), 2);
    // Signing twice: a stale form, then a fresh one on a signed contract.
    let err = doctor.sign_contract(&ctx, &sign).unwrap_err();
    assert_eq!(err.code(), ErrorCode::VersionConflict);
    let err = doctor
        .sign_contract(
            &ctx,
            &SignContract {
                version: 2,
                ..sign.clone()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);
    assert_eq!(codes(&err), ["contract.not_pending"]);
    assert!(
        err.to_string().contains("QY2026-00001 当前为「签约」"),
        "{err}"
    );

    // Renew for the following year.
    let renewal = RenewContract {
        contract_id: created.id.clone(),
        version: 2,
        start_on: "2026-12-01".into(),
        end_on: "2027-11-30".into(),
    };
    let renewed = doctor.renew_contract(&ctx, &renewal).unwrap();
    assert_eq!(renewed.status, ContractStatus::Renewed);
    assert_eq!(renewed.number, "QY2026-00002");
    assert_eq!(renewed.renews.as_deref(), Some(created.id.as_str()));
    assert_eq!(renewed.renewed_by, None);
    assert_eq!(renewed.signed_on.as_deref(), Some("2026-11-22"));
    assert_eq!(
        (renewed.start_on.as_str(), renewed.end_on.as_str()),
        ("2026-12-01", "2027-11-30")
    );
    assert_eq!(renewed.package_items, signed.package_items);
    assert_eq!(renewed.team_id, team_id);
    assert_eq!(renewed.days_to_expiry, Some(373));
    let old = doctor.get_contract(&created.id, today()).unwrap();
    assert_eq!(old.renewed_by.as_deref(), Some(renewed.id.as_str()));
    assert_eq!(old.status, ContractStatus::Signed);
    assert_eq!(old.version, 3);
    assert_eq!(old.days_to_expiry, None, "closed by the renewal");
    let rows = outbox(&doctor, "contracts");
    assert_eq!(rows.len(), 4, "the old row's pointer and the new row");
    assert_eq!(
        (rows[2].row_id.as_str(), rows[2].op.as_str()),
        (created.id.as_str(), "update")
    );
    assert_eq!(rows[2].fields["renewedBy"], renewed.id.as_str());
    assert_eq!(
        (rows[3].row_id.as_str(), rows[3].op.as_str()),
        (renewed.id.as_str(), "insert")
    );
    // The old one cannot be renewed again, nor terminated.
    let err = doctor
        .renew_contract(
            &ctx,
            &RenewContract {
                version: 3,
                ..renewal.clone()
            },
        )
        .unwrap_err();
    assert_eq!(codes(&err), ["contract.already_renewed"]);
    assert!(err.to_string().contains("已续约为 QY2026-00002"), "{err}");
    // A renewal must start after the old start.
    let err = doctor
        .renew_contract(
            &ctx,
            &RenewContract {
                contract_id: renewed.id.clone(),
                version: 1,
                start_on: "2026-12-01".into(),
                end_on: "2027-06-30".into(),
            },
        )
        .unwrap_err();
    assert_eq!(codes(&err), ["contract.renewal_start"]);

    // Only the renewal is current.
    let current = doctor
        .list_contracts(
            &ContractQuery {
                resident_id: Some(resident.clone()),
                ..ContractQuery::default()
            },
            today(),
        )
        .unwrap();
    assert_eq!(
        current
            .iter()
            .map(|c| c.number.as_str())
            .collect::<Vec<_>>(),
        ["QY2026-00002"]
    );
    let all = doctor
        .list_contracts(
            &ContractQuery {
                resident_id: Some(resident.clone()),
                include_closed: true,
                ..ContractQuery::default()
            },
            today(),
        )
        .unwrap();
    assert_eq!(all.len(), 2);

    // Terminate the renewal (signed ahead of its term, so it can end before the term begins).
    let mut end = TerminateContract {
        contract_id: renewed.id.clone(),
        version: 1,
        terminated_on: "2026-11-22".into(),
        reason: TerminationReason::Other,
        note: " ".into(),
    };
    let err = doctor.terminate_contract(&ctx, &end).unwrap_err();
    assert_eq!(codes(&err), ["contract.note_required"]);
    end.terminated_on = "2026-11-23".into();
    end.note = "家属要求解约".into();
    assert_eq!(
        codes(&doctor.terminate_contract(&ctx, &end).unwrap_err()),
        ["contract.terminated_future"]
    );
    end.terminated_on = "2026-11-22".into();
    let ended = doctor.terminate_contract(&ctx, &end).unwrap();
    assert_eq!(ended.status, ContractStatus::Terminated);
    assert_eq!(ended.terminated_on.as_deref(), Some("2026-11-22"));
    assert_eq!(ended.termination_reason, Some(TerminationReason::Other));
    assert_eq!(ended.termination_note, "家属要求解约");
    assert_eq!(ended.days_to_expiry, None);
    assert_eq!(ended.version, 2);
    let last = outbox(&doctor, "contracts").pop().unwrap();
    assert_eq!(last.fields["status"], "terminated");
    assert_eq!(last.fields["terminationReason"], "other");
    let err = doctor
        .terminate_contract(
            &ctx,
            &TerminateContract {
                version: 2,
                ..end.clone()
            },
        )
        .unwrap_err();
    assert_eq!(codes(&err), ["contract.already_terminated"]);
    let err = doctor
        .terminate_contract(
            &ctx,
            &TerminateContract {
                contract_id: created.id.clone(),
                version: 3,
                ..end.clone()
            },
        )
        .unwrap_err();
    assert_eq!(codes(&err), ["contract.already_renewed"]);

    // Nothing current is left, so the resident may sign again: the number continues.
    assert!(doctor
        .list_contracts(
            &ContractQuery {
                resident_id: Some(resident.clone()),
                ..ContractQuery::default()
            },
            today()
        )
        .unwrap()
        .is_empty());
    let again = doctor
        .create_contract(
            &ctx,
            &contract_input(&t, &team_id, &resident, "2026-12-01", "2027-11-30"),
        )
        .unwrap();
    assert_eq!(again.number, "QY2026-00003");

    // The history, as the admin's audit log shows it.
    let kinds_and_actions = |id: &str| -> Vec<AuditAction> {
        audited(&t.admin, id)
            .into_iter()
            .map(|(a, kind, _)| {
                assert_eq!(kind, "contract");
                a
            })
            .collect()
    };
    assert_eq!(
        kinds_and_actions(&created.id),
        vec![AuditAction::CreateContract, AuditAction::SignContract]
    );
    assert_eq!(
        kinds_and_actions(&renewed.id),
        vec![AuditAction::RenewContract, AuditAction::TerminateContract]
    );
    let details: Vec<String> = audited(&t.admin, &renewed.id)
        .into_iter()
        .map(|e| e.2)
        .collect();
    assert_eq!(
        details,
        [
            "李四 续约 QY2026-00001 → QY2026-00002（2026-12-01 至 2027-11-30）",
            "QY2026-00002 解约：其他（家属要求解约）"
        ]
    );
}

#[test]
fn one_current_contract_per_resident() {
    let (t, team_id) = team_with_care_team();
    let mut nurse = t.as_role(Role::Nurse);
    let ctx = ctx(&nurse);
    let input = contract_input(&t, &team_id, &t.in_home.id, "2026-12-01", "2027-11-30");
    let first = nurse.create_contract(&ctx, &input).unwrap();
    // A pending contract is current too.
    let err = nurse.create_contract(&ctx, &input).unwrap_err();
    assert!(
        matches!(&err, StoreError::ContractExists { number, existing_id }
        if number == "QY2026-00001" && *existing_id == first.id),
        "{err:?}"
    );
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(
        err.to_string(),
        "该居民已有当前的家庭医生签约（签约编号 QY2026-00001），请在原签约上续约，或先解约再新签"
    );
    let issues = err.field_issues();
    assert_eq!(issues[0].field, "residentId");
    assert_eq!(issues[1].field, "existingContractId");
    assert_eq!(issues[1].message, first.id);

    nurse
        .terminate_contract(
            &ctx,
            &TerminateContract {
                contract_id: first.id.clone(),
                version: 1,
                terminated_on: "2026-11-22".into(),
                reason: TerminationReason::Refused,
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(
        nurse.create_contract(&ctx, &input).unwrap().number,
        "QY2026-00002"
    );
}

#[test]
fn a_fee_mismatch_is_refused_and_nothing_is_written() {
    let (t, team_id) = team_with_care_team();
    let mut doctor = t.as_role(Role::Doctor);
    let ctx = ctx(&doctor);
    let outbox_before = doctor.pending_outbox(10_000).unwrap().len();
    let audit_before = audit_len(&doctor);
    let mut input = contract_input(&t, &team_id, &t.in_home.id, "2026-12-01", "2027-11-30");
    input.self_paid = "30".into();
    let err = doctor.create_contract(&ctx, &input).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let issues = err.field_issues();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].field, "price");
    assert_eq!(issues[0].code, "contract.price_mismatch");
    for figure in ["120.00", "100.00", "30.00", "130.00"] {
        assert!(issues[0].message.contains(figure), "{}", issues[0].message);
    }
    assert_eq!(doctor.pending_outbox(10_000).unwrap().len(), outbox_before);
    assert_eq!(audit_len(&doctor), audit_before);
    let contracts: i64 = doctor
        .raw_connection_for_tests()
        .query_row("SELECT count(*) FROM contracts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contracts, 0);
}

#[test]
fn the_resident_doctor_and_team_are_checked() {
    let (mut t, team_id) = team_with_care_team();
    let mut doctor = t.as_role(Role::Doctor);
    let ctx = ctx(&doctor);
    let base = contract_input(&t, &team_id, &t.at_home.id, "2026-12-01", "2027-11-30");
    let cases: Vec<(ContractInput, &str, &str)> = vec![
        (
            ContractInput {
                doctor_id: t.user_id(Role::Nurse).into(),
                ..base.clone()
            },
            "doctorId",
            "contract.doctor_invalid",
        ),
        (
            ContractInput {
                team_id: "no-such-team".into(),
                ..base.clone()
            },
            "teamId",
            "contract.team_unknown",
        ),
        (
            ContractInput {
                resident_id: "no-such-resident".into(),
                ..base.clone()
            },
            "residentId",
            "contract.resident_unknown",
        ),
    ];
    for (input, field, code) in cases {
        let err = doctor.create_contract(&ctx, &input).unwrap_err();
        let issues = err.field_issues();
        assert_eq!(
            (issues[0].field.as_str(), issues[0].code.as_str()),
            (field, code),
            "{err}"
        );
    }

    // A resident who moved away cannot sign.
    let admin_ctx = common::ctx(&t.admin);
    t.admin
        .change_resident_status(
            &admin_ctx,
            &ChangeStatus {
                id: t.at_home.id.clone(),
                base_version: 1,
                status: ResidentStatus::Moved,
                date: "2026-11-20".into(),
                note: String::new(),
            },
        )
        .unwrap();
    let err = doctor.create_contract(&ctx, &base).unwrap_err();
    assert_eq!(codes(&err), ["contract.resident_inactive"]);
    assert_eq!(
        err.field_issues()[0].message,
        "李四的档案状态为「迁出」，只有在档居民可以签约"
    );
}

#[test]
fn renewal_reminders_list_contracts_ending_within_the_days() {
    let (mut t, team_id) = team_with_care_team();
    let admin_ctx = common::ctx(&t.admin);
    let fourth = t
        .admin
        .create_resident(
            &admin_ctx,
            &ResidentInput {
                name: "孙七".into(),
                id_number: "330122194503150042".into(),
                address: "城南镇石桥村".into(),
                ..ResidentInput::default()
            },
        )
        .unwrap();
    let fifth = t
        .admin
        .create_resident(
            &admin_ctx,
            &ResidentInput {
                name: "周八".into(),
                id_number: "330122194801010021".into(),
                address: "城南镇石桥村".into(),
                ..ResidentInput::default()
            },
        )
        .unwrap();
    let mut doctor = t.as_role(Role::Doctor);
    // Ends in 5, 20 and 60 days; one ended 3 days ago without renewal.
    signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &t.at_home.id,
        "2025-11-28",
        "2026-11-27",
    );
    signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &t.in_home.id,
        "2025-12-13",
        "2026-12-12",
    );
    signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &t.elsewhere.id,
        "2026-01-22",
        "2027-01-21",
    );
    signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &fourth.id,
        "2025-11-20",
        "2026-11-19",
    );
    // A pending contract ending soon is not a renewal (it was never signed).
    let ctx = ctx(&doctor);
    doctor
        .create_contract(
            &ctx,
            &contract_input(&t, &team_id, &fifth.id, "2025-11-25", "2026-11-24"),
        )
        .unwrap();

    let reminders = |store: &Store, days: u32| -> Vec<(String, Option<i64>)> {
        store
            .list_contracts(
                &ContractQuery {
                    expiring_within_days: Some(days),
                    ..ContractQuery::default()
                },
                today(),
            )
            .unwrap()
            .into_iter()
            .map(|c| (c.resident_name, c.days_to_expiry))
            .collect()
    };
    let named = |v: &[(&str, i64)]| -> Vec<(String, Option<i64>)> {
        v.iter().map(|(n, d)| ((*n).to_owned(), Some(*d))).collect()
    };
    assert_eq!(
        reminders(&doctor, yiyang_domain::contract::RENEWAL_REMINDER_DAYS),
        named(&[("孙七", -3), ("李四", 5), ("张三丰", 20)])
    );
    assert_eq!(reminders(&doctor, 5), named(&[("孙七", -3), ("李四", 5)]));
    assert_eq!(reminders(&doctor, 4), named(&[("孙七", -3)]));
    assert_eq!(
        reminders(&doctor, 90),
        named(&[("孙七", -3), ("李四", 5), ("张三丰", 20), ("王五", 60)])
    );
    // The whole list is by end date too, the pending one included.
    let all: Vec<String> = doctor
        .list_contracts(&ContractQuery::default(), today())
        .unwrap()
        .into_iter()
        .map(|c| c.resident_name)
        .collect();
    assert_eq!(all, ["孙七", "周八", "李四", "张三丰", "王五"]);

    // Once renewed, a contract leaves the reminders.
    let li = doctor
        .list_contracts(
            &ContractQuery {
                resident_id: Some(t.at_home.id.clone()),
                ..ContractQuery::default()
            },
            today(),
        )
        .unwrap()
        .remove(0);
    doctor
        .renew_contract(
            &ctx,
            &RenewContract {
                contract_id: li.id,
                version: li.version,
                start_on: "2026-11-28".into(),
                end_on: "2027-11-27".into(),
            },
        )
        .unwrap();
    assert_eq!(
        reminders(&doctor, 30),
        named(&[("孙七", -3), ("张三丰", 20)])
    );

    // The team now has four current signed contracts (李四's renewal counts once).
    let teams = doctor.list_teams().unwrap();
    assert_eq!(teams[0].active_contracts, 4);

    // A 养老机构管理员 sees only their own home's residents' contracts.
    let home_admin = t.as_role(Role::CareHomeAdmin);
    assert_eq!(reminders(&home_admin, 90), named(&[("张三丰", 20)]));
    let elsewhere = doctor
        .list_contracts(
            &ContractQuery {
                resident_id: Some(t.elsewhere.id.clone()),
                ..ContractQuery::default()
            },
            today(),
        )
        .unwrap()
        .remove(0);
    let err = home_admin.get_contract(&elsewhere.id, today()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

#[test]
fn a_nurse_signs_contracts_but_does_not_run_teams_or_agreements() {
    let (t, team_id) = team_with_care_team();
    let mut nurse = t.as_role(Role::Nurse);
    let ctx = ctx(&nurse);
    nurse
        .create_contract(
            &ctx,
            &contract_input(&t, &team_id, &t.in_home.id, "2026-12-01", "2027-11-30"),
        )
        .unwrap();
    let forbidden = |r: Result<(), StoreError>, what: &str| {
        let err = r.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{what}: {err}");
    };
    forbidden(
        nurse.create_team(&ctx, &team_input(&t)).map(drop),
        "create_team",
    );
    forbidden(
        nurse
            .create_agreement(&ctx, &agreement_input(&t.home_id))
            .map(drop),
        "create_agreement",
    );
    // … and the clinic admin runs the office but does not sign contracts.
    let mut admin = t.as_role(Role::ClinicAdmin);
    let admin_ctx = common::ctx(&admin);
    forbidden(
        admin
            .create_contract(
                &admin_ctx,
                &contract_input(&t, &team_id, &t.at_home.id, "2026-12-01", "2027-11-30"),
            )
            .map(drop),
        "create_contract",
    );
}

#[test]
fn a_signed_contract_puts_its_resident_on_the_due_list_until_it_ends() {
    let (t, team_id) = team_with_care_team();
    let mut doctor = t.as_role(Role::Doctor);
    let cell = |store: &Store, item: ServiceItem| {
        store
            .resident_due(&t.at_home.id, 2026, today())
            .unwrap()
            .cells[item as usize]
            .clone()
    };
    // 李四 lives at home and has no contract: the priority services are not owed.
    assert_eq!(
        cell(&doctor, ServiceItem::P1).state,
        DueState::NotApplicable
    );
    let c = signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &t.at_home.id,
        "2026-01-01",
        "2026-12-31",
    );
    assert_eq!(cell(&doctor, ServiceItem::P1).state, DueState::OnDemand);
    let g1 = cell(&doctor, ServiceItem::G1);
    assert_eq!(
        g1.state,
        DueState::Done,
        "the contract names a team: {g1:?}"
    );
    doctor
        .terminate_contract(
            &ctx(&doctor),
            &TerminateContract {
                contract_id: c.id,
                version: c.version,
                terminated_on: "2026-11-20".into(),
                reason: TerminationReason::MovedOut,
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(
        cell(&doctor, ServiceItem::P1).state,
        DueState::NotApplicable
    );
}
