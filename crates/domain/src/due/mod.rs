//! The "7+3+4" due list: for one resident and one calendar year, which of the 14 items are done,
//! due, overdue, on demand or not applicable, and why (in Chinese).
//!
//! The rules are data ([`rules::RULES`], versioned by [`RULE_VERSION`]) so a county can correct a
//! rule without touching the evaluation code; [`evaluate`] is one pure function over facts the
//! store reads from SQL rows ([`ResidentFacts`], [`Coverage`], [`RecordFact`]). Nothing here reads
//! the clock: `today` is passed in.
//!
//! Evaluation date: the year is evaluated as of `min(today, 31 Dec of year)`, or as of the day the
//! resident died or moved out when that is earlier. A past year is therefore evaluated at its last
//! day. A year that has not started yet (`today` before 1 January) is evaluated as of 1 January for
//! who is owed what, and every applicable scheduled item is reported `Due` (nothing in it can be done
//! or overdue yet); on-demand and not-applicable items are reported as such.
//!
//! A resident who died or moved out is evaluated as of that day: what was done stays done, every
//! other cell becomes not applicable ("已于 YYYY-MM-DD 死亡，之后不再到期"); one who left before the
//! year began, or whose `in_care_since` is after the evaluation date, is owed nothing.
use chrono::NaiveDate;
use yiyang_protocol::{DisabilityGrade, Frequency, ServiceItem};

pub(crate) mod dates;
mod evaluate;
pub mod rules;
mod schedule;
mod summary;

pub use evaluate::{coverage_share, evaluate};
pub use rules::RULE_VERSION;

/// Why a resident's file is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeftReason {
    /// 死亡
    Deceased,
    /// 迁出
    Moved,
}

/// What the due list needs to know about a resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentFacts {
    pub birth_date: NaiveDate,
    /// The day the health file was created or the resident was admitted to the home, whichever the
    /// clinic's duties start from.
    pub in_care_since: NaiveDate,
    /// The day the resident died or moved out, if the file is closed.
    pub left_on: Option<(NaiveDate, LeftReason)>,
    /// The health file exists with its required fields complete.
    pub file_complete: bool,
    /// Grade of the latest ability / Barthel / self-care result; `None` when never assessed.
    pub disability: Option<DisabilityGrade>,
    /// Has a chronic condition such as hypertension or diabetes.
    pub chronic: bool,
    /// A hospice (S4) plan is current.
    pub end_of_life: bool,
}

/// The resident's active family-doctor contract (家庭医生签约).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractFacts {
    pub start: NaiveDate,
    /// Last day of the term, inclusive.
    pub end: NaiveDate,
    /// The contract names a care team.
    pub team_named: bool,
}

/// The cooperation agreement (医养服务合作协议) covering the resident's nursing home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementFacts {
    pub start: NaiveDate,
    /// Last day of the term, inclusive.
    pub end: NaiveDate,
    /// The items the agreement covers, each with its agreed frequency when one is set.
    pub items: Vec<(ServiceItem, Option<Frequency>)>,
    /// Health files are due within this many days of `in_care_since`.
    pub file_within_days: u32,
}

impl AgreementFacts {
    /// Whether the agreement covers `item`, and at which frequency (`Some(None)`: covered, no
    /// frequency agreed).
    pub fn covers(&self, item: ServiceItem) -> Option<Option<Frequency>> {
        self.items
            .iter()
            .find(|(covered, _)| *covered == item)
            .map(|(_, frequency)| *frequency)
    }
}

/// Who owes the resident services besides public health.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub contract: Option<ContractFacts>,
    pub agreement: Option<AgreementFacts>,
}

/// What a current (non-superseded) record says, as far as the due list cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactKind {
    /// An ordinary log entry or record for the item (a health check, a plan, a round, a visit, a
    /// referral, a G6 assessment that screened negative, …).
    Entry,
    /// A G6 psychological assessment that screened positive.
    PositiveScreen,
    /// A G6 intervention.
    Intervention,
    /// A G7 disability assessment; `intact` when the grade is 能力完好.
    DisabilityAssessment { intact: bool },
    /// G7 rehabilitation guidance.
    Guidance,
    /// A G5 long prescription, valid from its date for `weeks` weeks.
    Prescription { weeks: u8 },
    /// An S3 / S4 care plan, with the visit frequency it sets.
    CarePlan { frequency: Option<Frequency> },
}

/// One record of the service log or of a health record, reduced to what the due list needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordFact {
    pub item: ServiceItem,
    pub date: NaiveDate,
    pub kind: FactKind,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
