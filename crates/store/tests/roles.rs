//! The role table, enforced by the store: every command that reads or changes data, called as
//! each of the five roles, is refused with Forbidden exactly when the domain's table says so; a
//! 养老机构管理员 sees only their own home's residents, masked.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod pads;
mod team;

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use common::{now, today};
use team::{login_of, Team, PASSWORD};
use yiyang_domain::access::permits;
use yiyang_protocol::commands::COMMANDS;
use yiyang_protocol::sync::{
    ConflictRecord, ConflictStatus, EnrolResponse, PullResponse, SyncTable,
};
use yiyang_protocol::*;
use yiyang_store::{demo, Store, StoreError, WriteCtx};

/// Commands that are not backed by a role-checked store call: the phases before a session
/// (set-up, log-in, unlock, recovery), ending a session, native dialogs, and UI bookkeeping.
/// Everything else must be in [`table`].
const NEED_NO_PERMISSION: &[&str] = &[
    "get_app_status",
    "get_setup_state",
    "complete_setup",
    "upgrade_store",
    "log_in",
    "log_out",
    "lock",
    "unlock",
    "recover_access",
    "choose_folder",
    "choose_backup_file",
    "choose_import_file",
    // Writes a picture of a chart: no stored data is read.
    "save_chart_png",
    "record_output",
    "report_first_paint",
    "keep_alive",
];

/// What every call gets: the team, a spare user to remove, a backup to preview and restore, and
/// a family-doctor team, contracts and an agreement to work on.
struct Fixture {
    team: Team,
    spare_user_id: String,
    backup_path: PathBuf,
    backup_folder: tempfile::TempDir,
    care_team_id: String,
    /// 待签约, of 张三丰 (who lives in the 养老机构管理员's home).
    pending_contract_id: String,
    /// Signed, of 王五.
    signed_contract_id: String,
    /// 在档 and without a contract.
    free_resident_id: String,
    /// A draft with the 养老机构管理员's home.
    agreement_id: String,
    /// Two rounds of 张三丰: one to correct, one to void.
    round_ids: (String, String),
    /// An open sync conflict about 孙七's phone, pulled from the county.
    conflict: ConflictRecord,
    /// A signed (since terminated) agreement with the 养老机构管理员's home, and its document.
    signed_agreement_id: String,
    signed_document_id: String,
}

fn round_input(t: &Team, systolic: &str) -> RecordInput {
    RecordInput {
        resident_id: t.in_home.id.clone(),
        occurred_on: "2026-11-21".into(),
        place: "城南镇中心敬老院".into(),
        detail: RecordInputDetail::Round(RoundInput {
            systolic: systolic.into(),
            diastolic: "80".into(),
            pulse: "72".into(),
            glucose: String::new(),
            note: String::new(),
        }),
    }
}

fn care_records(t: &Team) -> (String, String) {
    let mut nurse = t.as_role(Role::Nurse);
    let ctx = common::ctx(&nurse);
    let mut add = |sbp: &str| nurse.add_record(&ctx, &round_input(t, sbp)).unwrap().id;
    (add("128"), add("132"))
}

fn care_team_input(team: &Team, name: &str) -> TeamInput {
    TeamInput {
        name: name.into(),
        members: vec![TeamMember {
            user_id: Some(team.user_id(Role::Doctor).into()),
            name: "王一山".into(),
            role: TeamRole::Doctor,
            leader: true,
        }],
    }
}

fn contract_input(team: &Team, care_team_id: &str, resident_id: &str) -> ContractInput {
    ContractInput {
        resident_id: resident_id.into(),
        team_id: care_team_id.into(),
        doctor_id: team.user_id(Role::Doctor).into(),
        categories: vec![PopulationCategory::Elderly],
        price: "0".into(),
        insurance_part: "0".into(),
        self_paid: "0".into(),
        start_on: "2026-11-01".into(),
        end_on: "2027-10-31".into(),
        ..ContractInput::default()
    }
}

fn agreement_input(home_id: &str) -> AgreementInput {
    AgreementInput {
        nursing_home_id: home_id.into(),
        start_on: "2026-11-01".into(),
        end_on: "2029-10-31".into(),
        items: vec![AgreementItem {
            item: ServiceItem::S1,
            frequency: None,
        }],
        methods: vec![ServiceMethod::ScheduledRounds],
        ..AgreementInput::default()
    }
}

/// The team, contracts, a free resident and an agreement of [`Fixture`].
fn care_fixture(team: &mut Team) -> (String, String, String, String, String) {
    let ctx = common::ctx(&team.admin);
    let input = care_team_input(team, "城南第一家庭医生团队");
    let care_team_id = team.admin.create_team(&ctx, &input).unwrap().id;
    let free_resident_id = team
        .admin
        .create_resident(
            &ctx,
            &ResidentInput {
                name: "孙七".into(),
                id_number: "330122194503150042".into(),
                address: "城南镇石桥村".into(),
                ..ResidentInput::default()
            },
        )
        .unwrap()
        .id;
    let agreement_id = team
        .admin
        .create_agreement(&ctx, &agreement_input(&team.home_id))
        .unwrap()
        .id;
    let mut doctor = team.as_role(Role::Doctor);
    let ctx = common::ctx(&doctor);
    let pending_contract_id = doctor
        .create_contract(&ctx, &contract_input(team, &care_team_id, &team.in_home.id))
        .unwrap()
        .id;
    let mut input = contract_input(team, &care_team_id, &team.elsewhere.id);
    input.start_on = "2025-12-01".into();
    input.end_on = "2026-11-30".into();
    let signed = doctor.create_contract(&ctx, &input).unwrap();
    let sign = SignContract {
        contract_id: signed.id.clone(),
        version: signed.version,
        signed_on: "2025-11-28".into(),
    };
    doctor.sign_contract(&ctx, &sign).unwrap();
    (
        care_team_id,
        pending_contract_id,
        signed.id,
        free_resident_id,
        agreement_id,
    )
}

fn fixture() -> Fixture {
    let mut team = team::team();
    let ctx = common::ctx(&team.admin);
    let spare_user_id = team
        .admin
        .create_user(
            &ctx,
            &UserInput {
                login: "spare".into(),
                name: "备用账号".into(),
                role: Some(Role::Nurse),
                institution_id: team.clinic_id.clone(),
                password: PASSWORD.into(),
                password_again: PASSWORD.into(),
            },
        )
        .unwrap()
        .id;
    let (care_team_id, pending_contract_id, signed_contract_id, free_resident_id, agreement_id) =
        care_fixture(&mut team);
    let round_ids = care_records(&team);
    let conflict = sync_conflict(&mut team, &free_resident_id);
    let (signed_agreement_id, signed_document_id) = signed_agreement(&mut team);
    let backup_folder = tempfile::TempDir::new().unwrap();
    let settings = Settings {
        backup_folder: Some(backup_folder.path().display().to_string()),
        ..Settings::default()
    };
    team.admin.save_settings(now(), &settings).unwrap();
    let backup_path = PathBuf::from(team.admin.backup_now(now()).unwrap().path);
    Fixture {
        team,
        spare_user_id,
        backup_path,
        backup_folder,
        care_team_id,
        pending_contract_id,
        signed_contract_id,
        free_resident_id,
        agreement_id,
        round_ids,
        conflict,
        signed_agreement_id,
        signed_document_id,
    }
}

/// An earlier agreement with the 养老机构管理员's home, signed and since terminated (so the
/// fixture's draft can still be put into force).
fn signed_agreement(team: &mut Team) -> (String, String) {
    let ctx = common::ctx(&team.admin);
    let mut input = agreement_input(&team.home_id);
    input.number = "XY2025-009".into();
    let draft = team.admin.create_agreement(&ctx, &input).unwrap();
    let doc = team
        .admin
        .sign_agreement_document(
            &ctx,
            &pads::sign_input(&draft, "林晓燕", "陈玉兰"),
            pads::font(),
        )
        .unwrap();
    let step = AgreementStep {
        id: draft.id.clone(),
        version: draft.version + 1,
        on: "2026-11-21".into(),
        reason: "另签新协议".into(),
    };
    team.admin.terminate_agreement(&ctx, &step).unwrap();
    (draft.id, doc.id)
}

/// The county kept 孙七's (empty) phone against another device's number: an open conflict.
fn sync_conflict(team: &mut Team, resident_id: &str) -> ConflictRecord {
    let conflict = ConflictRecord {
        id: "0193b000-0000-7000-8000-0000000000c1".into(),
        table: SyncTable::Residents,
        row_id: resident_id.into(),
        field: "phone".into(),
        kept_value: "".into(),
        other_value: "13812340000".into(),
        other_device_id: "0193b000-0000-7000-8000-0000000000d2".into(),
        other_actor_id: team.user_id(Role::Nurse).into(),
        other_local_time: "2026-11-22T08:30:00.000Z".into(),
        status: ConflictStatus::Open,
        resolved_value: None,
        resolved_by: None,
        opened_at: "2026-11-22T09:00:00.000Z".into(),
        resolved_at: None,
    };
    let page = PullResponse {
        rows: Vec::new(),
        conflicts: vec![conflict.clone()],
        cursor: "1:1".into(),
        more: false,
    };
    team.admin.apply_pull_page(&page, now()).unwrap();
    conflict
}

type Call = fn(&mut Option<Store>, &Fixture) -> Result<(), StoreError>;

/// The write context of the session (NotLoggedIn without one).
fn ctx(store: &Store) -> Result<WriteCtx, StoreError> {
    store.ctx(now(), today())
}

fn st(slot: &mut Option<Store>) -> &mut Store {
    slot.as_mut().expect("a logged-in store")
}

/// A one-row resident list (姓名, 身份证号) as an .xlsx file.
fn sheet() -> Vec<u8> {
    let first17 = "33012219400101001";
    let id = format!(
        "{first17}{}",
        yiyang_domain::id_number::check_char(first17).unwrap()
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "身份证号").unwrap();
    ws.write_string(1, 0, "钱导入").unwrap();
    ws.write_string(1, 1, id).unwrap();
    book.save_to_buffer().unwrap()
}

fn import_options() -> ImportOptions {
    ImportOptions {
        sheet: None,
        header_row: 1,
        mapping: vec![
            MappedColumn {
                column: 0,
                field: ImportField::Name,
            },
            MappedColumn {
                column: 1,
                field: ImportField::IdNumber,
            },
        ],
        nursing_home_id: None,
    }
}

fn period() -> IndicatorPeriod {
    IndicatorPeriod {
        year: 2026,
        month: None,
    }
}

fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn audit_query() -> AuditQuery {
    AuditQuery {
        page: 1,
        page_size: 50,
        ..AuditQuery::default()
    }
}

fn version_of(store: &Store, id: &str) -> i64 {
    version_in(store, "residents", id)
}

/// The current version of row `id` of `table` (a form opened just now).
fn version_in(store: &Store, table: &str, id: &str) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row(
            &format!("SELECT version FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

fn form_of(r: &Resident) -> ResidentInput {
    ResidentInput {
        name: r.name.clone(),
        id_number: "11010519491231002X".into(),
        phone: "13812345678".into(),
        address: r.address.clone(),
        living_kind: r.living_kind,
        nursing_home_id: r.nursing_home_id.clone(),
        room: r.room.clone(),
        emergency_contact_name: r.emergency_contact_name.clone(),
        emergency_contact_phone: "13900001111".into(),
        allergies: "青霉素".into(),
        ..ResidentInput::default()
    }
}

/// Every store call behind an IPC command: (command, the permission it needs, the call). A call
/// that is allowed must succeed, so the table also proves each role can do its work.
fn table() -> Vec<(&'static str, Option<Permission>, Call)> {
    use Permission as P;
    vec![
        ("list_nursing_homes", Some(P::ViewResidents), |s, _| {
            st(s).list_nursing_homes().map(drop)
        }),
        ("create_institution", Some(P::ManageInstitutions), |s, _| {
            let ctx = ctx(st(s))?;
            st(s)
                .create_institution(&ctx, &demo::nursing_homes()[2])
                .map(drop)
        }),
        ("list_residents", Some(P::ViewResidents), |s, _| {
            let q = ResidentListQuery {
                page: 1,
                page_size: 20,
                ..ResidentListQuery::default()
            };
            st(s).list_residents(&q, today()).map(drop)
        }),
        ("search_residents", Some(P::ViewResidents), |s, _| {
            let q = SearchQuery {
                text: "张三丰".into(),
                limit: 10,
            };
            st(s).search_residents(&q, today()).map(drop)
        }),
        ("get_resident", Some(P::ViewResidents), |s, f| {
            // A resident of the 养老机构管理员's own home: only the role decides.
            st(s)
                .get_resident(&f.team.in_home.id, now(), today())
                .map(drop)
        }),
        ("validate_resident", Some(P::EditResidents), |s, f| {
            st(s)
                .validate_resident(&form_of(&f.team.in_home), Some(&f.team.in_home.id), today())
                .map(drop)
        }),
        ("create_resident", Some(P::EditResidents), |s, _| {
            let ctx = ctx(st(s))?;
            let input = ResidentInput {
                name: "赵六".into(),
                id_number: "110105195001011234".into(),
                address: "城南镇".into(),
                ..ResidentInput::default()
            };
            st(s).create_resident(&ctx, &input).map(drop)
        }),
        ("update_resident", Some(P::EditResidents), |s, f| {
            let ctx = ctx(st(s))?;
            let id = f.team.in_home.id.clone();
            let update = UpdateResident {
                base_version: version_of(st(s), &id),
                id,
                input: form_of(&f.team.in_home),
            };
            st(s).update_resident(&ctx, &update).map(drop)
        }),
        ("change_resident_status", Some(P::EditResidents), |s, f| {
            let ctx = ctx(st(s))?;
            let id = f.team.at_home.id.clone();
            let change = ChangeStatus {
                base_version: version_of(st(s), &id),
                id,
                status: ResidentStatus::Moved,
                date: "2026-11-20".into(),
                note: "随子女迁往杭州".into(),
            };
            st(s).change_resident_status(&ctx, &change).map(drop)
        }),
        ("resident_history", Some(P::ViewResidents), |s, f| {
            st(s).resident_history(&f.team.in_home.id).map(drop)
        }),
        ("list_teams", Some(P::ViewResidents), |s, _| {
            st(s).list_teams().map(drop)
        }),
        ("create_team", Some(P::ManageTeams), |s, f| {
            let ctx = ctx(st(s))?;
            let input = care_team_input(&f.team, "城南第二家庭医生团队");
            st(s).create_team(&ctx, &input).map(drop)
        }),
        ("update_team", Some(P::ManageTeams), |s, f| {
            let ctx = ctx(st(s))?;
            let update = UpdateTeam {
                id: f.care_team_id.clone(),
                version: version_in(st(s), "care_teams", &f.care_team_id),
                input: care_team_input(&f.team, "城南第一团队"),
            };
            st(s).update_team(&ctx, &update).map(drop)
        }),
        ("scale_spec", Some(P::ViewResidents), |s, _| {
            st(s).scale_spec(Scale::Phq9).map(drop)
        }),
        ("preview_assessment", Some(P::ViewResidents), |s, _| {
            let answers = AssessmentAnswers {
                scale: Scale::Phq9,
                answers: vec![0; 9],
                ability_factors: None,
            };
            st(s).preview_assessment(&answers).map(drop)
        }),
        ("add_record", Some(P::RecordCare), |s, f| {
            let ctx = ctx(st(s))?;
            st(s)
                .add_record(&ctx, &round_input(&f.team, "140"))
                .map(drop)
        }),
        ("add_record", Some(P::SignPrescriptions), |s, f| {
            let ctx = ctx(st(s))?;
            let input = RecordInput {
                detail: RecordInputDetail::LongPrescription(PrescriptionInput {
                    diagnosis: "高血压".into(),
                    drugs: vec![DrugLine {
                        name: "氨氯地平片".into(),
                        dose: "5 mg".into(),
                        usage: "每日一次".into(),
                    }],
                    weeks: "12".into(),
                }),
                ..round_input(&f.team, "")
            };
            st(s).add_record(&ctx, &input).map(drop)
        }),
        ("correct_record", Some(P::RecordCare), |s, f| {
            let ctx = ctx(st(s))?;
            let input = CorrectRecord {
                record_id: f.round_ids.0.clone(),
                reason: "录错".into(),
                replacement: round_input(&f.team, "138"),
            };
            st(s).correct_record(&ctx, &input).map(drop)
        }),
        ("void_record", Some(P::RecordCare), |s, f| {
            let ctx = ctx(st(s))?;
            let input = VoidRecord {
                record_id: f.round_ids.1.clone(),
                reason: "重复录入".into(),
            };
            st(s).void_record(&ctx, &input).map(drop)
        }),
        ("list_records", Some(P::ViewResidents), |s, f| {
            let q = RecordQuery {
                resident_id: f.team.in_home.id.clone(),
                ..RecordQuery::default()
            };
            st(s).list_records(&q).map(drop)
        }),
        ("resident_due", Some(P::ViewResidents), |s, f| {
            st(s)
                .resident_due(&f.team.in_home.id, 2026, today())
                .map(drop)
        }),
        ("home_due", Some(P::ViewResidents), |s, f| {
            st(s).home_due(&f.team.home_id, 2026, today()).map(drop)
        }),
        ("today_tasks", Some(P::ViewResidents), |s, _| {
            st(s).today_tasks(today()).map(drop)
        }),
        ("home_care_catalogue", None, |s, _| {
            st(s).home_care_catalogue().map(drop)
        }),
        ("save_catalogue_item", Some(P::ChangeSettings), |s, _| {
            let input = CatalogueItemInput {
                code: "foot_care".into(),
                name: "足部护理".into(),
                unit: Some(ServiceUnit::Visit),
                price: "25".into(),
                payer: Some(Payer::SelfPaid),
                subsidised: vec![],
            };
            st(s).save_catalogue_item(now(), &input).map(drop)
        }),
        ("ltc_settings", None, |s, _| st(s).ltc_settings().map(drop)),
        ("save_ltc_settings", Some(P::ChangeSettings), |s, _| {
            let input = LtcSettingsInput {
                min_grade: Some(DisabilityGrade::Moderate),
                monthly_cap: "1200".into(),
                valid_months: "12".into(),
            };
            st(s).save_ltc_settings(now(), &input).map(drop)
        }),
        // Of 张三丰, whom the 养老机构管理员 may see too (an empty home-care overview).
        ("home_care_overview", Some(P::ViewResidents), |s, f| {
            st(s)
                .home_care_overview(&f.team.in_home.id, today())
                .map(drop)
        }),
        ("family_beds", Some(P::ViewResidents), |s, _| {
            st(s).family_beds(today()).map(drop)
        }),
        ("home_care_tasks", Some(P::ViewResidents), |s, _| {
            st(s).home_care_tasks(today()).map(drop)
        }),
        ("home_care_statement", Some(P::ViewResidents), |s, f| {
            let q = StatementQuery {
                resident_id: f.team.in_home.id.clone(),
                month: "2026-11".into(),
            };
            st(s).home_care_statement(&q, today()).map(drop)
        }),
        ("home_care_indicators", Some(P::ViewResidents), |s, _| {
            let period = IndicatorPeriod {
                year: 2026,
                month: None,
            };
            st(s).home_care_indicators(period, today()).map(drop)
        }),
        ("round_sheet", Some(P::RecordCare), |s, f| {
            st(s).round_sheet(&f.team.home_id, today()).map(drop)
        }),
        ("record_round", Some(P::RecordCare), |s, f| {
            let ctx = ctx(st(s))?;
            let entry = RoundEntry {
                resident_id: f.team.in_home.id.clone(),
                nursing_home_id: f.team.home_id.clone(),
                round: RoundInput {
                    systolic: "126".into(),
                    diastolic: "78".into(),
                    pulse: "70".into(),
                    glucose: String::new(),
                    note: String::new(),
                },
            };
            st(s).record_round(&ctx, &entry).map(drop)
        }),
        ("record_round_absence", Some(P::RecordCare), |s, f| {
            let ctx = ctx(st(s))?;
            let entry = RoundAbsenceEntry {
                resident_id: f.team.in_home.id.clone(),
                nursing_home_id: f.team.home_id.clone(),
                absence: AbsenceInput {
                    reason: AbsenceReason::Away,
                    note: String::new(),
                },
            };
            st(s).record_round_absence(&ctx, &entry).map(drop)
        }),
        ("list_staff", Some(P::ViewResidents), |s, _| {
            st(s).list_staff().map(drop)
        }),
        ("list_contracts", Some(P::ViewResidents), |s, _| {
            st(s)
                .list_contracts(&ContractQuery::default(), today())
                .map(drop)
        }),
        // One contract of the list (a contract of the 养老机构管理员's own home's resident).
        ("list_contracts", Some(P::ViewResidents), |s, f| {
            st(s)
                .get_contract(&f.pending_contract_id, today())
                .map(drop)
        }),
        ("create_contract", Some(P::ManageContracts), |s, f| {
            let ctx = ctx(st(s))?;
            let input = contract_input(&f.team, &f.care_team_id, &f.free_resident_id);
            st(s).create_contract(&ctx, &input).map(drop)
        }),
        ("sign_contract", Some(P::ManageContracts), |s, f| {
            let ctx = ctx(st(s))?;
            let sign = SignContract {
                contract_id: f.pending_contract_id.clone(),
                version: version_in(st(s), "contracts", &f.pending_contract_id),
                signed_on: "2026-11-20".into(),
            };
            st(s).sign_contract(&ctx, &sign).map(drop)
        }),
        // The contract the entry above signed gets its document.
        (
            "sign_contract_document",
            Some(P::ManageContracts),
            |s, f| {
                let ctx = ctx(st(s))?;
                let input = SignContractDocument {
                    contract_id: f.pending_contract_id.clone(),
                    version: version_in(st(s), "contracts", &f.pending_contract_id),
                    signed_on: String::new(),
                    doctor: pads::drawn("王建国"),
                    resident: pads::drawn("张三丰"),
                };
                st(s)
                    .sign_contract_document(&ctx, &input, pads::font())
                    .map(drop)
            },
        ),
        ("renew_contract", Some(P::ManageContracts), |s, f| {
            let ctx = ctx(st(s))?;
            let renew = RenewContract {
                contract_id: f.signed_contract_id.clone(),
                version: version_in(st(s), "contracts", &f.signed_contract_id),
                start_on: "2026-12-01".into(),
                end_on: "2027-11-30".into(),
            };
            st(s).renew_contract(&ctx, &renew).map(drop)
        }),
        ("terminate_contract", Some(P::ManageContracts), |s, f| {
            let ctx = ctx(st(s))?;
            let end = TerminateContract {
                contract_id: f.pending_contract_id.clone(),
                version: version_in(st(s), "contracts", &f.pending_contract_id),
                terminated_on: "2026-11-22".into(),
                reason: TerminationReason::Refused,
                note: String::new(),
            };
            st(s).terminate_contract(&ctx, &end).map(drop)
        }),
        ("list_agreements", Some(P::ViewResidents), |s, _| {
            st(s).list_agreements().map(drop)
        }),
        // One agreement of the list (with the 养老机构管理员's own home).
        ("list_agreements", Some(P::ViewResidents), |s, f| {
            st(s).get_agreement(&f.agreement_id).map(drop)
        }),
        ("create_agreement", Some(P::ManageAgreements), |s, f| {
            let ctx = ctx(st(s))?;
            let input = agreement_input(&f.team.other_home_id);
            st(s).create_agreement(&ctx, &input).map(drop)
        }),
        ("update_agreement", Some(P::ManageAgreements), |s, f| {
            let ctx = ctx(st(s))?;
            let mut input = agreement_input(&f.team.home_id);
            input.note = "每周二上午巡诊".into();
            let update = UpdateAgreement {
                id: f.agreement_id.clone(),
                version: version_in(st(s), "agreements", &f.agreement_id),
                input,
            };
            st(s).update_agreement(&ctx, &update).map(drop)
        }),
        ("activate_agreement", Some(P::ManageAgreements), |s, f| {
            let ctx = ctx(st(s))?;
            let step = AgreementStep {
                id: f.agreement_id.clone(),
                version: version_in(st(s), "agreements", &f.agreement_id),
                on: "2026-11-22".into(),
                reason: String::new(),
            };
            st(s).activate_agreement(&ctx, &step).map(drop)
        }),
        // The agreement the entry above put into force gets an amendment draft.
        ("amend_agreement", Some(P::ManageAgreements), |s, f| {
            let ctx = ctx(st(s))?;
            let step = AgreementStep {
                id: f.agreement_id.clone(),
                version: version_in(st(s), "agreements", &f.agreement_id),
                on: String::new(),
                reason: String::new(),
            };
            st(s).amend_agreement(&ctx, &step).map(drop)
        }),
        ("terminate_agreement", Some(P::ManageAgreements), |s, f| {
            let ctx = ctx(st(s))?;
            let step = AgreementStep {
                id: f.agreement_id.clone(),
                version: version_in(st(s), "agreements", &f.agreement_id),
                on: "2026-11-22".into(),
                reason: "双方协商一致".into(),
            };
            st(s).terminate_agreement(&ctx, &step).map(drop)
        }),
        (
            "preview_agreement_document",
            Some(P::ViewResidents),
            |s, f| {
                st(s)
                    .preview_agreement_document(&f.agreement_id, pads::font())
                    .map(drop)
            },
        ),
        // A fresh draft with the other home, signed (no agreement with it is in force).
        (
            "sign_agreement_document",
            Some(P::ManageAgreements),
            |s, f| {
                let ctx = ctx(st(s))?;
                let mut input = agreement_input(&f.team.other_home_id);
                input.number = "XY2026-099".into();
                let draft = st(s).create_agreement(&ctx, &input)?;
                let sign = pads::sign_input(&draft, "林晓燕", "周建国");
                st(s)
                    .sign_agreement_document(&ctx, &sign, pads::font())
                    .map(drop)
            },
        ),
        ("last_licence_no", Some(P::ViewResidents), |s, _| {
            st(s).last_licence_no().map(drop)
        }),
        (
            "preview_contract_document",
            Some(P::ViewResidents),
            |s, f| {
                st(s)
                    .preview_contract_document(&f.pending_contract_id, today(), pads::font())
                    .map(drop)
            },
        ),
        ("get_signed_document", Some(P::ViewResidents), |s, f| {
            let kind = DocumentKind::CooperationAgreement;
            match st(s).signed_document(kind, &f.signed_agreement_id)? {
                Some(_) => Ok(()),
                None => panic!("the fixture's signed agreement has its document"),
            }
        }),
        ("open_signed_document", Some(P::ViewResidents), |s, f| {
            st(s).signed_document_pdf(&f.signed_document_id).map(drop)
        }),
        ("save_signed_document_as", Some(P::ViewResidents), |s, f| {
            st(s).signed_document_pdf(&f.signed_document_id).map(drop)
        }),
        ("list_templates", Some(P::ViewResidents), |s, _| {
            st(s).list_templates().map(drop)
        }),
        ("install_template", Some(P::ManageAgreements), |s, _| {
            let ctx = ctx(st(s))?;
            let mut t = yiyang_domain::document::builtin(DocumentKind::CooperationAgreement);
            t.version = 2;
            let json = serde_json::to_string(&t).unwrap();
            st(s).install_template(&ctx, &json).map(drop)
        }),
        ("expiring_items", Some(P::ViewResidents), |s, _| {
            st(s).expiring_items(today()).map(drop)
        }),
        ("import_overview", Some(P::EditResidents), |s, _| {
            st(s).import_overview(&sheet(), None, 0, None).map(drop)
        }),
        ("preview_import", Some(P::EditResidents), |s, _| {
            let ctx = ctx(st(s))?;
            st(s)
                .preview_import(&ctx, &sheet(), &import_options(), 10, &mut |_| {})
                .map(drop)
        }),
        ("import_residents", Some(P::EditResidents), |s, _| {
            let ctx = ctx(st(s))?;
            st(s)
                .import_residents(&ctx, &sheet(), &import_options(), &mut |_| {})
                .map(drop)
        }),
        ("rejected_rows_xlsx", Some(P::EditResidents), |s, _| {
            let ctx = ctx(st(s))?;
            st(s).export_rejected_rows_xlsx(&ctx, &[]).map(drop)
        }),
        ("indicators", Some(P::ViewResidents), |s, _| {
            st(s).indicators(period(), today()).map(drop)
        }),
        ("export_residents_xlsx", Some(P::ViewResidents), |s, _| {
            let ctx = ctx(st(s))?;
            st(s).export_residents_xlsx(&ctx).map(drop)
        }),
        ("indicator_report_xlsx", Some(P::ViewResidents), |s, _| {
            let report = st(s).indicators(period(), today())?;
            yiyang_store::indicator_report_xlsx(&report).map(drop)
        }),
        // The sync reads answer without a session (the background loop reads them too); the
        // window hands them only a logged-in store, as here.
        ("get_sync_status", None, |s, _| {
            st(s).session()?;
            st(s).sync_overview().map(drop)
        }),
        ("sync_now", None, |s, _| {
            st(s).session()?;
            st(s).sync_overview().map(drop)
        }),
        ("list_sync_conflicts", None, |s, _| {
            st(s).session()?;
            st(s).list_conflicts(true).map(drop)
        }),
        // The county's answer to the enrolment (the window asks the county first).
        ("enrol_device", Some(P::ManageSync), |s, f| {
            let resp = EnrolResponse {
                device_id: st(s).device_id()?,
                token: "secret-token".into(),
                institution_id: f.team.clinic_id.clone(),
                institution_name: "桐庐县城南镇卫生院".into(),
            };
            st(s)
                .save_enrolment("https://county.example", &resp, now())
                .map(drop)
        }),
        // A conflict about a resident: whoever may edit residents chooses.
        ("resolve_sync_conflict", Some(P::EditResidents), |s, f| {
            let ctx = ctx(st(s))?;
            let value = f.conflict.other_value.clone();
            st(s).resolve_conflict(&ctx, &f.conflict.id, value)
        }),
        ("list_users", Some(P::ManageUsers), |s, _| {
            st(s).list_users().map(drop)
        }),
        ("create_user", Some(P::ManageUsers), |s, f| {
            let ctx = ctx(st(s))?;
            let input = UserInput {
                login: "newnurse".into(),
                name: "新护士".into(),
                role: Some(Role::Nurse),
                institution_id: f.team.clinic_id.clone(),
                password: PASSWORD.into(),
                password_again: PASSWORD.into(),
            };
            st(s).create_user(&ctx, &input).map(drop)
        }),
        ("reset_user_password", Some(P::ManageUsers), |s, f| {
            let ctx = ctx(st(s))?;
            let input = ResetPasswordInput {
                user_id: f.spare_user_id.clone(),
                password: "newpass2026".into(),
                password_again: "newpass2026".into(),
            };
            st(s).reset_user_password(&ctx, &input)
        }),
        ("remove_user", Some(P::ManageUsers), |s, f| {
            let ctx = ctx(st(s))?;
            st(s).remove_user(&ctx, &f.spare_user_id)
        }),
        ("list_audit", Some(P::ViewAudit), |s, _| {
            st(s).list_audit(&audit_query(), china()).map(drop)
        }),
        ("verify_audit", Some(P::ViewAudit), |s, _| {
            st(s).verify_audit().map(drop)
        }),
        ("export_audit", Some(P::ViewAudit), |s, _| {
            let mut out = Vec::new();
            st(s)
                .export_audit_csv(&audit_query(), china(), &mut out, now(), "审计日志.csv")
                .map(drop)
        }),
        ("get_settings", None, |s, _| st(s).settings().map(drop)),
        // The idle lock is a setting of the computer …
        ("save_settings", Some(P::ChangeSettings), |s, _| {
            let mut settings = st(s).settings()?;
            settings.idle_lock_minutes = 15;
            st(s).save_settings(now(), &settings).map(drop)
        }),
        // … while the backup part belongs to whoever may back up.
        ("save_settings", Some(P::Backup), |s, _| {
            let mut settings = st(s).settings()?;
            settings.backup_keep = 9;
            st(s).save_settings(now(), &settings).map(drop)
        }),
        ("change_password", None, |s, _| {
            let input = ChangePasswordInput {
                old_password: PASSWORD.into(),
                new_password: PASSWORD.into(),
                new_password_again: PASSWORD.into(),
            };
            st(s).change_password(now(), &input)
        }),
        ("backup_now", Some(P::Backup), |s, _| {
            st(s).backup_now(now()).map(drop)
        }),
        ("backup_now", Some(P::Backup), |s, f| {
            st(s).backup_to(f.backup_folder.path(), now()).map(drop)
        }),
        ("list_backups", Some(P::Backup), |s, _| {
            st(s).list_backups().map(drop)
        }),
        ("preview_backup", Some(P::Restore), |s, f| {
            st(s).preview_backup(&f.backup_path).map(drop)
        }),
        // Last: a restore replaces the data (and consumes the store).
        ("restore_backup", Some(P::Restore), |s, f| {
            let store = s.take().expect("a logged-in store");
            let (store, _) = store.restore_backup(Path::new(&f.backup_path), now())?;
            *s = Some(store);
            Ok(())
        }),
        // The same, when the data file cannot be opened: no store yet, the password decides.
        ("restore_broken", Some(P::Restore), |s, f| {
            let role = st(s).session()?.role;
            let (store, _) =
                f.team
                    .vault
                    .restore_broken(&f.backup_path, login_of(role), PASSWORD, now())?;
            *s = Some(store);
            Ok(())
        }),
    ]
}

#[test]
fn every_command_is_checked_against_every_role() {
    for role in Role::ALL {
        let f = fixture();
        let mut slot = Some(f.team.as_role(role));
        for (command, permission, call) in table() {
            let result = call(&mut slot, &f);
            let allowed = permission.is_none_or(|p| permits(role, p));
            match result {
                Ok(()) => assert!(
                    allowed,
                    "{role:?} may not {command} ({permission:?}), yet it ran"
                ),
                Err(e) => {
                    assert!(
                        !allowed,
                        "{role:?} may {command} ({permission:?}) but got {:?}: {e}",
                        e.code()
                    );
                    assert_eq!(e.code(), ErrorCode::Forbidden, "{role:?} {command}: {e}");
                    let message = e.to_string();
                    assert!(message.starts_with("当前角色无权"), "{message}");
                }
            }
            if slot.is_none() {
                // A refused restore still consumed the store: log in again, as the window would.
                slot = Some(f.team.as_role(role));
            }
        }
    }
}

#[test]
fn every_command_is_in_the_role_table_or_needs_no_permission() {
    let table: Vec<&str> = table().iter().map(|(name, _, _)| *name).collect();
    for spec in COMMANDS {
        let in_table = table.contains(&spec.name);
        let exempt = NEED_NO_PERMISSION.contains(&spec.name);
        assert!(
            in_table || exempt,
            "command {} is neither checked in the role table nor listed as needing no permission",
            spec.name
        );
        assert!(!(in_table && exempt), "{} is in both lists", spec.name);
    }
    for name in table.iter().chain(NEED_NO_PERMISSION) {
        assert!(
            COMMANDS.iter().any(|c| c.name == *name),
            "{name} is not a command"
        );
    }
}

#[test]
fn a_store_without_a_session_refuses_every_command() {
    let f = fixture();
    let mut store = f.team.as_role(Role::ClinicAdmin);
    store.end_session(now(), AuditAction::LogOut).unwrap();
    let mut slot = Some(store);
    for (command, _, call) in table() {
        let err = call(&mut slot, &f).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotLoggedIn, "{command}: {err}");
        if slot.is_none() {
            let mut store = f.team.as_role(Role::ClinicAdmin);
            store.end_session(now(), AuditAction::LogOut).unwrap();
            slot = Some(store);
        }
    }
}

fn names_listed(store: &Store) -> Vec<String> {
    let q = ResidentListQuery {
        page: 1,
        page_size: 50,
        ..ResidentListQuery::default()
    };
    let page = store.list_residents(&q, today()).unwrap();
    assert_eq!(page.total as usize, page.items.len());
    page.items.into_iter().map(|r| r.name).collect()
}

fn names_found(store: &Store, text: &str) -> Vec<String> {
    let q = SearchQuery {
        text: text.into(),
        limit: 50,
    };
    store
        .search_residents(&q, today())
        .unwrap()
        .into_iter()
        .map(|h| h.resident.name)
        .collect()
}

#[test]
fn a_nursing_home_admin_sees_only_their_homes_residents_masked() {
    let t = team::team();
    let home_admin = t.as_role(Role::CareHomeAdmin);
    assert_eq!(names_listed(&home_admin), vec!["张三丰"]);
    let mut all = names_listed(&t.admin);
    all.sort();
    assert_eq!(all, vec!["张三丰", "李四", "王五"]);

    // No search tier leaks a resident from elsewhere: name, pinyin, number fragments.
    for q in [
        "王五",
        "王",
        "ww",
        "wangwu",
        "330122195001011231",
        "1231",
        "13600003333",
        "李四",
        "ls",
    ] {
        assert!(
            names_found(&home_admin, q).is_empty(),
            "{q}: {:?}",
            names_found(&home_admin, q)
        );
        assert!(
            !names_found(&t.admin, q).is_empty(),
            "{q} finds someone for the admin"
        );
    }
    assert_eq!(names_found(&home_admin, "zsf"), vec!["张三丰"]);
    assert_eq!(names_found(&home_admin, "002X"), vec!["张三丰"]);

    // Their own resident: the file, with the numbers masked, and its history too.
    let mut t = t;
    let ctx = common::ctx(&t.admin);
    let mut input = form_of(&t.in_home);
    input.phone = "13812349999".into();
    t.admin
        .update_resident(
            &ctx,
            &UpdateResident {
                id: t.in_home.id.clone(),
                base_version: 1,
                input,
            },
        )
        .unwrap();
    let file = home_admin
        .get_resident(&t.in_home.id, now(), today())
        .unwrap();
    assert!(file.identity_masked);
    assert_eq!(file.id_number, "1101**********002X");
    assert_eq!(file.phone, "138****9999");
    assert_eq!(file.emergency_contact_phone, "139****1111");
    assert_eq!(file.name, "张三丰");
    let history = home_admin.resident_history(&t.in_home.id).unwrap();
    let phone = history[0]
        .changes
        .iter()
        .find(|c| c.field == "phone")
        .unwrap();
    assert_eq!(phone.before.as_deref(), Some("138****5678"));
    assert_eq!(phone.after.as_deref(), Some("138****9999"));
    let everything = format!("{history:?}");
    for full in [
        "11010519491231002X",
        "13812345678",
        "13812349999",
        "13900001111",
    ] {
        assert!(!everything.contains(full), "{full} in {everything}");
    }

    // Anyone else's file is refused, and the attempt is on record.
    for other in [&t.elsewhere, &t.at_home] {
        let err = home_admin
            .get_resident(&other.id, now(), today())
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{}", other.name);
        let err = home_admin.resident_history(&other.id).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{}", other.name);
    }
    let denied = t
        .admin
        .list_audit(
            &AuditQuery {
                action: Some(AuditAction::Denied),
                ..audit_query()
            },
            china(),
        )
        .unwrap();
    let denied_ids: Vec<&str> = denied
        .entries
        .iter()
        .map(|e| e.record_id.as_str())
        .collect();
    assert!(denied_ids.contains(&t.elsewhere.id.as_str()), "{denied:?}");
    assert!(denied
        .entries
        .iter()
        .all(|e| e.user_id.as_deref() == Some(t.user_id(Role::CareHomeAdmin))));
}

#[test]
fn clinic_roles_see_full_numbers_and_the_reveal_is_audited() {
    let t = team::team();
    for role in Role::ALL {
        let store = t.as_role(role);
        let file = store.get_resident(&t.in_home.id, now(), today()).unwrap();
        let reveal = permits(role, Permission::RevealIdentity);
        assert_eq!(file.identity_masked, !reveal, "{role:?}");
        if reveal {
            assert_eq!(file.id_number, "11010519491231002X", "{role:?}");
            assert_eq!(file.phone, "13812345678", "{role:?}");
            assert_eq!(file.emergency_contact_phone, "13900001111", "{role:?}");
        }
        // Lists are masked for everyone.
        let q = ResidentListQuery {
            page: 1,
            page_size: 50,
            ..ResidentListQuery::default()
        };
        for row in store.list_residents(&q, today()).unwrap().items {
            assert!(row.id_number.contains("**********"), "{role:?}: {row:?}");
            assert!(row.phone.contains("****"), "{role:?}: {row:?}");
        }
    }

    let doctor = t.as_role(Role::Doctor);
    let at = now() + chrono::Duration::minutes(5);
    let file = doctor.get_resident(&t.elsewhere.id, at, today()).unwrap();
    assert_eq!(file.id_number, "330122195001011231");
    let entries = t
        .admin
        .list_audit(
            &AuditQuery {
                record_id: Some(t.elsewhere.id.clone()),
                ..audit_query()
            },
            china(),
        )
        .unwrap()
        .entries;
    let doctors: Vec<AuditAction> = entries
        .iter()
        .filter(|e| e.user_id.as_deref() == Some(t.user_id(Role::Doctor)))
        .map(|e| e.action)
        .collect();
    // Newest first: the reveal follows the view.
    assert_eq!(
        doctors,
        vec![AuditAction::RevealIdentity, AuditAction::ViewResident]
    );
    let view = entries
        .iter()
        .find(|e| {
            e.action == AuditAction::ViewResident
                && e.user_id.as_deref() == Some(t.user_id(Role::Doctor))
        })
        .unwrap();
    assert_eq!(view.user_name, "王一山");
    assert_eq!(view.at, "2026-11-22T08:35:00.000Z");
    assert_eq!(view.record_kind, "resident");

    // A 养老机构管理员's view of their own resident is audited too, without a reveal.
    let home_admin = t.as_role(Role::CareHomeAdmin);
    home_admin.get_resident(&t.in_home.id, at, today()).unwrap();
    let theirs: Vec<AuditAction> = t
        .admin
        .list_audit(
            &AuditQuery {
                user_id: Some(t.user_id(Role::CareHomeAdmin).to_owned()),
                record_id: Some(t.in_home.id.clone()),
                ..audit_query()
            },
            china(),
        )
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        theirs,
        vec![AuditAction::ViewResident, AuditAction::ViewResident]
    );
}

#[test]
fn login_names_are_what_the_roles_log_in_with() {
    let t = team::team();
    for role in Role::ALL {
        let s = t.as_role(role);
        let info = s.session_info().unwrap();
        assert_eq!(info.role, role);
        assert_eq!(info.login, login_of(role));
        assert_eq!(info.permissions, yiyang_domain::access::permissions(role));
        let expected_institution = if role == Role::CareHomeAdmin {
            &t.home_id
        } else {
            &t.clinic_id
        };
        assert_eq!(&info.institution_id, expected_institution, "{role:?}");
    }
}
