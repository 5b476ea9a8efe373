//! How an owed item's schedule is judged, one method per kind of schedule (team, health file,
//! annual item with its follow-up, long prescription, on-demand, rounds, plan and visits), and the
//! shared "due by / overdue by" sentences.
use chrono::NaiveDate;
use yiyang_protocol::{DisabilityGrade, DueState, Frequency};

use super::dates::{add_days, add_frequency, add_months, days_ago, days_between, frequency_label};
use super::evaluate::{Ctx, Owed};
use super::rules::{FollowUp, ItemRule, Schedule, DEFAULT_FILE_WITHIN_DAYS};
use super::summary::Seen;

impl Ctx<'_> {
    /// State, reason text (without the label) and due date of an owed item.
    pub(super) fn schedule(
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
