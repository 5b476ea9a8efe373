//! Indicators (统计指标) per clinic and per nursing home, for a month or a year: pure functions
//! over plain facts the store reads. Every figure is defined here, once; docs/indicators.md says
//! the same in words for the county.
//!
//! **Evaluation day** `as_of` = the period's last day, or `today` when the period is not over.
//! **Counted residents**: files created on or before `as_of` (`since`) and not closed (died or
//! moved out) on or before it. **Elderly**: counted residents aged ≥ 65 on `as_of` (周岁).
//!
//! - **家庭医生签约率** = elderly with a contract in force on `as_of` / elderly. In force: signed,
//!   `start ≤ as_of ≤ end`, not terminated on or before `as_of`. Target ≥ 70 %.
//! - **健康管理率** = elderly with an annual health check (G3) dated from 1 January of `as_of`'s
//!   year to `as_of` / elderly — the annual 老年人健康管理 service, so a month's figure is the
//!   year to date at that month's end. Target ≥ 70 %.
//! - **7+3+4 coverage**, per item: residents under an agreement with at least one entry of the
//!   item dated in `[from, as_of]` / residents under an agreement. Under an agreement: counted,
//!   living in a nursing home whose agreement is in force on `as_of` (activated, within its term,
//!   not terminated).
//! - **Rounds done vs due**: for each resident under an agreement covering S1 whose latest
//!   disability grade is 轻度失能 or worse (the S1 rule of the due list): due = ⌈days / interval⌉,
//!   days being the days of `[max(from, agreement start, since), as_of]` and interval the
//!   agreement's S1 frequency (weekly when unset); done = S1 entries in those days, at most due.
//!   The rate is Σ done / Σ due.
//! - **履约率**: for each contract signed and in force on at least one day of `[from, as_of]`,
//!   promised = the package's promised services ([`PACKAGE_PROMISES`], per contract term),
//!   delivered = per promised item, entries of it dated within the term up to `as_of` (and before
//!   a termination), at most the promised count. The rate is Σ delivered / Σ promised.
//! - **Agreements**: active = in force on `as_of`; expiring = active and ending within 30 days
//!   after `as_of`.
//! - **By disability grade**: counted residents by their latest grade on or before `as_of`;
//!   never assessed counted apart.
use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use yiyang_protocol::{
    AgreementItem, DisabilityGrade, Frequency, FrequencyUnit, GradeCount, IndicatorPeriod,
    IndicatorUnitKind, ItemRate, Rate, ServiceItem, UnitIndicators,
};

use crate::due::rules::severity;
use crate::resident::age_on;

/// Version of the definitions above; reports carry it.
pub const RULE_VERSION: u32 = 1;
/// County target for 签约率 and 健康管理率, percent.
pub const TARGET_PERCENT: u32 = 70;
/// An agreement ending within this many days is "expiring".
pub const EXPIRING_DAYS: i64 = 30;
/// What the basic family-doctor package promises per contract term (基础包): the annual health
/// check, the health-management plan, the psychological and the disability assessment.
pub const PACKAGE_PROMISES: &[(ServiceItem, u32)] = &[
    (ServiceItem::G3, 1),
    (ServiceItem::G4, 1),
    (ServiceItem::G6, 1),
    (ServiceItem::G7, 1),
];
/// Rounds without an agreed frequency: weekly, as the due list assumes.
const DEFAULT_ROUND_DAYS: u32 = 7;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    /// The nursing home lived in, if any.
    pub home: Option<String>,
    pub birth: NaiveDate,
    /// The day the file was created.
    pub since: NaiveDate,
    /// The day the resident died or moved out.
    pub left_on: Option<NaiveDate>,
    /// Latest disability grade on or before the evaluation day.
    pub disability: Option<DisabilityGrade>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractSpan {
    pub resident: String,
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    pub terminated_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementSpan {
    pub home: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Put into force (signed); a draft is not.
    pub activated: bool,
    pub terminated_on: Option<NaiveDate>,
    /// None: the agreement does not cover S1; Some(None): covered without a frequency.
    pub rounds: Option<Option<Frequency>>,
}

/// One current (not superseded) service-log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub resident: String,
    pub item: ServiceItem,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub persons: Vec<Person>,
    pub contracts: Vec<ContractSpan>,
    pub agreements: Vec<AgreementSpan>,
    pub services: Vec<Service>,
}

/// A stored date or instant (ISO text: `YYYY-MM-DD…`) as a date; the laptop's SQLite and the
/// county's PostgreSQL keep the same wire text.
pub fn stored_date(raw: &str) -> Option<NaiveDate> {
    raw.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// The day a file stops being counted: the status date of a resident who moved away or died
/// (`status` as stored: `moved`, `deceased`); None while the file is open.
pub fn left_on(status: &str, status_date: Option<&str>) -> Option<NaiveDate> {
    match status {
        "moved" | "deceased" => status_date.and_then(stored_date),
        _ => None,
    }
}

impl AgreementSpan {
    /// A signed (not draft) agreement; its items say whether it owes rounds and how often.
    pub fn signed(
        home: String,
        start: NaiveDate,
        end: NaiveDate,
        terminated_on: Option<NaiveDate>,
        items: &[AgreementItem],
    ) -> Self {
        Self {
            home,
            start,
            end,
            activated: true,
            terminated_on,
            rounds: items
                .iter()
                .find(|i| i.item == ServiceItem::S1)
                .map(|i| i.frequency),
        }
    }
}

/// The first day whose service-log entries the figures read: the earliest start of a contract
/// term still counted (履约率), else the period's first day or 1 January (健康管理率 is the
/// year to date).
pub fn services_since(
    earliest_contract: Option<NaiveDate>,
    from: NaiveDate,
    as_of: NaiveDate,
) -> NaiveDate {
    let year_start = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(from);
    earliest_contract
        .into_iter()
        .chain([from, year_start])
        .min()
        .unwrap_or(from)
}

/// First day, last day of a period; None for a month outside 1–12.
pub fn period_bounds(p: IndicatorPeriod) -> Option<(NaiveDate, NaiveDate)> {
    match p.month {
        None => Some((
            NaiveDate::from_ymd_opt(p.year, 1, 1)?,
            NaiveDate::from_ymd_opt(p.year, 12, 31)?,
        )),
        Some(m) => {
            let first = NaiveDate::from_ymd_opt(p.year, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(p.year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(p.year, m + 1, 1)?
            };
            Some((first, next - Duration::days(1)))
        }
    }
}

/// `n / d` as a rate, percent rounded to one decimal.
pub fn rate(numerator: u32, denominator: u32, target: Option<u32>) -> Rate {
    let percent = (denominator > 0)
        .then(|| (f64::from(numerator) * 1000.0 / f64::from(denominator)).round() / 10.0);
    Rate {
        numerator,
        denominator,
        percent,
        target_percent: target,
        meets_target: match (percent, target) {
            (Some(p), Some(t)) => Some(p >= f64::from(t)),
            _ => None,
        },
    }
}

fn interval_days(f: Option<Frequency>) -> u32 {
    let Some(f) = f else {
        return DEFAULT_ROUND_DAYS;
    };
    let unit = match f.unit {
        FrequencyUnit::Day => 1,
        FrequencyUnit::Week => 7,
        FrequencyUnit::Month => 30,
        FrequencyUnit::Year => 365,
    };
    (f.every * unit).max(1)
}

fn agreement_in_force(a: &AgreementSpan, day: NaiveDate) -> bool {
    a.activated && a.start <= day && day <= a.end && a.terminated_on.is_none_or(|t| t > day)
}

fn contract_in_force(c: &ContractSpan, day: NaiveDate) -> bool {
    c.signed_on.is_some()
        && c.start <= day
        && day <= c.end
        && c.terminated_on.is_none_or(|t| t > day)
}

/// The last day a contract delivers services, up to `as_of`.
fn contract_last_day(c: &ContractSpan, as_of: NaiveDate) -> NaiveDate {
    let mut last = c.end.min(as_of);
    if let Some(t) = c.terminated_on {
        last = last.min(t - Duration::days(1));
    }
    last
}

#[derive(Default)]
struct Tally {
    residents: u32,
    elderly: u32,
    contracted: u32,
    managed: u32,
    under_agreement: u32,
    items: [u32; 14],
    rounds_due: u32,
    rounds_done: u32,
    promised: u32,
    delivered: u32,
    agreements_active: u32,
    agreements_expiring: u32,
    grades: [u32; 6],
}

const GRADES: [Option<DisabilityGrade>; 6] = [
    Some(DisabilityGrade::Intact),
    Some(DisabilityGrade::Mild),
    Some(DisabilityGrade::Moderate),
    Some(DisabilityGrade::Severe),
    Some(DisabilityGrade::Total),
    None,
];

fn item_index(item: ServiceItem) -> usize {
    ServiceItem::ALL
        .iter()
        .position(|i| *i == item)
        .unwrap_or(0)
}

/// The indicators of the clinic (`clinic` = id, name: every resident) and of each nursing home
/// in `homes` (its residents and agreements), for `period` evaluated as described above.
/// `None` for an impossible period.
pub fn compute(
    facts: &Facts,
    clinic: (&str, &str),
    homes: &[(String, String)],
    period: IndicatorPeriod,
    today: NaiveDate,
) -> Option<(NaiveDate, NaiveDate, Vec<UnitIndicators>)> {
    let (from, last) = period_bounds(period)?;
    let as_of = last.min(today);
    let year_start = NaiveDate::from_ymd_opt(as_of.year(), 1, 1)?;

    let mut by_resident: HashMap<&str, Vec<&Service>> = HashMap::new();
    for s in &facts.services {
        by_resident.entry(s.resident.as_str()).or_default().push(s);
    }
    let mut contracts: HashMap<&str, Vec<&ContractSpan>> = HashMap::new();
    for c in &facts.contracts {
        contracts.entry(c.resident.as_str()).or_default().push(c);
    }
    let agreement_of: HashMap<&str, &AgreementSpan> = facts
        .agreements
        .iter()
        .filter(|a| agreement_in_force(a, as_of))
        .map(|a| (a.home.as_str(), a))
        .collect();

    let mut clinic_tally = Tally::default();
    let mut home_tally: HashMap<&str, Tally> = homes
        .iter()
        .map(|(id, _)| (id.as_str(), Tally::default()))
        .collect();
    let none: Vec<&Service> = Vec::new();

    for p in &facts.persons {
        let counted = p.since <= as_of && p.left_on.is_none_or(|d| d > as_of);
        let services = by_resident.get(p.id.as_str()).unwrap_or(&none);
        let mut t = Tally::default();
        // Contracts count for 履约率 whether or not the resident is still counted: the service
        // was owed while the contract ran.
        for c in contracts.get(p.id.as_str()).into_iter().flatten() {
            let last_day = contract_last_day(c, as_of);
            let runs_in_period = c.signed_on.is_some()
                && c.start <= as_of
                && last_day >= from
                && c.start <= last_day;
            if !runs_in_period {
                continue;
            }
            for (item, promised) in PACKAGE_PROMISES {
                let done = services
                    .iter()
                    .filter(|s| s.item == *item && s.on >= c.start && s.on <= last_day)
                    .count();
                t.promised += promised;
                t.delivered += u32::try_from(done).unwrap_or(u32::MAX).min(*promised);
            }
        }
        if counted {
            t.residents = 1;
            let grade_slot = GRADES.iter().position(|g| *g == p.disability).unwrap_or(5);
            t.grades[grade_slot] = 1;
            if age_on(p.birth, as_of) >= 65 {
                t.elderly = 1;
                let contracted = contracts
                    .get(p.id.as_str())
                    .is_some_and(|cs| cs.iter().any(|c| contract_in_force(c, as_of)));
                t.contracted = u32::from(contracted);
                let managed = services
                    .iter()
                    .any(|s| s.item == ServiceItem::G3 && s.on >= year_start && s.on <= as_of);
                t.managed = u32::from(managed);
            }
            if let Some(a) = p.home.as_deref().and_then(|h| agreement_of.get(h)) {
                t.under_agreement = 1;
                for s in services.iter().filter(|s| s.on >= from && s.on <= as_of) {
                    t.items[item_index(s.item)] = 1;
                }
                let eligible = p
                    .disability
                    .is_some_and(|g| severity(g) >= severity(DisabilityGrade::Mild));
                if let (Some(freq), true) = (a.rounds, eligible) {
                    let start = from.max(a.start).max(p.since);
                    if start <= as_of {
                        let days = u32::try_from((as_of - start).num_days() + 1).unwrap_or(0);
                        let due = days.div_ceil(interval_days(freq));
                        let done = services
                            .iter()
                            .filter(|s| s.item == ServiceItem::S1 && s.on >= start && s.on <= as_of)
                            .count();
                        t.rounds_due = due;
                        t.rounds_done = u32::try_from(done).unwrap_or(u32::MAX).min(due);
                    }
                }
            }
        }
        add(&mut clinic_tally, &t);
        if let Some(home) = p.home.as_deref().and_then(|h| home_tally.get_mut(h)) {
            add(home, &t);
        }
    }
    for a in facts
        .agreements
        .iter()
        .filter(|a| agreement_in_force(a, as_of))
    {
        let expiring = u32::from((a.end - as_of).num_days() <= EXPIRING_DAYS);
        clinic_tally.agreements_active += 1;
        clinic_tally.agreements_expiring += expiring;
        if let Some(home) = home_tally.get_mut(a.home.as_str()) {
            home.agreements_active += 1;
            home.agreements_expiring += expiring;
        }
    }
    let mut units = vec![unit(
        clinic.0,
        clinic.1,
        IndicatorUnitKind::Clinic,
        &clinic_tally,
    )];
    for (id, name) in homes {
        if let Some(t) = home_tally.get(id.as_str()) {
            units.push(unit(id, name, IndicatorUnitKind::NursingHome, t));
        }
    }
    Some((from, as_of, units))
}

fn add(to: &mut Tally, t: &Tally) {
    to.residents += t.residents;
    to.elderly += t.elderly;
    to.contracted += t.contracted;
    to.managed += t.managed;
    to.under_agreement += t.under_agreement;
    for (a, b) in to.items.iter_mut().zip(t.items) {
        *a += b;
    }
    to.rounds_due += t.rounds_due;
    to.rounds_done += t.rounds_done;
    to.promised += t.promised;
    to.delivered += t.delivered;
    for (a, b) in to.grades.iter_mut().zip(t.grades) {
        *a += b;
    }
}

/// One unit whose figures are the sums of `parts`' numerators, denominators and counts: a
/// county from its clinics, a nursing home from what each clinic serving it computed. Rates are
/// recomputed from the sums (never averaged), with the same targets as [`compute`]'s.
pub fn total<'a>(
    id: &str,
    name: &str,
    kind: IndicatorUnitKind,
    parts: impl IntoIterator<Item = &'a UnitIndicators>,
) -> UnitIndicators {
    let mut sum = Tally::default();
    for u in parts {
        let mut t = Tally {
            residents: u.residents,
            elderly: u.elderly,
            contracted: u.contract_rate.numerator,
            managed: u.health_management_rate.numerator,
            rounds_due: u.rounds.denominator,
            rounds_done: u.rounds.numerator,
            promised: u.fulfilment.denominator,
            delivered: u.fulfilment.numerator,
            ..Tally::default()
        };
        for i in &u.items {
            t.under_agreement = t.under_agreement.max(i.rate.denominator);
            t.items[item_index(i.item)] += i.rate.numerator;
        }
        for g in &u.by_disability {
            if let Some(slot) = GRADES.iter().position(|x| *x == g.grade) {
                t.grades[slot] += g.count;
            }
        }
        add(&mut sum, &t);
        sum.agreements_active += u.agreements_active;
        sum.agreements_expiring += u.agreements_expiring;
    }
    unit(id, name, kind, &sum)
}

fn unit(id: &str, name: &str, kind: IndicatorUnitKind, t: &Tally) -> UnitIndicators {
    UnitIndicators {
        unit_id: id.to_owned(),
        unit_name: name.to_owned(),
        kind,
        residents: t.residents,
        elderly: t.elderly,
        contract_rate: rate(t.contracted, t.elderly, Some(TARGET_PERCENT)),
        health_management_rate: rate(t.managed, t.elderly, Some(TARGET_PERCENT)),
        items: ServiceItem::ALL
            .iter()
            .enumerate()
            .map(|(i, item)| ItemRate {
                item: *item,
                rate: rate(t.items[i], t.under_agreement, None),
            })
            .collect(),
        rounds: rate(t.rounds_done, t.rounds_due, None),
        fulfilment: rate(t.delivered, t.promised, None),
        agreements_active: t.agreements_active,
        agreements_expiring: t.agreements_expiring,
        by_disability: GRADES
            .iter()
            .zip(t.grades)
            .map(|(grade, count)| GradeCount {
                grade: *grade,
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
