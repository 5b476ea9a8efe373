//! Tests of the resident form rules: one broken field per table row, plus normalization and
//! collecting every error at once.
use yiyang_protocol::{LivingKind, MedicalInsurance, ResidentInput, Sex, SpecialCategory};

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn valid_input() -> ResidentInput {
    ResidentInput {
        name: " 阿依古丽·买买提 ".into(),
        id_number: "11010519491231002x".into(),
        sex: Some(Sex::Female),
        birth_date: "1949-12-31".into(),
        phone: "138 1234 5678".into(),
        address: " 幸福村 3 组 ".into(),
        hukou_address: "幸福村 3 组".into(),
        living_kind: LivingKind::Home,
        nursing_home_id: None,
        room: String::new(),
        bed: String::new(),
        emergency_contact_name: "买买提".into(),
        emergency_contact_phone: "0754-8123456".into(),
        medical_insurance: MedicalInsurance::UrbanRuralResident,
        ltc_insurance: true,
        special_categories: vec![SpecialCategory::Gaoling, SpecialCategory::Tekun],
        chronic_conditions: vec!["高血压".into()],
        allergies: "青霉素".into(),
        health_file_no: String::new(),
        village_code: String::new(),
    }
}

type Edit = fn(&mut ResidentInput);

/// One broken rule per row: (edit of a valid form, field, code).
const CASES: &[(Edit, &str, &str)] = &[
    (|i| i.name = " ".into(), "name", "name.empty"),
    (|i| i.name = "张三3".into(), "name", "name.digit"),
    (|i| i.name = "张".repeat(51), "name", "name.too_long"),
    (|i| i.id_number = "".into(), "idNumber", "id_number.empty"),
    (
        |i| i.id_number = "110105194912310021".into(),
        "idNumber",
        "id_number.check_char",
    ),
    (
        |i| i.id_number = "110105194902310026".into(),
        "idNumber",
        "id_number.birth_date",
    ),
    (|i| i.sex = Some(Sex::Male), "sex", "sex.mismatch"),
    (
        |i| i.birth_date = "1949-12-30".into(),
        "birthDate",
        "birth_date.mismatch",
    ),
    (
        |i| i.birth_date = "1949/12/31".into(),
        "birthDate",
        "birth_date.format",
    ),
    (
        |i| i.birth_date = "1949-02-30".into(),
        "birthDate",
        "birth_date.format",
    ),
    (|i| i.phone = "8123456".into(), "phone", "phone.format"),
    (|i| i.address = "  ".into(), "address", "text.required"),
    (|i| i.address = "路".repeat(201), "address", "text.too_long"),
    (
        |i| i.hukou_address = "路".repeat(201),
        "hukouAddress",
        "text.too_long",
    ),
    (
        |i| i.living_kind = LivingKind::NursingHome,
        "nursingHomeId",
        "nursing_home_id.required",
    ),
    (
        |i| {
            i.living_kind = LivingKind::NursingHome;
            i.nursing_home_id = Some("  ".into());
        },
        "nursingHomeId",
        "nursing_home_id.required",
    ),
    (
        |i| {
            i.living_kind = LivingKind::NursingHome;
            i.nursing_home_id = Some("home-1".into());
            i.room = "1".repeat(21);
        },
        "room",
        "text.too_long",
    ),
    (
        |i| {
            i.living_kind = LivingKind::NursingHome;
            i.nursing_home_id = Some("home-1".into());
            i.bed = "床\n1".into();
        },
        "bed",
        "text.control_char",
    ),
    (
        |i| i.emergency_contact_name = "".into(),
        "emergencyContactName",
        "emergency_contact_name.required",
    ),
    (
        |i| i.emergency_contact_name = "儿子2".into(),
        "emergencyContactName",
        "name.digit",
    ),
    (
        |i| i.emergency_contact_phone = "110".into(),
        "emergencyContactPhone",
        "phone.format",
    ),
    (
        |i| i.chronic_conditions = vec!["高血压".into(), "病".repeat(51)],
        "chronicConditions",
        "chronic_conditions.too_long",
    ),
    (
        |i| i.chronic_conditions = vec!["高血压\n糖尿病".into()],
        "chronicConditions",
        "chronic_conditions.control_char",
    ),
    (
        |i| i.allergies = "敏".repeat(501),
        "allergies",
        "text.too_long",
    ),
    (
        |i| i.health_file_no = "4405241011010000".into(),
        "healthFileNo",
        "health_file_no.format",
    ),
    (
        |i| i.health_file_no = "44052410110000001".into(),
        "healthFileNo",
        "health_file_no.village",
    ),
    (
        |i| i.village_code = "200".into(),
        "villageCode",
        "village_code.range",
    ),
];

#[test]
fn each_rule_reports_its_field() {
    validate_resident(&valid_input(), today()).unwrap();
    for (row, (edit, field, code)) in CASES.iter().enumerate() {
        let mut input = valid_input();
        edit(&mut input);
        let errors = validate_resident(&input, today()).unwrap_err();
        assert_eq!(errors.codes(), [*code], "row {row}: {errors:?}");
        assert_eq!(errors.0[0].field, *field, "row {row}");
    }
}

#[test]
fn messages_name_field_and_rule() {
    let cases: &[(Edit, &str)] = &[
        (
            |i| i.sex = Some(Sex::Male),
            "性别与身份证号不符：身份证号显示为女",
        ),
        (
            |i| i.birth_date = "1949-12-30".into(),
            "出生日期与身份证号不符：身份证号显示为 1949-12-31，填写的是 1949-12-30",
        ),
        (
            |i| i.emergency_contact_phone = "110".into(),
            "紧急联系人电话格式不正确：应为 11 位手机号或带区号的固定电话（如 0571-88886666）",
        ),
        (
            |i| i.emergency_contact_name = "儿子2".into(),
            "紧急联系人姓名不能包含数字",
        ),
        (|i| i.address = "".into(), "现住址不能为空"),
    ];
    for (edit, message) in cases {
        let mut input = valid_input();
        edit(&mut input);
        let errors = validate_resident(&input, today()).unwrap_err();
        assert_eq!(errors.0[0].message, *message);
    }
}

#[test]
fn a_valid_form_is_normalized() {
    let v = validate_resident(&valid_input(), today()).unwrap();
    assert_eq!(v.name.as_str(), "阿依古丽·买买提");
    assert_eq!(v.id_number.as_str(), "11010519491231002X");
    assert_eq!(v.sex, Sex::Female);
    assert_eq!(v.birth_date, date(1949, 12, 31));
    assert_eq!(v.phone.unwrap().as_str(), "13812345678");
    assert_eq!(v.address, "幸福村 3 组");
    assert_eq!(v.living, Living::Home);
    assert_eq!(v.emergency_contact_name, "买买提");
    assert_eq!(v.emergency_contact_phone.unwrap().as_str(), "0754-8123456");
    assert_eq!(v.medical_insurance, MedicalInsurance::UrbanRuralResident);
    assert!(v.ltc_insurance);
    assert_eq!(
        v.special_categories,
        [SpecialCategory::Tekun, SpecialCategory::Gaoling]
    );
    assert_eq!(v.allergies, "青霉素");
    assert_eq!(v.health_file_no, None);
    assert_eq!(v.village_code, None);
}

#[test]
fn optional_fields_may_be_blank_and_sex_comes_from_the_id() {
    let input = ResidentInput {
        name: "𠮷野家".into(),
        id_number: "130503670401001".into(), // 15 digits, male
        sex: None,
        birth_date: " ".into(),
        phone: "".into(),
        address: "幸福村".into(),
        emergency_contact_name: "李四".into(), // a name without a phone is fine
        medical_insurance: MedicalInsurance::None,
        special_categories: vec![
            SpecialCategory::Gaoling,
            SpecialCategory::Dibao,
            SpecialCategory::Gaoling,
        ],
        chronic_conditions: vec![
            " 高血压 ".into(),
            "".into(),
            "糖尿病".into(),
            "高血压".into(),
        ],
        health_file_no: " 44052410110100042 ".into(),
        village_code: "101".into(),
        ..ResidentInput::default()
    };
    let v = validate_resident(&input, today()).unwrap();
    assert_eq!(v.name.as_str(), "𠮷野家");
    assert_eq!(v.id_number.as_str(), "130503196704010016");
    assert_eq!(v.sex, Sex::Male);
    assert_eq!(v.birth_date, date(1967, 4, 1));
    assert_eq!(v.phone, None);
    assert_eq!(v.emergency_contact_name, "李四");
    assert_eq!(v.emergency_contact_phone, None);
    assert_eq!(
        v.special_categories,
        [SpecialCategory::Dibao, SpecialCategory::Gaoling]
    );
    assert_eq!(v.chronic_conditions, ["高血压", "糖尿病"]);
    assert_eq!(v.health_file_no.unwrap().as_str(), "44052410110100042");
    assert_eq!(v.village_code.unwrap().as_str(), "101");
    assert_eq!(v.medical_insurance, MedicalInsurance::None);
}

#[test]
fn living_in_a_nursing_home() {
    let input = ResidentInput {
        living_kind: LivingKind::NursingHome,
        nursing_home_id: Some(" home-1 ".into()),
        room: " 201 ".into(),
        bed: "2".into(),
        ..valid_input()
    };
    let v = validate_resident(&input, today()).unwrap();
    assert_eq!(
        v.living,
        Living::NursingHome {
            institution_id: "home-1".into(),
            room: "201".into(),
            bed: "2".into(),
        }
    );
    // At home, leftover nursing-home fields are ignored.
    let input = ResidentInput {
        living_kind: LivingKind::Home,
        ..input
    };
    assert_eq!(
        validate_resident(&input, today()).unwrap().living,
        Living::Home
    );
}

#[test]
fn an_invalid_id_hides_the_comparisons_that_depend_on_it() {
    let input = ResidentInput {
        id_number: "110105194912310021".into(),
        sex: Some(Sex::Male),
        birth_date: "1950-01-01".into(),
        ..valid_input()
    };
    let errors = validate_resident(&input, today()).unwrap_err();
    assert_eq!(errors.codes(), ["id_number.check_char"]);
}

#[test]
fn all_errors_are_collected_at_once() {
    let input = ResidentInput {
        living_kind: LivingKind::NursingHome,
        phone: "1".into(),
        emergency_contact_phone: "13812345678".into(),
        village_code: "000".into(),
        ..ResidentInput::default()
    };
    let errors = validate_resident(&input, today()).unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "name",
            "idNumber",
            "phone",
            "address",
            "nursingHomeId",
            "emergencyContactName",
            "villageCode"
        ]
    );
}

#[test]
fn age_in_whole_years() {
    let cases = [
        (date(1949, 12, 31), date(2025, 6, 1), 75),
        (date(1949, 12, 31), date(2024, 12, 31), 75),
        (date(1949, 12, 31), date(2024, 12, 30), 74),
        (date(2000, 2, 29), date(2023, 2, 28), 22),
        (date(2000, 2, 29), date(2023, 3, 1), 23),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
        (date(1880, 1, 1), date(2025, 6, 1), 145),
        (date(2025, 6, 1), date(2025, 6, 1), 0),
        (date(2024, 6, 2), date(2025, 6, 1), 0),
        (date(2025, 6, 2), date(2025, 6, 1), 0),
    ];
    for (birth, today, age) in cases {
        assert_eq!(age_on(birth, today), age, "{birth} → {today}");
    }
}
