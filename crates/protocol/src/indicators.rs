//! Indicators (统计指标) per clinic, per nursing home and (on the county server) per county,
//! by month or year. How each figure is counted is documented in `yiyang_domain::indicators` and
//! docs/indicators.md.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DisabilityGrade, ServiceItem};

/// A calendar year, or one month of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorPeriod {
    pub year: i32,
    /// 1–12; None: the whole year.
    pub month: Option<u32>,
}

/// numerator / denominator, with the policy target when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub numerator: u32,
    pub denominator: u32,
    /// Rounded to one decimal; None when the denominator is 0.
    pub percent: Option<f64>,
    /// The county target (e.g. 70 for 签约率 and 健康管理率).
    pub target_percent: Option<u32>,
    /// None when there is no target or no denominator.
    pub meets_target: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemRate {
    pub item: ServiceItem,
    pub rate: Rate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeCount {
    /// None: never assessed.
    pub grade: Option<DisabilityGrade>,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorUnitKind {
    /// The clinic: every resident on file.
    Clinic,
    /// One nursing home: its residents.
    NursingHome,
    /// A county (县级服务器): every clinic whose institution carries its division code, the
    /// sums of their figures.
    County,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnitIndicators {
    pub unit_id: String,
    pub unit_name: String,
    pub kind: IndicatorUnitKind,
    /// Residents counted on the evaluation day (in care, not left).
    pub residents: u32,
    /// Of them, aged 65 or more.
    pub elderly: u32,
    /// 家庭医生签约率 (≥ 65).
    pub contract_rate: Rate,
    /// 健康管理率 (≥ 65).
    pub health_management_rate: Rate,
    /// 7+3+4 coverage among residents under an agreement, one per item in code order.
    pub items: Vec<ItemRate>,
    /// Rounds done of rounds due.
    pub rounds: Rate,
    /// 履约率: services delivered of services promised by the contracts' packages.
    pub fulfilment: Rate,
    pub agreements_active: u32,
    /// Active agreements ending within 30 days of the evaluation day.
    pub agreements_expiring: u32,
    /// Residents by latest disability grade, the unassessed last.
    pub by_disability: Vec<GradeCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorReport {
    pub period: IndicatorPeriod,
    /// First day of the period.
    pub from: String,
    /// The evaluation day: the period's last day, or today if the period is not over.
    pub as_of: String,
    /// The clinic first, then each nursing home by name. From the county server: each county,
    /// then each clinic, then each nursing home, by name.
    pub units: Vec<UnitIndicators>,
    pub rule_version: u32,
}
