//! The "7+3+4" services a clinic owes elderly residents: item codes, frequencies, the due list's
//! cells and rows.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The 14 items of "7+3+4" with their stable codes (see `shared/domain.md`): 7 basic services
/// (G1–G7), 3 priorities (P1–P3) and 4 extended services (S1–S4). Codes are never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum ServiceItem {
    /// 专业医护团队
    G1,
    /// 健康档案
    G2,
    /// 年度免费健康体检
    G3,
    /// 年度健康管理方案
    G4,
    /// 慢性病长处方
    G5,
    /// 心理健康评估干预
    G6,
    /// 失能健康评估和康复指导
    G7,
    /// 优先就诊
    P1,
    /// 优先转诊
    P2,
    /// 优先预约专家
    P3,
    /// 定期巡诊
    S1,
    /// 上门出诊
    S2,
    /// 长期护理康复
    S3,
    /// 安宁疗护
    S4,
}

impl ServiceItem {
    pub const ALL: [ServiceItem; 14] = [
        Self::G1,
        Self::G2,
        Self::G3,
        Self::G4,
        Self::G5,
        Self::G6,
        Self::G7,
        Self::P1,
        Self::P2,
        Self::P3,
        Self::S1,
        Self::S2,
        Self::S3,
        Self::S4,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FrequencyUnit {
    Day,
    Week,
    Month,
    Year,
}

/// "Every `every` `unit`s", e.g. rounds weekly = `{ every: 1, unit: week }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Frequency {
    pub every: u32,
    pub unit: FrequencyUnit,
}

/// Where an item stands for one resident in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// 已完成
    Done,
    /// 待完成（期限未到）
    Due,
    /// 已逾期
    Overdue,
    /// 按需提供（无固定期限，如优先就诊）
    OnDemand,
    /// 不适用
    NotApplicable,
}

/// One cell of the 14-cell grid: the item, its state and why, in Chinese
/// (e.g. "S1 定期巡诊：上次巡诊在 9 天前，协议约定每周一次").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueCell {
    pub item: ServiceItem,
    pub state: DueState,
    pub reason: String,
    /// Date of the latest entry that counts for this item (`YYYY-MM-DD`).
    pub last_done: Option<String>,
    /// The date by which the next entry is due, when there is one.
    pub due_by: Option<String>,
    /// How many entries this year (events such as referrals are counted, not scheduled).
    pub count_this_year: u32,
}

/// Coverage of one item over a group of residents (an institution, a county): how many residents
/// are owed it this year and how many have it done. An on-demand item (P1–P3, S2) counts as done
/// for a resident who used it at least once this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemCoverage {
    pub item: ServiceItem,
    /// Residents for whom the item is not `not_applicable`.
    pub applicable: u32,
    /// Of those, residents with the item `done` (or, on demand, used this year).
    pub done: u32,
}
