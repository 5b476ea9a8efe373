//! Family-doctor teams and cooperation agreements through the store facade, on a real data
//! file: the clinic admin's side (versions, outbox, audit, the draft → active → terminated
//! rules) and what a 养老机构管理员 sees.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod signing;
mod team;

use signing::*;
use yiyang_protocol::*;
use yiyang_store::StoreError;

#[test]
fn teams_are_created_and_edited_with_a_version_check() {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let before = outbox(&t.admin, "care_teams").len();
    let created = t.admin.create_team(&ctx, &team_input(&t)).unwrap();
    assert_eq!(created.version, 1);
    assert_eq!(created.name, "城南第一家庭医生团队");
    assert_eq!(created.members.len(), 3);
    assert_eq!(
        created.members[0].user_id.as_deref(),
        Some(t.user_id(Role::Doctor))
    );
    assert!(created.members[0].leader);
    assert_eq!(created.active_contracts, 0);
    let rows = outbox(&t.admin, "care_teams");
    assert_eq!(rows.len(), before + 1);
    let row = rows.last().unwrap();
    assert_eq!(
        (row.op.as_str(), row.row_id.as_str()),
        ("insert", created.id.as_str())
    );
    assert_eq!(row.fields["members"][1]["name"], "赵慧珊");
    assert_eq!(row.fields["institutionId"], t.clinic_id.as_str());

    // Rename and drop a member.
    let mut input = team_input(&t);
    input.name = "城南第一团队".into();
    input.members.pop();
    let update = UpdateTeam {
        id: created.id.clone(),
        version: 1,
        input: input.clone(),
    };
    let updated = t.admin.update_team(&ctx, &update).unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(updated.name, "城南第一团队");
    assert_eq!(updated.members.len(), 2);
    let last = outbox(&t.admin, "care_teams").pop().unwrap();
    assert_eq!((last.op.as_str(), last.base_version), ("update", 1));
    assert!(
        last.fields.get("institutionId").is_none(),
        "only the changes travel"
    );

    // The same form saved again from the old version: refused, nothing written.
    let outbox_before = outbox(&t.admin, "care_teams").len();
    let err = t.admin.update_team(&ctx, &update).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::VersionConflict {
                base: 1,
                current: 2
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), ErrorCode::VersionConflict);
    assert_eq!(outbox(&t.admin, "care_teams").len(), outbox_before);
    // Saving unchanged writes nothing and keeps the version.
    let same = UpdateTeam {
        version: 2,
        ..update.clone()
    };
    assert_eq!(t.admin.update_team(&ctx, &same).unwrap().version, 2);

    let actions: Vec<AuditAction> = audited(&t.admin, &created.id)
        .into_iter()
        .map(|(a, kind, _)| {
            assert_eq!(kind, "care_team");
            a
        })
        .collect();
    assert_eq!(
        actions,
        vec![AuditAction::CreateTeam, AuditAction::UpdateTeam]
    );

    // A second team may not take the name; members' accounts must be the clinic's live users.
    let err = t.admin.create_team(&ctx, &input).unwrap_err();
    assert_eq!(codes(&err), ["team.name_duplicate"]);
    let mut other = team_input(&t);
    other.name = "城南第二团队".into();
    other.members[1].user_id = Some(t.user_id(Role::CareHomeAdmin).into());
    let err = t.admin.create_team(&ctx, &other).unwrap_err();
    assert_eq!(codes(&err), ["team.member_unknown"]);
    assert!(
        err.field_issues()[0]
            .message
            .contains("第 2 位成员「赵慧珊」"),
        "{err}"
    );
    other.members[1].user_id = Some("no-such-user".into());
    assert_eq!(
        codes(&t.admin.create_team(&ctx, &other).unwrap_err()),
        ["team.member_unknown"]
    );
    // The domain rules come through as field errors.
    other.members[1].user_id = None;
    for m in &mut other.members {
        m.role = TeamRole::Other;
    }
    let err = t.admin.create_team(&ctx, &other).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(codes(&err), ["team.doctor_required"]);

    // Everyone may read the list.
    for role in Role::ALL {
        let names: Vec<String> = t
            .as_role(role)
            .list_teams()
            .unwrap()
            .into_iter()
            .map(|team| team.name)
            .collect();
        assert_eq!(names, ["城南第一团队"], "{role:?}");
    }
}

#[test]
fn an_agreement_goes_from_draft_to_active_to_terminated() {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let admin = &mut t.admin;

    let draft = admin
        .create_agreement(&ctx, &agreement_input(&t.home_id))
        .unwrap();
    assert_eq!(draft.number, "XY2026-001");
    assert_eq!(draft.status, AgreementStatus::Draft);
    assert_eq!(draft.clinic_id, t.clinic_id);
    assert_eq!(draft.clinic_name, "桐庐县城南镇卫生院");
    assert_eq!(draft.nursing_home_name, "城南镇中心敬老院");
    assert_eq!(draft.file_within_days, 30);
    assert_eq!(draft.residents, 1, "张三丰 lives there");
    assert_eq!(draft.items[1].frequency.unwrap().unit, FrequencyUnit::Week);
    let row = outbox(admin, "agreements").pop().unwrap();
    assert_eq!(row.op, "insert");
    assert_eq!(row.fields["fileWithinDays"], 30);
    assert_eq!(row.fields["items"][1]["item"], "S1");

    // Edit the draft.
    let mut input = agreement_input(&t.home_id);
    input.note = "每周二上午巡诊".into();
    input.file_within_days = "15".into();
    let update = UpdateAgreement {
        id: draft.id.clone(),
        version: 1,
        input: input.clone(),
    };
    let edited = admin.update_agreement(&ctx, &update).unwrap();
    assert_eq!((edited.version, edited.file_within_days), (2, 15));
    assert_eq!(
        edited.number, "XY2026-001",
        "an empty number keeps the number"
    );
    assert_eq!(
        admin.update_agreement(&ctx, &update).unwrap_err().code(),
        ErrorCode::VersionConflict
    );

    // Into force.
    let err = admin
        .activate_agreement(&ctx, &step(&edited, "2026-11-23", ""))
        .unwrap_err();
    assert_eq!(codes(&err), ["agreement.activated_future"]);
    let active = admin
        .activate_agreement(&ctx, &step(&edited, "2026-11-20", ""))
        .unwrap();
    assert_eq!(active.status, AgreementStatus::Active);
    assert_eq!(active.activated_on.as_deref(), Some("2026-11-20"));

    // An active agreement is not edited.
    let err = admin
        .update_agreement(
            &ctx,
            &UpdateAgreement {
                version: active.version,
                ..update.clone()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidState);
    assert_eq!(codes(&err), ["agreement.not_draft"]);
    assert_eq!(
        err.to_string(),
        "协议 XY2026-001 已生效，不能修改；如需变更，请用“变更”生成变更协议，签署后替代原协议"
    );

    // A second agreement with the same home: a draft is fine, activating it is not.
    let mut second_input = agreement_input(&t.home_id);
    second_input.number = "XY2026-001".into();
    assert_eq!(
        codes(&admin.create_agreement(&ctx, &second_input).unwrap_err()),
        ["agreement.number_duplicate"]
    );
    second_input.number = "城南-补充-01".into();
    let second = admin.create_agreement(&ctx, &second_input).unwrap();
    assert_eq!(second.number, "城南-补充-01");
    let err = admin
        .activate_agreement(&ctx, &step(&second, "2026-11-22", ""))
        .unwrap_err();
    assert_eq!(codes(&err), ["agreement.active_exists"]);
    assert!(
        err.to_string().contains("已有生效的协议 XY2026-001"),
        "{err}"
    );
    // Automatic numbers skip hand-typed ones.
    let third = admin
        .create_agreement(&ctx, &agreement_input(&t.other_home_id))
        .unwrap();
    assert_eq!(third.number, "XY2026-002");
    // Only a 敬老院/养老机构 can be the other party.
    let err = admin
        .create_agreement(&ctx, &agreement_input(&t.clinic_id))
        .unwrap_err();
    assert_eq!(codes(&err), ["agreement.home_unknown"]);

    // Terminate, with a reason.
    let err = admin
        .terminate_agreement(&ctx, &step(&active, "2026-11-22", " "))
        .unwrap_err();
    assert_eq!(codes(&err), ["text.required"]);
    let err = admin
        .terminate_agreement(&ctx, &step(&second, "2026-11-22", "敬老院撤并"))
        .unwrap_err();
    assert_eq!(codes(&err), ["agreement.not_active"]);
    let ended = admin
        .terminate_agreement(&ctx, &step(&active, "2026-11-22", "敬老院撤并"))
        .unwrap();
    assert_eq!(ended.status, AgreementStatus::Terminated);
    assert_eq!(ended.terminated_on.as_deref(), Some("2026-11-22"));
    assert_eq!(ended.termination_reason, "敬老院撤并");
    let err = admin
        .update_agreement(
            &ctx,
            &UpdateAgreement {
                version: ended.version,
                ..update.clone()
            },
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "协议 XY2026-001 已终止，不能修改");
    // Now the second one may come into force.
    let second = admin
        .activate_agreement(&ctx, &step(&second, "2026-11-22", ""))
        .unwrap();
    assert_eq!(second.status, AgreementStatus::Active);

    let listed: Vec<(String, AgreementStatus)> = admin
        .list_agreements()
        .unwrap()
        .into_iter()
        .map(|a| (a.number, a.status))
        .collect();
    assert_eq!(
        listed,
        [
            ("城南-补充-01".to_owned(), AgreementStatus::Active),
            ("XY2026-002".to_owned(), AgreementStatus::Draft),
            ("XY2026-001".to_owned(), AgreementStatus::Terminated),
        ]
    );
    let actions: Vec<AuditAction> = audited(admin, &draft.id)
        .into_iter()
        .map(|(a, kind, _)| {
            assert_eq!(kind, "agreement");
            a
        })
        .collect();
    assert_eq!(
        actions,
        [
            AuditAction::CreateAgreement,
            AuditAction::UpdateAgreement,
            AuditAction::ActivateAgreement,
            AuditAction::TerminateAgreement
        ]
    );
    let statuses: Vec<String> = outbox(admin, "agreements")
        .into_iter()
        .filter(|e| e.row_id == draft.id)
        .map(|e| {
            e.fields
                .get("status")
                .map_or("-".into(), |s| s.as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(statuses, ["draft", "-", "active", "terminated"]);
}

#[test]
fn a_care_home_admin_sees_only_their_homes_agreement() {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let own = t
        .admin
        .create_agreement(&ctx, &agreement_input(&t.home_id))
        .unwrap();
    let other = t
        .admin
        .create_agreement(&ctx, &agreement_input(&t.other_home_id))
        .unwrap();
    let home_admin = t.as_role(Role::CareHomeAdmin);
    let listed: Vec<String> = home_admin
        .list_agreements()
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(listed.as_slice(), std::slice::from_ref(&own.id));
    assert_eq!(
        home_admin.get_agreement(&own.id).unwrap().number,
        "XY2026-001"
    );
    let err = home_admin.get_agreement(&other.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert_eq!(t.admin.list_agreements().unwrap().len(), 2);
    // Reading is all they do.
    let mut home_admin = home_admin;
    let err = home_admin
        .activate_agreement(&common::ctx(&home_admin), &step(&own, "2026-11-22", ""))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}
