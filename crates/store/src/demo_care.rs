//! The demo county's care work, so the due list and rounds mode have something to show: one
//! family-doctor team, an active cooperation agreement with every nursing home, and for the
//! residents of the first home a Barthel assessment (轻度失能, so rounds are owed) and a round
//! nine days ago (so this week's round is overdue); and two people cared for at home
//! (`seed_home_care`).
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use yiyang_protocol::{
    AgreementInput, AgreementItem, AgreementStep, AssessmentAnswers, BedLevel, BedVisitInput,
    Confirmation, FamilyBedInput, Frequency, FrequencyUnit, HomeCarePlanInput, HomeServiceInput,
    LivingKind, LogInInput, MedicalInsurance, PlannedService, RecordInput, RecordInputDetail,
    ResidentInput, RoundInput, Scale, ServiceItem, ServiceMethod, SpecialCategory, TeamInput,
    TeamMember, TeamRole,
};

use crate::demo::{DEMO_PASSWORD, DEMO_USERS};
use crate::{Result, StoreError, Vault};

/// Barthel points per item giving 80 (轻度失能).
const MILD_BARTHEL: [i32; 10] = [10, 5, 5, 10, 10, 10, 10, 10, 5, 5];

/// `n` days before `today`.
fn days_before(today: NaiveDate, n: u64) -> Result<NaiveDate> {
    today
        .checked_sub_days(Days::new(n))
        .ok_or_else(|| StoreError::InvalidState {
            code: "demo.date",
            message: "演示数据日期无效".into(),
        })
}

fn log_in(vault: &Vault, login: &str, now: DateTime<Utc>) -> Result<crate::Store> {
    vault.log_in(
        &LogInInput {
            login: login.into(),
            password: DEMO_PASSWORD.into(),
        },
        now,
    )
}

fn login_of(role: yiyang_protocol::Role) -> &'static str {
    DEMO_USERS
        .iter()
        .find(|(_, _, r)| *r == role)
        .map_or("", |(login, _, _)| *login)
}

fn agreement_items() -> Vec<AgreementItem> {
    ServiceItem::ALL
        .into_iter()
        .map(|item| AgreementItem {
            item,
            frequency: match item {
                ServiceItem::S1 => Some(Frequency {
                    every: 1,
                    unit: FrequencyUnit::Week,
                }),
                ServiceItem::G3 => Some(Frequency {
                    every: 1,
                    unit: FrequencyUnit::Year,
                }),
                _ => None,
            },
        })
        .collect()
}

/// Adds the care data to a demo store made by [`crate::demo::seed_demo`].
pub fn seed_care(vault: &Vault, now: DateTime<Utc>, today: NaiveDate) -> Result<()> {
    let mut admin = log_in(vault, "linxy", now)?;
    let ctx = admin.ctx(now, today)?;
    let staff = admin.list_staff()?;
    let member = |role: yiyang_protocol::Role, team_role: TeamRole, leader: bool| {
        staff.iter().find(|s| s.role == role).map(|s| TeamMember {
            user_id: Some(s.id.clone()),
            name: s.name.clone(),
            role: team_role,
            leader,
        })
    };
    let members = [
        member(yiyang_protocol::Role::Doctor, TeamRole::Doctor, true),
        member(yiyang_protocol::Role::Nurse, TeamRole::Nurse, false),
        member(
            yiyang_protocol::Role::PublicHealth,
            TeamRole::PublicHealth,
            false,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    admin.create_team(
        &ctx,
        &TeamInput {
            name: "城南家庭医生一队".into(),
            members,
        },
    )?;
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(today.year() + 1, 12, 31).unwrap_or(today);
    let homes = admin.list_nursing_homes()?;
    // The last home's agreement waits for both parties' signatures (a draft), so the demo shows
    // the signing step; the others are in force.
    let last = homes.len().saturating_sub(1);
    for (i, home) in homes.iter().enumerate() {
        let draft = admin.create_agreement(
            &ctx,
            &AgreementInput {
                nursing_home_id: home.id.clone(),
                number: String::new(),
                start_on: start.to_string(),
                end_on: end.to_string(),
                items: agreement_items(),
                methods: vec![ServiceMethod::ScheduledRounds, ServiceMethod::OnCall],
                file_within_days: "30".into(),
                note: String::new(),
            },
        )?;
        if i == last {
            continue;
        }
        admin.activate_agreement(
            &ctx,
            &AgreementStep {
                id: draft.id,
                version: draft.version,
                on: start.to_string(),
                reason: String::new(),
            },
        )?;
    }
    drop(admin);

    let Some(first_home) = homes.first() else {
        return Ok(());
    };
    let mut nurse = log_in(vault, login_of(yiyang_protocol::Role::Nurse), now)?;
    let ctx = nurse.ctx(now, today)?;
    let residents = nurse.home_due(&first_home.id, today.year(), today)?.rows;
    let day = |n: u64| days_before(today, n);
    let (assessed, rounded) = (day(60)?, day(9)?);
    for r in residents {
        let record = |on: NaiveDate, detail| RecordInput {
            resident_id: r.resident_id.clone(),
            occurred_on: on.to_string(),
            place: first_home.name.clone(),
            detail,
        };
        nurse.add_record(
            &ctx,
            &record(
                assessed,
                RecordInputDetail::Assessment(AssessmentAnswers {
                    scale: Scale::Barthel,
                    answers: MILD_BARTHEL.to_vec(),
                    ability_factors: None,
                }),
            ),
        )?;
        nurse.add_record(
            &ctx,
            &record(
                rounded,
                RecordInputDetail::Round(RoundInput {
                    systolic: "132".into(),
                    diastolic: "84".into(),
                    pulse: "76".into(),
                    glucose: String::new(),
                    note: String::new(),
                }),
            ),
        )?;
    }
    drop(nurse);
    seed_home_care(vault, now, today)
}

/// The 居家照护 part of the demo, two people living at home, both enrolled in 长护险 and assessed
/// as severely disabled a month ago: 陈桂兰 has no family bed yet (the walkthrough in the user
/// guide registers one), 王德福 has a 24-hour bed, a plan of 助餐 and 助洁, deliveries, and a bed
/// visit that is now overdue.
fn seed_home_care(vault: &Vault, now: DateTime<Utc>, today: NaiveDate) -> Result<()> {
    let mut admin = log_in(vault, "linxy", now)?;
    let ctx = admin.ctx(now, today)?;
    let persona = |name: &str, id_number: &str, special: SpecialCategory| ResidentInput {
        name: name.into(),
        id_number: id_number.into(),
        phone: "13705710001".into(),
        address: "城南镇王家村3组8号".into(),
        hukou_address: "城南镇王家村3组8号".into(),
        living_kind: LivingKind::Home,
        emergency_contact_name: "陈建国".into(),
        emergency_contact_phone: "13905710002".into(),
        medical_insurance: MedicalInsurance::UrbanRuralResident,
        ltc_insurance: true,
        special_categories: vec![special],
        village_code: "101".into(),
        ..ResidentInput::default()
    };
    let chen = admin.create_resident(
        &ctx,
        &persona("陈桂兰", "330122194003081263", SpecialCategory::Dibao),
    )?;
    let wang = admin.create_resident(
        &ctx,
        &persona("王德福", "330122193809151350", SpecialCategory::Gaoling),
    )?;
    drop(admin);

    let mut nurse = log_in(vault, login_of(yiyang_protocol::Role::Nurse), now)?;
    let ctx = nurse.ctx(now, today)?;
    let day = |n: u64| days_before(today, n);
    let entry = |who: &str, on: NaiveDate, detail| RecordInput {
        resident_id: who.to_owned(),
        occurred_on: on.to_string(),
        place: String::new(),
        detail,
    };
    for who in [&chen.id, &wang.id] {
        nurse.add_record(
            &ctx,
            &entry(
                who,
                day(30)?,
                RecordInputDetail::Assessment(AssessmentAnswers {
                    scale: Scale::Barthel,
                    answers: vec![0; 10],
                    ability_factors: None,
                }),
            ),
        )?;
    }
    nurse.add_record(
        &ctx,
        &entry(
            &wang.id,
            day(40)?,
            RecordInputDetail::FamilyBed(FamilyBedInput {
                address: "城南镇王家村3组8号".into(),
                adaptations: "卫生间扶手、防滑地面、床边护栏".into(),
                devices: "紧急呼叫器、烟感报警器".into(),
                centre: "城南镇养老服务中心".into(),
                level: BedLevel::Managed24h,
            }),
        ),
    )?;
    let planned = |service: &str, unit| PlannedService {
        service: service.into(),
        service_name: String::new(),
        frequency: Frequency { every: 1, unit },
        provider: "城南镇养老服务中心".into(),
    };
    nurse.add_record(
        &ctx,
        &entry(
            &wang.id,
            day(40)?,
            RecordInputDetail::HomeCarePlan(HomeCarePlanInput {
                services: vec![
                    planned("meal", FrequencyUnit::Day),
                    planned("cleaning", FrequencyUnit::Week),
                ],
                note: String::new(),
            }),
        ),
    )?;
    let delivery = |service: &str| {
        RecordInputDetail::HomeService(HomeServiceInput {
            service: service.into(),
            quantity: "1".into(),
            minutes: String::new(),
            provider: "城南镇养老服务中心".into(),
            payer: None,
            confirmation: Confirmation::Person,
            confirmed_by: "王德福".into(),
            note: String::new(),
            priced: None,
        })
    };
    for n in 1..=10 {
        nurse.add_record(&ctx, &entry(&wang.id, day(n)?, delivery("meal")))?;
    }
    for n in [35, 28, 21, 14] {
        nurse.add_record(&ctx, &entry(&wang.id, day(n)?, delivery("cleaning")))?;
    }
    for n in [30, 20, 12] {
        nurse.add_record(
            &ctx,
            &entry(
                &wang.id,
                day(n)?,
                RecordInputDetail::BedVisit(BedVisitInput {
                    provider: "城南镇养老服务中心".into(),
                    findings: "设备正常，老人精神可".into(),
                }),
            ),
        )?;
    }
    Ok(())
}
