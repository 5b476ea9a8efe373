//! Push: a batch of a device's mutations applied exactly once, in one transaction together with
//! the device's new high-water mark (docs/sync-protocol.md, "Push").
//!
//! A batch is first applied on a fast path: the rows it touches are loaded and locked in one
//! query, each mutation is merged, validated and authorised in order against those rows (kept
//! up to date as the batch writes them), and the writes are sent to PostgreSQL in one pipeline,
//! in the order the mutations make them, a chunk at a time while the rest is planned
//! ([`batch`], [`pipeline`]). A rejection writes nothing. A database error (or an insert that
//! lost a race with a concurrent push) rolls the batch back to its savepoint and the batch is
//! applied again mutation by mutation, each in its own savepoint, so a database error rejects
//! only the mutation that caused it ([`one_by_one`]).
//!
//! Both paths load and lock rows the same way ([`rows`]), decide a mutation the same way
//! ([`decide`], [`authorise`]), make the same follow-up writes ([`follow_up`]) and keep each
//! result for retries ([`settle`]).

mod authorise;
mod batch;
mod decide;
mod follow_up;
mod one_by_one;
mod pipeline;
mod rows;
mod settle;

use std::collections::HashMap;

use deadpool_postgres::Transaction;
use tokio_postgres::error::SqlState;
use uuid::Uuid;
use yiyang_protocol::sync::{
    Mutation, MutationResult, Outcome, PushRequest, PushResponse, MAX_PUSH_BATCH,
};

use crate::auth::AuthDevice;
use crate::db::{AppState, Op};
use crate::error::{AppError, AppResult};

type DbResult<T> = Result<T, tokio_postgres::Error>;

/// Residents whose readability by this device's institution is known in this batch. A write
/// to a resident forgets that resident; a write to an agreement forgets them all.
type Readable = HashMap<Uuid, bool>;

pub async fn push(
    state: &AppState,
    device: AuthDevice,
    req: PushRequest,
) -> AppResult<PushResponse> {
    crate::auth::check_version(req.protocol)?;
    if req.mutations.len() > MAX_PUSH_BATCH {
        return Err(AppError::PayloadTooLarge(format!(
            "一次最多推送 {MAX_PUSH_BATCH} 条修改，本次为 {} 条",
            req.mutations.len()
        )));
    }
    if let Some(first) = req.mutations.first() {
        for (i, m) in req.mutations.iter().enumerate() {
            let expected = first
                .seq
                .saturating_add(i64::try_from(i).unwrap_or(i64::MAX));
            if m.seq != expected {
                return Err(AppError::BadRequest(format!(
                    "一批修改的序号必须连续：第 {} 条的序号应为 {expected}，实际为 {}",
                    i + 1,
                    m.seq
                )));
            }
        }
    }
    let mut client = state.pool.get().await?;
    let mut tx = client.transaction().await?;
    // The device row lock serialises pushes of one device: a retry racing the original waits,
    // then sees the mark the original left.
    let lock = tx
        .prepare_cached(
            "SELECT high_water, revoked_at IS NOT NULL FROM devices WHERE id = $1 FOR UPDATE",
        )
        .await?;
    let row = tx
        .query_opt(&lock, &[&device.id])
        .await?
        .ok_or(AppError::Unauthorized)?;
    if row.get::<_, bool>(1) {
        return Err(AppError::Revoked);
    }
    let mut high_water: i64 = row.get(0);
    let mut results = Vec::with_capacity(req.mutations.len());
    // The seqs are consecutive: the settled ones (retries) come first, then the new ones.
    let mut fresh = req.mutations.len();
    for (i, m) in req.mutations.iter().enumerate() {
        if m.seq <= high_water {
            results.push(stored_result(&tx, device.id, m).await?);
            continue;
        }
        if m.seq != high_water + 1 {
            return Err(AppError::SequenceGap {
                expected: high_water + 1,
            });
        }
        fresh = i;
        break;
    }
    let fresh = &req.mutations[fresh..];
    if let Some(last) = fresh.last() {
        let applied = match batch::apply_batch(&mut tx, device, fresh).await? {
            Some(applied) => applied,
            None => one_by_one::apply_one_by_one(&mut tx, device, fresh).await?,
        };
        results.extend(applied);
        high_water = last.seq;
    }
    let mark = tx
        .prepare_cached("UPDATE devices SET high_water = $2 WHERE id = $1")
        .await?;
    tx.execute(&mark, &[&device.id, &high_water]).await?;
    tx.commit().await?;
    Ok(PushResponse {
        results,
        high_water,
    })
}

/// A retried mutation's first result; a different mutation id under the same seq means the
/// laptop lost mutations the county settled (restored from an old backup).
async fn stored_result(
    tx: &Transaction<'_>,
    device: Uuid,
    m: &Mutation,
) -> AppResult<MutationResult> {
    let stmt = tx
        .prepare_cached(
            "SELECT mutation_id, result FROM mutations WHERE device_id = $1 AND seq = $2",
        )
        .await?;
    let row = tx
        .query_opt(&stmt, &[&device, &m.seq])
        .await?
        .ok_or_else(|| AppError::BadRequest(format!("修改序号 {} 无效：序号从 1 开始", m.seq)))?;
    if row.get::<_, String>(0) != m.mutation_id {
        return Err(AppError::DeviceDiverged { seq: m.seq });
    }
    serde_json::from_str(row.get(1))
        .map_err(|e| AppError::Internal(format!("stored result of seq {}: {e}", m.seq)))
}

/// Runs one write at once (the statement is prepared once per connection).
async fn run(tx: &Transaction<'_>, op: &Op) -> DbResult<u64> {
    let stmt = tx.prepare_cached(&op.sql).await?;
    tx.execute(&stmt, &op.refs()).await
}

fn rejected(code: &str, field: Option<&str>, message: impl Into<String>) -> Outcome {
    Outcome::Rejected {
        code: code.to_owned(),
        field: field.map(str::to_owned),
        message: message.into(),
    }
}

/// Deadlocks and serialisation failures fail the whole batch, so the laptop retries rather
/// than quarantining a good change.
fn transient(e: &tokio_postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

fn uuid_ref(v: &Option<String>) -> Option<Uuid> {
    v.as_deref().and_then(|s| Uuid::parse_str(s).ok())
}

const FORBIDDEN: &str = "forbidden";
