//! One step of a sync cycle between the store and the county: push one outbox batch, or pull
//! and store one page. The store is locked only around its own reads and writes, never across a
//! request, so the nurse's typing never waits for the network.
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use tokio::task::JoinHandle;
use yiyang_protocol::sync::{
    EnrolRequest, EnrolResponse, PullResponse, PushResponse, PROTOCOL_VERSION,
};
use yiyang_store::Store;

use crate::client::CountyClient;
use crate::error::SyncError;

/// Access to the open store, if any (it is closed while nobody is logged in).
pub trait StoreAccess: Send + Sync + 'static {
    fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> Option<R>;
}

impl StoreAccess for Arc<Mutex<Store>> {
    fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> Option<R> {
        let mut guard = self.lock().ok()?;
        Some(f(&mut guard))
    }
}

/// Runs `f` on the store; a closed store is [`SyncError::StoreClosed`].
pub fn on_store<S: StoreAccess, R>(
    store: &S,
    f: impl FnOnce(&mut Store) -> yiyang_store::Result<R>,
) -> Result<R, SyncError> {
    Ok(store.with_store(f).ok_or(SyncError::StoreClosed)??)
}

/// What one push step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pushed {
    /// Mutations the county settled in this step (applied, conflict or rejected).
    pub settled: usize,
    /// Nothing is pending any more.
    pub empty: bool,
}

/// Pushes the next batch of at most `limit` pending mutations and records every result,
/// sending nothing ahead.
pub async fn push_step<S: StoreAccess>(
    store: &S,
    client: &CountyClient,
    limit: usize,
) -> Result<Pushed, SyncError> {
    push_step_ahead(store, client, limit, &mut PushAhead::none()).await
}

fn check_answer(sent: usize, answer: &PushResponse) -> Result<(), SyncError> {
    if answer.results.len() != sent {
        return Err(SyncError::BadAnswer(format!(
            "发送 {sent} 条变更，县级服务器答复 {} 条",
            answer.results.len()
        )));
    }
    Ok(())
}

/// How many batches may be at the county at once.
const FLIGHTS: usize = 2;

/// One batch sent and not yet answered.
struct Flight {
    sent: usize,
    last_seq: i64,
    answer: JoinHandle<Result<PushResponse, SyncError>>,
}

/// The batches after the one just answered, sent before that one's results are stored, up to
/// [`FLIGHTS`] at the county: it parses the next batch while it applies one and never waits for
/// the laptop to read, serialise and send. The county still applies one batch at a time, in seq
/// order (a device's pushes queue on its row lock; one that arrived first refuses with a gap).
pub struct PushAhead {
    flights: VecDeque<Flight>,
    /// At most this many batches sent ahead.
    most: usize,
}

impl Default for PushAhead {
    fn default() -> Self {
        PushAhead {
            flights: VecDeque::new(),
            most: FLIGHTS,
        }
    }
}

impl PushAhead {
    /// Sends no batch ahead: each is sent once the one before it is answered and stored.
    pub fn none() -> Self {
        PushAhead {
            flights: VecDeque::new(),
            most: 0,
        }
    }

    /// Forgets every batch in flight. The county may still apply them: their mutations stay
    /// pending here, and sending them again returns the stored results (exactly once,
    /// docs/sync-protocol.md).
    fn abandon(&mut self) {
        for flight in self.flights.drain(..) {
            flight.answer.abort();
        }
    }
}

impl Drop for PushAhead {
    fn drop(&mut self) {
        self.abandon();
    }
}

/// [`push_step`], sending the following batches ahead (see [`PushAhead`]). When a batch sent
/// ahead fails, it and those sent after it are sent again from the outbox, so sending ahead
/// never changes what is settled.
pub async fn push_step_ahead<S: StoreAccess>(
    store: &S,
    client: &CountyClient,
    limit: usize,
    ahead: &mut PushAhead,
) -> Result<Pushed, SyncError> {
    let landed = match ahead.flights.pop_front() {
        Some(flight) => match flight.answer.await.ok().and_then(Result::ok) {
            Some(answer) => Some((flight.sent, answer)),
            None => {
                ahead.abandon();
                None
            }
        },
        None => None,
    };
    let (sent, answer) = match landed {
        Some(landed) => landed,
        None => {
            let batch = on_store(store, |s| s.push_batch_after(0, limit))?;
            if batch.is_empty() {
                return Ok(Pushed {
                    settled: 0,
                    empty: true,
                });
            }
            (batch.len(), client.push(batch).await?)
        }
    };
    check_answer(sent, &answer)?;
    let mut last = match ahead.flights.back() {
        Some(flight) => flight.last_seq,
        None => answer.results.iter().map(|r| r.seq).max().unwrap_or(0),
    };
    while ahead.flights.len() < ahead.most {
        let next = on_store(store, |s| s.push_batch_after(last, limit))?;
        let Some(last_seq) = next.last().map(|m| m.seq) else {
            break;
        };
        let (client, sent) = (client.clone(), next.len());
        ahead.flights.push_back(Flight {
            sent,
            last_seq,
            answer: tokio::spawn(async move { client.push(next).await }),
        });
        last = last_seq;
    }
    let in_flight = !ahead.flights.is_empty();
    let empty = on_store(store, |s| {
        s.record_push_results(&answer.results, Utc::now())?;
        Ok(!in_flight && s.next_push_batch(1)?.is_empty())
    })?;
    Ok(Pushed {
        settled: sent,
        empty,
    })
}

/// What one pull step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pulled {
    pub rows: usize,
    pub conflicts: usize,
    pub more: bool,
}

/// Pulls the page after the stored cursor and stores it with its cursor in one transaction.
pub async fn pull_step<S: StoreAccess>(
    store: &S,
    client: &CountyClient,
    limit: u32,
) -> Result<Pulled, SyncError> {
    pull_step_ahead(store, client, limit, &mut PullAhead::default()).await
}

/// The next page, asked for while the previous one is being stored: during an initial download
/// the county and the network work while the laptop writes, instead of each waiting for the
/// other.
#[derive(Default)]
pub struct PullAhead(Option<(String, JoinHandle<Result<PullResponse, SyncError>>)>);

impl Drop for PullAhead {
    fn drop(&mut self) {
        if let Some((_, fetch)) = self.0.take() {
            fetch.abort();
        }
    }
}

/// [`pull_step`], using and leaving a page fetched ahead in `ahead`. A page fetched for another
/// cursor than the stored one (its predecessor failed to store) or a fetch that failed is
/// dropped and asked again, so fetching ahead never changes what is stored.
pub async fn pull_step_ahead<S: StoreAccess>(
    store: &S,
    client: &CountyClient,
    limit: u32,
    ahead: &mut PullAhead,
) -> Result<Pulled, SyncError> {
    let pulled = pull_ahead(store, client, limit, ahead).await;
    if pulled.is_err() {
        // A first download that stops here may not resume for days: the indexes it leaves out
        // until its end are needed now.
        if let Err(e) = on_store(store, |s| s.build_deferred_indexes()) {
            tracing::warn!(error = %e, "could not build the care-record indexes");
        }
    }
    pulled
}

async fn pull_ahead<S: StoreAccess>(
    store: &S,
    client: &CountyClient,
    limit: u32,
    ahead: &mut PullAhead,
) -> Result<Pulled, SyncError> {
    let cursor = on_store(store, |s| s.pull_cursor())?;
    let fetched = match ahead.0.take() {
        Some((after, fetch)) if Some(&after) == cursor.as_ref() => {
            fetch.await.ok().and_then(Result::ok)
        }
        Some((_, fetch)) => {
            fetch.abort();
            None
        }
        None => None,
    };
    let page = match fetched {
        Some(page) => page,
        None => client.pull(cursor.as_deref(), limit).await?,
    };
    if page.more {
        let (client, next) = (client.clone(), page.cursor.clone());
        let fetch = tokio::spawn(async move { client.pull(Some(&next), limit).await });
        ahead.0 = Some((page.cursor.clone(), fetch));
    }
    on_store(store, |s| s.apply_pull_page(&page, Utc::now()))?;
    Ok(Pulled {
        rows: page.rows.len(),
        conflicts: page.conflicts.len(),
        more: page.more,
    })
}

/// The client for the enrolled county, or [`SyncError::NotEnrolled`].
pub fn enrolled_client<S: StoreAccess>(store: &S) -> Result<CountyClient, SyncError> {
    let settings = on_store(store, |s| s.sync_settings())?.ok_or(SyncError::NotEnrolled)?;
    CountyClient::new(&settings.server_url, Some(settings.token))
}

/// Enrols this laptop with a one-time code (requires an administrator logged in: the store
/// checks). The token is stored only after the county answered.
pub async fn enrol<S: StoreAccess>(
    store: &S,
    server_url: &str,
    code: &str,
    device_name: &str,
) -> Result<EnrolResponse, SyncError> {
    let (device_id, credit_code) = on_store(store, |s| Ok((s.device_id()?, s.own_credit_code()?)))?;
    let client = CountyClient::new(server_url, None)?;
    let answer = client
        .enrol(&EnrolRequest {
            protocol: PROTOCOL_VERSION,
            code: code.trim().to_owned(),
            device_id,
            device_name: device_name.trim().to_owned(),
            credit_code,
        })
        .await?;
    on_store(store, |s| {
        s.save_enrolment(client.base(), &answer, Utc::now())
    })?;
    Ok(answer)
}
