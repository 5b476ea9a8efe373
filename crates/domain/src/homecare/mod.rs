//! Home and community care (居家社区养老, issue 8): the service catalogue, home-care plans and
//! deliveries, family care beds, the needs assessment's care level and entitlements, and
//! 长护险 eligibility and monthly statements. Every rule is a versioned table (`*_V1`), because
//! counties differ; the store passes the county's table in.
//!
//! Plans, deliveries, beds and bed visits are care records (`records::validate_record` calls
//! `kinds` for them), so they are append-only and sync like every other entry.

pub mod beds;
pub mod catalogue;
pub mod due;
pub mod indicators;
pub(crate) mod kinds;
pub mod rules;
pub mod statement;

pub use beds::{bed_state, level_label, Bed, BedRule, BED_V1};
pub use catalogue::{
    built_in_catalogue, catalogue_with, group_label, is_service_code, payer_label, unit_label,
    validate_catalogue_item, CatalogueError, CATALOGUE_VERSION,
};
pub use due::plan_due;
pub use kinds::{format_centi, HomeCareError, MAX_QUANTITY};
pub use rules::{
    care_level, care_level_label, eligibility_text, entitled_groups, is_subsidised,
    latest_assessment, ltc_eligibility, validate_ltc_settings, Assessed, CareLevelRule,
    EntitlementRule, LtcRule, LtcSettingsError, Person, CARE_LEVEL_V1, ENTITLEMENT_V1,
    LTC_COUNTY_VERSION, LTC_V1,
};
pub use statement::{monthly_statement, Delivery, Month};

#[cfg(test)]
mod tests;
