//! Rows of `institutions`, `users` and `care_teams`.
use serde_json::Value;
use yiyang_protocol::{InstitutionInput, InstitutionKind, Role, TeamInput, TeamMember};

use super::{Row, RowRefs};
use crate::credentials::validate_login;
use crate::error::ValidationErrors;
use crate::institution::{institution_id, validate_institution, validate_user_name};
use crate::team::validate_team;

/// `crates/store/src/institutions.rs` (`fn fields`).
pub(super) const INSTITUTION_FIELDS: &[&str] = &[
    "kind",
    "name",
    "creditCode",
    "countyCode",
    "townshipCode",
    "villageCode",
    "address",
    "contactPhone",
];

/// `crates/store/src/users.rs` (`FIELDS`, `user_fields`). A removed user is a tombstone
/// (`deletedAt`, a stamp), not a field.
pub(super) const USER_FIELDS: &[&str] = &["institutionId", "name", "login", "role"];

/// `crates/store/src/teams.rs` (`FIELDS`).
pub(super) const TEAM_FIELDS: &[&str] = &["institutionId", "name", "members"];

pub(super) fn institution(row: &mut Row<'_>, row_id: &str) -> RowRefs {
    let kind = row.text("kind");
    let parsed_kind: Option<InstitutionKind> =
        kind.and_then(|k| row.parse_code("kind", "机构类型", k));
    let name = row.text("name");
    let credit_code = row.text("creditCode");
    let county = row.text("countyCode");
    let township = row.text("townshipCode");
    let village = row.text("villageCode");
    let address = row.text("address");
    let phone = row.text("contactPhone");
    let (
        Some(kind_code),
        Some(kind),
        Some(name),
        Some(credit_code),
        Some(county),
        Some(township),
        Some(village),
        Some(address),
        Some(phone),
    ) = (
        kind,
        parsed_kind,
        name,
        credit_code,
        county,
        township,
        village,
        address,
        phone,
    )
    else {
        return RowRefs::default();
    };
    let input = InstitutionInput {
        kind: Some(kind),
        name: name.to_owned(),
        credit_code: credit_code.to_owned(),
        county_code: county.to_owned(),
        township_code: township.to_owned(),
        village_code: village.to_owned(),
        address: address.to_owned(),
        contact_phone: phone.to_owned(),
    };
    match validate_institution(&input) {
        Err(errors) => row.absorb(errors, |f| f),
        Ok(v) => {
            row.same("name", "机构名称", name, v.name.as_str());
            row.same(
                "creditCode",
                "统一社会信用代码",
                credit_code,
                v.credit_code.as_str(),
            );
            row.same("countyCode", "县级区划代码", county, v.county.as_str());
            row.same("townshipCode", "乡镇代码", township, v.township.as_str());
            row.same("villageCode", "村/居委会代码", village, v.village.as_str());
            row.same("address", "机构地址", address, v.address.as_str());
            let phone_form = v.contact_phone.as_ref().map_or("", |p| p.as_str());
            row.same("contactPhone", "联系电话", phone, phone_form);
            // Every laptop and the county derive an institution's id from its credit code.
            let expected = institution_id(v.credit_code.as_str());
            if row_id != expected {
                row.issue(
                    "id",
                    "institution.id_mismatch",
                    format!(
                        "机构编号与统一社会信用代码 {} 不符：应为 {expected}",
                        v.credit_code.as_str()
                    ),
                );
            }
        }
    }
    RowRefs {
        institution_kind: Some(kind_code.to_owned()),
        ..RowRefs::default()
    }
}

pub(super) fn user(row: &mut Row<'_>) -> RowRefs {
    let owner = row.uuid("institutionId", "所属机构");
    if let Some(name) = row.text("name") {
        match validate_user_name(name) {
            Err(errors) => row.absorb(errors, |_| "name"),
            Ok(n) => {
                row.same("name", "用户姓名", name, n.as_str());
            }
        }
    }
    // NULL: a user made before log-ins existed (until the store is upgraded).
    if let Some(Some(login)) = row.opt_text("login") {
        let mut errors = ValidationErrors::new();
        match validate_login(login, "login", &mut errors) {
            Some(l) => {
                row.same("login", "登录名", login, l.as_str());
            }
            None => row.absorb(errors, |f| f),
        }
    }
    let _: Option<Role> = row.code("role", "角色");
    RowRefs {
        owner: owner.map(str::to_owned),
        ..RowRefs::default()
    }
}

pub(super) fn team(row: &mut Row<'_>) -> RowRefs {
    let owner = row.uuid("institutionId", "所属机构");
    let name = row.text("name");
    let members: Option<Vec<TeamMember>> = row.json("members", "团队成员");
    let (Some(name), Some(members), Some(members_value)) =
        (name, members, row.fields.get("members"))
    else {
        return refs(owner);
    };
    for m in &members {
        if let Some(user_id) = &m.user_id {
            row.nested_uuid(
                "members",
                &format!("团队成员「{}」的用户账号", m.name),
                user_id,
            );
        }
    }
    let input = TeamInput {
        name: name.to_owned(),
        members: members.clone(),
    };
    match validate_team(&input) {
        Err(errors) => row.absorb(errors, |f| f),
        Ok(v) => {
            row.same("name", "团队名称", name, v.name.as_str());
            let stored = serde_json::to_value(&v.members).unwrap_or(Value::Null);
            row.same("members", "团队成员", members_value, &stored);
        }
    }
    refs(owner)
}

fn refs(owner: Option<&str>) -> RowRefs {
    RowRefs {
        owner: owner.map(str::to_owned),
        ..RowRefs::default()
    }
}
