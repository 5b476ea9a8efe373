//! 居家社区养老 indicators, from facts the store reads: people served at home, deliveries per
//! service and month, family beds under 24-hour management, and the share of people needing
//! care who receive it.
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use yiyang_protocol::{BedLevel, CareLevel, HomeCareIndicators, ServiceMonthCount};

use super::statement::Month;
use crate::indicators::rate;

/// Target share of people needing care who receive it (a seed plan's ≥ 60 %).
pub const CARE_COVERAGE_TARGET: u32 = 60;

/// A person living at home, with the care level of the latest assessment at the period's end.
#[derive(Debug, Clone, Copy)]
pub struct AtHome<'a> {
    pub resident_id: &'a str,
    pub care_level: CareLevel,
}

/// A delivery in force.
#[derive(Debug, Clone, Copy)]
pub struct DeliveryFact<'a> {
    pub resident_id: &'a str,
    pub on: NaiveDate,
    pub service: &'a str,
    pub service_name: &'a str,
}

/// A family bed's registration in force (latest registration, and its end if any).
#[derive(Debug, Clone, Copy)]
pub struct BedFact {
    pub registered_on: NaiveDate,
    pub level: BedLevel,
    pub ended_on: Option<NaiveDate>,
}

/// Indicators for `from..=to`. `catalogue_order` lists service codes in display order (codes not
/// in it sort after, by code).
pub fn compute(
    people: &[AtHome<'_>],
    deliveries: &[DeliveryFact<'_>],
    beds: &[BedFact],
    from: NaiveDate,
    to: NaiveDate,
    catalogue_order: &[&str],
) -> HomeCareIndicators {
    let at_home: BTreeSet<&str> = people.iter().map(|p| p.resident_id).collect();
    let in_period: Vec<&DeliveryFact<'_>> = deliveries
        .iter()
        .filter(|d| d.on >= from && d.on <= to && at_home.contains(d.resident_id))
        .collect();
    let served: BTreeSet<&str> = in_period.iter().map(|d| d.resident_id).collect();
    let order = |code: &str| {
        catalogue_order
            .iter()
            .position(|c| *c == code)
            .unwrap_or(usize::MAX)
    };
    let mut counts: BTreeMap<(Month, usize, &str), (&str, u32)> = BTreeMap::new();
    for d in &in_period {
        counts
            .entry((Month::of(d.on), order(d.service), d.service))
            .or_insert((d.service_name, 0))
            .1 += 1;
    }
    let in_force: Vec<&BedFact> = beds
        .iter()
        .filter(|b| b.registered_on <= to && b.ended_on.is_none_or(|e| e > to))
        .collect();
    let needing: Vec<&str> = people
        .iter()
        .filter(|p| p.care_level >= CareLevel::Level1)
        .map(|p| p.resident_id)
        .collect();
    let receiving = needing.iter().filter(|id| served.contains(*id)).count();
    HomeCareIndicators {
        served_at_home: count(served.len()),
        deliveries: counts
            .into_iter()
            .map(|((month, _, service), (name, n))| ServiceMonthCount {
                service: service.to_owned(),
                service_name: name.to_owned(),
                month: month.to_string(),
                deliveries: n,
            })
            .collect(),
        beds_total: count(in_force.len()),
        beds_managed_24h: count(
            in_force
                .iter()
                .filter(|b| b.level == BedLevel::Managed24h)
                .count(),
        ),
        care_coverage: rate(
            count(receiving),
            count(needing.len()),
            Some(CARE_COVERAGE_TARGET),
        ),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
