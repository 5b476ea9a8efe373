//! Home and community care (居家社区养老): the service catalogue, home-care plans and the delivery
//! log, family care beds (家庭养老床位), care levels and 长护险 statements. The rules live in
//! `yiyang-domain::homecare`; the plans, deliveries, beds and bed visits are care records (kinds
//! `home_care_plan`, `home_service`, `family_bed`, `family_bed_end`, `bed_visit`), so they are
//! append-only, corrected by superseding entries and synced like every other entry.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DisabilityGrade, Frequency};

/// What a catalogue item is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ServiceUnit {
    /// 次
    Visit,
    /// 小时
    Hour,
    /// 餐
    Meal,
}

/// Who pays for a delivered service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// 自费
    SelfPaid,
    /// 政府购买
    Government,
    /// 长护险
    LongTermCare,
}

/// Groups of people entitled to a subsidy (补贴对象).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntitledGroup {
    /// 特困
    Tekun,
    /// 低保
    Dibao,
    /// 高龄
    Gaoling,
    /// 失能
    Disabled,
}

/// One service of the catalogue (助餐, 助洁 … or an item the county added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueItem {
    /// Stable code: lower-case letters, digits and `_` (e.g. `meal`, `county_foot_care`).
    pub code: String,
    pub name: String,
    pub unit: ServiceUnit,
    /// Price of one unit, in 分.
    #[ts(type = "number")]
    pub price_cents: i64,
    pub payer: Payer,
    /// Who gets this item subsidised (empty: nobody).
    pub subsidised: Vec<EntitledGroup>,
    /// Part of the built-in catalogue (cannot be removed, only overridden by the county).
    pub built_in: bool,
}

/// What the form sends to add a county item to the catalogue. Raw strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueItemInput {
    pub code: String,
    pub name: String,
    pub unit: Option<ServiceUnit>,
    /// 元, as typed (e.g. "15" or "15.50").
    pub price: String,
    pub payer: Option<Payer>,
    pub subsidised: Vec<EntitledGroup>,
}

/// One service of a home-care plan: which, how often, by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedService {
    /// Catalogue code.
    pub service: String,
    /// The catalogue's name of it when the plan was made (the store fills it in).
    pub service_name: String,
    pub frequency: Frequency,
    /// 服务人员或机构, e.g. "张护理员".
    pub provider: String,
}

/// 居家照护计划: the services a person living at home is to receive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeCarePlanInput {
    pub services: Vec<PlannedService>,
    pub note: String,
}

/// How the person served confirmed a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    /// 本人签字确认
    Person,
    /// 家属确认
    Family,
    /// 未确认 (e.g. nobody could sign; a note says why)
    None,
}

/// What the delivery form sends (raw strings for what is typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeServiceInput {
    /// Catalogue code; the store fills name, unit, price and payer from the catalogue.
    pub service: String,
    /// How many units (次/小时/餐), e.g. "1" or "1.5" hours.
    pub quantity: String,
    /// Minutes spent (optional).
    pub minutes: String,
    pub provider: String,
    /// Who pays; empty: the catalogue's payer.
    pub payer: Option<Payer>,
    pub confirmation: Confirmation,
    /// Name of whoever confirmed (required unless `confirmation` is `none`).
    pub confirmed_by: String,
    pub note: String,
    /// The catalogue item as the store priced it. The form leaves it empty; the store sets it.
    pub priced: Option<CatalogueItem>,
}

/// A logged delivery as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeService {
    pub service: String,
    pub service_name: String,
    pub unit: ServiceUnit,
    /// Units delivered, in hundredths (1.5 hours = 150), so money stays exact.
    #[ts(type = "number")]
    pub quantity_centi: i64,
    pub minutes: Option<u32>,
    #[ts(type = "number")]
    pub unit_price_cents: i64,
    /// `unit_price_cents × quantity_centi / 100`, rounded half up to the 分.
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub payer: Payer,
    pub provider: String,
    pub confirmation: Confirmation,
    pub confirmed_by: String,
    pub note: String,
}

/// 家庭养老床位 service level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BedLevel {
    /// 24 小时照护管理 (monitoring and response around the clock).
    Managed24h,
    /// 普通居家照护
    Ordinary,
}

/// Registration (or re-registration, e.g. a level change) of a family care bed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FamilyBedInput {
    pub address: String,
    /// 适老化改造 done (e.g. "卫生间扶手、防滑地面").
    pub adaptations: String,
    /// Devices installed (e.g. "紧急呼叫器、烟感报警器").
    pub devices: String,
    /// 管理服务机构 (the managing centre).
    pub centre: String,
    pub level: BedLevel,
}

/// The end of a family care bed (e.g. moved into a home, deceased).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FamilyBedEndInput {
    pub reason: String,
}

/// A check or visit at a family care bed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BedVisitInput {
    pub provider: String,
    /// 检查发现 / 服务内容.
    pub findings: String,
}

/// 照护等级, from the latest needs assessment by rule data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CareLevel {
    /// 无需照护
    None,
    /// 照护一级
    Level1,
    /// 照护二级
    Level2,
    /// 照护三级
    Level3,
    /// 照护四级
    Level4,
}

/// Where a person stands with 长护险 in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum LtcEligibility {
    /// Qualifies from `from` to `until` (inclusive), by the assessment of `from`.
    Eligible {
        from: String,
        until: String,
        grade: DisabilityGrade,
    },
    /// Not enrolled in 长护险 (the resident file's 长护险参保 is not set).
    NotInsured,
    /// No ability assessment yet.
    NotAssessed,
    /// The latest assessment's grade does not qualify under the county's rule.
    NotQualifying { grade: DisabilityGrade },
    /// The qualifying assessment is too old; a new one is needed.
    Expired { until: String },
}

/// One line of a monthly statement: a service delivered in the month, summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementLine {
    pub service: String,
    pub service_name: String,
    pub unit: ServiceUnit,
    pub payer: Payer,
    pub deliveries: u32,
    #[ts(type = "number")]
    pub quantity_centi: i64,
    #[ts(type = "number")]
    pub amount_cents: i64,
}

/// 长护险 monthly statement of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyStatement {
    pub resident_id: String,
    /// `YYYY-MM`.
    pub month: String,
    pub eligibility: LtcEligibility,
    pub lines: Vec<StatementLine>,
    /// Services charged to 长护险 this month, before the cap.
    #[ts(type = "number")]
    pub ltc_charged_cents: i64,
    #[ts(type = "number")]
    pub ltc_cap_cents: i64,
    /// What 长护险 pays: never more than the cap (0 when not eligible).
    #[ts(type = "number")]
    pub ltc_paid_cents: i64,
    /// Charged to 长护险 beyond what it pays (over the cap, or while not eligible): the person
    /// or a fund must cover it, so the statement flags it.
    #[ts(type = "number")]
    pub ltc_uncovered_cents: i64,
    #[ts(type = "number")]
    pub government_cents: i64,
    #[ts(type = "number")]
    pub self_paid_cents: i64,
    /// Chinese warnings shown on the statement (over the cap, not eligible …).
    pub flags: Vec<String>,
    /// Version of the 长护险 rule the statement was computed with.
    pub rule_version: String,
}

/// Whether a family care bed has had the visits its level requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum BedVisitState {
    /// Visited in time; the next visit is due by `due_by`.
    #[serde(rename_all = "camelCase")]
    OnTime { due_by: String },
    /// The visit due by `due_by` has not been logged; `days_over` days late.
    #[serde(rename_all = "camelCase")]
    Overdue { due_by: String, days_over: u32 },
    /// The bed has ended.
    Ended { on: String },
}

/// One family care bed as the 家庭养老床位 list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FamilyBedRow {
    pub resident_id: String,
    pub resident_name: String,
    /// The registration entry currently in force.
    pub record_id: String,
    pub registered_on: String,
    pub bed: FamilyBedInput,
    pub last_visit: Option<String>,
    pub state: BedVisitState,
    /// Why, in Chinese, e.g. "24 小时照护床位每 7 天至少巡访一次，上次巡访在 9 天前".
    pub reason: String,
}

/// One planned service as the due list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeCareDue {
    pub service: String,
    pub service_name: String,
    pub frequency: Frequency,
    pub provider: String,
    pub last_done: Option<String>,
    pub due_by: String,
    pub state: crate::DueState,
    pub reason: String,
}

/// What the 居家照护 page shows of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeCareOverview {
    pub resident_id: String,
    pub care_level: CareLevel,
    /// Date of the assessment the level comes from.
    pub assessed_on: Option<String>,
    pub entitled: Vec<EntitledGroup>,
    pub eligibility: LtcEligibility,
    /// Where the person stands with 长护险, in Chinese (e.g. "符合长护险待遇（重度失能，…）").
    pub eligibility_text: String,
    pub bed: Option<FamilyBedRow>,
    /// The plan in force (its entry id) and where each of its services stands.
    pub plan_id: Option<String>,
    pub due: Vec<HomeCareDue>,
}

/// Statement request: one person, one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementQuery {
    pub resident_id: String,
    /// `YYYY-MM`.
    pub month: String,
}

/// Deliveries of one service in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceMonthCount {
    pub service: String,
    pub service_name: String,
    /// `YYYY-MM`.
    pub month: String,
    pub deliveries: u32,
}

/// 居家社区养老 indicators of one institution (or the whole store) for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeCareIndicators {
    /// People living at home with at least one delivery in the period.
    pub served_at_home: u32,
    /// Deliveries per service and month, by month then catalogue order.
    pub deliveries: Vec<ServiceMonthCount>,
    /// Family care beds in force at the end of the period.
    pub beds_total: u32,
    /// Of those, under 24-hour management.
    pub beds_managed_24h: u32,
    /// Of the people at home whose care level (latest assessment) is 照护一级 or above, those
    /// served in the period; target ≥ 60 %.
    pub care_coverage: crate::Rate,
}

/// A planned service that is due or missed, for the 待办 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeCareTask {
    pub resident_id: String,
    pub resident_name: String,
    pub due: HomeCareDue,
}

/// The county's 长护险 rule as this installation applies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LtcSettings {
    /// The least severe grade that qualifies.
    pub min_grade: DisabilityGrade,
    /// Most 长护险 pays for one person in one month, in 分.
    #[ts(type = "number")]
    pub monthly_cap_cents: i64,
    /// Months a qualifying assessment stays valid.
    pub valid_months: u32,
    /// The county changed the built-in rule (false: the built-in one applies).
    pub customised: bool,
}

/// What the 长护险 rule form sends (raw strings for what is typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LtcSettingsInput {
    pub min_grade: Option<DisabilityGrade>,
    /// 元, as typed.
    pub monthly_cap: String,
    pub valid_months: String,
}
