//! Rows of `residents`: the form's fields re-validated with [`validate_resident`] (and compared
//! with the normalised form it stores), plus the file number and the status fields.
use yiyang_protocol::{
    LivingKind, MedicalInsurance, ResidentInput, ResidentStatus, Sex, SpecialCategory,
};

use super::{Row, RowRefs, NO_CLOCK};
use crate::resident::{validate_resident, Living};
use crate::status::{validate_status_change, validate_status_note};

/// `crates/store/src/residents/mod.rs` (`FIELDS`: `form_fields` plus institution, file number
/// and status).
pub(super) const FIELDS: &[&str] = &[
    "institutionId",
    "name",
    "idNumber",
    "sex",
    "birthDate",
    "phone",
    "address",
    "hukouAddress",
    "livingKind",
    "nursingHomeId",
    "room",
    "bed",
    "emergencyContactName",
    "emergencyContactPhone",
    "medicalInsurance",
    "ltcInsurance",
    "specialCategories",
    "chronicConditions",
    "allergies",
    "healthFileNo",
    "status",
    "statusDate",
    "statusNote",
];

/// The form's fields as read from the row (None: missing or of the wrong type, already recorded).
struct Form<'a> {
    name: Option<&'a str>,
    id_number: Option<&'a str>,
    sex: Option<Sex>,
    birth_date: Option<&'a str>,
    phone: Option<&'a str>,
    address: Option<&'a str>,
    hukou_address: Option<&'a str>,
    living_kind: Option<LivingKind>,
    nursing_home_id: Option<Option<&'a str>>,
    room: Option<&'a str>,
    bed: Option<&'a str>,
    emergency_contact_name: Option<&'a str>,
    emergency_contact_phone: Option<&'a str>,
    medical_insurance: Option<MedicalInsurance>,
    ltc_insurance: Option<bool>,
    special_categories: Option<Vec<SpecialCategory>>,
    chronic_conditions: Option<Vec<String>>,
    allergies: Option<&'a str>,
    health_file_no: Option<&'a str>,
}

fn read_form<'a>(row: &mut Row<'a>) -> Form<'a> {
    Form {
        name: row.text("name"),
        id_number: row.text("idNumber"),
        sex: row.code("sex", "性别"),
        birth_date: row.text("birthDate"),
        phone: row.text("phone"),
        address: row.text("address"),
        hukou_address: row.text("hukouAddress"),
        living_kind: row.code("livingKind", "居住方式"),
        nursing_home_id: row.opt_uuid("nursingHomeId", "所住养老机构"),
        room: row.text("room"),
        bed: row.text("bed"),
        emergency_contact_name: row.text("emergencyContactName"),
        emergency_contact_phone: row.text("emergencyContactPhone"),
        medical_insurance: row.code("medicalInsurance", "医保类型"),
        ltc_insurance: row.bool("ltcInsurance"),
        special_categories: row.json("specialCategories", "特殊人群分类"),
        chronic_conditions: row.json("chronicConditions", "慢性病"),
        allergies: row.text("allergies"),
        health_file_no: row.text("healthFileNo"),
    }
}

/// The input the laptop's form would have sent, when every field could be read.
fn input(f: &Form<'_>) -> Option<ResidentInput> {
    Some(ResidentInput {
        name: f.name?.to_owned(),
        id_number: f.id_number?.to_owned(),
        sex: Some(f.sex?),
        birth_date: f.birth_date?.to_owned(),
        phone: f.phone?.to_owned(),
        address: f.address?.to_owned(),
        hukou_address: f.hukou_address?.to_owned(),
        living_kind: f.living_kind?,
        nursing_home_id: f.nursing_home_id?.map(str::to_owned),
        room: f.room?.to_owned(),
        bed: f.bed?.to_owned(),
        emergency_contact_name: f.emergency_contact_name?.to_owned(),
        emergency_contact_phone: f.emergency_contact_phone?.to_owned(),
        medical_insurance: f.medical_insurance?,
        ltc_insurance: f.ltc_insurance?,
        special_categories: f.special_categories.clone()?,
        chronic_conditions: f.chronic_conditions.clone()?,
        allergies: f.allergies?.to_owned(),
        health_file_no: f.health_file_no?.to_owned(),
        village_code: String::new(),
    })
}

pub(super) fn resident(row: &mut Row<'_>) -> RowRefs {
    let owner = row.uuid("institutionId", "所属机构");
    let form = read_form(row);
    if form.health_file_no.is_some_and(|n| n.trim().is_empty()) {
        row.issue(
            "healthFileNo",
            "health_file_no.required",
            "健康档案编号不能为空".into(),
        );
    }
    let mut id_number = None;
    let mut birth = None;
    let mut home = None;
    if let Some(input) = input(&form) {
        match validate_resident(&input, NO_CLOCK) {
            Err(errors) => row.absorb(errors, |f| f),
            Ok(v) => {
                compare_form(row, &input, &v);
                id_number = Some(v.id_number.as_str().to_owned());
                birth = Some(v.birth_date);
                if let Living::NursingHome { institution_id, .. } = &v.living {
                    home = Some(institution_id.clone());
                }
            }
        }
    }
    status(row, birth);
    RowRefs {
        owner: owner.map(str::to_owned),
        home,
        id_number,
        ..RowRefs::default()
    }
}

/// Every field must be exactly what the validator stores for it.
fn compare_form(row: &mut Row<'_>, i: &ResidentInput, v: &crate::resident::ValidResident) {
    let phone = |p: &Option<crate::phone::Phone>| p.as_ref().map_or("", |p| p.as_str()).to_owned();
    row.same("name", "姓名", i.name.as_str(), v.name.as_str());
    row.same(
        "idNumber",
        "身份证号",
        i.id_number.as_str(),
        v.id_number.as_str(),
    );
    row.same(
        "birthDate",
        "出生日期",
        i.birth_date.as_str(),
        v.birth_date.to_string().as_str(),
    );
    row.same("phone", "联系电话", &i.phone, &phone(&v.phone));
    row.same("address", "现住址", &i.address, &v.address);
    row.same(
        "hukouAddress",
        "户籍地址",
        &i.hukou_address,
        &v.hukou_address,
    );
    match &v.living {
        Living::Home => {
            if i.nursing_home_id.is_some() {
                row.must_be_empty(
                    "nursingHomeId",
                    "居家的居民不能填写所住养老机构（nursingHomeId 应为 null）".into(),
                );
            }
            if !i.room.is_empty() || !i.bed.is_empty() {
                let field = if i.room.is_empty() { "bed" } else { "room" };
                row.must_be_empty(field, "居家的居民不能填写房间号和床位号".into());
            }
        }
        Living::NursingHome {
            institution_id,
            room,
            bed,
        } => {
            let given = i.nursing_home_id.as_deref().unwrap_or_default();
            row.same(
                "nursingHomeId",
                "所住养老机构",
                given,
                institution_id.as_str(),
            );
            row.same("room", "房间号", &i.room, room);
            row.same("bed", "床位号", &i.bed, bed);
        }
    }
    row.same(
        "emergencyContactName",
        "紧急联系人姓名",
        &i.emergency_contact_name,
        &v.emergency_contact_name,
    );
    row.same(
        "emergencyContactPhone",
        "紧急联系人电话",
        &i.emergency_contact_phone,
        &phone(&v.emergency_contact_phone),
    );
    row.same(
        "specialCategories",
        "特殊人群分类",
        &i.special_categories,
        &v.special_categories,
    );
    row.same(
        "chronicConditions",
        "慢性病",
        &i.chronic_conditions,
        &v.chronic_conditions,
    );
    row.same("allergies", "过敏史", &i.allergies, &v.allergies);
    if let Some(no) = &v.health_file_no {
        row.same(
            "healthFileNo",
            "健康档案编号",
            i.health_file_no.as_str(),
            no.as_str(),
        );
    }
}

/// 在档 has no date; 迁出 and 死亡 a valid date not before the birth date. The note as
/// [`validate_status_note`] stores it.
fn status(row: &mut Row<'_>, birth: Option<chrono::NaiveDate>) {
    let status: Option<ResidentStatus> = row.code("status", "档案状态");
    let date = row.opt_text("statusDate");
    if let Some(note) = row.text("statusNote") {
        match validate_status_note(note) {
            Err(errors) => row.absorb(errors, |_| "statusNote"),
            Ok(clean) => {
                row.same("statusNote", "状态说明", note, clean.as_str());
            }
        }
    }
    let (Some(status), Some(date)) = (status, date) else {
        return;
    };
    match (status, date) {
        (ResidentStatus::Active, None) => {}
        (ResidentStatus::Active, Some(_)) => row.must_be_empty(
            "statusDate",
            "在档居民没有迁出或死亡日期（statusDate 应为 null）".into(),
        ),
        (_, date) => {
            let raw = date.unwrap_or_default();
            // The birth date bounds the status date; without a valid 身份证号 the date's format
            // is still checked (against the earliest possible birth date).
            let birth = birth.unwrap_or(chrono::NaiveDate::MIN);
            match validate_status_change(status, raw, birth, NO_CLOCK) {
                Err(errors) => row.absorb(errors, |_| "statusDate"),
                Ok(_) => {
                    let trimmed = raw.trim();
                    row.same("statusDate", "迁出/死亡日期", raw, trimmed);
                }
            }
        }
    }
}
