//! The home-care service catalogue (服务目录) as rule data: the built-in items every county starts
//! with, and the check of an item a county adds.
use thiserror::Error;
use yiyang_protocol::{CatalogueItem, CatalogueItemInput, EntitledGroup, Payer, ServiceUnit};

use crate::error::{Coded, ValidationErrors};
use crate::money::Money;
use crate::text::TextRule;

/// Version of the built-in catalogue; a statement or plan names the prices it used by copying
/// them into the entry, so changing this table never changes a past entry.
pub const CATALOGUE_VERSION: &str = "2026.1";

use EntitledGroup::{Dibao, Disabled, Gaoling, Tekun};

/// (code, name, unit, price in 分, payer, subsidised groups).
type BuiltIn = (
    &'static str,
    &'static str,
    ServiceUnit,
    i64,
    Payer,
    &'static [EntitledGroup],
);

/// Prices are a county's starting point; the county overrides them by adding an item with the
/// same code.
const BUILT_IN: &[BuiltIn] = &[
    (
        "meal",
        "助餐",
        ServiceUnit::Meal,
        1_200,
        Payer::SelfPaid,
        &[Tekun, Dibao, Gaoling],
    ),
    (
        "cleaning",
        "助洁",
        ServiceUnit::Hour,
        4_000,
        Payer::Government,
        &[Tekun, Dibao, Disabled],
    ),
    (
        "mobility",
        "助行",
        ServiceUnit::Visit,
        3_000,
        Payer::SelfPaid,
        &[Tekun, Disabled],
    ),
    (
        "bathing",
        "助浴",
        ServiceUnit::Visit,
        6_000,
        Payer::LongTermCare,
        &[Tekun, Dibao, Disabled],
    ),
    (
        "medical",
        "助医",
        ServiceUnit::Visit,
        5_000,
        Payer::Government,
        &[Tekun, Dibao, Gaoling, Disabled],
    ),
    (
        "emergency",
        "助急",
        ServiceUnit::Visit,
        0,
        Payer::Government,
        &[Tekun, Dibao, Gaoling, Disabled],
    ),
    (
        "rehab_nursing",
        "康复护理",
        ServiceUnit::Hour,
        8_000,
        Payer::LongTermCare,
        &[Disabled],
    ),
    (
        "companionship",
        "精神慰藉",
        ServiceUnit::Hour,
        3_000,
        Payer::Government,
        &[Tekun, Dibao, Gaoling],
    ),
];

/// The built-in catalogue, in display order.
pub fn built_in_catalogue() -> Vec<CatalogueItem> {
    BUILT_IN
        .iter()
        .map(
            |&(code, name, unit, price_cents, payer, groups)| CatalogueItem {
                code: code.to_owned(),
                name: name.to_owned(),
                unit,
                price_cents,
                payer,
                subsidised: groups.to_vec(),
                built_in: true,
            },
        )
        .collect()
}

/// The catalogue in force: the built-in items, each replaced by a county item of the same code,
/// then the county's own items in the order given.
pub fn catalogue_with(county: &[CatalogueItem]) -> Vec<CatalogueItem> {
    let mut items = built_in_catalogue();
    for added in county {
        match items.iter_mut().find(|i| i.code == added.code) {
            Some(slot) => {
                *slot = CatalogueItem {
                    built_in: true,
                    ..added.clone()
                }
            }
            None => items.push(CatalogueItem {
                built_in: false,
                ..added.clone()
            }),
        }
    }
    items
}

pub fn unit_label(unit: ServiceUnit) -> &'static str {
    match unit {
        ServiceUnit::Visit => "次",
        ServiceUnit::Hour => "小时",
        ServiceUnit::Meal => "餐",
    }
}

pub fn payer_label(payer: Payer) -> &'static str {
    match payer {
        Payer::SelfPaid => "自费",
        Payer::Government => "政府购买",
        Payer::LongTermCare => "长护险",
    }
}

pub fn group_label(group: EntitledGroup) -> &'static str {
    match group {
        Tekun => "特困",
        Dibao => "低保",
        Gaoling => "高龄",
        Disabled => "失能",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogueError {
    #[error("服务编码“{0}”无效：只能用小写字母、数字和下划线，以字母开头，最多 32 个字符")]
    Code(String),
    #[error("请选择计价单位（次/小时/餐）")]
    UnitRequired,
    #[error("请选择付费方式（自费/政府购买/长护险）")]
    PayerRequired,
}

impl Coded for CatalogueError {
    fn code(&self) -> &'static str {
        match self {
            Self::Code(_) => "catalogue.code",
            Self::UnitRequired => "catalogue.unit_required",
            Self::PayerRequired => "catalogue.payer_required",
        }
    }
}

/// A service code: `[a-z][a-z0-9_]{0,31}`.
pub fn is_service_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && code.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub(crate) const SERVICE_NAME: TextRule = TextRule {
    label: "服务名称",
    max_chars: 30,
    required: true,
    multiline: false,
};

/// Checks an item a county adds (or a built-in one it re-prices). All problems at once.
pub fn validate_catalogue_item(
    input: &CatalogueItemInput,
) -> Result<CatalogueItem, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let code = input.code.trim();
    if !is_service_code(code) {
        errors.push(
            "code",
            &CatalogueError::Code(code.chars().take(40).collect()),
        );
    }
    let name = errors.check("name", SERVICE_NAME.apply(&input.name));
    let unit = input.unit;
    if unit.is_none() {
        errors.push("unit", &CatalogueError::UnitRequired);
    }
    let payer = input.payer;
    if payer.is_none() {
        errors.push("payer", &CatalogueError::PayerRequired);
    }
    let price = errors.check("price", Money::parse_labeled(&input.price, "单价"));
    let mut subsidised = input.subsidised.clone();
    subsidised.sort();
    subsidised.dedup();
    match (name, unit, payer, price) {
        (Some(name), Some(unit), Some(payer), Some(price)) if errors.is_empty() => {
            Ok(CatalogueItem {
                code: code.to_owned(),
                name,
                unit,
                price_cents: price.cents(),
                payer,
                subsidised,
                built_in: false,
            })
        }
        _ => Err(errors),
    }
}
