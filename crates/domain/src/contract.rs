//! 家庭医生签约: validation of a new contract (population categories, package, fee split, term)
//! and of its steps (sign, renew, terminate), the term and reminder rules, and labels.
//!
//! Rule data (*to confirm* with the county, kept here as constants, not scattered):
//! the default term is one year ([`DEFAULT_TERM_MONTHS`]), the longest term three years
//! ([`MAX_TERM_MONTHS`]), renewal reminders start [`RENEWAL_REMINDER_DAYS`] days before the end.
//! A renewal's term must start after the renewed contract's start; the form proposes the day
//! after the old end ([`proposed_renewal`]), and a gap is allowed (a resident may come back late).
use chrono::{Datelike, Months, NaiveDate};
use thiserror::Error;
use yiyang_protocol::{
    ContractInput, ContractStatus, PackageItem, PackageKind, PopulationCategory, TerminationReason,
};

use crate::error::{Coded, ValidationErrors};
use crate::money::Money;
use crate::term::{check_term, parse_date};
use crate::text::TextRule;

pub use crate::term::Term;

/// A contract's normal term: one year (start 2026-01-01 → end 2026-12-31).
pub const DEFAULT_TERM_MONTHS: u32 = 12;
/// The longest term a contract may have.
pub const MAX_TERM_MONTHS: u32 = 36;
/// Signed contracts ending within this many days are listed for renewal.
pub const RENEWAL_REMINDER_DAYS: u32 = 30;
/// Most items a personalised package may list.
pub const MAX_PACKAGE_ITEMS: usize = 50;

const ITEM_NAME: TextRule = TextRule {
    label: "服务项目名称",
    max_chars: 50,
    required: true,
    multiline: false,
};
const TERMINATION_NOTE: TextRule = TextRule {
    label: "解约说明",
    max_chars: 200,
    required: false,
    multiline: true,
};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContractError {
    #[error("请选择{0}")]
    Required(&'static str),
    #[error("签约人群分类不能为空：至少选择一类（如 65岁及以上老年人）")]
    CategoriesRequired,
    #[error("签约人群分类「{}」重复", category_label(*.0))]
    CategoryDuplicate(PopulationCategory),
    #[error("个性化服务包至少要列出一个服务项目")]
    PackageItemsRequired,
    #[error("服务项目过多：最多 {MAX_PACKAGE_ITEMS} 项，实际 {0} 项")]
    PackageItemsTooMany(usize),
    #[error("第 {index} 个服务项目有误：{message}")]
    PackageItem { index: usize, message: String },
    #[error("第 {index} 个服务项目「{name}」与第 {first} 个重复")]
    PackageItemDuplicate {
        index: usize,
        first: usize,
        name: String,
    },
    #[error(
        "总费用应等于医保/公卫经费支付加个人自付：总费用 {price} 元，医保/公卫经费支付 {insurance} 元，\
         个人自付 {self_paid} 元（两者合计 {sum} 元）"
    )]
    PriceMismatch {
        price: Money,
        insurance: Money,
        self_paid: Money,
        sum: String,
    },
    #[error("签约日期 {0} 晚于今天")]
    SignedInFuture(NaiveDate),
    #[error("签约日期 {signed} 晚于签约结束日期 {end}")]
    SignedAfterEnd { signed: NaiveDate, end: NaiveDate },
    #[error("续约开始日期 {start} 应晚于原签约的开始日期 {old_start}（通常为原签约结束的次日 {proposed}）")]
    RenewalStartTooEarly {
        start: NaiveDate,
        old_start: NaiveDate,
        proposed: NaiveDate,
    },
    #[error("解约原因为「其他」时，请填写解约说明")]
    NoteRequired,
    #[error("解约日期 {0} 晚于今天")]
    TerminatedInFuture(NaiveDate),
    #[error("解约日期 {date} 早于 {earliest}（签约开始日期；开始前已签署的，为签署日期）")]
    TerminatedBeforeStart {
        date: NaiveDate,
        earliest: NaiveDate,
    },
}

impl Coded for ContractError {
    fn code(&self) -> &'static str {
        match self {
            ContractError::Required(_) => "contract.required",
            ContractError::CategoriesRequired => "contract.categories_required",
            ContractError::CategoryDuplicate(_) => "contract.category_duplicate",
            ContractError::PackageItemsRequired => "contract.package_items_required",
            ContractError::PackageItemsTooMany(_) => "contract.package_items_too_many",
            ContractError::PackageItem { .. } => "contract.package_item",
            ContractError::PackageItemDuplicate { .. } => "contract.package_item_duplicate",
            ContractError::PriceMismatch { .. } => "contract.price_mismatch",
            ContractError::SignedInFuture(_) => "contract.signed_future",
            ContractError::SignedAfterEnd { .. } => "contract.signed_after_end",
            ContractError::RenewalStartTooEarly { .. } => "contract.renewal_start",
            ContractError::NoteRequired => "contract.note_required",
            ContractError::TerminatedInFuture(_) => "contract.terminated_future",
            ContractError::TerminatedBeforeStart { .. } => "contract.terminated_before_start",
        }
    }
}

/// A contract form whose every field passed its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidContract {
    pub resident_id: String,
    pub team_id: String,
    pub doctor_id: String,
    /// Sorted.
    pub categories: Vec<PopulationCategory>,
    pub package_kind: PackageKind,
    /// Names trimmed, in the order given.
    pub package_items: Vec<PackageItem>,
    pub price: Money,
    pub insurance: Money,
    pub self_paid: Money,
    pub term: Term,
}

/// The end of a default one-year term starting `start`: the day before the anniversary
/// (a term from 29 February ends on 28 February).
pub fn default_end(start: NaiveDate) -> NaiveDate {
    let Some(anniversary) = start.checked_add_months(Months::new(DEFAULT_TERM_MONTHS)) else {
        return NaiveDate::MAX;
    };
    if anniversary.day() != start.day() {
        // Clamped to the month's end (29 Feb → 28 Feb): the anniversary is really the 1st.
        return anniversary;
    }
    anniversary.pred_opt().unwrap_or(anniversary)
}

/// The term the renewal form proposes: from the day after `old_end`, for the default term.
pub fn proposed_renewal(old_end: NaiveDate) -> Term {
    let start = old_end.succ_opt().unwrap_or(old_end);
    Term {
        start,
        end: default_end(start),
    }
}

/// Days from `today` to `end` (0 on the last day, negative once expired).
pub fn days_to_expiry(end: NaiveDate, today: NaiveDate) -> i64 {
    (end - today).num_days()
}

/// Whether a signed contract ending on `end` is due for a renewal reminder on `today`
/// (ending within [`RENEWAL_REMINDER_DAYS`] days, or already ended without renewal).
pub fn renewal_due(end: NaiveDate, today: NaiveDate) -> bool {
    days_to_expiry(end, today) <= i64::from(RENEWAL_REMINDER_DAYS)
}

fn contract_term(start_on: &str, end_on: &str, errors: &mut ValidationErrors) -> Option<Term> {
    check_term("签约", start_on, end_on, MAX_TERM_MONTHS, errors)
}

fn required_id(
    field: &'static str,
    label: &'static str,
    raw: &str,
    errors: &mut ValidationErrors,
) -> Option<String> {
    let id = raw.trim();
    if id.is_empty() {
        errors.push(field, &ContractError::Required(label));
        None
    } else {
        Some(id.to_owned())
    }
}

/// Checks every field of a new contract and reports all problems at once, each on its camelCase
/// input field name. Whether the resident, team and doctor exist is the store's check.
pub fn validate_contract(input: &ContractInput) -> Result<ValidContract, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let resident_id = required_id("residentId", "签约居民", &input.resident_id, &mut errors);
    let team_id = required_id("teamId", "家庭医生团队", &input.team_id, &mut errors);
    let doctor_id = required_id("doctorId", "责任医生", &input.doctor_id, &mut errors);
    let categories = categories(&input.categories, &mut errors);
    let package_items = package_items(input, &mut errors);
    let price = errors.check("price", Money::parse_labeled(&input.price, "总费用"));
    let insurance = errors.check(
        "insurancePart",
        Money::parse_labeled(&input.insurance_part, "医保/公卫经费支付"),
    );
    let self_paid = errors.check(
        "selfPaid",
        Money::parse_labeled(&input.self_paid, "个人自付"),
    );
    if let (Some(price), Some(insurance), Some(self_paid)) = (price, insurance, self_paid) {
        if price.cents() != insurance.cents() + self_paid.cents() {
            let sum = crate::money::format_yuan(insurance.cents() + self_paid.cents());
            errors.push(
                "price",
                &ContractError::PriceMismatch {
                    price,
                    insurance,
                    self_paid,
                    sum,
                },
            );
        }
    }
    let term = contract_term(&input.start_on, &input.end_on, &mut errors);
    match (
        resident_id,
        team_id,
        doctor_id,
        categories,
        package_items,
        price,
        insurance,
        self_paid,
        term,
    ) {
        (
            Some(resident_id),
            Some(team_id),
            Some(doctor_id),
            Some(categories),
            Some(package_items),
            Some(price),
            Some(insurance),
            Some(self_paid),
            Some(term),
        ) if errors.is_empty() => Ok(ValidContract {
            resident_id,
            team_id,
            doctor_id,
            categories,
            package_kind: input.package_kind,
            package_items,
            price,
            insurance,
            self_paid,
            term,
        }),
        _ => Err(errors),
    }
}

fn categories(
    input: &[PopulationCategory],
    errors: &mut ValidationErrors,
) -> Option<Vec<PopulationCategory>> {
    if input.is_empty() {
        errors.push("categories", &ContractError::CategoriesRequired);
        return None;
    }
    let mut seen = Vec::with_capacity(input.len());
    for c in input {
        if seen.contains(c) {
            errors.push("categories", &ContractError::CategoryDuplicate(*c));
            return None;
        }
        seen.push(*c);
    }
    seen.sort();
    Some(seen)
}

fn package_items(input: &ContractInput, errors: &mut ValidationErrors) -> Option<Vec<PackageItem>> {
    const FIELD: &str = "packageItems";
    let items = &input.package_items;
    if input.package_kind == PackageKind::Personalized && items.is_empty() {
        errors.push(FIELD, &ContractError::PackageItemsRequired);
        return None;
    }
    if items.len() > MAX_PACKAGE_ITEMS {
        errors.push(FIELD, &ContractError::PackageItemsTooMany(items.len()));
        return None;
    }
    let before = errors.len();
    let mut out: Vec<PackageItem> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let index = i + 1;
        let name = ITEM_NAME.apply(&item.name);
        let price = Money::parse_labeled(&item.price, "服务项目价格");
        match (name, price) {
            (Ok(name), Ok(price)) => {
                if let Some(first) = out.iter().position(|o| o.name == name) {
                    errors.push(
                        FIELD,
                        &ContractError::PackageItemDuplicate {
                            index,
                            first: first + 1,
                            name: name.clone(),
                        },
                    );
                }
                out.push(PackageItem {
                    name,
                    price_cents: price.cents(),
                });
            }
            (Err(e), _) => errors.push(
                FIELD,
                &ContractError::PackageItem {
                    index,
                    message: e.to_string(),
                },
            ),
            (_, Err(e)) => errors.push(
                FIELD,
                &ContractError::PackageItem {
                    index,
                    message: e.to_string(),
                },
            ),
        }
    }
    (errors.len() == before).then_some(out)
}

/// Checks the signing date (field `signedOn`): not after `today`, not after the contract's end.
/// Signing ahead of the start is allowed.
pub fn validate_sign(
    signed_on: &str,
    term: Term,
    today: NaiveDate,
) -> Result<NaiveDate, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let signed = errors.check("signedOn", parse_date("签约日期", signed_on));
    if let Some(signed) = signed {
        if signed > today {
            errors.push("signedOn", &ContractError::SignedInFuture(signed));
        } else if signed > term.end {
            let end = term.end;
            errors.push("signedOn", &ContractError::SignedAfterEnd { signed, end });
        }
    }
    match signed {
        Some(signed) if errors.is_empty() => Ok(signed),
        _ => Err(errors),
    }
}

/// Checks a renewal's term (fields `startOn`, `endOn`): the contract term rules, and a start
/// after the renewed contract's start (`old`). The usual start is the day after the old end.
pub fn validate_renewal(old: Term, start_on: &str, end_on: &str) -> Result<Term, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let term = contract_term(start_on, end_on, &mut errors);
    if let Some(term) = term {
        if term.start <= old.start {
            errors.push(
                "startOn",
                &ContractError::RenewalStartTooEarly {
                    start: term.start,
                    old_start: old.start,
                    proposed: proposed_renewal(old.end).start,
                },
            );
        }
    }
    match term {
        Some(term) if errors.is_empty() => Ok(term),
        _ => Err(errors),
    }
}

/// A checked termination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTermination {
    pub on: NaiveDate,
    pub reason: TerminationReason,
    /// Trimmed; required when the reason is 其他.
    pub note: String,
}

/// The first day a contract can be terminated on: its start, or the day it was signed when that
/// was earlier (a renewal signed ahead of its term can be ended before the term begins; so can
/// a contract not yet signed, on `today`).
pub fn termination_earliest(
    start: NaiveDate,
    signed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> NaiveDate {
    start.min(signed_on.unwrap_or(today))
}

/// Checks a termination (fields `terminatedOn`, `note`): the date neither after `today` nor
/// before `earliest` (see [`termination_earliest`]); a note when the reason is 其他.
pub fn validate_termination(
    reason: TerminationReason,
    terminated_on: &str,
    note: &str,
    earliest: NaiveDate,
    today: NaiveDate,
) -> Result<ValidTermination, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let on = errors.check("terminatedOn", parse_date("解约日期", terminated_on));
    if let Some(on) = on {
        if on > today {
            errors.push("terminatedOn", &ContractError::TerminatedInFuture(on));
        } else if on < earliest {
            let err = ContractError::TerminatedBeforeStart { date: on, earliest };
            errors.push("terminatedOn", &err);
        }
    }
    let note = errors.check("note", TERMINATION_NOTE.apply(note));
    if reason == TerminationReason::Other && note.as_deref() == Some("") {
        errors.push("note", &ContractError::NoteRequired);
    }
    match (on, note) {
        (Some(on), Some(note)) if errors.is_empty() => Ok(ValidTermination { on, reason, note }),
        _ => Err(errors),
    }
}

/// 65岁及以上老年人 / 高血压 / …
pub fn category_label(c: PopulationCategory) -> &'static str {
    match c {
        PopulationCategory::Elderly => "65岁及以上老年人",
        PopulationCategory::Hypertension => "高血压",
        PopulationCategory::Diabetes => "2型糖尿病",
        PopulationCategory::Disabled => "失能/残疾",
        PopulationCategory::Tekun => "特困",
        PopulationCategory::MentalDisorder => "严重精神障碍",
        PopulationCategory::Other => "其他",
    }
}

/// 基础包 / 个性化包.
pub fn package_label(kind: PackageKind) -> &'static str {
    match kind {
        PackageKind::Basic => "基础包",
        PackageKind::Personalized => "个性化包",
    }
}

/// 待签约 / 签约 / 续约 / 解约.
pub fn contract_status_label(status: ContractStatus) -> &'static str {
    match status {
        ContractStatus::Pending => "待签约",
        ContractStatus::Signed => "签约",
        ContractStatus::Renewed => "续约",
        ContractStatus::Terminated => "解约",
    }
}

/// 失访 / 迁出 / 死亡 / …
pub fn termination_reason_label(reason: TerminationReason) -> &'static str {
    match reason {
        TerminationReason::LostToFollowUp => "失访",
        TerminationReason::MovedOut => "迁出",
        TerminationReason::Deceased => "死亡",
        TerminationReason::Refused => "拒绝续签",
        TerminationReason::Resigned => "改签其他团队",
        TerminationReason::Other => "其他",
    }
}

#[cfg(test)]
#[path = "contract_tests.rs"]
mod tests;
