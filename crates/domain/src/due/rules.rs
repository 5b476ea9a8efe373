//! The due-list rules as data: one row per "7+3+4" item saying who is owed it, on which health
//! condition, and on which schedule. `shared/domain.md` is vague in places; each choice made here is
//! written next to the row it affects, and any change to a row must bump [`RULE_VERSION`] so that a
//! due list can always say which rules produced it.
use yiyang_protocol::{DisabilityGrade, Frequency, FrequencyUnit, ServiceItem};

/// Version of the rule table below. Bump on every change of a row or a constant.
pub const RULE_VERSION: &str = "due-7+3+4/2025.1";

/// The public-health age threshold (基本公卫 老年人健康管理): a resident who turns this age at any
/// time in the year is owed the year's check and plan, even before the birthday.
pub const PUBLIC_HEALTH_AGE: i32 = 65;

/// Days allowed to complete the health file after `in_care_since` when no agreement sets it.
pub const DEFAULT_FILE_WITHIN_DAYS: u32 = 30;

const WEEKLY: Frequency = Frequency {
    every: 1,
    unit: FrequencyUnit::Week,
};
const MONTHLY: Frequency = Frequency {
    every: 1,
    unit: FrequencyUnit::Month,
};

/// The health condition a resident must have for the item to be owed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// No condition.
    Nothing,
    /// A chronic condition (hypertension, diabetes, …).
    Chronic,
    /// A disability grade at least this severe, or being at end of life.
    DisabledOrEndOfLife(DisabilityGrade),
    /// A disability grade at least this severe.
    Disabled(DisabilityGrade),
    /// A current hospice plan.
    EndOfLife,
}

/// Whom public health (基本公卫) owes the item, without any agreement or contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Public {
    /// Nobody: only an agreement or a contract makes it owed.
    Nobody,
    /// Every resident (who meets the [`Need`]).
    Everyone,
    /// Residents reaching [`PUBLIC_HEALTH_AGE`] by 31 December of the year.
    Aged,
}

/// What completes an annual item besides its main entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// The main entry is enough.
    None,
    /// When the year's latest assessment screened positive, an intervention on or after it, within
    /// `within_days` of it.
    InterventionIfPositive { within_days: u32 },
    /// Guidance this year, within `within_days` of the assessment, unless the latest assessment
    /// found the resident 能力完好.
    GuidanceUnlessIntact { within_days: u32 },
}

/// When an item falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// G1: done when a team is named (by a contract) or an agreement makes the clinic's team
    /// responsible; no date.
    Team,
    /// G2: done when the file is complete; due within the agreement's `file_within_days` (or
    /// [`DEFAULT_FILE_WITHIN_DAYS`]) of `in_care_since`, overdue after.
    File,
    /// Once per calendar year.
    Annual {
        /// Days from the start of eligibility this year before a missing entry is overdue.
        grace_days: u32,
        /// An entry older than this many months (calendar) is overdue.
        valid_months: u32,
        /// Chinese wording: "2025-03-04 {done}" and "今年{pending}".
        done: &'static str,
        pending: &'static str,
        follow_up: FollowUp,
    },
    /// G5: done while a prescription is current.
    Prescription {
        /// Longest prescription the rules count (domain.md: ≤ 12 weeks); a longer one counts as this.
        max_weeks: u8,
        /// Days after expiry before a missing renewal is overdue.
        overdue_after_days: u32,
    },
    /// P1–P3, S2: delivered on request, counted, never due.
    OnDemand,
    /// S1: rounds at a frequency.
    Rounds {
        /// When the agreement lists the item without a frequency.
        agreement_default: Frequency,
        /// When only a family-doctor contract makes the item owed.
        contract_default: Frequency,
        /// Days after the due day that are still `Due` rather than `Overdue`.
        tolerance_days: u32,
    },
    /// S3, S4: a current care plan and visits at its frequency.
    PlanVisits {
        /// When neither the plan nor the agreement sets a frequency.
        default: Frequency,
        /// A plan older than this many months is no longer current; `None`: current as long as it is
        /// the latest (S4: the hospice plan is current while the resident is at end of life).
        plan_valid_months: Option<u32>,
        /// Days to make (or renew) the plan once it is needed.
        plan_within_days: u32,
        tolerance_days: u32,
        /// Chinese wording of the plan and of one visit, e.g. "长期护理康复计划", "护理康复服务".
        plan: &'static str,
        visit: &'static str,
    },
}

/// One row of the rule table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRule {
    pub item: ServiceItem,
    /// Code and name as shown in reasons, e.g. "G3 年度免费健康体检".
    pub label: &'static str,
    pub need: Need,
    pub public: Public,
    /// Owed when the agreement covering the resident's home lists the item.
    pub via_agreement: bool,
    /// Owed when the resident has an active family-doctor contract.
    pub via_contract: bool,
    pub schedule: Schedule,
}

impl ItemRule {
    /// The row of `item`.
    pub fn of(item: ServiceItem) -> &'static ItemRule {
        &RULES[item as usize]
    }
}

/// The rule table, in [`ServiceItem::ALL`] order.
///
/// Choices where domain.md is vague or the product brief overrides it:
/// - An agreement only makes an item owed if its item list names it; an empty list covers nothing.
///   An agreement or contract counts when the evaluation date falls within its term (inclusive).
/// - G1 is done under any active agreement (the clinic's team serves the home, whether or not the
///   list names G1) or when the active contract names a team; a contract without a team is due,
///   with no date.
/// - G2 is owed to everyone; an incomplete file is due within the active agreement's
///   `file_within_days` of `in_care_since` (taken as given, 0 included), else within
///   [`DEFAULT_FILE_WITHIN_DAYS`], and overdue after.
/// - G3/G4: public health owes them from the year of the 65th birthday (the whole year, so a check
///   before the birthday counts; the 90-day grace starts at the birthday); an agreement listing them
///   owes them to every resident of the home. A contract alone does not (its basic package follows
///   public health).
/// - G5 follows public health only: every chronic patient, agreement or not.
/// - G6/G7: owed under an agreement listing them or a contract (domain.md says "every resident";
///   without either the clinic has no duty to a resident it does not serve).
/// - P1–P3: contract holders only; an agreement listing them does not make them owed.
/// - S1–S4 need both the health condition and a provider: an agreement listing the item, or a
///   contract. S1/S2 from 轻度失能 (部分失能) or end of life; S3 from 中度失能; S4 at end of life.
/// - S1: no tolerance: a weekly round is due on the 7th day after the last one and overdue on the
///   8th.
/// - S3: a care plan is current for 12 months (plans are reviewed yearly), S4's while the resident is
///   at end of life; a missing plan is due within 30 days of the start of the duty (as for S1
///   rounds) and an expired one within 30 days of expiry; visits monthly (S3) or weekly (S4)
///   unless the plan or the agreement says otherwise; the first visit is due one period after the
///   plan.
/// - Annual items are overdue 12 calendar months after the latest entry; with no entry, 90 days
///   after eligibility began this year (1 January, admission, agreement or contract start, 65th
///   birthday). A resident who became eligible during the year keeps that 90-day grace even if an
///   older entry exists. A due date never falls after 31 December.
/// - G6: the year's latest assessment decides; if it screened positive an intervention on or after
///   it is needed within 30 days. G7: guidance within 30 days of the assessment unless the latest
///   assessment found 能力完好 (an assessment recorded without a grade falls back to the resident's
///   current grade; unknown means guidance is needed).
/// - G5: done while `date + 7 × weeks` is after the evaluation date (the last valid day is the day
///   before); then due until `date + 7 × weeks + 14` inclusive, overdue after; never prescribed is due
///   without a date (a long prescription is offered, not imposed). When several prescriptions
///   overlap, the one running longest counts. Plain G5 entries without a prescription are ignored.
/// - Periodic items (S1, S3 and S4 visits) are done while the evaluation date is before
///   `last + period`, due on that day, overdue from the next (tolerance 0, kept as data). With no
///   entry yet, the period runs from the later of `in_care_since` and the start of the agreement or
///   contract that owes the item (S1; the grade's date is not known) or from the plan's date (S3,
///   S4). A frequency of 0 counts as 1. Months and years are calendar months clamped to month end.
/// - Same-day G6 assessments: a positive one wins over a negative one.
pub const RULES: [ItemRule; 14] = [
    ItemRule {
        item: ServiceItem::G1,
        label: "G1 专业医护团队",
        need: Need::Nothing,
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::Team,
    },
    ItemRule {
        item: ServiceItem::G2,
        label: "G2 健康档案",
        need: Need::Nothing,
        public: Public::Everyone,
        via_agreement: false,
        via_contract: false,
        schedule: Schedule::File,
    },
    ItemRule {
        item: ServiceItem::G3,
        label: "G3 年度免费健康体检",
        need: Need::Nothing,
        public: Public::Aged,
        via_agreement: true,
        via_contract: false,
        schedule: Schedule::Annual {
            grace_days: 90,
            valid_months: 12,
            done: "已体检",
            pending: "尚未体检",
            follow_up: FollowUp::None,
        },
    },
    ItemRule {
        item: ServiceItem::G4,
        label: "G4 年度健康管理方案",
        need: Need::Nothing,
        public: Public::Aged,
        via_agreement: true,
        via_contract: false,
        schedule: Schedule::Annual {
            grace_days: 90,
            valid_months: 12,
            done: "已制定健康管理方案",
            pending: "尚未制定健康管理方案",
            follow_up: FollowUp::None,
        },
    },
    ItemRule {
        item: ServiceItem::G5,
        label: "G5 慢性病长处方",
        need: Need::Chronic,
        public: Public::Everyone,
        via_agreement: false,
        via_contract: false,
        schedule: Schedule::Prescription {
            max_weeks: 12,
            overdue_after_days: 14,
        },
    },
    ItemRule {
        item: ServiceItem::G6,
        label: "G6 心理健康评估干预",
        need: Need::Nothing,
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::Annual {
            grace_days: 90,
            valid_months: 12,
            done: "已进行心理健康评估",
            pending: "尚未进行心理健康评估",
            follow_up: FollowUp::InterventionIfPositive { within_days: 30 },
        },
    },
    ItemRule {
        item: ServiceItem::G7,
        label: "G7 失能健康评估和康复指导",
        need: Need::Nothing,
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::Annual {
            grace_days: 90,
            valid_months: 12,
            done: "已进行失能评估",
            pending: "尚未进行失能评估",
            follow_up: FollowUp::GuidanceUnlessIntact { within_days: 30 },
        },
    },
    ItemRule {
        item: ServiceItem::P1,
        label: "P1 优先就诊",
        need: Need::Nothing,
        public: Public::Nobody,
        via_agreement: false,
        via_contract: true,
        schedule: Schedule::OnDemand,
    },
    ItemRule {
        item: ServiceItem::P2,
        label: "P2 优先转诊",
        need: Need::Nothing,
        public: Public::Nobody,
        via_agreement: false,
        via_contract: true,
        schedule: Schedule::OnDemand,
    },
    ItemRule {
        item: ServiceItem::P3,
        label: "P3 优先预约专家",
        need: Need::Nothing,
        public: Public::Nobody,
        via_agreement: false,
        via_contract: true,
        schedule: Schedule::OnDemand,
    },
    ItemRule {
        item: ServiceItem::S1,
        label: "S1 定期巡诊",
        need: Need::DisabledOrEndOfLife(DisabilityGrade::Mild),
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::Rounds {
            agreement_default: WEEKLY,
            contract_default: MONTHLY,
            tolerance_days: 0,
        },
    },
    ItemRule {
        item: ServiceItem::S2,
        label: "S2 上门出诊",
        need: Need::DisabledOrEndOfLife(DisabilityGrade::Mild),
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::OnDemand,
    },
    ItemRule {
        item: ServiceItem::S3,
        label: "S3 长期护理康复",
        need: Need::Disabled(DisabilityGrade::Moderate),
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::PlanVisits {
            default: MONTHLY,
            plan_valid_months: Some(12),
            plan_within_days: 30,
            tolerance_days: 0,
            plan: "长期护理康复计划",
            visit: "护理康复服务",
        },
    },
    ItemRule {
        item: ServiceItem::S4,
        label: "S4 安宁疗护",
        need: Need::EndOfLife,
        public: Public::Nobody,
        via_agreement: true,
        via_contract: true,
        schedule: Schedule::PlanVisits {
            default: WEEKLY,
            plan_valid_months: None,
            plan_within_days: 30,
            tolerance_days: 0,
            plan: "安宁疗护计划",
            visit: "安宁疗护服务",
        },
    },
];

/// Severity rank of a grade (0 = 能力完好), so "at least this severe" does not depend on the
/// declaration order of the protocol enum.
pub fn severity(grade: DisabilityGrade) -> u8 {
    match grade {
        DisabilityGrade::Intact => 0,
        DisabilityGrade::Mild => 1,
        DisabilityGrade::Moderate => 2,
        DisabilityGrade::Severe => 3,
        DisabilityGrade::Total => 4,
    }
}

/// 能力完好 / 轻度失能 / 中度失能 / 重度失能 / 能力完全丧失.
pub fn grade_label(grade: DisabilityGrade) -> &'static str {
    match grade {
        DisabilityGrade::Intact => "能力完好",
        DisabilityGrade::Mild => "轻度失能",
        DisabilityGrade::Moderate => "中度失能",
        DisabilityGrade::Severe => "重度失能",
        DisabilityGrade::Total => "能力完全丧失",
    }
}
