//! Date and frequency arithmetic for the due list, saturating so that rule data can never make
//! evaluation panic, and the short Chinese phrases built on it ("3 天前", "每 2 周一次").
use chrono::{Datelike, Days, Months, NaiveDate};
use yiyang_protocol::{Frequency, FrequencyUnit};

/// The day `birth` has its birthday in `year`; 29 February falls on 1 March in a common year, as in
/// [`crate::age_on`].
pub(crate) fn birthday_in(birth: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// `to - from` in days.
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

pub(crate) fn days_ago(as_of: NaiveDate, then: NaiveDate) -> String {
    match days_between(then, as_of) {
        0 => "今天".to_owned(),
        n => format!(" {n} 天前"),
    }
}

/// Saturating date arithmetic: rule data can never make evaluation panic.
pub(crate) fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Calendar months, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
pub(crate) fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The day one period after `date`. Days and weeks are exact; months and years are calendar
/// months. A frequency of 0 counts as 1 (an agreement cannot ask for rounds "every 0 weeks").
pub(crate) fn add_frequency(date: NaiveDate, frequency: Frequency) -> NaiveDate {
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
pub(crate) fn frequency_label(frequency: Frequency) -> String {
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
