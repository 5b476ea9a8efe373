//! The evaluation of the rule table for one resident and one year, and coverage over residents.
//!
//! One pass over the records builds a fixed-size summary per item (no allocation besides the
//! cells' own strings), so a home of 300 residents with ~300 records each evaluates in well under a
//! millisecond per resident.
use chrono::{Datelike, Days, Months, NaiveDate};
use yiyang_protocol::{
    DisabilityGrade, DueCell, DueState, Frequency, FrequencyUnit, ItemCoverage, ServiceItem,
};

use super::rules::{
    grade_label, severity, FollowUp, ItemRule, Need, Public, Schedule, DEFAULT_FILE_WITHIN_DAYS,
    PUBLIC_HEALTH_AGE,
};
use super::{
    AgreementFacts, ContractFacts, Coverage, FactKind, LeftReason, RecordFact, ResidentFacts,
};

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

/// What the records say about one item, up to the evaluation date.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    /// Main entries (checks, rounds, visits, prescriptions, events) this year.
    count_this_year: u32,
    /// The latest main entry.
    last: Option<NaiveDate>,
    /// Whether the latest main entry calls for a follow-up (a positive screen, a disability);
    /// `None` when the record does not say.
    needs_follow_up: Option<bool>,
    /// The latest G6 intervention or G7 guidance.
    follow: Option<NaiveDate>,
    /// The latest care plan and its frequency.
    plan: Option<(NaiveDate, Option<Frequency>)>,
    /// The prescription that runs longest: (date, weeks counted, first day no longer covered).
    rx: Option<(NaiveDate, u8, NaiveDate)>,
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

fn summarize(records: &[RecordFact], year_start: NaiveDate, as_of: NaiveDate) -> [Seen; 14] {
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

/// Why an item is owed: the earliest day a provider's duty started, and whether (and at which
/// frequency) the agreement covers it.
struct Owed {
    since: NaiveDate,
    agreement: Option<Option<Frequency>>,
}

struct Ctx<'a> {
    resident: &'a ResidentFacts,
    year_start: NaiveDate,
    year_end: NaiveDate,
    as_of: NaiveDate,
    /// "今年", or "2024 年" when evaluating another year.
    year_word: String,
    /// The agreement, if active on `as_of`.
    agreement: Option<&'a AgreementFacts>,
    /// The contract, if active on `as_of`.
    contract: Option<&'a ContractFacts>,
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

    /// State, reason text (without the label) and due date of an owed item.
    fn schedule(
        &self,
        rule: &ItemRule,
        owed: &Owed,
        seen: &Seen,
    ) -> (DueState, String, Option<NaiveDate>) {
        match rule.schedule {
            Schedule::Team => self.team(),
            Schedule::File => self.file(),
            Schedule::Annual {
                grace_days,
                valid_months,
                done,
                pending,
                follow_up,
            } => {
                let eligible_from = owed
                    .since
                    .max(self.year_start)
                    .max(self.resident.in_care_since);
                match seen.last.filter(|d| *d >= self.year_start) {
                    Some(on) => self.follow_up(follow_up, on, done, seen),
                    None => {
                        let grace_end = add_days(eligible_from, u64::from(grace_days));
                        let deadline = match seen.last {
                            None => grace_end,
                            Some(last) => {
                                let anniversary = add_months(last, valid_months);
                                // Grace is for residents who became eligible during the year.
                                if eligible_from > self.year_start {
                                    anniversary.max(grace_end)
                                } else {
                                    anniversary
                                }
                            }
                        }
                        .min(self.year_end);
                        let last = seen
                            .last
                            .map(|d| format!("（上次 {d}）"))
                            .unwrap_or_default();
                        let head = format!("{}{pending}{last}", self.year_word);
                        self.deadline(head, "完成", deadline)
                    }
                }
            }
            Schedule::Prescription {
                overdue_after_days, ..
            } => self.prescription(seen, overdue_after_days),
            Schedule::OnDemand => {
                let text = match seen.last {
                    Some(last) if seen.count_this_year > 0 => format!(
                        "按需提供，{}已提供 {} 次，最近一次 {last}",
                        self.year_word, seen.count_this_year
                    ),
                    _ => format!("按需提供，{}尚未提供", self.year_word),
                };
                (DueState::OnDemand, text, None)
            }
            Schedule::Rounds {
                agreement_default,
                contract_default,
                tolerance_days,
            } => {
                let (frequency, source) = match owed.agreement {
                    Some(Some(f)) => (f, format!("协议约定{}", frequency_label(f))),
                    Some(None) => (
                        agreement_default,
                        format!("协议未约定频次，按{}", frequency_label(agreement_default)),
                    ),
                    None => (
                        contract_default,
                        format!("签约居民按{}", frequency_label(contract_default)),
                    ),
                };
                let anchor = owed.since.max(self.resident.in_care_since);
                let after = format!("，{source}");
                self.periodic(
                    seen.last,
                    anchor,
                    frequency,
                    tolerance_days,
                    "巡诊",
                    "",
                    &after,
                )
            }
            Schedule::PlanVisits {
                default,
                plan_valid_months,
                plan_within_days,
                tolerance_days,
                plan,
                visit,
            } => {
                let current = seen.plan.filter(|(on, _)| {
                    plan_valid_months.is_none_or(|m| self.as_of < add_months(*on, m))
                });
                let Some((plan_on, plan_frequency)) = current else {
                    let (needed_from, head, verb) = match seen.plan {
                        Some((on, _)) => {
                            let months = plan_valid_months.unwrap_or(0);
                            (
                                add_months(on, months),
                                format!("{plan}（{on} 制定）已超过 {months} 个月未更新"),
                                "重新制定",
                            )
                        }
                        None => (
                            owed.since.max(self.resident.in_care_since),
                            format!("尚无{plan}"),
                            "制定",
                        ),
                    };
                    let deadline = add_days(needed_from, u64::from(plan_within_days));
                    return self.deadline(head, verb, deadline);
                };
                let (frequency, source) = match (plan_frequency, owed.agreement.flatten()) {
                    (Some(f), _) => (
                        f,
                        format!("{plan} {plan_on} 制定，约定{}", frequency_label(f)),
                    ),
                    (None, Some(f)) => (
                        f,
                        format!("{plan} {plan_on} 制定，协议约定{}", frequency_label(f)),
                    ),
                    (None, None) => (
                        default,
                        format!("{plan} {plan_on} 制定，按{}", frequency_label(default)),
                    ),
                };
                let before = format!("{source}；");
                self.periodic(
                    seen.last,
                    plan_on,
                    frequency,
                    tolerance_days,
                    visit,
                    &before,
                    "",
                )
            }
        }
    }

    fn team(&self) -> (DueState, String, Option<NaiveDate>) {
        if self.agreement.is_some() {
            let text = "由合作协议约定的卫生院医护团队负责".to_owned();
            (DueState::Done, text, None)
        } else if self.contract.is_some_and(|c| c.team_named) {
            (
                DueState::Done,
                "家庭医生签约已指定服务团队".to_owned(),
                None,
            )
        } else {
            (
                DueState::Due,
                "家庭医生签约尚未指定服务团队".to_owned(),
                None,
            )
        }
    }

    fn file(&self) -> (DueState, String, Option<NaiveDate>) {
        if self.resident.file_complete {
            return (
                DueState::Done,
                "健康档案已建立，必填项完整".to_owned(),
                None,
            );
        }
        let (days, source) = match self.agreement {
            Some(a) => (a.file_within_days, "合作协议约定"),
            None => (DEFAULT_FILE_WITHIN_DAYS, "默认"),
        };
        let deadline = add_days(self.resident.in_care_since, u64::from(days));
        let head = format!("健康档案必填项尚未填写完整（{source}建档或入住后 {days} 天内完成）");
        self.deadline(head, "完成", deadline)
    }

    /// An annual item with this year's main entry on `on`: done, unless its follow-up is missing.
    fn follow_up(
        &self,
        follow_up: FollowUp,
        on: NaiveDate,
        done: &str,
        seen: &Seen,
    ) -> (DueState, String, Option<NaiveDate>) {
        let head = format!("{on} {done}");
        match follow_up {
            FollowUp::None => (DueState::Done, head, None),
            FollowUp::InterventionIfPositive { within_days } => {
                if seen.needs_follow_up != Some(true) {
                    return (DueState::Done, format!("{head}，未见阳性"), None);
                }
                match seen.follow.filter(|d| *d >= on) {
                    Some(at) => (
                        DueState::Done,
                        format!("{head}，筛查阳性，{at} 已干预"),
                        None,
                    ),
                    None => {
                        let deadline = add_days(on, u64::from(within_days)).min(self.year_end);
                        let head = format!("{head}，筛查阳性，尚无干预记录");
                        self.deadline(head, "干预", deadline)
                    }
                }
            }
            FollowUp::GuidanceUnlessIntact { within_days } => {
                let intact = match seen.needs_follow_up {
                    Some(needs) => !needs,
                    None => self.resident.disability == Some(DisabilityGrade::Intact),
                };
                if intact {
                    return (
                        DueState::Done,
                        format!("{head}，能力完好，无需康复指导"),
                        None,
                    );
                }
                match seen.follow.filter(|d| *d >= self.year_start) {
                    Some(at) => (DueState::Done, format!("{head}，{at} 已康复指导"), None),
                    None => {
                        let deadline = add_days(on, u64::from(within_days)).min(self.year_end);
                        let head = format!("{head}，{}尚无康复指导", self.year_word);
                        self.deadline(head, "指导", deadline)
                    }
                }
            }
        }
    }

    fn prescription(
        &self,
        seen: &Seen,
        overdue_after_days: u32,
    ) -> (DueState, String, Option<NaiveDate>) {
        let Some((on, weeks, end)) = seen.rx else {
            return (DueState::Due, "尚无长处方，可按需开具".to_owned(), None);
        };
        let last_valid = end.pred_opt().unwrap_or(end);
        if end > self.as_of {
            let text = format!("{on} 开具 {weeks} 周长处方，有效至 {last_valid}");
            return (DueState::Done, text, Some(last_valid));
        }
        let deadline = add_days(end, u64::from(overdue_after_days));
        self.deadline(format!("长处方已于 {last_valid} 到期"), "续开", deadline)
    }

    /// Something recurring at `frequency`: the last time was `last`; the duty (or the plan) started
    /// on `anchor`, which restarts the clock when it is later than `last`. `before` and `after`
    /// frame the sentence about the last time (where the frequency comes from).
    #[allow(clippy::too_many_arguments)]
    fn periodic(
        &self,
        last: Option<NaiveDate>,
        anchor: NaiveDate,
        frequency: Frequency,
        tolerance_days: u32,
        what: &str,
        before: &str,
        after: &str,
    ) -> (DueState, String, Option<NaiveDate>) {
        let as_of = self.as_of;
        let next = add_frequency(last.map_or(anchor, |l| l.max(anchor)), frequency);
        let head = match last {
            Some(l) => format!("{before}上次{what}在{}（{l}）{after}", days_ago(as_of, l)),
            None => format!("{before}尚无{what}记录（自 {anchor} 起计）{after}"),
        };
        if last.is_some_and(|l| add_frequency(l, frequency) > as_of) {
            return (
                DueState::Done,
                format!("{head}，下次{what}应于 {next}"),
                Some(next),
            );
        }
        let late = days_between(next, as_of);
        let text = match late {
            0 => format!("{head}，今天到期"),
            _ if late < 0 => format!("{head}，应于 {next} 前完成"),
            _ if late <= i64::from(tolerance_days) => {
                format!("{head}，{next} 到期，尚在 {tolerance_days} 天宽限内")
            }
            _ => {
                return (
                    DueState::Overdue,
                    format!("{head}，已逾期 {late} 天"),
                    Some(next),
                )
            }
        };
        (DueState::Due, text, Some(next))
    }

    /// Due until `deadline` (inclusive), overdue after, saying by how many days.
    fn deadline(
        &self,
        head: String,
        verb: &str,
        deadline: NaiveDate,
    ) -> (DueState, String, Option<NaiveDate>) {
        let late = days_between(deadline, self.as_of);
        if late > 0 {
            (
                DueState::Overdue,
                format!("{head}，已逾期 {late} 天（应于 {deadline} 前{verb}）"),
                Some(deadline),
            )
        } else {
            (
                DueState::Due,
                format!("{head}，应于 {deadline} 前{verb}"),
                Some(deadline),
            )
        }
    }
}

/// The day `birth` has its birthday in `year`; 29 February falls on 1 March in a common year, as in
/// [`crate::age_on`].
fn birthday_in(birth: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// `to - from` in days.
fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

fn days_ago(as_of: NaiveDate, then: NaiveDate) -> String {
    match days_between(then, as_of) {
        0 => "今天".to_owned(),
        n => format!(" {n} 天前"),
    }
}

/// Saturating date arithmetic: rule data can never make evaluation panic.
fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Calendar months, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The day one period after `date`. Days and weeks are exact; months and years are calendar
/// months. A frequency of 0 counts as 1 (an agreement cannot ask for rounds "every 0 weeks").
pub(super) fn add_frequency(date: NaiveDate, frequency: Frequency) -> NaiveDate {
    let every = frequency.every.max(1);
    match frequency.unit {
        FrequencyUnit::Day => add_days(date, u64::from(every)),
        FrequencyUnit::Week => add_days(date, 7 * u64::from(every)),
        FrequencyUnit::Month => add_months(date, every),
        FrequencyUnit::Year => every
            .checked_mul(12)
            .map_or(NaiveDate::MAX, |m| add_months(date, m)),
    }
}

/// "每周一次", "每 2 周一次", "每 3 个月一次".
pub(super) fn frequency_label(frequency: Frequency) -> String {
    let unit = match frequency.unit {
        FrequencyUnit::Day => "天",
        FrequencyUnit::Week => "周",
        FrequencyUnit::Month => "月",
        FrequencyUnit::Year => "年",
    };
    match (frequency.every.max(1), frequency.unit) {
        (1, _) => format!("每{unit}一次"),
        (n, FrequencyUnit::Month) => format!("每 {n} 个月一次"),
        (n, _) => format!("每 {n} {unit}一次"),
    }
}
