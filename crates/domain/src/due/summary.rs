//! One pass over a resident's records, reduced to a fixed-size summary per item (counts, latest
//! dates, the current plan, the longest prescription) that the schedules are judged on.
use chrono::NaiveDate;
use yiyang_protocol::Frequency;

use super::dates::add_days;
use super::rules::{ItemRule, Schedule};
use super::{FactKind, RecordFact};

/// What the records say about one item, up to the evaluation date.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Seen {
    /// Main entries (checks, rounds, visits, prescriptions, events) this year.
    pub(super) count_this_year: u32,
    /// The latest main entry.
    pub(super) last: Option<NaiveDate>,
    /// Whether the latest main entry calls for a follow-up (a positive screen, a disability);
    /// `None` when the record does not say.
    pub(super) needs_follow_up: Option<bool>,
    /// The latest G6 intervention or G7 guidance.
    pub(super) follow: Option<NaiveDate>,
    /// The latest care plan and its frequency.
    pub(super) plan: Option<(NaiveDate, Option<Frequency>)>,
    /// The prescription that runs longest: (date, weeks counted, first day no longer covered).
    pub(super) rx: Option<(NaiveDate, u8, NaiveDate)>,
}

/// How a record counts for its item.
enum Role {
    Main(Option<bool>),
    FollowUp,
    Plan(Option<Frequency>),
    Prescription(u8),
    Ignored,
}

fn role(schedule: &Schedule, kind: FactKind) -> Role {
    match (schedule, kind) {
        (Schedule::Prescription { max_weeks, .. }, FactKind::Prescription { weeks }) => {
            Role::Prescription(weeks.min(*max_weeks))
        }
        // Only a prescription says how long G5 is covered.
        (Schedule::Prescription { .. }, _) => Role::Ignored,
        (Schedule::PlanVisits { .. }, FactKind::CarePlan { frequency }) => Role::Plan(frequency),
        (_, FactKind::CarePlan { .. }) => Role::Ignored,
        (Schedule::Annual { .. }, FactKind::Intervention | FactKind::Guidance) => Role::FollowUp,
        (_, FactKind::PositiveScreen) => Role::Main(Some(true)),
        (_, FactKind::DisabilityAssessment { intact }) => Role::Main(Some(!intact)),
        _ => Role::Main(None),
    }
}

/// Rank of `needs_follow_up` among same-day entries: the one asking for more wins.
fn rank(flag: Option<bool>) -> u8 {
    match flag {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    }
}

pub(super) fn summarize(
    records: &[RecordFact],
    year_start: NaiveDate,
    as_of: NaiveDate,
) -> [Seen; 14] {
    let mut seen = [Seen::default(); 14];
    for record in records.iter().filter(|r| r.date <= as_of) {
        let rule = ItemRule::of(record.item);
        let s = &mut seen[record.item as usize];
        let date = record.date;
        match role(&rule.schedule, record.kind) {
            Role::Ignored => {}
            Role::FollowUp => s.follow = s.follow.max(Some(date)),
            Role::Plan(frequency) => {
                if s.plan.is_none_or(|(on, _)| date > on) {
                    s.plan = Some((date, frequency));
                }
            }
            Role::Main(flag) => {
                s.count_this_year += u32::from(date >= year_start);
                let newer = match s.last {
                    None => true,
                    Some(last) => {
                        date > last || (date == last && rank(flag) > rank(s.needs_follow_up))
                    }
                };
                if newer {
                    s.last = Some(date);
                    s.needs_follow_up = flag;
                }
            }
            Role::Prescription(weeks) => {
                s.count_this_year += u32::from(date >= year_start);
                s.last = s.last.max(Some(date));
                let end = add_days(date, 7 * u64::from(weeks));
                if s.rx.is_none_or(|(_, _, longest)| end > longest) {
                    s.rx = Some((date, weeks, end));
                }
            }
        }
    }
    seen
}
