//! The evaluation of the rule table for one resident and one year, and coverage over residents:
//! the entry points, the year's bounds, and whether each item is owed at all. How an owed item's
//! schedule is judged is in `schedule`, the per-item summary of the records in `summary`.
//!
//! One pass over the records builds a fixed-size summary per item (no allocation besides the
//! cells' own strings), so a home of 300 residents with ~300 records each evaluates in well under a
//! millisecond per resident.
use chrono::{Datelike, NaiveDate};
use yiyang_protocol::{DisabilityGrade, DueCell, DueState, Frequency, ItemCoverage, ServiceItem};

use super::dates::birthday_in;
use super::rules::{grade_label, severity, ItemRule, Need, Public, PUBLIC_HEALTH_AGE};
use super::summary::{summarize, Seen};
use super::{AgreementFacts, ContractFacts, Coverage, LeftReason, RecordFact, ResidentFacts};

// The tests reach the frequency arithmetic through this module, where it lived before the split.
#[cfg(test)]
pub(super) use super::dates::{add_frequency, frequency_label};

/// The 14 cells of `resident`'s due list for `year`, in [`ServiceItem::ALL`] order.
///
/// Evaluated as of `min(today, 31 Dec of year)`, or the day the resident left when earlier (see the
/// module docs for a year that has not started). Records dated after that day are ignored, so a past
/// year is not changed by what happened since. `records` must hold the current (non-superseded)
/// records of this year plus at least the latest earlier one of each kind.
pub fn evaluate(
    resident: &ResidentFacts,
    coverage: &Coverage,
    records: &[RecordFact],
    year: i32,
    today: NaiveDate,
) -> [DueCell; 14] {
    let (Some(year_start), Some(year_end)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return all_not_applicable(&format!("{year} 年超出可计算的日期范围"));
    };
    if let Some((left, why)) = resident.left_on.filter(|(left, _)| *left < year_start) {
        return all_not_applicable(&left_text(left, why));
    }
    let future = today < year_start;
    let mut as_of = if future {
        year_start
    } else {
        today.min(year_end)
    };
    // Nothing becomes due after the resident left: the year stops on that day.
    let left = resident.left_on.filter(|(left, _)| *left <= as_of);
    if let Some((left, _)) = left {
        as_of = left;
    }
    if resident.in_care_since > as_of {
        return all_not_applicable(&format!(
            "{} 才建档或入住，{as_of} 时尚未纳入服务",
            resident.in_care_since
        ));
    }

    let ctx = Ctx {
        resident,
        year_start,
        year_end,
        as_of,
        year_word: if today.year() == year {
            "今年".to_owned()
        } else {
            format!("{year} 年")
        },
        agreement: coverage
            .agreement
            .as_ref()
            .filter(|a| a.start <= as_of && as_of <= a.end),
        contract: coverage
            .contract
            .as_ref()
            .filter(|c| c.start <= as_of && as_of <= c.end),
    };
    let seen = summarize(records, year_start, as_of);
    let mut cells = ServiceItem::ALL.map(|item| ctx.cell(ItemRule::of(item), &seen[item as usize]));

    if let Some((left, why)) = left {
        let text = left_text(left, why);
        for cell in cells.iter_mut().filter(|c| c.state != DueState::Done) {
            cell.state = DueState::NotApplicable;
            cell.reason = format!("{}：{text}", ItemRule::of(cell.item).label);
            cell.due_by = None;
        }
    } else if future {
        for cell in cells
            .iter_mut()
            .filter(|c| matches!(c.state, DueState::Done | DueState::Due | DueState::Overdue))
        {
            cell.state = DueState::Due;
            cell.reason = format!(
                "{}：{year} 年尚未开始，届时到期",
                ItemRule::of(cell.item).label
            );
            cell.due_by = None;
        }
    }
    cells
}

/// Per item over a group of residents: how many are owed it (not `NotApplicable`) and how many have
/// it done. An on-demand item counts as done for a resident who used it at least once this year.
pub fn coverage_share(cells_per_resident: &[[DueCell; 14]]) -> [ItemCoverage; 14] {
    let mut out = ServiceItem::ALL.map(|item| ItemCoverage {
        item,
        applicable: 0,
        done: 0,
    });
    for cells in cells_per_resident {
        for cell in cells {
            let share = &mut out[cell.item as usize];
            match cell.state {
                DueState::NotApplicable => {}
                DueState::Done => {
                    share.applicable += 1;
                    share.done += 1;
                }
                DueState::OnDemand => {
                    share.applicable += 1;
                    share.done += u32::from(cell.count_this_year > 0);
                }
                DueState::Due | DueState::Overdue => share.applicable += 1,
            }
        }
    }
    out
}

fn left_text(left: NaiveDate, why: LeftReason) -> String {
    let verb = match why {
        LeftReason::Deceased => "死亡",
        LeftReason::Moved => "迁出",
    };
    format!("已于 {left} {verb}，之后不再到期")
}

/// Every cell not applicable with the same explanation.
fn all_not_applicable(why: &str) -> [DueCell; 14] {
    ServiceItem::ALL.map(|item| DueCell {
        item,
        state: DueState::NotApplicable,
        reason: format!("{}不适用：{why}", ItemRule::of(item).label),
        last_done: None,
        due_by: None,
        count_this_year: 0,
    })
}

/// Why an item is owed: the earliest day a provider's duty started, and whether (and at which
/// frequency) the agreement covers it.
pub(super) struct Owed {
    pub(super) since: NaiveDate,
    pub(super) agreement: Option<Option<Frequency>>,
}

/// The year being evaluated and who owes the resident services on its evaluation date: what every
/// item's evaluation shares.
pub(super) struct Ctx<'a> {
    pub(super) resident: &'a ResidentFacts,
    pub(super) year_start: NaiveDate,
    pub(super) year_end: NaiveDate,
    pub(super) as_of: NaiveDate,
    /// "今年", or "2024 年" when evaluating another year.
    pub(super) year_word: String,
    /// The agreement, if active on `as_of`.
    pub(super) agreement: Option<&'a AgreementFacts>,
    /// The contract, if active on `as_of`.
    pub(super) contract: Option<&'a ContractFacts>,
}

impl Ctx<'_> {
    fn cell(&self, rule: &ItemRule, seen: &Seen) -> DueCell {
        let mut cell = DueCell {
            item: rule.item,
            state: DueState::NotApplicable,
            reason: String::new(),
            last_done: seen.last.map(|d| d.to_string()),
            due_by: None,
            count_this_year: seen.count_this_year,
        };
        match self.owed(rule) {
            Err(why) => cell.reason = format!("{}不适用：{why}", rule.label),
            Ok(owed) => {
                let (state, text, due_by) = self.schedule(rule, &owed, seen);
                cell.state = state;
                cell.reason = format!("{}：{text}", rule.label);
                cell.due_by = due_by.map(|d| d.to_string());
            }
        }
        cell
    }

    /// Whether the item is owed at all, or why not.
    fn owed(&self, rule: &ItemRule) -> Result<Owed, String> {
        let r = self.resident;
        let graded = |min: DisabilityGrade| {
            r.disability
                .is_some_and(|grade| severity(grade) >= severity(min))
        };
        let grade_text = |min: DisabilityGrade| match r.disability {
            None => "尚无失能评估结果".to_owned(),
            Some(grade) => format!(
                "最近评估为{}（需{}及以上）",
                grade_label(grade),
                grade_label(min)
            ),
        };
        match rule.need {
            Need::Nothing => {}
            Need::Chronic if !r.chronic => return Err("无慢性病".to_owned()),
            Need::Chronic => {}
            Need::DisabledOrEndOfLife(min) if !(graded(min) || r.end_of_life) => {
                return Err(format!("{}，且非安宁疗护对象", grade_text(min)));
            }
            Need::DisabledOrEndOfLife(_) => {}
            Need::Disabled(min) if !graded(min) => return Err(grade_text(min)),
            Need::Disabled(_) => {}
            Need::EndOfLife if !r.end_of_life => {
                return Err("非安宁疗护对象（无现行安宁疗护计划）".to_owned())
            }
            Need::EndOfLife => {}
        }

        let turns_65 = r.birth_date.year().checked_add(PUBLIC_HEALTH_AGE);
        let public_since = match rule.public {
            Public::Nobody => None,
            Public::Everyone => Some(NaiveDate::MIN),
            Public::Aged => turns_65
                .filter(|y| *y <= self.year_start.year())
                .and_then(|y| birthday_in(r.birth_date, y)),
        };
        let agreement = self
            .agreement
            .filter(|_| rule.via_agreement)
            .and_then(|a| a.covers(rule.item).map(|f| (a.start, f)));
        let contract_since = self.contract.filter(|_| rule.via_contract).map(|c| c.start);
        let since = [public_since, agreement.map(|(s, _)| s), contract_since]
            .into_iter()
            .flatten()
            .min();
        if let Some(since) = since {
            return Ok(Owed {
                since,
                agreement: agreement.map(|(_, f)| f),
            });
        }

        let mut why: Vec<&str> = Vec::with_capacity(3);
        if rule.public == Public::Aged {
            why.push("年底前未满 65 周岁");
        }
        if rule.via_agreement {
            why.push(if self.agreement.is_some() {
                "所在养老机构的合作协议未包含此项"
            } else {
                "所在养老机构无有效合作协议"
            });
        }
        if rule.via_contract {
            why.push("未签约家庭医生");
        }
        Err(why.join("，且"))
    }
}
