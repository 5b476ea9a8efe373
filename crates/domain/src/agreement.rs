//! 医养服务合作协议 (the record): validation of the agreement form (parties, number, term, the
//! 7+3+4 items covered and their frequency, methods, the filing deadline) and of its steps
//! (activate, terminate), and labels.
//!
//! Rule data (*to confirm*): a term of at most ten years ([`MAX_TERM_MONTHS`]); new residents'
//! health files within [`DEFAULT_FILE_WITHIN_DAYS`] days unless the agreement says otherwise
//! (1–365); an item's frequency every 1–365 units. An item given without a frequency keeps none:
//! the due rules supply the default (e.g. S1 weekly).
use chrono::NaiveDate;
use thiserror::Error;
use yiyang_protocol::{AgreementInput, AgreementItem, AgreementStatus, ServiceItem, ServiceMethod};

use crate::error::{Coded, ValidationErrors};
use crate::term::{check_term, parse_date, Term};
use crate::text::{to_half_width, TextRule};

/// The longest term an agreement may have.
pub const MAX_TERM_MONTHS: u32 = 120;
/// Days within which a new resident's health file is made, when the form leaves it empty.
pub const DEFAULT_FILE_WITHIN_DAYS: u32 = 30;
/// Bounds of the filing deadline, in days.
pub const FILE_WITHIN_DAYS: std::ops::RangeInclusive<u32> = 1..=365;
/// Bounds of an item's "every N units".
pub const FREQUENCY_EVERY: std::ops::RangeInclusive<u32> = 1..=365;

const NUMBER: TextRule = TextRule {
    label: "协议编号",
    max_chars: 40,
    required: false,
    multiline: false,
};
const NOTE: TextRule = TextRule {
    label: "备注",
    max_chars: 1000,
    required: false,
    multiline: true,
};
const REASON: TextRule = TextRule {
    label: "终止原因",
    max_chars: 200,
    required: true,
    multiline: true,
};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AgreementError {
    #[error("请选择合作的敬老院或养老机构（乙方）")]
    HomeRequired,
    #[error("服务内容不能为空：至少选择一项 7+3+4 服务")]
    ItemsRequired,
    #[error("服务项目 {0:?} 重复")]
    ItemDuplicate(ServiceItem),
    #[error("服务项目 {item:?} 的频次有误：每 {every} 个周期一次，应为 1 到 365")]
    FrequencyRange { item: ServiceItem, every: u32 },
    #[error("服务方式不能为空：至少选择一种（如定期巡诊）")]
    MethodsRequired,
    #[error("新入住老人建档时限应为 1 到 365 天的整数，实际为「{0}」")]
    FileWithinDays(String),
    #[error("生效日期 {0} 晚于今天")]
    ActivatedInFuture(NaiveDate),
    #[error("生效日期 {on} 晚于协议结束日期 {end}")]
    ActivatedAfterEnd { on: NaiveDate, end: NaiveDate },
    #[error("终止日期 {0} 晚于今天")]
    TerminatedInFuture(NaiveDate),
    #[error("终止日期 {on} 早于协议生效日期 {activated}")]
    TerminatedBeforeActivation { on: NaiveDate, activated: NaiveDate },
}

impl Coded for AgreementError {
    fn code(&self) -> &'static str {
        match self {
            AgreementError::HomeRequired => "agreement.home_required",
            AgreementError::ItemsRequired => "agreement.items_required",
            AgreementError::ItemDuplicate(_) => "agreement.item_duplicate",
            AgreementError::FrequencyRange { .. } => "agreement.frequency_range",
            AgreementError::MethodsRequired => "agreement.methods_required",
            AgreementError::FileWithinDays(_) => "agreement.file_within_days",
            AgreementError::ActivatedInFuture(_) => "agreement.activated_future",
            AgreementError::ActivatedAfterEnd { .. } => "agreement.activated_after_end",
            AgreementError::TerminatedInFuture(_) => "agreement.terminated_future",
            AgreementError::TerminatedBeforeActivation { .. } => {
                "agreement.terminated_before_activation"
            }
        }
    }
}

/// An agreement form whose every field passed its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAgreement {
    pub nursing_home_id: String,
    /// `None`: the store assigns the next number.
    pub number: Option<String>,
    pub term: Term,
    /// In the order given.
    pub items: Vec<AgreementItem>,
    /// Duplicates dropped (first kept), in the order given.
    pub methods: Vec<ServiceMethod>,
    pub file_within_days: u32,
    pub note: String,
}

/// Checks every field of the agreement form and reports all problems at once, each on its
/// camelCase input field name. Whether the home is a registered 敬老院/养老机构 and whether the
/// number is free is the store's check.
pub fn validate_agreement(input: &AgreementInput) -> Result<ValidAgreement, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let home = input.nursing_home_id.trim();
    if home.is_empty() {
        errors.push("nursingHomeId", &AgreementError::HomeRequired);
    }
    let number = errors
        .check("number", NUMBER.apply(&input.number))
        .map(|n| Some(n).filter(|n| !n.is_empty()));
    let term = check_term(
        "协议",
        &input.start_on,
        &input.end_on,
        MAX_TERM_MONTHS,
        &mut errors,
    );
    let items = items(&input.items, &mut errors);
    let mut methods: Vec<ServiceMethod> = Vec::with_capacity(input.methods.len());
    for m in &input.methods {
        if !methods.contains(m) {
            methods.push(*m);
        }
    }
    if methods.is_empty() {
        errors.push("methods", &AgreementError::MethodsRequired);
    }
    let file_within_days =
        errors.check("fileWithinDays", file_within_days(&input.file_within_days));
    let note = errors.check("note", NOTE.apply(&input.note));
    match (number, term, items, file_within_days, note) {
        (Some(number), Some(term), Some(items), Some(file_within_days), Some(note))
            if errors.is_empty() =>
        {
            Ok(ValidAgreement {
                nursing_home_id: home.to_owned(),
                number,
                term,
                items,
                methods,
                file_within_days,
                note,
            })
        }
        _ => Err(errors),
    }
}

fn items(input: &[AgreementItem], errors: &mut ValidationErrors) -> Option<Vec<AgreementItem>> {
    if input.is_empty() {
        errors.push("items", &AgreementError::ItemsRequired);
        return None;
    }
    let before = errors.len();
    let mut out: Vec<AgreementItem> = Vec::with_capacity(input.len());
    for i in input {
        if out.iter().any(|o| o.item == i.item) {
            errors.push("items", &AgreementError::ItemDuplicate(i.item));
            continue;
        }
        if let Some(f) = i.frequency.filter(|f| !FREQUENCY_EVERY.contains(&f.every)) {
            let err = AgreementError::FrequencyRange {
                item: i.item,
                every: f.every,
            };
            errors.push("items", &err);
        }
        out.push(i.clone());
    }
    (errors.len() == before).then_some(out)
}

/// The filing deadline in days: blank means [`DEFAULT_FILE_WITHIN_DAYS`]; full-width digits are
/// accepted.
pub fn file_within_days(raw: &str) -> Result<u32, AgreementError> {
    let s: String = raw.trim().chars().map(to_half_width).collect();
    let s = s.trim();
    if s.is_empty() {
        return Ok(DEFAULT_FILE_WITHIN_DAYS);
    }
    let err = || AgreementError::FileWithinDays(raw.trim().to_owned());
    if !s.chars().all(|c| c.is_ascii_digit()) || s.len() > 4 {
        return Err(err());
    }
    let days: u32 = s.parse().map_err(|_| err())?;
    if FILE_WITHIN_DAYS.contains(&days) {
        Ok(days)
    } else {
        Err(err())
    }
}

/// Days before its end that an active agreement is listed as expiring (a month, like a contract's
/// renewal reminder), so a new one can be negotiated and signed in time.
pub const EXPIRY_NOTICE_DAYS: u32 = 30;

/// Whether an active agreement ending on `end` is listed as expiring on `today` (ending within
/// [`EXPIRY_NOTICE_DAYS`], or ended without being terminated or replaced).
pub fn expiry_notice_due(end: NaiveDate, today: NaiveDate) -> bool {
    (end - today).num_days() <= i64::from(EXPIRY_NOTICE_DAYS)
}

/// Checks the activation date (field `on`): not after `today`, not after the agreement's end.
pub fn validate_activation(
    on: &str,
    term: Term,
    today: NaiveDate,
) -> Result<NaiveDate, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let date = errors.check("on", parse_date("生效日期", on));
    if let Some(on) = date {
        if on > today {
            errors.push("on", &AgreementError::ActivatedInFuture(on));
        } else if on > term.end {
            let end = term.end;
            errors.push("on", &AgreementError::ActivatedAfterEnd { on, end });
        }
    }
    match date {
        Some(date) if errors.is_empty() => Ok(date),
        _ => Err(errors),
    }
}

/// A checked termination of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAgreementEnd {
    pub on: NaiveDate,
    /// Trimmed, not empty.
    pub reason: String,
}

/// Checks a termination (fields `on`, `reason`): the date not after `today` nor before the
/// activation; a reason is required.
pub fn validate_agreement_termination(
    on: &str,
    reason: &str,
    activated: NaiveDate,
    today: NaiveDate,
) -> Result<ValidAgreementEnd, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let date = errors.check("on", parse_date("终止日期", on));
    if let Some(on) = date {
        if on > today {
            errors.push("on", &AgreementError::TerminatedInFuture(on));
        } else if on < activated {
            let err = AgreementError::TerminatedBeforeActivation { on, activated };
            errors.push("on", &err);
        }
    }
    let reason = errors.check("reason", REASON.apply(reason));
    match (date, reason) {
        (Some(on), Some(reason)) if errors.is_empty() => Ok(ValidAgreementEnd { on, reason }),
        _ => Err(errors),
    }
}

/// 定期巡诊 / 派驻医护人员 / …
pub fn method_label(m: ServiceMethod) -> &'static str {
    match m {
        ServiceMethod::ScheduledRounds => "定期巡诊",
        ServiceMethod::StationedStaff => "派驻医护人员",
        ServiceMethod::OnCall => "上门出诊",
        ServiceMethod::Remote => "远程会诊",
        ServiceMethod::EmergencyChannel => "急诊绿色通道/转诊",
    }
}

/// 草稿 / 生效 / 终止.
pub fn agreement_status_label(s: AgreementStatus) -> &'static str {
    match s {
        AgreementStatus::Draft => "草稿",
        AgreementStatus::Active => "生效",
        AgreementStatus::Terminated => "终止",
    }
}

#[cfg(test)]
#[path = "agreement_tests.rs"]
mod tests;
