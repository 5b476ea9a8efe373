//! Institutions (乡镇卫生院, 社区卫生服务中心, 敬老院, 养老机构): form validation, labels, and the
//! first-run user name.
use thiserror::Error;
use yiyang_protocol::{InstitutionInput, InstitutionKind};

use crate::credit_code::CreditCode;
use crate::division::{CountyCode, TownshipCode, VillageCode};
use crate::error::{Coded, ValidationErrors};
use crate::name::PersonName;
use crate::phone::Phone;
use crate::text::{optional, TextRule};

const NAME: TextRule = TextRule {
    label: "机构名称",
    max_chars: 100,
    required: true,
    multiline: false,
};
const ADDRESS: TextRule = TextRule {
    label: "机构地址",
    max_chars: 200,
    required: false,
    multiline: false,
};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InstitutionError {
    #[error("机构类型必须选择（乡镇卫生院、社区卫生服务中心、敬老院或养老机构）")]
    KindRequired,
}

impl Coded for InstitutionError {
    fn code(&self) -> &'static str {
        match self {
            InstitutionError::KindRequired => "institution.kind_required",
        }
    }
}

/// An institution whose every field passed its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInstitution {
    pub kind: InstitutionKind,
    pub name: String,
    pub credit_code: CreditCode,
    pub county: CountyCode,
    pub township: TownshipCode,
    /// Default village/committee code for residents enrolled here.
    pub village: VillageCode,
    /// Trimmed; may be empty.
    pub address: String,
    pub contact_phone: Option<Phone>,
}

/// Checks every field of the institution form and reports all problems at once. Field names are
/// the camelCase names of [`InstitutionInput`] (`kind`, `name`, `creditCode`, `countyCode`,
/// `townshipCode`, `villageCode`, `address`, `contactPhone`).
pub fn validate_institution(
    input: &InstitutionInput,
) -> Result<ValidInstitution, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let kind = errors.check("kind", input.kind.ok_or(InstitutionError::KindRequired));
    let name = errors.check("name", NAME.apply(&input.name));
    let credit_code = errors.check("creditCode", CreditCode::parse(&input.credit_code));
    let county = errors.check("countyCode", CountyCode::parse(&input.county_code));
    let township = errors.check("townshipCode", TownshipCode::parse(&input.township_code));
    let village = errors.check("villageCode", VillageCode::parse(&input.village_code));
    let address = errors.check("address", ADDRESS.apply(&input.address));
    let contact_phone = errors.check("contactPhone", optional(&input.contact_phone, Phone::parse));
    match (
        kind,
        name,
        credit_code,
        county,
        township,
        village,
        address,
        contact_phone,
    ) {
        (
            Some(kind),
            Some(name),
            Some(credit_code),
            Some(county),
            Some(township),
            Some(village),
            Some(address),
            Some(contact_phone),
        ) if errors.is_empty() => Ok(ValidInstitution {
            kind,
            name,
            credit_code,
            county,
            township,
            village,
            address,
            contact_phone,
        }),
        _ => Err(errors),
    }
}

/// The namespace of institution ids (a fixed random UUID; never change it: every id derived from
/// it would change with it).
pub const INSTITUTION_ID_NAMESPACE: uuid::Uuid =
    uuid::uuid!("a0956d63-b796-4829-a391-fdae00bac577");

/// The id of the institution with 统一社会信用代码 `credit_code`: the UUIDv5 (lower case,
/// hyphenated) of the normalised code in [`INSTITUTION_ID_NAMESPACE`].
///
/// Derived rather than minted because institutions are created offline in many places: every
/// laptop that registers a clinic or nursing home, and the county, must name the same institution
/// the same way without having talked to each other, or the rows that point at it (users,
/// residents, agreements) would point at different ids on different machines. The credit code is
/// the institution's legal identity, unique and permanent, so it is the natural key; the id only
/// gives it the shape every other row id has.
pub fn institution_id(credit_code: &str) -> String {
    let code = crate::credit_code::normalize(credit_code);
    uuid::Uuid::new_v5(&INSTITUTION_ID_NAMESPACE, code.as_bytes()).to_string()
}

/// The first user's name on the setup form (field `userName`).
pub fn validate_user_name(raw: &str) -> Result<PersonName, ValidationErrors> {
    PersonName::parse(raw).map_err(|e| {
        let mut errors = ValidationErrors::new();
        errors.push("userName", &e.labeled("用户姓名"));
        errors
    })
}

/// The Chinese name of an institution kind.
pub fn kind_label(kind: InstitutionKind) -> &'static str {
    match kind {
        InstitutionKind::TownshipClinic => "乡镇卫生院",
        InstitutionKind::CommunityHealthCenter => "社区卫生服务中心",
        InstitutionKind::ElderlyHome => "敬老院",
        InstitutionKind::CareInstitution => "养老机构",
    }
}

/// True for the kinds residents live in (敬老院, 养老机构); false for clinics.
pub fn is_care_home(kind: InstitutionKind) -> bool {
    match kind {
        InstitutionKind::ElderlyHome | InstitutionKind::CareInstitution => true,
        InstitutionKind::TownshipClinic | InstitutionKind::CommunityHealthCenter => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn valid_input() -> InstitutionInput {
        InstitutionInput {
            kind: Some(InstitutionKind::TownshipClinic),
            name: " 潮阳区和平镇卫生院 ".into(),
            credit_code: "91350100m000100y43".into(),
            county_code: "440524".into(),
            township_code: "101".into(),
            village_code: "101".into(),
            address: "和平镇中山路 1 号".into(),
            contact_phone: "0754-8123456".into(),
        }
    }

    #[test]
    fn a_valid_form_is_normalized() {
        let v = validate_institution(&valid_input()).unwrap();
        assert_eq!(v.kind, InstitutionKind::TownshipClinic);
        assert_eq!(v.name, "潮阳区和平镇卫生院");
        assert_eq!(v.credit_code.as_str(), "91350100M000100Y43");
        assert_eq!(v.county.as_str(), "440524");
        assert_eq!(v.township.as_str(), "101");
        assert_eq!(v.village.as_str(), "101");
        assert_eq!(v.address, "和平镇中山路 1 号");
        assert_eq!(v.contact_phone.unwrap().as_str(), "0754-8123456");

        let blank_optional = InstitutionInput {
            address: " ".into(),
            contact_phone: "".into(),
            ..valid_input()
        };
        let v = validate_institution(&blank_optional).unwrap();
        assert_eq!(v.address, "");
        assert_eq!(v.contact_phone, None);
    }

    type Edit = fn(&mut InstitutionInput);

    /// One broken field per row: (edit, field, code).
    const CASES: &[(Edit, &str, &str)] = &[
        (|i| i.kind = None, "kind", "institution.kind_required"),
        (|i| i.name = "  ".into(), "name", "text.required"),
        (|i| i.name = "院".repeat(101), "name", "text.too_long"),
        (
            |i| i.credit_code = "".into(),
            "creditCode",
            "credit_code.empty",
        ),
        (
            |i| i.credit_code = "91350100M000100Y44".into(),
            "creditCode",
            "credit_code.check_char",
        ),
        (
            |i| i.county_code = "440500".into(),
            "countyCode",
            "county_code.level",
        ),
        (
            |i| i.county_code = "".into(),
            "countyCode",
            "county_code.format",
        ),
        (
            |i| i.township_code = "000".into(),
            "townshipCode",
            "township_code.zero",
        ),
        (
            |i| i.village_code = "200".into(),
            "villageCode",
            "village_code.range",
        ),
        (
            |i| i.village_code = "".into(),
            "villageCode",
            "village_code.format",
        ),
        (|i| i.address = "路".repeat(201), "address", "text.too_long"),
        (
            |i| i.contact_phone = "8123456".into(),
            "contactPhone",
            "phone.format",
        ),
    ];

    #[test]
    fn each_rule_reports_its_field() {
        for (i, (edit, field, code)) in CASES.iter().enumerate() {
            let mut input = valid_input();
            edit(&mut input);
            let errors = validate_institution(&input).unwrap_err();
            assert_eq!(errors.0.len(), 1, "row {i}: {errors:?}");
            assert_eq!(errors.0[0].field, *field, "row {i}");
            assert_eq!(errors.0[0].code, *code, "row {i}");
        }
    }

    #[test]
    fn all_errors_are_collected_at_once() {
        let errors = validate_institution(&InstitutionInput::default()).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "kind",
                "name",
                "creditCode",
                "countyCode",
                "townshipCode",
                "villageCode"
            ]
        );
    }

    #[test]
    fn user_name() {
        assert_eq!(validate_user_name(" 王𪚥 ").unwrap().as_str(), "王𪚥");
        let errors = validate_user_name(" ").unwrap_err();
        assert_eq!(errors.0[0].field, "userName");
        assert_eq!(errors.0[0].code, "name.empty");
        assert_eq!(errors.0[0].message, "用户姓名不能为空");
    }

    #[test]
    fn institution_ids_are_derived_from_the_normalised_credit_code() {
        let id = institution_id("91350100M000100Y43");
        assert_eq!(id, institution_id(" 91350100m000100y43 "));
        assert_eq!(id, institution_id("９１３５０１００Ｍ０００１００Ｙ４３"));
        assert_ne!(id, institution_id("91350100M000200Y41"));
        let parsed = uuid::Uuid::parse_str(&id).unwrap();
        assert_eq!(parsed.get_version_num(), 5);
        assert_eq!(
            id,
            parsed.hyphenated().to_string(),
            "lower case, hyphenated"
        );
        // Pinned: every laptop and the county must keep deriving exactly this.
        assert_eq!(id, "6811776c-5186-582e-8c9f-e929d76f17eb");
    }

    #[test]
    fn labels_and_care_homes() {
        let cases = [
            (InstitutionKind::TownshipClinic, "乡镇卫生院", false),
            (
                InstitutionKind::CommunityHealthCenter,
                "社区卫生服务中心",
                false,
            ),
            (InstitutionKind::ElderlyHome, "敬老院", true),
            (InstitutionKind::CareInstitution, "养老机构", true),
        ];
        for (kind, label, care) in cases {
            assert_eq!(kind_label(kind), label);
            assert_eq!(is_care_home(kind), care, "{label}");
        }
    }
}
