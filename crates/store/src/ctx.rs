//! Who writes and when: passed into every write so rules never read the clock themselves.
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

#[derive(Debug, Clone)]
pub struct WriteCtx {
    /// Id of the user making the change.
    pub actor_id: String,
    pub now: DateTime<Utc>,
    /// The user's local calendar day (for "not in the future" and ages).
    pub today: NaiveDate,
}

impl WriteCtx {
    pub fn new(actor_id: impl Into<String>, now: DateTime<Utc>, today: NaiveDate) -> Self {
        Self {
            actor_id: actor_id.into(),
            now,
            today,
        }
    }

    pub(crate) fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// A UUIDv7 whose time part is this write's time, so ids sort by creation.
    pub(crate) fn new_id(&self) -> String {
        let secs = u64::try_from(self.now.timestamp()).unwrap_or(0);
        let ts =
            uuid::Timestamp::from_unix(uuid::NoContext, secs, self.now.timestamp_subsec_nanos());
        uuid::Uuid::new_v7(ts).to_string()
    }
}
