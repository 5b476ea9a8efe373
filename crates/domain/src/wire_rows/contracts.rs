//! Rows of `contracts` (家庭医生签约) and `agreements` (医养服务合作协议): the form re-validated
//! from the stored values, and the status fields checked as the schema's CHECKs and the status
//! steps (sign, renew, terminate; activate, terminate) would have left them.
use serde_json::Value;
use yiyang_protocol::sync::SyncTable;
use yiyang_protocol::{
    AgreementInput, AgreementItem, AgreementStatus, ContractInput, ContractStatus, PackageItem,
    PackageItemInput, PackageKind, PopulationCategory, ServiceMethod, TerminationReason,
};

use super::{Row, RowRefs, NO_CLOCK};
use crate::agreement::{validate_activation, validate_agreement, validate_agreement_termination};
use crate::contract::{
    termination_earliest, validate_contract, validate_sign, validate_termination, Term,
};
use crate::money::format_yuan;
use crate::text::TextRule;

/// `crates/store/src/contracts/mod.rs` (`FIELDS`, `new_contract_fields`).
pub(super) const CONTRACT_FIELDS: &[&str] = &[
    "number",
    "residentId",
    "teamId",
    "doctorId",
    "categories",
    "packageKind",
    "packageItems",
    "priceCents",
    "insuranceCents",
    "selfPaidCents",
    "startOn",
    "endOn",
    "signedOn",
    "status",
    "terminatedOn",
    "terminationReason",
    "terminationNote",
    "renews",
    "renewedBy",
];

/// `crates/store/src/agreements.rs` (`FIELDS`).
pub(super) const AGREEMENT_FIELDS: &[&str] = &[
    "number",
    "clinicId",
    "nursingHomeId",
    "startOn",
    "endOn",
    "items",
    "methods",
    "fileWithinDays",
    "note",
    "status",
    "activatedOn",
    "terminatedOn",
    "terminationReason",
    "amends",
];

/// Fields a row may carry but the laptop's store does not write today: a contract's owning
/// institution (the county derives it from the resident when absent).
pub(super) fn optional_fields(table: SyncTable) -> &'static [&'static str] {
    match table {
        SyncTable::Contracts => &["institutionId"],
        _ => &[],
    }
}

/// Contract numbers are assigned by the store (`QY2026-00001`); the rule only keeps them sane.
const CONTRACT_NUMBER: TextRule = TextRule {
    label: "签约编号",
    max_chars: 40,
    required: true,
    multiline: false,
};

/// The input field names of the contract form, as wire names.
fn contract_field(f: &str) -> &str {
    match f {
        "price" => "priceCents",
        "insurancePart" => "insuranceCents",
        "selfPaid" => "selfPaidCents",
        "note" => "terminationNote",
        other => other,
    }
}

pub(super) fn contract(row: &mut Row<'_>, row_id: &str) -> RowRefs {
    let owner = if row.has("institutionId") {
        row.uuid("institutionId", "所属机构")
    } else {
        None
    };
    row.rule_text("number", CONTRACT_NUMBER);
    let resident = row.uuid("residentId", "签约居民");
    let team = row.uuid("teamId", "家庭医生团队");
    let doctor = row.uuid("doctorId", "责任医生");
    let categories: Option<Vec<PopulationCategory>> = row.json("categories", "签约人群分类");
    let package_kind: Option<PackageKind> = row.code("packageKind", "服务包类型");
    let items: Option<Vec<PackageItem>> = row.json("packageItems", "服务项目");
    let price = row.int("priceCents");
    let insurance = row.int("insuranceCents");
    let self_paid = row.int("selfPaidCents");
    let start = row.date("startOn", "开始日期");
    let end = row.date("endOn", "结束日期");
    let mut term = None;
    if let (
        Some(resident),
        Some(team),
        Some(doctor),
        Some(categories),
        Some(package_kind),
        Some(items),
        Some(price),
        Some(insurance),
        Some(self_paid),
        Some(start),
        Some(end),
    ) = (
        resident,
        team,
        doctor,
        categories,
        package_kind,
        items,
        price,
        insurance,
        self_paid,
        start,
        end,
    ) {
        let input = ContractInput {
            resident_id: resident.to_owned(),
            team_id: team.to_owned(),
            doctor_id: doctor.to_owned(),
            categories: categories.clone(),
            package_kind,
            package_items: items
                .iter()
                .map(|i| PackageItemInput {
                    name: i.name.clone(),
                    price: format_yuan(i.price_cents),
                })
                .collect(),
            price: format_yuan(price),
            insurance_part: format_yuan(insurance),
            self_paid: format_yuan(self_paid),
            start_on: start.to_string(),
            end_on: end.to_string(),
        };
        match validate_contract(&input) {
            Err(errors) => row.absorb(errors, contract_field),
            Ok(v) => {
                row.same("categories", "签约人群分类", &categories, &v.categories);
                row.same("packageItems", "服务项目", &items, &v.package_items);
                term = Some(v.term);
            }
        }
    }
    contract_status(row, term);
    for field in ["renews", "renewedBy"] {
        let label = if field == "renews" {
            "续约的原签约"
        } else {
            "续约后的新签约"
        };
        if let Some(Some(other)) = row.opt_uuid(field, label) {
            if other == row_id {
                row.issue(
                    field,
                    "contract.renews_self",
                    format!("{label}不能是这份签约自己"),
                );
            }
        }
    }
    RowRefs {
        owner: owner.map(str::to_owned),
        resident: resident.map(str::to_owned),
        ..RowRefs::default()
    }
}

/// 待签约 has no signing date, 签约/续约 one, 解约 a date, a reason and the note its reason needs.
fn contract_status(row: &mut Row<'_>, term: Option<Term>) {
    let status: Option<ContractStatus> = row.code("status", "签约状态");
    let signed = row.opt_date("signedOn", "签约日期");
    let terminated = row.opt_date("terminatedOn", "解约日期");
    let reason = row.opt_text("terminationReason");
    let note = row.text("terminationNote");
    let Some(status) = status else { return };
    let signed_on = row.fields.get("signedOn").and_then(Value::as_str);
    match (status, signed) {
        (ContractStatus::Pending, Some(Some(_))) => row.must_be_empty(
            "signedOn",
            "待签约的签约还没有签约日期（signedOn 应为 null）".into(),
        ),
        (ContractStatus::Signed | ContractStatus::Renewed, Some(None)) => row.issue(
            "signedOn",
            "contract.signed_on_required",
            "已签约或续约的签约须有签约日期".into(),
        ),
        (_, Some(Some(_))) => {
            if let (Some(term), Some(raw)) = (term, signed_on) {
                if let Err(errors) = validate_sign(raw, term, NO_CLOCK) {
                    row.absorb(errors, |_| "signedOn");
                }
            }
        }
        _ => {}
    }
    if status != ContractStatus::Terminated {
        if matches!(terminated, Some(Some(_))) {
            row.must_be_empty(
                "terminatedOn",
                "未解约的签约没有解约日期（terminatedOn 应为 null）".into(),
            );
        }
        if matches!(reason, Some(Some(_))) {
            row.must_be_empty(
                "terminationReason",
                "未解约的签约没有解约原因（terminationReason 应为 null）".into(),
            );
        }
        if note.is_some_and(|n| !n.is_empty()) {
            row.must_be_empty("terminationNote", "未解约的签约没有解约说明".into());
        }
        return;
    }
    if matches!(terminated, Some(None)) {
        row.issue(
            "terminatedOn",
            "contract.terminated_on_required",
            "已解约的签约须有解约日期".into(),
        );
    }
    let reason = match reason {
        Some(None) => {
            row.issue(
                "terminationReason",
                "contract.reason_required",
                "已解约的签约须有解约原因".into(),
            );
            None
        }
        Some(Some(raw)) => {
            row.parse_code::<TerminationReason>("terminationReason", "解约原因", raw)
        }
        None => None,
    };
    let on = row.fields.get("terminatedOn").and_then(Value::as_str);
    if let (Some(term), Some(reason), Some(Some(_)), Some(on), Some(note)) =
        (term, reason, terminated, on, note)
    {
        let signed = signed.flatten();
        let earliest = termination_earliest(term.start, signed, NO_CLOCK);
        match validate_termination(reason, on, note, earliest, NO_CLOCK) {
            Err(errors) => row.absorb(errors, contract_field),
            Ok(v) => {
                row.same("terminationNote", "解约说明", note, v.note.as_str());
            }
        }
    }
}

/// The input field names of the agreement form and its steps, as wire names.
fn agreement_field(step: &'static str) -> impl Fn(&str) -> &str {
    move |f| match f {
        "on" => step,
        "reason" => "terminationReason",
        other => other,
    }
}

pub(super) fn agreement(row: &mut Row<'_>) -> RowRefs {
    let number = row.text("number");
    let clinic = row.uuid("clinicId", "卫生院（甲方）");
    let home = row.uuid("nursingHomeId", "合作的养老机构（乙方）");
    let start = row.date("startOn", "开始日期");
    let end = row.date("endOn", "结束日期");
    let items: Option<Vec<AgreementItem>> = row.json("items", "服务内容");
    let methods: Option<Vec<ServiceMethod>> = row.json("methods", "服务方式");
    let days = row.int("fileWithinDays");
    let note = row.text("note");
    // Rows written before amendments existed do not carry the field.
    if row.has("amends") {
        row.opt_uuid("amends", "所变更的协议");
    }
    if let (Some(clinic), Some(home)) = (clinic, home) {
        if clinic == home {
            row.issue(
                "nursingHomeId",
                "agreement.same_institution",
                "合作协议的甲方和乙方不能是同一家机构".into(),
            );
        }
    }
    if number.is_some_and(|n| n.trim().is_empty()) {
        row.issue(
            "number",
            "agreement.number_required",
            "协议编号不能为空".into(),
        );
    }
    let mut term = None;
    if let (
        Some(number),
        Some(home),
        Some(start),
        Some(end),
        Some(items),
        Some(methods),
        Some(days),
        Some(note),
    ) = (number, home, start, end, items, methods, days, note)
    {
        let input = AgreementInput {
            nursing_home_id: home.to_owned(),
            number: number.to_owned(),
            start_on: start.to_string(),
            end_on: end.to_string(),
            items: items.clone(),
            methods: methods.clone(),
            file_within_days: days.to_string(),
            note: note.to_owned(),
        };
        match validate_agreement(&input) {
            Err(errors) => row.absorb(errors, |f| f),
            Ok(v) => {
                let stored = v.number.as_deref().unwrap_or_default();
                row.same("number", "协议编号", number, stored);
                row.same("items", "服务内容", &items, &v.items);
                row.same("methods", "服务方式", &methods, &v.methods);
                row.same(
                    "fileWithinDays",
                    "建档时限",
                    &days,
                    &i64::from(v.file_within_days),
                );
                row.same("note", "备注", note, v.note.as_str());
                term = Some(v.term);
            }
        }
    }
    agreement_status(row, term);
    RowRefs {
        owner: clinic.map(str::to_owned),
        home: home.map(str::to_owned),
        ..RowRefs::default()
    }
}

/// 草稿 has neither date, 生效 an activation date, 终止 both and the reason.
fn agreement_status(row: &mut Row<'_>, term: Option<Term>) {
    let status: Option<AgreementStatus> = row.code("status", "协议状态");
    let activated = row.opt_date("activatedOn", "生效日期");
    let terminated = row.opt_date("terminatedOn", "终止日期");
    let reason = row.text("terminationReason");
    let Some(status) = status else { return };
    let draft = status == AgreementStatus::Draft;
    match activated {
        Some(Some(_)) if draft => row.must_be_empty(
            "activatedOn",
            "草稿协议还没有生效日期（activatedOn 应为 null）".into(),
        ),
        Some(None) if !draft => row.issue(
            "activatedOn",
            "agreement.activated_on_required",
            "已生效或已终止的协议须有生效日期".into(),
        ),
        Some(Some(on)) => {
            if let Some(term) = term {
                if let Err(errors) = validate_activation(&on.to_string(), term, NO_CLOCK) {
                    row.absorb(errors, agreement_field("activatedOn"));
                }
            }
        }
        _ => {}
    }
    if status != AgreementStatus::Terminated {
        if matches!(terminated, Some(Some(_))) {
            row.must_be_empty(
                "terminatedOn",
                "未终止的协议没有终止日期（terminatedOn 应为 null）".into(),
            );
        }
        if reason.is_some_and(|r| !r.is_empty()) {
            row.must_be_empty("terminationReason", "未终止的协议没有终止原因".into());
        }
        return;
    }
    match (terminated, activated.flatten(), reason) {
        (Some(None), _, _) => row.issue(
            "terminatedOn",
            "agreement.terminated_on_required",
            "已终止的协议须有终止日期".into(),
        ),
        (Some(Some(on)), Some(activated), Some(reason)) => {
            match validate_agreement_termination(&on.to_string(), reason, activated, NO_CLOCK) {
                Err(errors) => row.absorb(errors, agreement_field("terminatedOn")),
                Ok(v) => {
                    row.same("terminationReason", "终止原因", reason, v.reason.as_str());
                }
            }
        }
        _ => {}
    }
}
