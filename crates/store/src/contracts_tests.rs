//! The due list's reads of contracts and agreements ([`current_contracts`],
//! [`crate::agreements::active_agreement_for_home`]) on a real data file.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{TimeZone, Utc};
use yiyang_protocol::{
    AgreementInput, AgreementItem, AgreementStep, LivingKind, LogInInput, PopulationCategory,
    ResidentInput, Role, ServiceItem, ServiceMethod, TeamInput, TeamMember, TeamRole, UserInput,
};

use super::*;
use crate::agreements::active_agreement_for_home;
use crate::{demo, KdfParams, Vault};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_due_list_reads_current_contracts_and_the_active_agreement() {
    let dir = tempfile::TempDir::new().unwrap();
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap();
    let today = d("2026-11-22");
    let (mut admin, _) = vault.set_up(&demo::clinic_setup(), now, today).unwrap();
    let ctx = admin.ctx(now, today).unwrap();
    let clinic_id = admin.session().unwrap().institution_id.clone();
    let home = admin
        .create_institution(&ctx, &demo::nursing_homes()[0])
        .unwrap()
        .id;
    let other_home = admin
        .create_institution(&ctx, &demo::nursing_homes()[1])
        .unwrap()
        .id;
    let doctor_id = admin
        .create_user(
            &ctx,
            &UserInput {
                login: "wangys".into(),
                name: "王一山".into(),
                role: Some(Role::Doctor),
                institution_id: clinic_id,
                password: demo::DEMO_PASSWORD.into(),
                password_again: demo::DEMO_PASSWORD.into(),
            },
        )
        .unwrap()
        .id;
    let team_input = TeamInput {
        name: "城南第一家庭医生团队".into(),
        members: vec![TeamMember {
            user_id: Some(doctor_id.clone()),
            name: "王一山".into(),
            role: TeamRole::Doctor,
            leader: true,
        }],
    };
    let team_id = admin.create_team(&ctx, &team_input).unwrap().id;
    let resident = |name: &str, id_number: &str| ResidentInput {
        name: name.into(),
        id_number: id_number.into(),
        address: "城南镇敬老路 1 号".into(),
        living_kind: LivingKind::NursingHome,
        nursing_home_id: Some(home.clone()),
        ..ResidentInput::default()
    };
    let signed_one = admin
        .create_resident(&ctx, &resident("张三丰", "11010519491231002X"))
        .unwrap()
        .id;
    let pending_one = admin
        .create_resident(&ctx, &resident("李四", "440524188001015368"))
        .unwrap()
        .id;
    let agreement = admin
        .create_agreement(
            &ctx,
            &AgreementInput {
                nursing_home_id: home.clone(),
                start_on: "2026-11-01".into(),
                end_on: "2027-10-31".into(),
                items: vec![AgreementItem {
                    item: ServiceItem::S1,
                    frequency: None,
                }],
                methods: vec![ServiceMethod::ScheduledRounds],
                ..AgreementInput::default()
            },
        )
        .unwrap();
    assert_eq!(
        active_agreement_for_home(&admin.conn, &home, today).unwrap(),
        None,
        "a draft is not in force"
    );
    admin
        .activate_agreement(
            &ctx,
            &AgreementStep {
                id: agreement.id.clone(),
                version: agreement.version,
                on: "2026-11-20".into(),
                reason: String::new(),
            },
        )
        .unwrap();
    let found = active_agreement_for_home(&admin.conn, &home, today)
        .unwrap()
        .unwrap();
    assert_eq!(found.id, agreement.id);
    assert_eq!(found.items[0].item, ServiceItem::S1);
    for (home_id, on) in [
        (&home, d("2026-10-31")),
        (&home, d("2027-11-01")),
        (&other_home, today),
    ] {
        assert_eq!(
            active_agreement_for_home(&admin.conn, home_id, on).unwrap(),
            None,
            "{on}"
        );
    }

    let mut doctor = vault
        .log_in(
            &LogInInput {
                login: "wangys".into(),
                password: demo::DEMO_PASSWORD.into(),
            },
            now,
        )
        .unwrap();
    let ctx = doctor.ctx(now, today).unwrap();
    let input = |resident_id: &str| ContractInput {
        resident_id: resident_id.into(),
        team_id: team_id.clone(),
        doctor_id: doctor_id.clone(),
        categories: vec![PopulationCategory::Elderly],
        price: "0".into(),
        insurance_part: "0".into(),
        self_paid: "0".into(),
        start_on: "2026-11-01".into(),
        end_on: "2027-10-31".into(),
        ..ContractInput::default()
    };
    let c = doctor.create_contract(&ctx, &input(&signed_one)).unwrap();
    doctor
        .sign_contract(
            &ctx,
            &SignContract {
                contract_id: c.id,
                version: c.version,
                signed_on: "2026-11-01".into(),
            },
        )
        .unwrap();
    doctor.create_contract(&ctx, &input(&pending_one)).unwrap();

    let current = current_contracts(&doctor.conn).unwrap();
    assert_eq!(
        current.len(),
        1,
        "a pending contract does not count: {current:?}"
    );
    assert_eq!(
        current.get(&signed_one),
        Some(&(d("2026-11-01"), d("2027-10-31"), true))
    );
}
