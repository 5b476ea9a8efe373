//! The slow path: each mutation of a batch in its own savepoint, so that a database error
//! rejects only the mutation that caused it.
use deadpool_postgres::Transaction;
use yiyang_protocol::sync::{Mutation, MutationResult, Outcome};

use super::authorise::{authorise, forget_readable};
use super::decide::{incoming_fields, merge_and_validate, outcome, row_id, row_write};
use super::follow_up::{duplicate_check, follow_up_ops, record_duplicates, resolve};
use super::rows::load_rows_for_update;
use super::settle::Settled;
use super::{rejected, run, transient, DbResult, Readable, FORBIDDEN};
use crate::auth::AuthDevice;
use crate::db::{insert_row_op, update_row_op};
use crate::error::{AppError, AppResult};

/// The slow path: each mutation in its own savepoint.
pub(super) async fn apply_one_by_one(
    tx: &mut Transaction<'_>,
    device: AuthDevice,
    muts: &[Mutation],
) -> AppResult<Vec<MutationResult>> {
    let mut readable = Readable::new();
    let mut results = Vec::with_capacity(muts.len());
    let mut settled = Settled::default();
    for m in muts {
        let outcome = apply_isolated(tx, device, m, &mut readable).await?;
        let result = MutationResult {
            seq: m.seq,
            mutation_id: m.mutation_id.clone(),
            outcome,
        };
        settled.push(device.id, m, &result)?;
        results.push(result);
    }
    for op in settled.take_ops(device.id) {
        run(tx, &op).await?;
    }
    Ok(results)
}

/// Applies one mutation inside a savepoint: a rejection or a database error on it undoes only
/// its own writes. Transient errors (deadlock, serialisation) fail the whole batch instead, so
/// the laptop retries rather than quarantining a good change.
async fn apply_isolated(
    tx: &mut Transaction<'_>,
    device: AuthDevice,
    m: &Mutation,
    readable: &mut Readable,
) -> AppResult<Outcome> {
    // Whatever happens to it, a write to a resident or an agreement may change who reads whom.
    forget_readable(m, readable);
    let sp = tx.savepoint("mutation").await?;
    match apply(&sp, device, m, readable).await {
        Ok(outcome @ Outcome::Rejected { .. }) => {
            sp.rollback().await?;
            Ok(outcome)
        }
        Ok(outcome) => {
            sp.commit().await?;
            Ok(outcome)
        }
        Err(e) => {
            sp.rollback().await?;
            if transient(&e) {
                return Err(AppError::Db(e));
            }
            tracing::error!(seq = m.seq, error = %e, "mutation failed in the database");
            Ok(rejected(
                "internal",
                None,
                "县级服务器处理这条修改时出错，已隔离，请联系县级管理员",
            ))
        }
    }
}

async fn apply(
    tx: &Transaction<'_>,
    device: AuthDevice,
    m: &Mutation,
    readable: &mut Readable,
) -> DbResult<Outcome> {
    let table = m.table;
    let row_id = match row_id(m) {
        Ok(id) => id,
        Err(outcome) => return Ok(outcome),
    };
    let fields = incoming_fields(m);
    // Twice at most: an insert that loses a race with a concurrent insert of the same id merges
    // into the row that won.
    for _ in 0..2 {
        // Locked, so that concurrent pushes touching the row merge one after the other.
        let current = load_rows_for_update(tx, std::slice::from_ref(m))
            .await?
            .remove(&(table, row_id));
        let (row, changed, conflicts, refs) = match merge_and_validate(m, &fields, current.as_ref())
        {
            Ok(merged) => merged,
            Err(outcome) => return Ok(outcome),
        };
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
            Err(message) => return Ok(rejected(FORBIDDEN, None, message)),
        };
        let write = row_write(m, row_id, &row, owner, &refs);
        let version = match &current {
            None => {
                if run(tx, &insert_row_op(&write)).await? != 1 {
                    continue;
                }
                1
            }
            Some(c) if changed => {
                run(tx, &update_row_op(&write, c.version)).await?;
                c.version + 1
            }
            Some(c) => c.version,
        };
        let duplicates = duplicate_check(m, row_id, current.as_ref(), &row, &refs);
        for op in follow_up_ops(
            device,
            m,
            row_id,
            current.as_ref(),
            &row,
            changed,
            &conflicts,
        )
        .into_iter()
        .chain(record_duplicates(duplicates.as_slice()))
        {
            run(tx, &op).await?;
        }
        if let Some(conflict) = &m.resolves {
            resolve(tx, m, row_id, conflict, &row, &conflicts).await?;
        }
        return Ok(outcome(version, &conflicts));
    }
    Ok(rejected(
        "internal",
        None,
        "这条记录正被同时修改，请稍后再同步",
    ))
}
