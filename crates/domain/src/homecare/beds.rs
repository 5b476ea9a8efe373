//! 家庭养老床位: how often a bed must be visited at its level, and whether it is overdue.
use chrono::NaiveDate;
use yiyang_protocol::{BedLevel, BedVisitState};

use crate::due::dates::{add_days, days_between};

/// The longest gap between two visits, per level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BedRule {
    pub version: &'static str,
    /// 24 小时照护管理: at least one visit every this many days.
    pub managed_24h_days: u32,
    /// 普通居家照护.
    pub ordinary_days: u32,
}

pub const BED_V1: BedRule = BedRule {
    version: "family-bed-2026.1",
    managed_24h_days: 7,
    ordinary_days: 30,
};

pub fn level_label(level: BedLevel) -> &'static str {
    match level {
        BedLevel::Managed24h => "24 小时照护",
        BedLevel::Ordinary => "普通居家照护",
    }
}

impl BedRule {
    pub fn days(&self, level: BedLevel) -> u32 {
        match level {
            BedLevel::Managed24h => self.managed_24h_days,
            BedLevel::Ordinary => self.ordinary_days,
        }
    }
}

/// A bed's registration as the rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bed {
    pub registered_on: NaiveDate,
    pub level: BedLevel,
    pub ended_on: Option<NaiveDate>,
    /// The latest visit on or after registration.
    pub last_visit: Option<NaiveDate>,
}

/// Where the bed stands on `today`, with the reason in Chinese.
pub fn bed_state(bed: Bed, today: NaiveDate, rule: &BedRule) -> (BedVisitState, String) {
    if let Some(on) = bed.ended_on {
        return (
            BedVisitState::Ended { on: on.to_string() },
            format!("床位已于 {on} 撤销"),
        );
    }
    let days = rule.days(bed.level);
    let since = bed
        .last_visit
        .filter(|v| *v >= bed.registered_on)
        .unwrap_or(bed.registered_on);
    let due_by = add_days(since, u64::from(days));
    let rule_text = format!("{}床位每 {days} 天至少巡访一次", level_label(bed.level));
    let last_text = match bed.last_visit.filter(|v| *v >= bed.registered_on) {
        Some(v) => format!("上次巡访在 {v}"),
        None => format!("登记（{}）后尚无巡访", bed.registered_on),
    };
    let over = days_between(due_by, today);
    if over > 0 {
        (
            BedVisitState::Overdue {
                due_by: due_by.to_string(),
                days_over: u32::try_from(over).unwrap_or(u32::MAX),
            },
            format!("{rule_text}，{last_text}，已逾期 {over} 天"),
        )
    } else {
        (
            BedVisitState::OnTime {
                due_by: due_by.to_string(),
            },
            format!("{rule_text}，{last_text}，下次巡访请在 {due_by} 前"),
        )
    }
}
