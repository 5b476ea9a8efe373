//! The fast path: the rows a batch names are loaded and locked in one query, each mutation is
//! decided in order against them (kept up to date as the batch writes them), and the writes go
//! to PostgreSQL through one [`Pipeline`]. `None` sends the batch down the slow path
//! ([`super::one_by_one`]).
use std::collections::HashSet;

use deadpool_postgres::Transaction;
use serde_json::Value;
use uuid::Uuid;
use yiyang_protocol::sync::{Mutation, MutationResult, Outcome, SyncTable};

use super::authorise::{authorise, forget_readable};
use super::decide::{incoming_fields, merge_and_validate, outcome, row_id, row_write};
use super::follow_up::{duplicate_check, follow_up_ops, resolve};
use super::pipeline::{Pipeline, Write, CHUNK};
use super::rows::{load_rows_for_update, Rows};
use super::settle::Settled;
use super::{rejected, transient, uuid_ref, DbResult, Readable, FORBIDDEN};
use crate::auth::AuthDevice;
use crate::db::{update_row_op, NewRow, StoredRow};
use crate::error::{AppError, AppResult};
use crate::merge::Fields;
use crate::readable::readable_residents;

/// The fast path (module docs): `None` when the batch must be applied mutation by mutation.
pub(super) async fn apply_batch(
    tx: &mut Transaction<'_>,
    device: AuthDevice,
    muts: &[Mutation],
) -> AppResult<Option<Vec<MutationResult>>> {
    let sp = tx.savepoint("batch").await?;
    match apply_batch_in(&sp, device, muts).await {
        Ok(Some(results)) => {
            sp.commit().await?;
            Ok(Some(results))
        }
        Ok(None) => {
            sp.rollback().await?;
            Ok(None)
        }
        Err(AppError::Db(e)) if !transient(&e) => {
            tracing::info!(error = %e, "batch failed in the database: applying it mutation by mutation");
            sp.rollback().await?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

async fn apply_batch_in(
    tx: &Transaction<'_>,
    device: AuthDevice,
    muts: &[Mutation],
) -> AppResult<Option<Vec<MutationResult>>> {
    let mut rows = load_rows_for_update(tx, muts).await?;
    let mut readable = Readable::new();
    let mut pipe = Pipeline::new(tx);
    let mut results = Vec::with_capacity(muts.len());
    let mut settled = Settled::default();
    for (i, m) in muts.iter().enumerate() {
        let Some(outcome) = plan(
            &mut pipe,
            device,
            m,
            &muts[i + 1..],
            &mut rows,
            &mut readable,
        )
        .await?
        else {
            return Ok(None);
        };
        let result = MutationResult {
            seq: m.seq,
            mutation_id: m.mutation_id.clone(),
            outcome,
        };
        settled.push(device.id, m, &result)?;
        results.push(result);
        if (i + 1) % CHUNK == 0 {
            pipe.queue_ops(settled.take_ops(device.id));
            pipe.send().await?;
        }
    }
    pipe.queue_ops(settled.take_ops(device.id));
    Ok(pipe.flush().await?.then_some(results))
}

/// One mutation of the fast path: decided against the batch's rows, its writes queued.
/// `None` when the batch must take the slow path.
async fn plan(
    pipe: &mut Pipeline<'_>,
    device: AuthDevice,
    m: &Mutation,
    rest: &[Mutation],
    rows: &mut Rows,
    readable: &mut Readable,
) -> AppResult<Option<Outcome>> {
    let tx = pipe.tx();
    let table = m.table;
    let row_id = match row_id(m) {
        Ok(id) => id,
        Err(outcome) => return Ok(Some(outcome)),
    };
    let fields = incoming_fields(m);
    let current = rows.get(&(table, row_id)).cloned();
    let (row, changed, conflicts, refs) = match merge_and_validate(m, &fields, current.as_ref()) {
        Ok(merged) => merged,
        Err(outcome) => return Ok(Some(outcome)),
    };
    // Authorisation may read the database: it must see the batch's earlier writes.
    let resident = uuid_ref(&refs.resident);
    if table == SyncTable::CareRecords {
        if let Some(r) = resident {
            own_resident_readable(device.institution_id, r, rows, readable);
        }
    }
    let reads = match table {
        SyncTable::Contracts => uuid_ref(&refs.owner).is_none() && resident.is_some(),
        SyncTable::CareRecords => resident.is_some_and(|r| !readable.contains_key(&r)),
        SyncTable::Users => uuid_ref(&refs.owner) != Some(device.institution_id),
        _ => false,
    };
    if reads {
        if !pipe.flush().await? {
            return Ok(None);
        }
        if table == SyncTable::CareRecords {
            prefetch_readable(tx, device.institution_id, m, rest, rows, readable).await?;
        }
    }
    let owner = match authorise(
        tx,
        device.institution_id,
        table,
        row_id,
        &refs,
        current.as_ref(),
        readable,
    )
    .await?
    {
        Ok(owner) => owner,
        Err(message) => return Ok(Some(rejected(FORBIDDEN, None, message))),
    };
    let write = row_write(m, row_id, &row, owner, &refs);
    let version = match &current {
        None => {
            pipe.queue(Write::Insert(NewRow::new(&write)));
            1
        }
        Some(c) if changed => {
            pipe.queue(Write::Op(update_row_op(&write, c.version)));
            c.version + 1
        }
        Some(c) => c.version,
    };
    pipe.queue_ops(follow_up_ops(
        device,
        m,
        row_id,
        current.as_ref(),
        &row,
        changed,
        &conflicts,
    ));
    if let Some(d) = duplicate_check(m, row_id, current.as_ref(), &row, &refs) {
        pipe.queue(Write::Duplicate(d));
    }
    if let Some(conflict) = &m.resolves {
        if !pipe.flush().await? {
            return Ok(None);
        }
        resolve(tx, m, row_id, conflict, &row, &conflicts).await?;
    }
    if changed || current.is_none() {
        forget_readable(m, readable);
        rows.insert(
            (table, row_id),
            StoredRow {
                version,
                fields: row,
                owner,
            },
        );
    }
    Ok(Some(outcome(version, &conflicts)))
}

/// A resident the batch holds and the device's institution owns is readable, whatever else the
/// rule says: no flush and no query. A laptop that worked offline uploads each new resident
/// followed by its records, and each record would otherwise end the batch's pipeline.
fn own_resident_readable(me: Uuid, resident: Uuid, rows: &Rows, readable: &mut Readable) {
    if !readable.contains_key(&resident)
        && rows
            .get(&(SyncTable::Residents, resident))
            .is_some_and(|r| r.owner == Some(me))
    {
        readable.insert(resident, true);
    }
}

/// Learns in one query whether the residents this care record and the following ones (up to
/// the next write to a resident or an agreement) name are readable.
async fn prefetch_readable(
    tx: &Transaction<'_>,
    me: Uuid,
    m: &Mutation,
    rest: &[Mutation],
    rows: &Rows,
    readable: &mut Readable,
) -> DbResult<()> {
    let mut wanted = Vec::new();
    let named = |m: &Mutation| -> Option<Uuid> {
        let from = |f: &Fields| {
            f.get("residentId")
                .and_then(Value::as_str)
                .and_then(|s| Uuid::parse_str(s).ok())
        };
        from(&m.fields).or_else(|| {
            let id = Uuid::parse_str(&m.row_id).ok()?;
            rows.get(&(m.table, id)).and_then(|c| from(&c.fields))
        })
    };
    for n in std::iter::once(m).chain(rest.iter()) {
        match n.table {
            SyncTable::Residents | SyncTable::Agreements => break,
            SyncTable::CareRecords => {
                if let Some(r) = named(n) {
                    if !readable.contains_key(&r) && !wanted.contains(&r) {
                        wanted.push(r);
                    }
                }
            }
            _ => {}
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let stmt = tx
        .prepare_cached(&format!(
            "SELECT u.id FROM unnest($2::uuid[]) AS u(id) WHERE u.id IN ({})",
            readable_residents()
        ))
        .await?;
    let found: HashSet<Uuid> = tx
        .query(&stmt, &[&me, &wanted])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for r in wanted {
        readable.insert(r, found.contains(&r));
    }
    Ok(())
}
