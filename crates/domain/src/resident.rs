//! Resident health files (居民健康档案): validation of the create/edit form into a [`ValidResident`],
//! and age in whole years.
use chrono::{Datelike, NaiveDate};
use thiserror::Error;
use yiyang_protocol::{LivingKind, MedicalInsurance, ResidentInput, Sex, SpecialCategory};

use crate::division::VillageCode;
use crate::error::{Coded, ValidationErrors};
use crate::health_file_no::HealthFileNo;
use crate::id_number::IdNumber;
use crate::name::PersonName;
use crate::phone::Phone;
use crate::text::{optional, parse_iso_date, TextRule};

const ADDRESS: TextRule = TextRule {
    label: "现住址",
    max_chars: 200,
    required: true,
    multiline: false,
};
const HUKOU_ADDRESS: TextRule = TextRule {
    label: "户籍地址",
    max_chars: 200,
    required: false,
    multiline: false,
};
const ROOM: TextRule = TextRule {
    label: "房间号",
    max_chars: 20,
    required: false,
    multiline: false,
};
const BED: TextRule = TextRule {
    label: "床位号",
    max_chars: 20,
    required: false,
    multiline: false,
};
const ALLERGIES: TextRule = TextRule {
    label: "过敏史",
    max_chars: 500,
    required: false,
    multiline: true,
};
/// Longest chronic-condition entry, in characters.
pub const MAX_CONDITION_CHARS: usize = 50;

/// 男 / 女.
pub fn sex_label(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "男",
        Sex::Female => "女",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResidentError {
    #[error("性别与身份证号不符：身份证号显示为{}", sex_label(*.id_sex))]
    SexMismatch { id_sex: Sex },
    #[error("出生日期格式不正确：应为 YYYY-MM-DD（如 1949-12-31），实际为「{0}」")]
    BirthDateFormat(String),
    #[error("出生日期与身份证号不符：身份证号显示为 {id_date}，填写的是 {given}")]
    BirthDateMismatch {
        given: NaiveDate,
        id_date: NaiveDate,
    },
    #[error("入住养老机构的居民必须选择所住的养老机构/敬老院")]
    NursingHomeRequired,
    #[error("填写了紧急联系人电话时，紧急联系人姓名不能为空")]
    EmergencyContactNameRequired,
    #[error("慢性病「{item}」过长：每项最多 {MAX_CONDITION_CHARS} 个字")]
    ConditionTooLong { item: String },
    #[error("慢性病名称含有不可见的控制字符（如换行），请每项单独填写")]
    ConditionControlChar,
}

impl Coded for ResidentError {
    fn code(&self) -> &'static str {
        match self {
            ResidentError::SexMismatch { .. } => "sex.mismatch",
            ResidentError::BirthDateFormat(_) => "birth_date.format",
            ResidentError::BirthDateMismatch { .. } => "birth_date.mismatch",
            ResidentError::NursingHomeRequired => "nursing_home_id.required",
            ResidentError::EmergencyContactNameRequired => "emergency_contact_name.required",
            ResidentError::ConditionTooLong { .. } => "chronic_conditions.too_long",
            ResidentError::ConditionControlChar => "chronic_conditions.control_char",
        }
    }
}

/// Where the resident lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Living {
    /// 居家
    Home,
    /// 入住养老机构/敬老院; room and bed trimmed, may be empty.
    NursingHome {
        institution_id: String,
        room: String,
        bed: String,
    },
}

/// A resident form whose every field passed its rule. Sex and birth date come from the 身份证号.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidResident {
    pub name: PersonName,
    pub id_number: IdNumber,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub phone: Option<Phone>,
    pub address: String,
    pub hukou_address: String,
    pub living: Living,
    /// Trimmed; may be empty.
    pub emergency_contact_name: String,
    pub emergency_contact_phone: Option<Phone>,
    pub medical_insurance: MedicalInsurance,
    pub ltc_insurance: bool,
    /// Sorted, without duplicates.
    pub special_categories: Vec<SpecialCategory>,
    /// Trimmed, blanks dropped, duplicates dropped (first kept), in the order given.
    pub chronic_conditions: Vec<String>,
    pub allergies: String,
    /// `None`: the store assigns the next number.
    pub health_file_no: Option<HealthFileNo>,
    /// `None`: the institution's default village code.
    pub village_code: Option<VillageCode>,
}

/// Checks every field of the resident form against the rules and reports all problems at once,
/// each on its camelCase input field name. `today` bounds the birth date.
pub fn validate_resident(
    input: &ResidentInput,
    today: NaiveDate,
) -> Result<ValidResident, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name = errors.check("name", PersonName::parse(&input.name));
    let id_number = errors.check("idNumber", IdNumber::parse(&input.id_number, today));

    if let (Some(id), Some(given)) = (&id_number, input.sex) {
        if given != id.sex() {
            errors.push("sex", &ResidentError::SexMismatch { id_sex: id.sex() });
        }
    }
    if !input.birth_date.trim().is_empty() {
        match parse_iso_date(&input.birth_date) {
            None => errors.push(
                "birthDate",
                &ResidentError::BirthDateFormat(input.birth_date.trim().to_owned()),
            ),
            Some(given) => {
                if let Some(id) = id_number.as_ref().filter(|id| id.birth_date() != given) {
                    let id_date = id.birth_date();
                    errors.push(
                        "birthDate",
                        &ResidentError::BirthDateMismatch { given, id_date },
                    );
                }
            }
        }
    }

    let phone = errors.check("phone", optional(&input.phone, Phone::parse));
    let address = errors.check("address", ADDRESS.apply(&input.address));
    let hukou_address = errors.check("hukouAddress", HUKOU_ADDRESS.apply(&input.hukou_address));
    let living = living(input, &mut errors);

    let emergency_contact_phone = errors.check(
        "emergencyContactPhone",
        optional(&input.emergency_contact_phone, Phone::parse)
            .map_err(|e| e.labeled("紧急联系人电话")),
    );
    let emergency_contact_name = errors.check(
        "emergencyContactName",
        optional(&input.emergency_contact_name, PersonName::parse)
            .map_err(|e| e.labeled("紧急联系人姓名")),
    );
    if let (Some(None), Some(Some(_))) = (&emergency_contact_name, &emergency_contact_phone) {
        errors.push(
            "emergencyContactName",
            &ResidentError::EmergencyContactNameRequired,
        );
    }

    let mut special_categories = input.special_categories.clone();
    special_categories.sort();
    special_categories.dedup();

    let chronic_conditions = chronic_conditions(&input.chronic_conditions, &mut errors);
    let allergies = errors.check("allergies", ALLERGIES.apply(&input.allergies));
    let health_file_no = errors.check(
        "healthFileNo",
        optional(&input.health_file_no, HealthFileNo::parse),
    );
    let village_code = errors.check(
        "villageCode",
        optional(&input.village_code, VillageCode::parse),
    );

    match (
        name,
        id_number,
        phone,
        address,
        hukou_address,
        living,
        emergency_contact_phone,
        emergency_contact_name,
        allergies,
        health_file_no,
        village_code,
    ) {
        (
            Some(name),
            Some(id_number),
            Some(phone),
            Some(address),
            Some(hukou_address),
            Some(living),
            Some(emergency_contact_phone),
            Some(emergency_contact_name),
            Some(allergies),
            Some(health_file_no),
            Some(village_code),
        ) if errors.is_empty() => Ok(ValidResident {
            name,
            sex: id_number.sex(),
            birth_date: id_number.birth_date(),
            id_number,
            phone,
            address,
            hukou_address,
            living,
            emergency_contact_name: emergency_contact_name
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
            emergency_contact_phone,
            medical_insurance: input.medical_insurance,
            ltc_insurance: input.ltc_insurance,
            special_categories,
            chronic_conditions,
            allergies,
            health_file_no,
            village_code,
        }),
        _ => Err(errors),
    }
}

fn living(input: &ResidentInput, errors: &mut ValidationErrors) -> Option<Living> {
    match input.living_kind {
        LivingKind::Home => Some(Living::Home),
        LivingKind::NursingHome => {
            let id = input
                .nursing_home_id
                .as_deref()
                .map(str::trim)
                .unwrap_or("");
            let institution_id = if id.is_empty() {
                errors.push("nursingHomeId", &ResidentError::NursingHomeRequired);
                None
            } else {
                Some(id.to_owned())
            };
            let room = errors.check("room", ROOM.apply(&input.room));
            let bed = errors.check("bed", BED.apply(&input.bed));
            Some(Living::NursingHome {
                institution_id: institution_id?,
                room: room?,
                bed: bed?,
            })
        }
    }
}

fn chronic_conditions(raw: &[String], errors: &mut ValidationErrors) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in raw.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if item.chars().any(char::is_control) {
            errors.push("chronicConditions", &ResidentError::ConditionControlChar);
        } else if item.chars().count() > MAX_CONDITION_CHARS {
            let item = item.to_owned();
            errors.push(
                "chronicConditions",
                &ResidentError::ConditionTooLong { item },
            );
        } else if !out.iter().any(|seen| seen == item) {
            out.push(item.to_owned());
        }
    }
    out
}

/// Age in whole years (周岁) on `today`; 0 before the birth date. Someone born on 29 February has
/// a birthday on 1 March in common years.
/// Whether a health file has what the 7+3+4 item G2 asks (健康档案 with its required fields): the
/// form already requires name, 身份证号 and address; a file is complete once someone can also be
/// reached, by the resident's phone or an emergency contact's.
pub fn file_complete(address: &str, phone: &str, emergency_contact_phone: &str) -> bool {
    let reachable = !phone.trim().is_empty() || !emergency_contact_phone.trim().is_empty();
    !address.trim().is_empty() && reachable
}

pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    if today <= birth {
        return 0;
    }
    let years = today.year() - birth.year();
    let had_birthday = (today.month(), today.day()) >= (birth.month(), birth.day());
    let age = if had_birthday { years } else { years - 1 };
    u32::try_from(age).unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "resident_tests.rs"]
mod tests;
