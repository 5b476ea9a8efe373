//! Tests of the due list: one row per case (resident, coverage, records, year, today → the state
//! and a piece of the reason of one item), then coverage shares and a property test that
//! evaluation never panics and always returns the 14 items in order.
use chrono::NaiveDate;
use proptest::prelude::*;
use yiyang_protocol::{DisabilityGrade, DueCell, DueState, Frequency, FrequencyUnit, ServiceItem};

use super::evaluate::{add_frequency, frequency_label};
use super::rules::{ItemRule, RULES};
use super::*;

use DueState::{Done, Due, NotApplicable, OnDemand, Overdue};
use FactKind::{
    CarePlan, DisabilityAssessment, Entry, Guidance, Intervention, PositiveScreen, Prescription,
};
use ServiceItem::{G1, G2, G3, G4, G5, G6, G7, P1, P2, S1, S2, S3, S4};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const WEEKLY: Frequency = Frequency {
    every: 1,
    unit: FrequencyUnit::Week,
};
const MONTHLY: Frequency = Frequency {
    every: 1,
    unit: FrequencyUnit::Month,
};

/// 75 in 2025, in the home since 2020, partly disabled, hypertensive, file complete.
fn base_resident() -> ResidentFacts {
    ResidentFacts {
        birth_date: d("1950-05-01"),
        in_care_since: d("2020-01-01"),
        left_on: None,
        file_complete: true,
        disability: Some(DisabilityGrade::Mild),
        chronic: true,
        end_of_life: false,
    }
}

/// An agreement 2024–2026 covering all 14 items (rounds weekly, the rest without frequency) and a
/// 2025 contract naming a team.
fn base_coverage() -> Coverage {
    Coverage {
        contract: Some(ContractFacts {
            start: d("2025-01-01"),
            end: d("2025-12-31"),
            team_named: true,
        }),
        agreement: Some(AgreementFacts {
            start: d("2024-01-01"),
            end: d("2026-12-31"),
            items: ServiceItem::ALL
                .iter()
                .map(|&i| (i, (i == S1).then_some(WEEKLY)))
                .collect(),
            file_within_days: 30,
        }),
    }
}

type Edit<T> = fn(&mut T);

fn set_frequency(c: &mut Coverage, item: ServiceItem, f: Option<Frequency>) {
    if let Some(a) = c.agreement.as_mut() {
        for (i, freq) in a.items.iter_mut() {
            if *i == item {
                *freq = f;
            }
        }
    }
}

fn drop_item(c: &mut Coverage, item: ServiceItem) {
    if let Some(a) = c.agreement.as_mut() {
        a.items.retain(|(i, _)| *i != item);
    }
}

struct Case {
    name: &'static str,
    resident: Edit<ResidentFacts>,
    coverage: Edit<Coverage>,
    records: &'static [(ServiceItem, &'static str, FactKind)],
    year: i32,
    today: &'static str,
    item: ServiceItem,
    state: DueState,
    /// A piece of the reason.
    reason: &'static str,
    /// Expected `due_by`; `None`: not checked.
    due_by: Option<&'static str>,
}

const SAME: Edit<ResidentFacts> = |_| {};
const ALL_COVERED: Edit<Coverage> = |_| {};
const NO_RECORDS: &[(ServiceItem, &str, FactKind)] = &[];

const CASES: &[Case] = &[
    // ---- S1 rounds across the year boundary (weekly) ----
    Case {
        name: "round 28 Dec, evaluated 3 Jan: within the week",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(S1, "2024-12-28", Entry)],
        year: 2025,
        today: "2025-01-03",
        item: S1,
        state: Done,
        reason: "上次巡诊在 6 天前（2024-12-28），协议约定每周一次，下次巡诊应于 2025-01-04",
        due_by: Some("2025-01-04"),
    },
    Case {
        name: "round 28 Dec, evaluated 4 Jan: due today",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(S1, "2024-12-28", Entry)],
        year: 2025,
        today: "2025-01-04",
        item: S1,
        state: Due,
        reason: "今天到期",
        due_by: Some("2025-01-04"),
    },
    Case {
        name: "round 28 Dec, evaluated 6 Jan: overdue 2 days",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(S1, "2024-12-28", Entry)],
        year: 2025,
        today: "2025-01-06",
        item: S1,
        state: Overdue,
        reason: "已逾期 2 天",
        due_by: Some("2025-01-04"),
    },
    Case {
        name: "last round 9 days ago, weekly",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(S1, "2025-06-01", Entry), (S1, "2025-05-20", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Overdue,
        reason: "S1 定期巡诊：上次巡诊在 9 天前（2025-06-01），协议约定每周一次，已逾期 2 天",
        due_by: Some("2025-06-08"),
    },
    Case {
        name: "round today",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(S1, "2025-06-10", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Done,
        reason: "上次巡诊在今天",
        due_by: Some("2025-06-17"),
    },
    Case {
        name: "never a round since the agreement began",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-01-10",
        item: S1,
        state: Overdue,
        reason: "尚无巡诊记录（自 2024-01-01 起计）",
        due_by: Some("2024-01-08"),
    },
    Case {
        name: "newly admitted, first round within the week",
        resident: |r| r.in_care_since = d("2025-06-05"),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Due,
        reason: "应于 2025-06-12 前完成",
        due_by: Some("2025-06-12"),
    },
    Case {
        name: "agreement lists rounds without a frequency: weekly",
        resident: SAME,
        coverage: |c| set_frequency(c, S1, None),
        records: &[(S1, "2025-06-01", Entry)],
        year: 2025,
        today: "2025-06-05",
        item: S1,
        state: Done,
        reason: "协议未约定频次，按每周一次",
        due_by: Some("2025-06-08"),
    },
    Case {
        name: "contract only: monthly rounds",
        resident: SAME,
        coverage: |c| c.agreement = None,
        records: &[(S1, "2025-05-20", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Done,
        reason: "签约居民按每月一次",
        due_by: Some("2025-06-20"),
    },
    Case {
        name: "agreement without rounds, contract: monthly",
        resident: SAME,
        coverage: |c| drop_item(c, S1),
        records: &[(S1, "2025-05-01", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Overdue,
        reason: "签约居民按每月一次，已逾期 9 天",
        due_by: Some("2025-06-01"),
    },
    Case {
        name: "rounds neither agreed nor contracted",
        resident: SAME,
        coverage: |c| {
            drop_item(c, S1);
            c.contract = None;
        },
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: NotApplicable,
        reason: "S1 定期巡诊不适用：所在养老机构的合作协议未包含此项，且未签约家庭医生",
        due_by: None,
    },
    // ---- S1 eligibility by disability ----
    Case {
        name: "intact: no rounds",
        resident: |r| r.disability = Some(DisabilityGrade::Intact),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: NotApplicable,
        reason: "最近评估为能力完好（需轻度失能及以上），且非安宁疗护对象",
        due_by: None,
    },
    Case {
        name: "never assessed: no rounds",
        resident: |r| r.disability = None,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: NotApplicable,
        reason: "尚无失能评估结果",
        due_by: None,
    },
    Case {
        name: "intact but at end of life: rounds",
        resident: |r| {
            r.disability = Some(DisabilityGrade::Intact);
            r.end_of_life = true;
        },
        coverage: ALL_COVERED,
        records: &[(S1, "2025-06-08", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Done,
        reason: "上次巡诊在 2 天前",
        due_by: None,
    },
    Case {
        name: "severe: rounds",
        resident: |r| r.disability = Some(DisabilityGrade::Total),
        coverage: ALL_COVERED,
        records: &[(S1, "2025-06-08", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Done,
        reason: "协议约定每周一次",
        due_by: None,
    },
    // ---- frequency arithmetic at month end ----
    Case {
        name: "monthly from 31 Jan: not yet on 27 Feb",
        resident: SAME,
        coverage: |c| set_frequency(c, S1, Some(MONTHLY)),
        records: &[(S1, "2025-01-31", Entry)],
        year: 2025,
        today: "2025-02-27",
        item: S1,
        state: Done,
        reason: "协议约定每月一次，下次巡诊应于 2025-02-28",
        due_by: Some("2025-02-28"),
    },
    Case {
        name: "monthly from 31 Jan: due 28 Feb",
        resident: SAME,
        coverage: |c| set_frequency(c, S1, Some(MONTHLY)),
        records: &[(S1, "2025-01-31", Entry)],
        year: 2025,
        today: "2025-02-28",
        item: S1,
        state: Due,
        reason: "今天到期",
        due_by: Some("2025-02-28"),
    },
    Case {
        name: "monthly from 31 Jan of a leap year: due 29 Feb",
        resident: SAME,
        coverage: |c| set_frequency(c, S1, Some(MONTHLY)),
        records: &[(S1, "2024-01-31", Entry)],
        year: 2024,
        today: "2024-02-29",
        item: S1,
        state: Due,
        reason: "今天到期",
        due_by: Some("2024-02-29"),
    },
    Case {
        name: "monthly from 31 Jan of a leap year: overdue 1 March",
        resident: SAME,
        coverage: |c| set_frequency(c, S1, Some(MONTHLY)),
        records: &[(S1, "2024-01-31", Entry)],
        year: 2024,
        today: "2024-03-01",
        item: S1,
        state: Overdue,
        reason: "已逾期 1 天",
        due_by: Some("2024-02-29"),
    },
    Case {
        name: "every 2 weeks",
        resident: SAME,
        coverage: |c| {
            set_frequency(
                c,
                S1,
                Some(Frequency {
                    every: 2,
                    unit: FrequencyUnit::Week,
                }),
            )
        },
        records: &[(S1, "2025-06-01", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S1,
        state: Done,
        reason: "协议约定每 2 周一次",
        due_by: Some("2025-06-15"),
    },
    // ---- annual items ----
    Case {
        name: "health check this year",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2024-03-01", Entry), (G3, "2025-03-04", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: G3,
        state: Done,
        reason: "G3 年度免费健康体检：2025-03-04 已体检",
        due_by: None,
    },
    Case {
        name: "checked last year on 15 Nov, evaluated 10 Jan: due, not overdue",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2024-11-15", Entry)],
        year: 2025,
        today: "2025-01-10",
        item: G3,
        state: Due,
        reason: "G3 年度免费健康体检：今年尚未体检（上次 2024-11-15），应于 2025-11-15 前完成",
        due_by: Some("2025-11-15"),
    },
    Case {
        name: "checked last year on 15 Nov, evaluated on the anniversary",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2024-11-15", Entry)],
        year: 2025,
        today: "2025-11-15",
        item: G3,
        state: Due,
        reason: "应于 2025-11-15 前完成",
        due_by: Some("2025-11-15"),
    },
    Case {
        name: "checked last year on 15 Nov, evaluated the day after the anniversary",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2024-11-15", Entry)],
        year: 2025,
        today: "2025-11-16",
        item: G3,
        state: Overdue,
        reason: "已逾期 1 天（应于 2025-11-15 前完成）",
        due_by: Some("2025-11-15"),
    },
    Case {
        name: "last check more than 12 months ago: overdue from January",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2023-06-01", Entry)],
        year: 2025,
        today: "2025-01-10",
        item: G3,
        state: Overdue,
        reason: "今年尚未体检（上次 2023-06-01），已逾期",
        due_by: Some("2024-06-01"),
    },
    Case {
        name: "never checked: 90 days of grace from 1 January",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-04-01",
        item: G4,
        state: Due,
        reason: "G4 年度健康管理方案：今年尚未制定健康管理方案，应于 2025-04-01 前完成",
        due_by: Some("2025-04-01"),
    },
    Case {
        name: "never checked: overdue after the grace",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-04-02",
        item: G4,
        state: Overdue,
        reason: "已逾期 1 天",
        due_by: Some("2025-04-01"),
    },
    // ---- admitted mid-year ----
    Case {
        name: "admitted 1 June, day 89",
        resident: |r| r.in_care_since = d("2025-06-01"),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-08-29",
        item: G3,
        state: Due,
        reason: "应于 2025-08-30 前完成",
        due_by: Some("2025-08-30"),
    },
    Case {
        name: "admitted 1 June, day 91",
        resident: |r| r.in_care_since = d("2025-06-01"),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-08-31",
        item: G3,
        state: Overdue,
        reason: "已逾期 1 天",
        due_by: Some("2025-08-30"),
    },
    Case {
        name: "admitted 1 June with a check from 2023: grace still applies",
        resident: |r| r.in_care_since = d("2025-06-01"),
        coverage: ALL_COVERED,
        records: &[(G3, "2023-01-05", Entry)],
        year: 2025,
        today: "2025-07-01",
        item: G3,
        state: Due,
        reason: "（上次 2023-01-05），应于 2025-08-30 前完成",
        due_by: Some("2025-08-30"),
    },
    Case {
        name: "admitted in November: due by 31 Dec at the latest",
        resident: |r| r.in_care_since = d("2025-11-15"),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-11-20",
        item: G3,
        state: Due,
        reason: "应于 2025-12-31 前完成",
        due_by: Some("2025-12-31"),
    },
    Case {
        name: "agreement began mid-year: grace from its start",
        resident: |r| r.birth_date = d("1970-01-01"),
        coverage: |c| {
            if let Some(a) = c.agreement.as_mut() {
                a.start = d("2025-05-01");
            }
        },
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G3,
        state: Due,
        reason: "应于 2025-07-30 前完成",
        due_by: Some("2025-07-30"),
    },
    Case {
        name: "admitted after the evaluation date",
        resident: |r| r.in_care_since = d("2025-07-01"),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G2,
        state: NotApplicable,
        reason: "G2 健康档案不适用：2025-07-01 才建档或入住",
        due_by: None,
    },
    // ---- 65th birthday ----
    Case {
        name: "turns 65 in September, no agreement: owed, grace from the birthday",
        resident: |r| r.birth_date = d("1960-09-01"),
        coverage: |c| c.agreement = None,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-03-01",
        item: G3,
        state: Due,
        reason: "今年尚未体检，应于 2025-11-30 前完成",
        due_by: Some("2025-11-30"),
    },
    Case {
        name: "turns 65 in September: a check before the birthday counts",
        resident: |r| r.birth_date = d("1960-09-01"),
        coverage: |c| c.agreement = None,
        records: &[(G3, "2025-03-01", Entry)],
        year: 2025,
        today: "2025-10-01",
        item: G3,
        state: Done,
        reason: "2025-03-01 已体检",
        due_by: None,
    },
    Case {
        name: "turns 65 in September: overdue 91 days after",
        resident: |r| r.birth_date = d("1960-09-01"),
        coverage: |c| c.agreement = None,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-12-01",
        item: G4,
        state: Overdue,
        reason: "已逾期 1 天",
        due_by: Some("2025-11-30"),
    },
    Case {
        name: "turns 65 next year, no agreement",
        resident: |r| r.birth_date = d("1961-01-01"),
        coverage: |c| c.agreement = None,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G3,
        state: NotApplicable,
        reason: "G3 年度免费健康体检不适用：年底前未满 65 周岁，且所在养老机构无有效合作协议",
        due_by: None,
    },
    Case {
        name: "64 and the agreement does not list the check",
        resident: |r| r.birth_date = d("1961-01-01"),
        coverage: |c| drop_item(c, G3),
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G3,
        state: NotApplicable,
        reason: "年底前未满 65 周岁，且所在养老机构的合作协议未包含此项",
        due_by: None,
    },
    Case {
        name: "64 under an agreement listing the check",
        resident: |r| r.birth_date = d("1961-01-01"),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-03-01",
        item: G3,
        state: Due,
        reason: "今年尚未体检",
        due_by: Some("2025-04-01"),
    },
    Case {
        name: "born 29 Feb: 65th birthday on 1 March of a common year",
        resident: |r| r.birth_date = d("1960-02-29"),
        coverage: |c| c.agreement = None,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-03-01",
        item: G3,
        state: Due,
        reason: "应于 2025-05-30 前完成",
        due_by: Some("2025-05-30"),
    },
    // ---- G6 psychological assessment and intervention ----
    Case {
        name: "negative screen",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G6, "2025-03-01", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: G6,
        state: Done,
        reason: "2025-03-01 已进行心理健康评估，未见阳性",
        due_by: None,
    },
    Case {
        name: "positive PHQ without intervention, within 30 days",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G6, "2025-03-01", PositiveScreen)],
        year: 2025,
        today: "2025-03-20",
        item: G6,
        state: Due,
        reason: "筛查阳性，尚无干预记录，应于 2025-03-31 前干预",
        due_by: Some("2025-03-31"),
    },
    Case {
        name: "positive PHQ without intervention, after 30 days",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G6, "2025-03-01", PositiveScreen)],
        year: 2025,
        today: "2025-04-15",
        item: G6,
        state: Overdue,
        reason: "尚无干预记录，已逾期 15 天",
        due_by: Some("2025-03-31"),
    },
    Case {
        name: "intervention before the positive screen does not count",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (G6, "2025-02-01", Intervention),
            (G6, "2025-03-01", PositiveScreen),
        ],
        year: 2025,
        today: "2025-03-20",
        item: G6,
        state: Due,
        reason: "尚无干预记录",
        due_by: None,
    },
    Case {
        name: "positive screen followed by an intervention",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (G6, "2025-03-05", Intervention),
            (G6, "2025-03-01", PositiveScreen),
        ],
        year: 2025,
        today: "2025-06-10",
        item: G6,
        state: Done,
        reason: "筛查阳性，2025-03-05 已干预",
        due_by: None,
    },
    Case {
        name: "intervention on the day of the positive screen",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (G6, "2025-03-01", PositiveScreen),
            (G6, "2025-03-01", Intervention),
        ],
        year: 2025,
        today: "2025-06-10",
        item: G6,
        state: Done,
        reason: "2025-03-01 已干预",
        due_by: None,
    },
    Case {
        name: "same-day negative and positive: the positive wins",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (G6, "2025-03-01", PositiveScreen),
            (G6, "2025-03-01", Entry),
        ],
        year: 2025,
        today: "2025-03-10",
        item: G6,
        state: Due,
        reason: "筛查阳性",
        due_by: None,
    },
    Case {
        name: "G6 without agreement or contract",
        resident: SAME,
        coverage: |c| *c = Coverage::default(),
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G6,
        state: NotApplicable,
        reason: "所在养老机构无有效合作协议，且未签约家庭医生",
        due_by: None,
    },
    // ---- G7 disability assessment and guidance ----
    Case {
        name: "assessed intact: no guidance needed",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G7, "2025-02-01", DisabilityAssessment { intact: true })],
        year: 2025,
        today: "2025-06-10",
        item: G7,
        state: Done,
        reason: "能力完好，无需康复指导",
        due_by: None,
    },
    Case {
        name: "assessed disabled, no guidance",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G7, "2025-02-01", DisabilityAssessment { intact: false })],
        year: 2025,
        today: "2025-04-01",
        item: G7,
        state: Overdue,
        reason: "今年尚无康复指导，已逾期 29 天",
        due_by: Some("2025-03-03"),
    },
    Case {
        name: "assessed disabled, guided",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (G7, "2025-02-01", DisabilityAssessment { intact: false }),
            (G7, "2025-02-10", Guidance),
            (G7, "2024-02-10", Guidance),
        ],
        year: 2025,
        today: "2025-04-01",
        item: G7,
        state: Done,
        reason: "2025-02-10 已康复指导",
        due_by: None,
    },
    Case {
        name: "assessment without a grade: falls back to the resident's grade",
        resident: |r| r.disability = Some(DisabilityGrade::Intact),
        coverage: ALL_COVERED,
        records: &[(G7, "2025-02-01", Entry)],
        year: 2025,
        today: "2025-04-01",
        item: G7,
        state: Done,
        reason: "能力完好",
        due_by: None,
    },
    // ---- G5 long prescription ----
    Case {
        name: "no chronic condition",
        resident: |r| r.chronic = false,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G5,
        state: NotApplicable,
        reason: "G5 慢性病长处方不适用：无慢性病",
        due_by: None,
    },
    Case {
        name: "never prescribed",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G5,
        state: Due,
        reason: "尚无长处方",
        due_by: None,
    },
    Case {
        name: "12 weeks from 1 Jan: last valid day 25 Mar",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G5, "2025-01-01", Prescription { weeks: 12 })],
        year: 2025,
        today: "2025-03-25",
        item: G5,
        state: Done,
        reason: "2025-01-01 开具 12 周长处方，有效至 2025-03-25",
        due_by: Some("2025-03-25"),
    },
    Case {
        name: "12 weeks from 1 Jan: expired on 26 Mar",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G5, "2025-01-01", Prescription { weeks: 12 })],
        year: 2025,
        today: "2025-03-26",
        item: G5,
        state: Due,
        reason: "长处方已于 2025-03-25 到期，应于 2025-04-09 前续开",
        due_by: Some("2025-04-09"),
    },
    Case {
        name: "expired 14 days ago: still due",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G5, "2025-01-01", Prescription { weeks: 12 })],
        year: 2025,
        today: "2025-04-09",
        item: G5,
        state: Due,
        reason: "长处方已于 2025-03-25 到期",
        due_by: Some("2025-04-09"),
    },
    Case {
        name: "expired 15 days ago: overdue",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G5, "2025-01-01", Prescription { weeks: 12 })],
        year: 2025,
        today: "2025-04-10",
        item: G5,
        state: Overdue,
        reason: "长处方已于 2025-03-25 到期，已逾期 1 天",
        due_by: Some("2025-04-09"),
    },
    Case {
        name: "renewed: the longest-running prescription counts",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (G5, "2025-03-20", Prescription { weeks: 4 }),
            (G5, "2025-01-01", Prescription { weeks: 12 }),
        ],
        year: 2025,
        today: "2025-04-10",
        item: G5,
        state: Done,
        reason: "2025-03-20 开具 4 周长处方，有效至 2025-04-16",
        due_by: None,
    },
    Case {
        name: "more than 12 weeks counts as 12",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G5, "2025-01-01", Prescription { weeks: 20 })],
        year: 2025,
        today: "2025-03-26",
        item: G5,
        state: Due,
        reason: "已于 2025-03-25 到期",
        due_by: None,
    },
    Case {
        name: "prescription across the year boundary",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G5, "2024-12-20", Prescription { weeks: 8 })],
        year: 2025,
        today: "2025-01-10",
        item: G5,
        state: Done,
        reason: "有效至 2025-02-13",
        due_by: None,
    },
    // ---- S3 long-term care, S4 hospice ----
    Case {
        name: "S3 needs moderate disability",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S3,
        state: NotApplicable,
        reason: "最近评估为轻度失能（需中度失能及以上）",
        due_by: None,
    },
    Case {
        name: "S3 without plan",
        resident: |r| r.disability = Some(DisabilityGrade::Moderate),
        coverage: ALL_COVERED,
        records: &[(S3, "2025-06-01", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: S3,
        state: Overdue,
        reason: "尚无长期护理康复计划，已逾期",
        due_by: Some("2024-01-31"),
    },
    Case {
        name: "S3 without plan, agreement began this month",
        resident: |r| r.disability = Some(DisabilityGrade::Severe),
        coverage: |c| {
            if let Some(a) = c.agreement.as_mut() {
                a.start = d("2025-06-01");
            }
            c.contract = None;
        },
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S3,
        state: Due,
        reason: "尚无长期护理康复计划，应于 2025-07-01 前制定",
        due_by: Some("2025-07-01"),
    },
    Case {
        name: "S3 plan weekly, visited 5 days ago",
        resident: |r| r.disability = Some(DisabilityGrade::Moderate),
        coverage: ALL_COVERED,
        records: &[
            (
                S3,
                "2025-01-10",
                CarePlan {
                    frequency: Some(WEEKLY),
                },
            ),
            (S3, "2025-06-05", Entry),
        ],
        year: 2025,
        today: "2025-06-10",
        item: S3,
        state: Done,
        reason: "长期护理康复计划 2025-01-10 制定，约定每周一次",
        due_by: Some("2025-06-12"),
    },
    Case {
        name: "S3 plan without frequency: monthly; no visit yet",
        resident: |r| r.disability = Some(DisabilityGrade::Moderate),
        coverage: ALL_COVERED,
        records: &[(S3, "2025-05-01", CarePlan { frequency: None })],
        year: 2025,
        today: "2025-05-20",
        item: S3,
        state: Due,
        reason: "按每月一次；尚无护理康复服务记录",
        due_by: Some("2025-06-01"),
    },
    Case {
        name: "S3 plan older than 12 months",
        resident: |r| r.disability = Some(DisabilityGrade::Moderate),
        coverage: ALL_COVERED,
        records: &[
            (S3, "2024-01-05", CarePlan { frequency: None }),
            (S3, "2025-06-05", Entry),
        ],
        year: 2025,
        today: "2025-06-10",
        item: S3,
        state: Overdue,
        reason: "长期护理康复计划（2024-01-05 制定）已超过 12 个月未更新",
        due_by: Some("2025-02-04"),
    },
    Case {
        name: "S4 only at end of life",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S4,
        state: NotApplicable,
        reason: "S4 安宁疗护不适用：非安宁疗护对象",
        due_by: None,
    },
    Case {
        name: "S4 plan, weekly by default, visited",
        resident: |r| r.end_of_life = true,
        coverage: ALL_COVERED,
        records: &[
            (S4, "2024-06-01", CarePlan { frequency: None }),
            (S4, "2025-06-05", Entry),
        ],
        year: 2025,
        today: "2025-06-10",
        item: S4,
        state: Done,
        reason: "按每周一次；上次安宁疗护服务在 5 天前",
        due_by: Some("2025-06-12"),
    },
    Case {
        name: "S4 plan, visit overdue",
        resident: |r| r.end_of_life = true,
        coverage: ALL_COVERED,
        records: &[
            (S4, "2025-05-01", CarePlan { frequency: None }),
            (S4, "2025-05-30", Entry),
        ],
        year: 2025,
        today: "2025-06-10",
        item: S4,
        state: Overdue,
        reason: "已逾期 4 天",
        due_by: Some("2025-06-06"),
    },
    // ---- G1 team, G2 file ----
    Case {
        name: "agreement: the clinic's team",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G1,
        state: Done,
        reason: "由合作协议约定的卫生院医护团队负责",
        due_by: None,
    },
    Case {
        name: "contract without a team",
        resident: SAME,
        coverage: |c| {
            c.agreement = None;
            if let Some(k) = c.contract.as_mut() {
                k.team_named = false;
            }
        },
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G1,
        state: Due,
        reason: "家庭医生签约尚未指定服务团队",
        due_by: None,
    },
    Case {
        name: "expired contract, no agreement",
        resident: SAME,
        coverage: |c| {
            c.agreement = None;
            if let Some(k) = c.contract.as_mut() {
                k.end = d("2025-05-31");
            }
        },
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G1,
        state: NotApplicable,
        reason: "无有效合作协议，且未签约家庭医生",
        due_by: None,
    },
    Case {
        name: "file complete",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G2,
        state: Done,
        reason: "必填项完整",
        due_by: None,
    },
    Case {
        name: "file incomplete within the agreed days",
        resident: |r| {
            r.file_complete = false;
            r.in_care_since = d("2025-05-01");
        },
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-05-20",
        item: G2,
        state: Due,
        reason: "合作协议约定建档或入住后 30 天内完成），应于 2025-05-31 前完成",
        due_by: Some("2025-05-31"),
    },
    Case {
        name: "file incomplete after the agreed days",
        resident: |r| {
            r.file_complete = false;
            r.in_care_since = d("2025-05-01");
        },
        coverage: |c| {
            if let Some(a) = c.agreement.as_mut() {
                a.file_within_days = 15;
            }
        },
        records: NO_RECORDS,
        year: 2025,
        today: "2025-05-20",
        item: G2,
        state: Overdue,
        reason: "已逾期 4 天",
        due_by: Some("2025-05-16"),
    },
    Case {
        name: "file incomplete, no agreement: 30 days by default",
        resident: |r| {
            r.file_complete = false;
            r.in_care_since = d("2025-05-01");
        },
        coverage: |c| *c = Coverage::default(),
        records: NO_RECORDS,
        year: 2025,
        today: "2025-05-20",
        item: G2,
        state: Due,
        reason: "默认建档或入住后 30 天内完成",
        due_by: Some("2025-05-31"),
    },
    // ---- on demand ----
    Case {
        name: "priority consultation used twice",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[
            (P1, "2024-12-01", Entry),
            (P1, "2025-02-01", Entry),
            (P1, "2025-05-03", Entry),
        ],
        year: 2025,
        today: "2025-06-10",
        item: P1,
        state: OnDemand,
        reason: "P1 优先就诊：按需提供，今年已提供 2 次，最近一次 2025-05-03",
        due_by: None,
    },
    Case {
        name: "priority referral without a contract",
        resident: SAME,
        coverage: |c| c.contract = None,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: P2,
        state: NotApplicable,
        reason: "P2 优先转诊不适用：未签约家庭医生",
        due_by: None,
    },
    Case {
        name: "home visit for a disabled resident",
        resident: SAME,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S2,
        state: OnDemand,
        reason: "今年尚未提供",
        due_by: None,
    },
    Case {
        name: "home visit: intact resident",
        resident: |r| r.disability = Some(DisabilityGrade::Intact),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: S2,
        state: NotApplicable,
        reason: "S2 上门出诊不适用：最近评估为能力完好",
        due_by: None,
    },
    // ---- deceased, moved out ----
    Case {
        name: "died in May: a check in March stays done",
        resident: |r| r.left_on = Some((d("2025-05-01"), LeftReason::Deceased)),
        coverage: ALL_COVERED,
        records: &[(G3, "2025-03-01", Entry)],
        year: 2025,
        today: "2025-06-10",
        item: G3,
        state: Done,
        reason: "2025-03-01 已体检",
        due_by: None,
    },
    Case {
        name: "died in May: the plan no longer falls due",
        resident: |r| r.left_on = Some((d("2025-05-01"), LeftReason::Deceased)),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G4,
        state: NotApplicable,
        reason: "G4 年度健康管理方案：已于 2025-05-01 死亡，之后不再到期",
        due_by: None,
    },
    Case {
        name: "died in May: rounds evaluated on the day of death",
        resident: |r| r.left_on = Some((d("2025-05-01"), LeftReason::Deceased)),
        coverage: ALL_COVERED,
        records: &[(S1, "2025-04-28", Entry)],
        year: 2025,
        today: "2025-12-10",
        item: S1,
        state: Done,
        reason: "上次巡诊在 3 天前",
        due_by: None,
    },
    Case {
        name: "died in May: rounds overdue at death are not due any more",
        resident: |r| r.left_on = Some((d("2025-05-01"), LeftReason::Deceased)),
        coverage: ALL_COVERED,
        records: &[(S1, "2025-04-01", Entry)],
        year: 2025,
        today: "2025-12-10",
        item: S1,
        state: NotApplicable,
        reason: "已于 2025-05-01 死亡，之后不再到期",
        due_by: None,
    },
    Case {
        name: "died in May: referrals are no longer on demand",
        resident: |r| r.left_on = Some((d("2025-05-01"), LeftReason::Deceased)),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: P2,
        state: NotApplicable,
        reason: "死亡，之后不再到期",
        due_by: None,
    },
    Case {
        name: "moved out in March",
        resident: |r| r.left_on = Some((d("2025-03-10"), LeftReason::Moved)),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G6,
        state: NotApplicable,
        reason: "已于 2025-03-10 迁出，之后不再到期",
        due_by: None,
    },
    Case {
        name: "moved out later than the evaluated year",
        resident: |r| r.left_on = Some((d("2025-03-10"), LeftReason::Moved)),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2024,
        today: "2025-06-10",
        item: G1,
        state: Done,
        reason: "由合作协议约定",
        due_by: None,
    },
    Case {
        name: "died before the year",
        resident: |r| r.left_on = Some((d("2024-12-01"), LeftReason::Deceased)),
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2025,
        today: "2025-06-10",
        item: G1,
        state: NotApplicable,
        reason: "G1 专业医护团队不适用：已于 2024-12-01 死亡，之后不再到期",
        due_by: None,
    },
    // ---- past and future years ----
    Case {
        name: "past year: evaluated at 31 Dec, later records ignored",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2025-03-01", Entry), (G3, "2023-05-01", Entry)],
        year: 2024,
        today: "2025-06-10",
        item: G3,
        state: Overdue,
        reason: "2024 年尚未体检（上次 2023-05-01），已逾期 244 天",
        due_by: Some("2024-05-01"),
    },
    Case {
        name: "past year: done that year",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2024-05-01", Entry)],
        year: 2024,
        today: "2025-06-10",
        item: G3,
        state: Done,
        reason: "2024-05-01 已体检",
        due_by: None,
    },
    Case {
        name: "past year: rounds as of 31 Dec",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(S1, "2024-12-27", Entry), (S1, "2025-01-02", Entry)],
        year: 2024,
        today: "2025-06-10",
        item: S1,
        state: Done,
        reason: "上次巡诊在 4 天前（2024-12-27）",
        due_by: Some("2025-01-03"),
    },
    Case {
        name: "past year: contract of a later year does not count",
        resident: SAME,
        coverage: |c| c.agreement = None,
        records: NO_RECORDS,
        year: 2024,
        today: "2025-06-10",
        item: P1,
        state: NotApplicable,
        reason: "未签约家庭医生",
        due_by: None,
    },
    Case {
        name: "future year: everything owed is due",
        resident: SAME,
        coverage: ALL_COVERED,
        records: &[(G3, "2025-03-01", Entry)],
        year: 2026,
        today: "2025-06-10",
        item: G3,
        state: Due,
        reason: "G3 年度免费健康体检：2026 年尚未开始，届时到期",
        due_by: None,
    },
    Case {
        name: "future year: not applicable stays so",
        resident: |r| r.chronic = false,
        coverage: ALL_COVERED,
        records: NO_RECORDS,
        year: 2026,
        today: "2025-06-10",
        item: G5,
        state: NotApplicable,
        reason: "无慢性病",
        due_by: None,
    },
];

#[test]
fn due_rules() {
    let mut failures = Vec::new();
    for case in CASES {
        let mut resident = base_resident();
        (case.resident)(&mut resident);
        let mut coverage = base_coverage();
        (case.coverage)(&mut coverage);
        let records: Vec<RecordFact> = case
            .records
            .iter()
            .map(|&(item, date, kind)| RecordFact {
                item,
                date: d(date),
                kind,
            })
            .collect();
        let cells = evaluate(&resident, &coverage, &records, case.year, d(case.today));
        let cell = &cells[case.item as usize];
        let due_ok = case
            .due_by
            .is_none_or(|want| cell.due_by.as_deref() == Some(want));
        if cell.state != case.state || !cell.reason.contains(case.reason) || !due_ok {
            failures.push(format!(
                "{}: expected {:?} «{}» due_by {:?}, got {:?} «{}» due_by {:?}",
                case.name,
                case.state,
                case.reason,
                case.due_by,
                cell.state,
                cell.reason,
                cell.due_by
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn whole_row_for_a_typical_resident() {
    let records = [
        RecordFact {
            item: G3,
            date: d("2025-03-04"),
            kind: Entry,
        },
        RecordFact {
            item: S1,
            date: d("2025-06-08"),
            kind: Entry,
        },
    ];
    let cells = evaluate(
        &base_resident(),
        &base_coverage(),
        &records,
        2025,
        d("2025-06-10"),
    );
    let states: Vec<DueState> = cells.iter().map(|c| c.state).collect();
    assert_eq!(
        states,
        [
            Done,          // G1 agreement
            Done,          // G2 file complete
            Done,          // G3
            Overdue,       // G4 never
            Due,           // G5 never prescribed
            Overdue,       // G6 never
            Overdue,       // G7 never
            OnDemand,      // P1
            OnDemand,      // P2
            OnDemand,      // P3
            Done,          // S1
            OnDemand,      // S2
            NotApplicable, // S3 mild only
            NotApplicable, // S4
        ]
    );
    assert_eq!(cells[2].last_done.as_deref(), Some("2025-03-04"));
    assert_eq!(cells[2].count_this_year, 1);
    assert_eq!(
        cells[3].reason,
        "G4 年度健康管理方案：今年尚未制定健康管理方案，已逾期 70 天（应于 2025-04-01 前完成）"
    );
}

#[test]
fn rule_table_is_in_item_order() {
    for (i, item) in ServiceItem::ALL.iter().enumerate() {
        assert_eq!(RULES[i].item, *item);
        assert_eq!(*item as usize, i);
        assert_eq!(ItemRule::of(*item).item, *item);
        assert!(RULES[i].label.starts_with(&format!("{item:?} ")));
    }
    assert!(!RULE_VERSION.is_empty());
}

#[test]
fn frequency_arithmetic() {
    let f = |every, unit| Frequency { every, unit };
    let cases: &[(&str, Frequency, &str, &str)] = &[
        (
            "2025-01-31",
            f(1, FrequencyUnit::Month),
            "2025-02-28",
            "每月一次",
        ),
        (
            "2024-01-31",
            f(1, FrequencyUnit::Month),
            "2024-02-29",
            "每月一次",
        ),
        (
            "2025-03-31",
            f(3, FrequencyUnit::Month),
            "2025-06-30",
            "每 3 个月一次",
        ),
        (
            "2024-02-29",
            f(1, FrequencyUnit::Year),
            "2025-02-28",
            "每年一次",
        ),
        (
            "2025-12-28",
            f(1, FrequencyUnit::Week),
            "2026-01-04",
            "每周一次",
        ),
        (
            "2025-12-31",
            f(3, FrequencyUnit::Day),
            "2026-01-03",
            "每 3 天一次",
        ),
        (
            "2025-06-01",
            f(0, FrequencyUnit::Week),
            "2025-06-08",
            "每周一次",
        ),
    ];
    for (from, freq, want, label) in cases {
        assert_eq!(add_frequency(d(from), *freq), d(want), "{from} {freq:?}");
        assert_eq!(frequency_label(*freq), *label);
    }
    // Saturates instead of panicking at the end of the calendar.
    let huge = f(u32::MAX, FrequencyUnit::Year);
    assert_eq!(add_frequency(d("2025-01-01"), huge), NaiveDate::MAX);
}

#[test]
fn coverage_shares() {
    let today = d("2025-06-10");
    let coverage = base_coverage();
    let checked = [RecordFact {
        item: G3,
        date: d("2025-03-04"),
        kind: Entry,
    }];
    let consulted = [RecordFact {
        item: P1,
        date: d("2025-03-04"),
        kind: Entry,
    }];
    let young = ResidentFacts {
        birth_date: d("1970-01-01"),
        ..base_resident()
    };
    let rows = [
        evaluate(&base_resident(), &coverage, &checked, 2025, today),
        evaluate(&base_resident(), &coverage, &consulted, 2025, today),
        evaluate(&young, &Coverage::default(), &[], 2025, today),
    ];
    let shares = coverage_share(&rows);
    for (i, share) in shares.iter().enumerate() {
        assert_eq!(share.item, ServiceItem::ALL[i]);
    }
    let get = |item: ServiceItem| {
        let s = shares[item as usize];
        (s.applicable, s.done)
    };
    assert_eq!(get(G2), (3, 3));
    assert_eq!(get(G3), (2, 1));
    assert_eq!(get(P1), (2, 1));
    assert_eq!(get(S3), (0, 0));
    assert_eq!(coverage_share(&[]).map(|s| s.applicable), [0; 14]);
}

/// Evaluates many residents with many records each; a smoke check that evaluation is linear.
#[test]
fn many_records_evaluate_quickly() {
    let kinds = [
        Entry,
        PositiveScreen,
        Intervention,
        Guidance,
        DisabilityAssessment { intact: false },
        Prescription { weeks: 8 },
        CarePlan {
            frequency: Some(WEEKLY),
        },
    ];
    let records: Vec<RecordFact> = (0..300u32)
        .map(|i| RecordFact {
            item: ServiceItem::ALL[(i % 14) as usize],
            date: d("2024-01-01") + chrono::Days::new(u64::from(i * 2)),
            kind: kinds[(i % 7) as usize],
        })
        .collect();
    let resident = ResidentFacts {
        disability: Some(DisabilityGrade::Severe),
        end_of_life: true,
        ..base_resident()
    };
    let coverage = base_coverage();
    let start = std::time::Instant::now();
    let rows: Vec<[DueCell; 14]> = (0..300)
        .map(|_| evaluate(&resident, &coverage, &records, 2025, d("2025-06-10")))
        .collect();
    let elapsed = start.elapsed();
    assert_eq!(rows.len(), 300);
    // Generous bound for unoptimised test builds on a slow machine.
    assert!(elapsed.as_millis() < 2_000, "{elapsed:?}");
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=366).prop_map(|(y, doy)| {
        NaiveDate::from_yo_opt(y, doy).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
    })
}

fn any_frequency() -> impl Strategy<Value = Option<Frequency>> {
    proptest::option::of((0u32..400, 0usize..4).prop_map(|(every, u)| Frequency {
        every,
        unit: [
            FrequencyUnit::Day,
            FrequencyUnit::Week,
            FrequencyUnit::Month,
            FrequencyUnit::Year,
        ][u],
    }))
}

fn any_grade() -> impl Strategy<Value = Option<DisabilityGrade>> {
    proptest::option::of((0usize..5).prop_map(|i| {
        [
            DisabilityGrade::Intact,
            DisabilityGrade::Mild,
            DisabilityGrade::Moderate,
            DisabilityGrade::Severe,
            DisabilityGrade::Total,
        ][i]
    }))
}

fn any_kind() -> impl Strategy<Value = FactKind> {
    prop_oneof![
        Just(Entry),
        Just(PositiveScreen),
        Just(Intervention),
        any::<bool>().prop_map(|intact| DisabilityAssessment { intact }),
        Just(Guidance),
        any::<u8>().prop_map(|weeks| Prescription { weeks }),
        any_frequency().prop_map(|frequency| CarePlan { frequency }),
    ]
}

fn any_item() -> impl Strategy<Value = ServiceItem> {
    (0usize..14).prop_map(|i| ServiceItem::ALL[i])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn evaluate_never_panics_and_keeps_item_order(
        birth in any_date(),
        since in any_date(),
        left in proptest::option::of((any_date(), any::<bool>())),
        file_complete in any::<bool>(),
        disability in any_grade(),
        chronic in any::<bool>(),
        end_of_life in any::<bool>(),
        contract in proptest::option::of((any_date(), any_date(), any::<bool>())),
        agreement in proptest::option::of((
            any_date(),
            any_date(),
            proptest::collection::vec((any_item(), any_frequency()), 0..16),
            any::<u32>(),
        )),
        records in proptest::collection::vec((any_item(), any_date(), any_kind()), 0..40),
        year in prop_oneof![1890i32..2110, Just(i32::MIN), Just(i32::MAX), Just(262_143)],
        today in any_date(),
    ) {
        let resident = ResidentFacts {
            birth_date: birth,
            in_care_since: since,
            left_on: left.map(|(on, died)| {
                (on, if died { LeftReason::Deceased } else { LeftReason::Moved })
            }),
            file_complete,
            disability,
            chronic,
            end_of_life,
        };
        let coverage = Coverage {
            contract: contract.map(|(start, end, team_named)| ContractFacts { start, end, team_named }),
            agreement: agreement.map(|(start, end, items, file_within_days)| AgreementFacts {
                start,
                end,
                items,
                file_within_days,
            }),
        };
        let records: Vec<RecordFact> = records
            .into_iter()
            .map(|(item, date, kind)| RecordFact { item, date, kind })
            .collect();
        let cells = evaluate(&resident, &coverage, &records, year, today);
        for (cell, item) in cells.iter().zip(ServiceItem::ALL) {
            prop_assert_eq!(cell.item, item);
            prop_assert!(cell.reason.starts_with(&format!("{item:?} ")), "{}", cell.reason);
            // Anything overdue says by how much and by when.
            if cell.state == Overdue {
                prop_assert!(cell.reason.contains("已逾期"), "{}", cell.reason);
                prop_assert!(cell.due_by.is_some());
            }
        }
        let shares = coverage_share(&[cells.clone(), cells]);
        for share in shares {
            prop_assert!(share.done <= share.applicable && share.applicable <= 2);
        }
    }
}
