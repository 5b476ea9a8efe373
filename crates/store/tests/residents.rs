//! Resident files through the store facade, on a real data file.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{ctx, outbox_len, resident, store, today};
use yiyang_protocol::*;
use yiyang_store::{demo, StoreError, VaultState};

fn fields(err: &StoreError) -> Vec<String> {
    err.field_issues().into_iter().map(|f| f.field).collect()
}

#[test]
fn setup_is_required_once() {
    let dir = tempfile::TempDir::new().unwrap();
    let vault = common::vault(&dir);
    assert_eq!(vault.state().unwrap(), VaultState::Empty);
    let log_in = LogInInput {
        login: "linxy".into(),
        password: demo::DEMO_PASSWORD.into(),
    };
    assert_eq!(
        vault.log_in(&log_in, common::now()).unwrap_err().code(),
        ErrorCode::NotSetUp,
        "nobody can log in before set-up"
    );

    let mut bad = common::setup_input();
    bad.institution.credit_code = "91350100M000100Y44".into();
    bad.user_name = String::new();
    bad.login = "林晓燕".into();
    bad.password = "short1".into();
    let err = vault.set_up(&bad, common::now(), today()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    for field in ["creditCode", "userName", "login", "password"] {
        assert!(
            fields(&err).contains(&field.to_owned()),
            "{field} missing from {:?}",
            fields(&err)
        );
    }
    // Every password rule and the repeat, each against its own field.
    for (password, again, field) in [
        ("onlyletters", "onlyletters", "password"),
        ("12345678901", "12345678901", "password"),
        ("yiyang2026", "yiyang2027", "passwordAgain"),
    ] {
        let mut input = common::setup_input();
        input.password = password.into();
        input.password_again = again.into();
        let err = vault.set_up(&input, common::now(), today()).unwrap_err();
        assert_eq!(fields(&err), vec![field.to_owned()], "{password}/{again}");
    }
    for login in ["a", "lin xy", "x".repeat(33).as_str()] {
        let mut input = common::setup_input();
        input.login = login.into();
        let err = vault.set_up(&input, common::now(), today()).unwrap_err();
        assert_eq!(fields(&err), vec!["login".to_owned()], "{login:?}");
    }
    assert_eq!(
        vault.state().unwrap(),
        VaultState::Empty,
        "nothing half-written"
    );
    assert!(!dir.path().join(yiyang_store::DATA_FILE_NAME).exists());
    assert!(!dir.path().join(yiyang_store::KEY_FILE_NAME).exists());

    let (s, done) = vault
        .set_up(&common::setup_input(), common::now(), today())
        .unwrap();
    let state = s.setup_state().unwrap();
    assert!(state.set_up);
    assert_eq!(state.user.unwrap().name, "林晓燕");
    assert_eq!(done.session.role, Role::ClinicAdmin);
    assert_eq!(done.session.login, "linxy");
    assert_eq!(done.device_id, state.device_id);
    assert_eq!(vault.state().unwrap(), VaultState::Encrypted);
    let again = vault.set_up(&common::setup_input(), common::now(), today());
    assert_eq!(again.unwrap_err().code(), ErrorCode::AlreadySetUp);
    drop(s);
    let again = vault.set_up(&common::setup_input(), common::now(), today());
    assert_eq!(
        again.unwrap_err().code(),
        ErrorCode::AlreadySetUp,
        "also once the store is closed"
    );
    assert_eq!(
        vault
            .log_in(&log_in, common::now())
            .unwrap()
            .session()
            .unwrap()
            .name,
        "林晓燕",
        "the first set-up still opens"
    );
}

#[test]
fn create_derives_sex_and_birth_date_and_assigns_the_file_number() {
    let (_d, mut s) = store();
    let r = s.create_resident(&ctx(&s), &resident()).unwrap();
    assert_eq!(r.sex, Sex::Female);
    assert_eq!(r.birth_date, "1949-12-31");
    assert_eq!(r.age, 76);
    assert_eq!(r.version, 1);
    // 330122 county + 101 township + 001 village (institution default) + serial 00001.
    assert_eq!(r.health_file_no, "33012210100100001");
    assert_eq!(r.created_by_name, "林晓燕");

    let mut second = resident();
    second.id_number = "440524188001015368".into();
    second.name = "李四".into();
    second.village_code = "102".into();
    let r2 = s.create_resident(&ctx(&s), &second).unwrap();
    assert_eq!(r2.health_file_no, "33012210110200001");
    let mut third = resident();
    third.id_number = "330122195001011231".into();
    third.name = "王五".into();
    let r3 = s.create_resident(&ctx(&s), &third).unwrap();
    assert_eq!(r3.sex, Sex::Male);
    assert_eq!(
        r3.health_file_no, "33012210100100002",
        "serials count up per village"
    );
}

#[test]
fn invalid_input_is_refused_with_every_field_named_and_nothing_written() {
    let (_d, mut s) = store();
    let before = outbox_len(&s);
    let mut input = resident();
    input.id_number = "110105194912310021".into();
    input.phone = "12345".into();
    input.address = String::new();
    let err = s.create_resident(&ctx(&s), &input).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let f = fields(&err);
    for field in ["idNumber", "phone", "address"] {
        assert!(f.contains(&field.to_owned()), "{field} missing from {f:?}");
    }
    let issues = err.field_issues();
    let id_issue = issues.iter().find(|i| i.field == "idNumber").unwrap();
    assert!(
        id_issue.message.contains("身份证号"),
        "{}",
        id_issue.message
    );
    assert_eq!(outbox_len(&s), before);
    let page = s
        .list_residents(
            &ResidentListQuery {
                page: 1,
                page_size: 20,
                ..Default::default()
            },
            today(),
        )
        .unwrap();
    assert_eq!(page.total, 0);
}

#[test]
fn a_duplicate_id_number_points_at_the_existing_file() {
    let (_d, mut s) = store();
    let first = s.create_resident(&ctx(&s), &resident()).unwrap();
    let mut again = resident();
    again.name = "张三".into();
    again.id_number = "11010519491231002x".into(); // lower-case x is the same number
    let err = s.create_resident(&ctx(&s), &again).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DuplicateIdNumber);
    let issues = err.field_issues();
    assert!(
        issues[0].message.contains("张三丰"),
        "{}",
        issues[0].message
    );
    assert_eq!(issues[1].field, "existingResidentId");
    assert_eq!(issues[1].message, first.id);
    // The same check is offered before saving.
    let live = s.validate_resident(&again, None, today()).unwrap();
    assert_eq!(live.issues[0].field, "idNumber");
    assert!(s
        .validate_resident(&again, Some(&first.id), today())
        .unwrap()
        .issues
        .is_empty());
}

#[test]
fn a_manual_file_number_is_validated_and_unique() {
    let (_d, mut s) = store();
    let mut input = resident();
    input.health_file_no = "33012210100100999".into();
    let r = s.create_resident(&ctx(&s), &input).unwrap();
    assert_eq!(r.health_file_no, "33012210100100999");

    let mut other = resident();
    other.id_number = "440524188001015368".into();
    other.health_file_no = "33012210100100999".into();
    assert_eq!(
        s.create_resident(&ctx(&s), &other).unwrap_err().code(),
        ErrorCode::DuplicateHealthFileNo
    );
    other.health_file_no = "3301221010010099".into();
    let err = s.create_resident(&ctx(&s), &other).unwrap_err();
    assert_eq!(fields(&err), vec!["healthFileNo".to_owned()]);
    // Automatic numbering continues after the highest serial in use.
    other.health_file_no = String::new();
    assert_eq!(
        s.create_resident(&ctx(&s), &other).unwrap().health_file_no,
        "33012210100101000"
    );
}

#[test]
fn rare_character_names_are_stored_exactly() {
    let (_d, mut s) = store();
    for (name, id) in [
        ("𠮷野𪚥", "11010519491231002X"),
        ("阿依古丽·买买提", "440524188001015368"),
    ] {
        let mut input = resident();
        input.name = name.into();
        input.id_number = id.into();
        let r = s.create_resident(&ctx(&s), &input).unwrap();
        assert_eq!(
            s.get_resident(&r.id, common::now(), today()).unwrap().name,
            name
        );
    }
}

#[test]
fn edits_bump_the_version_record_history_and_append_to_the_outbox() {
    let (_d, mut s) = store();
    let r = s.create_resident(&ctx(&s), &resident()).unwrap();
    let after_create = outbox_len(&s);
    let mut input = resident();
    input.phone = "0571-64201234".into();
    input.chronic_conditions = vec!["高血压".into()];
    let u = s
        .update_resident(
            &ctx(&s),
            &UpdateResident {
                id: r.id.clone(),
                base_version: 1,
                input: input.clone(),
            },
        )
        .unwrap();
    assert_eq!(u.version, 2);
    assert_eq!(u.phone, "0571-64201234");
    assert_eq!(
        u.health_file_no, r.health_file_no,
        "an empty number keeps the assigned one"
    );
    assert_eq!(outbox_len(&s), after_create + 1);
    let last = s.pending_outbox(1000).unwrap().pop().unwrap();
    assert_eq!(last.table_name, "residents");
    assert_eq!(last.op, "update");
    assert_eq!(last.base_version, 1);
    let changed: Vec<&String> = last.fields.as_object().unwrap().keys().collect();
    assert_eq!(changed, vec!["chronicConditions", "phone"]);

    // Saving the same form again changes nothing and writes nothing.
    let same = s
        .update_resident(
            &ctx(&s),
            &UpdateResident {
                id: r.id.clone(),
                base_version: 2,
                input: input.clone(),
            },
        )
        .unwrap();
    assert_eq!(same.version, 2);
    assert_eq!(outbox_len(&s), after_create + 1);

    // A stale form is a conflict, not a silent overwrite.
    let err = s
        .update_resident(
            &ctx(&s),
            &UpdateResident {
                id: r.id.clone(),
                base_version: 1,
                input,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::VersionConflict);

    let history = s.resident_history(&r.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].action, ChangeAction::Updated);
    assert_eq!(history[0].actor_name, "林晓燕");
    let phone = history[0]
        .changes
        .iter()
        .find(|c| c.field == "phone")
        .unwrap();
    assert_eq!(phone.before.as_deref(), Some("13812345678"));
    assert_eq!(phone.after.as_deref(), Some("0571-64201234"));
    assert_eq!(history[1].action, ChangeAction::Created);
}

#[test]
fn status_changes_need_a_plausible_date_and_never_delete() {
    let (_d, mut s) = store();
    let r = s.create_resident(&ctx(&s), &resident()).unwrap();
    let change = |status, date: &str, v| ChangeStatus {
        id: r.id.clone(),
        base_version: v,
        status,
        date: date.into(),
        note: "家属告知".into(),
    };
    let err = s
        .change_resident_status(&ctx(&s), &change(ResidentStatus::Deceased, "", 1))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["date".to_owned()]);
    let err = s
        .change_resident_status(&ctx(&s), &change(ResidentStatus::Deceased, "2027-01-01", 1))
        .unwrap_err();
    assert_eq!(fields(&err), vec!["date".to_owned()]);
    let mut long_note = change(ResidentStatus::Deceased, "2026-11-20", 1);
    long_note.note = "长".repeat(201);
    let err = s.change_resident_status(&ctx(&s), &long_note).unwrap_err();
    assert_eq!(fields(&err), vec!["note".to_owned()]);
    let d = s
        .change_resident_status(&ctx(&s), &change(ResidentStatus::Deceased, "2026-11-20", 1))
        .unwrap();
    assert_eq!(d.status, ResidentStatus::Deceased);
    assert_eq!(d.status_date.as_deref(), Some("2026-11-20"));
    // Still on file, still found, marked.
    let hits = s
        .search_residents(
            &SearchQuery {
                text: "张三丰".into(),
                limit: 10,
            },
            today(),
        )
        .unwrap();
    assert_eq!(hits[0].resident.status, ResidentStatus::Deceased);
    let deceased = s
        .list_residents(
            &ResidentListQuery {
                page: 1,
                page_size: 10,
                status: Some(ResidentStatus::Deceased),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
    assert_eq!(deceased.total, 1);
    assert_eq!(
        s.resident_history(&r.id).unwrap()[0].action,
        ChangeAction::StatusChanged
    );
}

#[test]
fn a_resident_in_a_nursing_home_needs_a_registered_home() {
    let (_d, mut s) = store();
    let c = ctx(&s);
    let home = s
        .create_institution(&c, &yiyang_store::demo::nursing_homes()[0])
        .unwrap();
    assert_eq!(s.list_nursing_homes().unwrap().len(), 1);
    let mut input = resident();
    input.living_kind = LivingKind::NursingHome;
    input.nursing_home_id = Some("no-such-home".into());
    let err = s.create_resident(&c, &input).unwrap_err();
    assert_eq!(fields(&err), vec!["nursingHomeId".to_owned()]);
    input.nursing_home_id = Some(home.id.clone());
    input.room = "203".into();
    let r = s.create_resident(&c, &input).unwrap();
    assert_eq!(r.nursing_home_name.as_deref(), Some("城南镇中心敬老院"));
}

#[test]
fn the_list_pages_and_sorts() {
    let (_d, mut s) = store();
    let c = ctx(&s);
    yiyang_store::demo::seed_residents(&mut s, &c, 45, 7).unwrap();
    let q = |page, sort, order| ResidentListQuery {
        page,
        page_size: 20,
        sort,
        order,
        status: None,
    };
    let p1 = s
        .list_residents(&q(1, ResidentSort::Age, SortOrder::Asc), today())
        .unwrap();
    assert_eq!(p1.total, 45);
    assert_eq!(p1.items.len(), 20);
    assert!(p1.items.windows(2).all(|w| w[0].age <= w[1].age));
    let p3 = s
        .list_residents(&q(3, ResidentSort::Age, SortOrder::Asc), today())
        .unwrap();
    assert_eq!(p3.items.len(), 5);
    let desc = s
        .list_residents(&q(1, ResidentSort::HealthFileNo, SortOrder::Desc), today())
        .unwrap();
    assert!(desc
        .items
        .windows(2)
        .all(|w| w[0].health_file_no > w[1].health_file_no));
    let huge = ResidentListQuery {
        page: 1,
        page_size: 100_000,
        ..Default::default()
    };
    assert!(s.list_residents(&huge, today()).unwrap().page_size <= 200);
}

#[test]
fn writes_survive_reopening() {
    let (dir, mut s) = store();
    let r = s.create_resident(&ctx(&s), &resident()).unwrap();
    drop(s);
    let s = common::vault(&dir)
        .log_in(
            &LogInInput {
                login: "linxy".into(),
                password: demo::DEMO_PASSWORD.into(),
            },
            common::now(),
        )
        .unwrap();
    let reread = s.get_resident(&r.id, common::now(), today()).unwrap();
    assert_eq!(reread, r);
    assert_eq!(reread.name, "张三丰");
    assert!(s.setup_state().unwrap().set_up);
}

#[test]
fn a_form_check_says_what_the_id_number_means_before_saving() {
    let (_d, mut s) = store();
    let mut input = resident();
    input.id_number = "11010519491231002x".into();
    input.address = String::new();
    let check = s.validate_resident(&input, None, today()).unwrap();
    let facts = check.id_number.unwrap();
    assert_eq!(facts.id_number, "11010519491231002X");
    assert_eq!(facts.sex, Sex::Female);
    assert_eq!(facts.birth_date, "1949-12-31");
    assert_eq!(facts.age, 76);
    assert_eq!(
        check
            .issues
            .iter()
            .map(|i| i.field.as_str())
            .collect::<Vec<_>>(),
        vec!["address"]
    );
    // A 15-digit number is shown converted.
    input.id_number = "110105491231002".into();
    let facts = s
        .validate_resident(&input, None, today())
        .unwrap()
        .id_number
        .unwrap();
    assert_eq!(facts.id_number.len(), 18);
    assert!(facts.id_number.starts_with("11010519491231002"));
    input.id_number = "110105194912310021".into();
    assert!(s
        .validate_resident(&input, None, today())
        .unwrap()
        .id_number
        .is_none());
    assert_eq!(outbox_len(&s), 2, "checking writes nothing (setup wrote 2)");
}

#[test]
fn the_list_masks_numbers_and_the_file_shows_them_to_the_admin() {
    let (_d, mut s) = store();
    let mut input = resident();
    input.emergency_contact_name = "张小明".into();
    input.emergency_contact_phone = "13900001111".into();
    let r = s.create_resident(&ctx(&s), &input).unwrap();
    let page = s
        .list_residents(
            &ResidentListQuery {
                page: 1,
                page_size: 20,
                ..Default::default()
            },
            today(),
        )
        .unwrap();
    let row = &page.items[0];
    assert_eq!(row.id, r.id);
    assert_eq!(row.id_number, "1101**********002X");
    assert_eq!(row.phone, "138****5678");
    let file = s.get_resident(&r.id, common::now(), today()).unwrap();
    assert!(!file.identity_masked);
    assert_eq!(file.id_number, "11010519491231002X");
    assert_eq!(file.phone, "13812345678");
    assert_eq!(file.emergency_contact_phone, "13900001111");
}
