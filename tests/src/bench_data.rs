//! Set-up shared by the benchmark binaries: a write context on a given day, and a cooperation
//! agreement with weekly rounds put in force.
use anyhow::Context as _;
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use yiyang_protocol::{
    AgreementInput, AgreementItem, AgreementStep, Frequency, FrequencyUnit, ServiceItem,
    ServiceMethod,
};
use yiyang_store::{Store, WriteCtx};

/// Writes dated `day` (at 10:00 in China).
pub fn ctx_on(store: &Store, day: NaiveDate) -> anyhow::Result<WriteCtx> {
    let now = Utc
        .with_ymd_and_hms(day.year(), day.month(), day.day(), 2, 0, 0)
        .single()
        .context("time")?;
    Ok(store.ctx(now, day)?)
}

/// An agreement with `home_id` covering every 7+3+4 item, rounds weekly, for `start..=end`, put
/// in force on `activated_on`.
pub fn weekly_rounds_agreement(
    admin: &mut Store,
    ctx: &WriteCtx,
    home_id: &str,
    (start, end): (NaiveDate, NaiveDate),
    activated_on: NaiveDate,
) -> anyhow::Result<()> {
    let items = ServiceItem::ALL
        .into_iter()
        .map(|item| AgreementItem {
            item,
            frequency: (item == ServiceItem::S1).then_some(Frequency {
                every: 1,
                unit: FrequencyUnit::Week,
            }),
        })
        .collect();
    let a = admin.create_agreement(
        ctx,
        &AgreementInput {
            nursing_home_id: home_id.to_owned(),
            number: String::new(),
            start_on: start.to_string(),
            end_on: end.to_string(),
            items,
            methods: vec![ServiceMethod::ScheduledRounds],
            file_within_days: "30".into(),
            note: String::new(),
        },
    )?;
    admin.activate_agreement(
        ctx,
        &AgreementStep {
            id: a.id,
            version: a.version,
            on: activated_on.to_string(),
            reason: String::new(),
        },
    )?;
    Ok(())
}
