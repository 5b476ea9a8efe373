//! Push: a batch of a device's mutations applied exactly once, in one transaction together with
//! the device's new high-water mark (docs/sync-protocol.md, "Push").
//!
//! A batch is first applied on a fast path: the rows it touches are loaded and locked in one
//! query, each mutation is merged, validated and authorised in order against those rows (kept
//! up to date as the batch writes them), and the writes are sent to PostgreSQL in one pipeline,
//! in the order the mutations make them, a chunk at a time while the rest is planned. A
//! rejection writes nothing, as before. A database
//! error (or an insert that lost a race with a concurrent push) rolls the batch back to its
//! savepoint and the batch is applied again mutation by mutation, each in its own savepoint, so
//! a database error rejects only the mutation that caused it.
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use deadpool_postgres::Transaction;
use serde_json::Value;
use tokio_postgres::error::SqlState;
use uuid::Uuid;
use yiyang_domain::is_care_home;
use yiyang_protocol::sync::{
    Mutation, MutationResult, Outcome, PushRequest, PushResponse, SyncTable, MAX_PUSH_BATCH,
};
use yiyang_protocol::InstitutionKind;

use crate::auth::AuthDevice;
use crate::db::{
    insert_row_op, insert_rows_op, now_rfc3339, update_row_op, AppState, NewRow, Op, RowWrite,
    StoredRow, Taken, CHANGE_STAMP, STAMPS,
};
use crate::error::{AppError, AppResult};
use crate::merge::{merge, FieldConflict, Fields, Merge};
use crate::readable::readable_residents;
use crate::validate::{validate_row, RowRefs};

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
        let applied = match apply_batch(&mut tx, device, fresh).await? {
            Some(applied) => applied,
            None => apply_one_by_one(&mut tx, device, fresh).await?,
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

/// Stores the result (for retries) and quarantines a rejected mutation.
fn settle(device: Uuid, m: &Mutation, result: &MutationResult) -> AppResult<Vec<Op>> {
    let mut ops = vec![Op::new(
        "INSERT INTO mutations (device_id, seq, mutation_id, result) VALUES ($1, $2, $3, $4)",
        vec![
            Box::new(device),
            Box::new(m.seq),
            Box::new(m.mutation_id.clone()),
            Box::new(stored(m, result)?),
        ],
    )];
    ops.extend(quarantine(device, m, result)?);
    Ok(ops)
}

/// The result as the county keeps it for retries: JSON text.
fn stored(m: &Mutation, result: &MutationResult) -> AppResult<String> {
    serde_json::to_string(result)
        .map_err(|e| AppError::Internal(format!("result of seq {}: {e}", m.seq)))
}

/// The quarantine record of a rejected mutation.
fn quarantine(device: Uuid, m: &Mutation, result: &MutationResult) -> AppResult<Option<Op>> {
    if let Outcome::Rejected {
        code,
        field,
        message,
    } = &result.outcome
    {
        let mutation = serde_json::to_value(m)
            .map_err(|e| AppError::Internal(format!("mutation {}: {e}", m.seq)))?;
        tracing::info!(device = %device, seq = m.seq, code = %code, "mutation quarantined");
        return Ok(Some(Op::new(
            "INSERT INTO quarantine (device_id, seq, mutation, code, field, message)
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Box::new(device),
                Box::new(m.seq),
                Box::new(mutation),
                Box::new(code.clone()),
                Box::new(field.clone()),
                Box::new(message.clone()),
            ],
        )));
    }
    Ok(None)
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

/// The fast path (module docs): `None` when the batch must be applied mutation by mutation.
async fn apply_batch(
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

/// One of the batch's writes not sent yet.
enum Write {
    Op(Op),
    /// A new row, which must be inserted: a taken id (a concurrent push inserted it first) fails
    /// the statement, and the batch is applied again mutation by mutation.
    Insert(NewRow),
    /// A resident (身份证号, id) to look for duplicates of, after the flush's other writes: in one
    /// statement for all, so that they do not split the runs of inserts.
    Duplicate((String, Uuid)),
}

/// The batch's writes not sent yet, in order.
type Pending = Vec<Write>;

/// How many mutations are planned before their writes are sent on: PostgreSQL applies them
/// while the county plans the next ones. Planning a whole batch and then waiting for
/// PostgreSQL to write it left each of the two idle while the other worked.
const CHUNK: usize = 250;

/// A write sent to PostgreSQL whose answer is not read yet.
type Exec<'a> = Pin<Box<dyn Future<Output = DbResult<u64>> + Send + 'a>>;

/// The batch's writes on their way to PostgreSQL: queued (`pending`), then sent without
/// waiting for their answers (`sent`), which are read in order by [`Pipeline::drain`].
struct Pipeline<'a> {
    tx: &'a Transaction<'a>,
    pending: Pending,
    /// Each sent write, with the number of rows it must affect (a run of inserts).
    sent: Vec<(Exec<'a>, Option<u64>)>,
}

impl<'a> Pipeline<'a> {
    fn new(tx: &'a Transaction<'a>) -> Self {
        Pipeline {
            tx,
            pending: Pending::new(),
            sent: Vec::new(),
        }
    }

    /// Sends the pending writes, in order, without waiting for PostgreSQL.
    async fn send(&mut self) -> DbResult<()> {
        for (op, must_insert) in ops_of(&mut self.pending) {
            let stmt = self.tx.prepare_cached(&op.sql).await?;
            let tx = self.tx;
            let mut exec: Exec<'a> = Box::pin(async move {
                let params = op.refs();
                tx.execute(&stmt, &params).await
            });
            // Polling it once sends the statement; a write that failed before it was sent
            // keeps its error for `drain`.
            if let Poll::Ready(r) =
                std::future::poll_fn(|cx| Poll::Ready(exec.as_mut().poll(cx))).await
            {
                exec = Box::pin(std::future::ready(r));
            }
            self.sent.push((exec, must_insert));
        }
        Ok(())
    }

    /// Reads the answers of every sent write, in the order they were sent (the connection
    /// hands them out in that order). False when an insert found its id taken.
    async fn drain(&mut self) -> DbResult<bool> {
        let mut inserted_all = true;
        let mut first_error = None;
        for (exec, must_insert) in self.sent.drain(..) {
            match exec.await {
                Ok(n) => inserted_all &= must_insert.is_none_or(|want| n == want),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(inserted_all),
        }
    }

    /// Sends the pending writes and waits until PostgreSQL has applied all that were sent: a
    /// read after it sees them.
    async fn flush(&mut self) -> DbResult<bool> {
        self.send().await?;
        self.drain().await
    }
}

/// The stored results of the mutations planned since the last send.
#[derive(Default)]
struct Settled {
    seqs: Vec<i64>,
    mutation_ids: Vec<String>,
    results: Vec<String>,
}

impl Settled {
    fn push(&mut self, m: &Mutation, result: &MutationResult) -> AppResult<()> {
        self.seqs.push(m.seq);
        self.mutation_ids.push(m.mutation_id.clone());
        self.results.push(stored(m, result)?);
        Ok(())
    }

    /// The results in one statement.
    fn take_op(&mut self, device: Uuid) -> Option<Op> {
        if self.seqs.is_empty() {
            return None;
        }
        let Settled {
            seqs,
            mutation_ids,
            results,
        } = std::mem::take(self);
        Some(Op::new(
            "INSERT INTO mutations (device_id, seq, mutation_id, result)
             SELECT $1, s, m, r FROM unnest($2::bigint[], $3::text[], $4::text[]) AS x(s, m, r)",
            vec![
                Box::new(device),
                Box::new(seqs),
                Box::new(mutation_ids),
                Box::new(results),
            ],
        ))
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
        settled.push(m, &result)?;
        pipe.pending
            .extend(quarantine(device.id, m, &result)?.map(Write::Op));
        results.push(result);
        if (i + 1) % CHUNK == 0 {
            pipe.pending
                .extend(settled.take_op(device.id).map(Write::Op));
            pipe.send().await?;
        }
    }
    pipe.pending
        .extend(settled.take_op(device.id).map(Write::Op));
    Ok(pipe.flush().await?.then_some(results))
}

/// The statements of the pending writes, in order: consecutive new rows in one statement,
/// which must insert them all, and the duplicates to look for last.
fn ops_of(pending: &mut Pending) -> Vec<(Op, Option<u64>)> {
    let mut ops: Vec<(Op, Option<u64>)> = Vec::new();
    let mut new_rows: Vec<NewRow> = Vec::new();
    let flush_new = |ops: &mut Vec<(Op, Option<u64>)>, rows: &mut Vec<NewRow>| {
        if !rows.is_empty() {
            let n = rows.len() as u64;
            ops.push((insert_rows_op(std::mem::take(rows), Taken::Fail), Some(n)));
        }
    };
    let mut duplicates = Vec::new();
    for write in pending.drain(..) {
        match write {
            Write::Insert(row) => new_rows.push(row),
            Write::Op(op) => {
                flush_new(&mut ops, &mut new_rows);
                ops.push((op, None));
            }
            Write::Duplicate(d) => duplicates.push(d),
        }
    }
    flush_new(&mut ops, &mut new_rows);
    ops.extend(record_duplicates(&duplicates).map(|op| (op, None)));
    ops
}

/// Loads and locks every row the batch names, in one query and one lock order.
async fn load_rows_for_update(
    tx: &Transaction<'_>,
    muts: &[Mutation],
) -> DbResult<HashMap<(SyncTable, Uuid), StoredRow>> {
    let mut seen = HashSet::new();
    let (mut tbls, mut ids) = (Vec::new(), Vec::new());
    for m in muts {
        if let Ok(id) = Uuid::parse_str(&m.row_id) {
            if seen.insert((m.table, id)) {
                tbls.push(m.table.name());
                ids.push(id);
            }
        }
    }
    let stmt = tx
        .prepare_cached(
            "SELECT tbl, id, version, fields, owner FROM rows
             WHERE (tbl, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
             ORDER BY tbl, id FOR UPDATE",
        )
        .await?;
    let found = tx.query(&stmt, &[&tbls, &ids]).await?;
    let mut rows = HashMap::with_capacity(found.len());
    for r in found {
        let tbl: String = r.get(0);
        let Some(&(table, _)) = seen.iter().find(|(t, _)| t.name() == tbl) else {
            continue;
        };
        rows.insert((table, r.get(1)), stored_row(r.get(2), r.get(3), r.get(4)));
    }
    Ok(rows)
}

fn stored_row(version: i64, fields: Value, owner: Option<Uuid>) -> StoredRow {
    let fields = match fields {
        Value::Object(m) => m,
        _ => Fields::new(),
    };
    StoredRow {
        version,
        fields,
        owner,
    }
}

/// Loads and locks a row, so concurrent pushes touching it merge one after the other.
async fn load_row_for_update(
    tx: &Transaction<'_>,
    tbl: &str,
    id: Uuid,
) -> DbResult<Option<StoredRow>> {
    let stmt = tx
        .prepare_cached(
            "SELECT version, fields, owner FROM rows WHERE tbl = $1 AND id = $2 FOR UPDATE",
        )
        .await?;
    let row = tx.query_opt(&stmt, &[&tbl, &id]).await?;
    Ok(row.map(|r| stored_row(r.get(0), r.get(1), r.get(2))))
}

/// The slow path: each mutation in its own savepoint.
async fn apply_one_by_one(
    tx: &mut Transaction<'_>,
    device: AuthDevice,
    muts: &[Mutation],
) -> AppResult<Vec<MutationResult>> {
    let mut readable = Readable::new();
    let mut results = Vec::with_capacity(muts.len());
    for m in muts {
        let outcome = apply_isolated(tx, device, m, &mut readable).await?;
        let result = MutationResult {
            seq: m.seq,
            mutation_id: m.mutation_id.clone(),
            outcome,
        };
        for op in settle(device.id, m, &result)? {
            run(tx, &op).await?;
        }
        results.push(result);
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

fn forget_readable(m: &Mutation, readable: &mut Readable) {
    match m.table {
        SyncTable::Agreements => readable.clear(),
        SyncTable::Residents => match Uuid::parse_str(&m.row_id) {
            Ok(id) => {
                readable.remove(&id);
            }
            Err(_) => readable.clear(),
        },
        _ => {}
    }
}

fn uuid_ref(v: &Option<String>) -> Option<Uuid> {
    v.as_deref().and_then(|s| Uuid::parse_str(s).ok())
}

const FORBIDDEN: &str = "forbidden";

/// The laptop's stamps are not fields: the county stamps rows itself (deletedAt is merged).
/// Laptops do not send them, so the mutation's own map is used as it is unless one is there
/// (a copy of every pushed row's fields was a visible part of an initial upload).
fn incoming_fields(m: &Mutation) -> Cow<'_, Fields> {
    let ignored = |k: &str| k != "deletedAt" && STAMPS.contains(&k);
    if !STAMPS
        .iter()
        .any(|k| ignored(k) && m.fields.contains_key(*k))
    {
        return Cow::Borrowed(&m.fields);
    }
    Cow::Owned(
        m.fields
            .iter()
            .filter(|(k, _)| !ignored(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// Merges and validates the mutation against the current row: the merged row, whether it
/// changed, the field conflicts and the references, or the rejection.
fn merge_and_validate(
    m: &Mutation,
    fields: &Fields,
    current: Option<&StoredRow>,
) -> Result<(Fields, bool, Vec<FieldConflict>, RowRefs), Outcome> {
    let table = m.table;
    let (mut row, changed, conflicts) = match merge(
        current.map(|c| &c.fields),
        m.op,
        fields,
        &m.prior,
        table.append_only(),
    ) {
        Merge::Rejected {
            code,
            field,
            message,
        } => return Err(rejected(code, field.as_deref(), message)),
        Merge::Merged {
            row,
            changed,
            conflicts,
        } => (row, changed, conflicts),
    };
    // Validation knows only fields: the stamps the county keeps itself step aside meanwhile (a
    // copy of the row without them cost a clone of every pushed row).
    let stamps: Vec<(String, Value)> = STAMPS.iter().filter_map(|k| row.remove_entry(*k)).collect();
    let checked = validate_row(table, &m.row_id, &row);
    row.extend(stamps);
    match checked {
        Ok(refs) => Ok((row, changed, conflicts, refs)),
        Err(issues) => {
            let field = issues.first().map(|i| i.field.clone());
            let message = issues
                .iter()
                .map(|i| i.message.as_str())
                .collect::<Vec<_>>()
                .join("；");
            Err(rejected("validation", field.as_deref(), message))
        }
    }
}

fn outcome(version: i64, conflicts: &[FieldConflict]) -> Outcome {
    if conflicts.is_empty() {
        Outcome::Applied { version }
    } else {
        Outcome::Conflict {
            version,
            conflicts: conflicts.iter().map(|c| c.field.clone()).collect(),
        }
    }
}

/// The writes that follow the row's own: restamps, then conflicts (duplicates: see
/// [`duplicate_check`]).
fn follow_up_ops(
    device: AuthDevice,
    m: &Mutation,
    row_id: Uuid,
    current: Option<&StoredRow>,
    row: &Fields,
    changed: bool,
    conflicts: &[FieldConflict],
) -> Vec<Op> {
    let mut ops = Vec::new();
    if changed || current.is_none() {
        ops.extend(restamp_newly_visible(m.table, row_id, current, row));
    }
    for c in conflicts {
        ops.push(open_conflict(device, m, row_id, c));
    }
    ops
}

fn row_write<'a>(
    m: &'a Mutation,
    row_id: Uuid,
    row: &'a Fields,
    owner: Option<Uuid>,
    refs: &'a RowRefs,
) -> RowWrite<'a> {
    RowWrite {
        tbl: m.table.name(),
        id: row_id,
        fields: row,
        owner,
        home: uuid_ref(&refs.home),
        resident: uuid_ref(&refs.resident),
        id_number: refs.id_number.as_deref(),
        actor: &m.actor_id,
        at: &m.local_time,
    }
}

/// One mutation of the fast path: decided against the batch's rows, its writes queued.
/// `None` when the batch must take the slow path.
async fn plan(
    pipe: &mut Pipeline<'_>,
    device: AuthDevice,
    m: &Mutation,
    rest: &[Mutation],
    rows: &mut HashMap<(SyncTable, Uuid), StoredRow>,
    readable: &mut Readable,
) -> AppResult<Option<Outcome>> {
    let tx = pipe.tx;
    let table = m.table;
    let Ok(row_id) = Uuid::parse_str(&m.row_id) else {
        return Ok(Some(rejected(
            "validation",
            Some("rowId"),
            format!("记录编号 rowId「{}」不是 UUID", m.row_id),
        )));
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
            pipe.pending.push(Write::Insert(NewRow::new(&write)));
            1
        }
        Some(c) if changed => {
            pipe.pending
                .push(Write::Op(update_row_op(&write, c.version)));
            c.version + 1
        }
        Some(c) => c.version,
    };
    let ops = follow_up_ops(
        device,
        m,
        row_id,
        current.as_ref(),
        &row,
        changed,
        &conflicts,
    );
    pipe.pending.extend(ops.into_iter().map(Write::Op));
    pipe.pending
        .extend(duplicate_check(m, row_id, current.as_ref(), &row, &refs).map(Write::Duplicate));
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
fn own_resident_readable(
    me: Uuid,
    resident: Uuid,
    rows: &HashMap<(SyncTable, Uuid), StoredRow>,
    readable: &mut Readable,
) {
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
    rows: &HashMap<(SyncTable, Uuid), StoredRow>,
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

async fn apply(
    tx: &Transaction<'_>,
    device: AuthDevice,
    m: &Mutation,
    readable: &mut Readable,
) -> DbResult<Outcome> {
    let table = m.table;
    let tbl = table.name();
    let Ok(row_id) = Uuid::parse_str(&m.row_id) else {
        return Ok(rejected(
            "validation",
            Some("rowId"),
            format!("记录编号 rowId「{}」不是 UUID", m.row_id),
        ));
    };
    let fields = incoming_fields(m);
    // Twice at most: an insert that loses a race with a concurrent insert of the same id merges
    // into the row that won.
    for _ in 0..2 {
        let current = load_row_for_update(tx, tbl, row_id).await?;
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

/// Checks the write against the table in docs/sync-protocol.md ("Authorisation by
/// institution"), before and after the change. Returns the owner to store (contracts without
/// their own institution belong to their resident's) or the reason it is forbidden.
async fn authorise(
    tx: &Transaction<'_>,
    me: Uuid,
    table: SyncTable,
    row_id: Uuid,
    refs: &RowRefs,
    current: Option<&StoredRow>,
    readable: &mut Readable,
) -> DbResult<Result<Option<Uuid>, String>> {
    let owner_after = uuid_ref(&refs.owner);
    let owner_before_ok = match current {
        None => true,
        Some(c) => c.owner == Some(me),
    };
    let outside = |what: &str| Err(format!("{what}不属于本机构，本设备不能修改"));
    Ok(match table {
        SyncTable::Institutions => {
            let care_home = |kind: Option<&str>| {
                kind.and_then(|k| serde_json::from_value::<InstitutionKind>(k.into()).ok())
                    .is_some_and(is_care_home)
            };
            let before_ok = match current {
                None => true,
                Some(c) => care_home(c.fields.get("kind").and_then(Value::as_str)),
            };
            if row_id == me || (care_home(refs.institution_kind.as_deref()) && before_ok) {
                Ok(None)
            } else {
                Err("只能登记或修改本机构和养老机构（敬老院、养老机构）的信息".to_owned())
            }
        }
        SyncTable::Users if owner_after != Some(me) => {
            // A clinic keeps accounts for the staff of the nursing homes it serves (they log in
            // on its laptops): such a user belongs, for sync, to the clinic that created it.
            let home = match owner_after {
                Some(i) => institution_kind(tx, i).await?.is_some_and(is_care_home),
                None => false,
            };
            if home && owner_before_ok {
                Ok(Some(me))
            } else {
                outside("该用户")
            }
        }
        SyncTable::Users | SyncTable::CareTeams | SyncTable::Residents | SyncTable::Agreements => {
            if owner_after == Some(me) && owner_before_ok {
                Ok(owner_after)
            } else {
                outside(match table {
                    SyncTable::Users => "该用户",
                    SyncTable::CareTeams => "该团队",
                    SyncTable::Residents => "该居民档案",
                    _ => "该合作协议（甲方）",
                })
            }
        }
        SyncTable::Contracts => {
            let owner = match owner_after {
                Some(o) => Some(o),
                None => match uuid_ref(&refs.resident) {
                    Some(r) => resident_owner(tx, r).await?,
                    None => None,
                },
            };
            if owner == Some(me) && owner_before_ok {
                Ok(owner)
            } else {
                outside("该签约（或其居民档案）")
            }
        }
        SyncTable::CareRecords => match uuid_ref(&refs.resident) {
            Some(r) if resident_readable(tx, me, r, readable).await? => Ok(None),
            _ => Err("服务记录的居民档案不在本机构可见范围内（或尚未同步到县级）".to_owned()),
        },
    })
}

/// The kind of an institution the county holds, if it does.
async fn institution_kind(tx: &Transaction<'_>, id: Uuid) -> DbResult<Option<InstitutionKind>> {
    let stmt = tx
        .prepare_cached("SELECT fields->>'kind' FROM rows WHERE tbl = 'institutions' AND id = $1")
        .await?;
    Ok(tx
        .query_opt(&stmt, &[&id])
        .await?
        .and_then(|r| r.get::<_, Option<String>>(0))
        .and_then(|k| serde_json::from_value::<InstitutionKind>(Value::String(k)).ok()))
}

async fn resident_owner(tx: &Transaction<'_>, resident: Uuid) -> DbResult<Option<Uuid>> {
    let stmt = tx
        .prepare_cached("SELECT owner FROM rows WHERE tbl = 'residents' AND id = $1")
        .await?;
    Ok(tx
        .query_opt(&stmt, &[&resident])
        .await?
        .and_then(|r| r.get(0)))
}

async fn resident_readable(
    tx: &Transaction<'_>,
    me: Uuid,
    resident: Uuid,
    readable: &mut Readable,
) -> DbResult<bool> {
    if let Some(&known) = readable.get(&resident) {
        return Ok(known);
    }
    let stmt = tx
        .prepare_cached(&format!("SELECT $2 IN ({})", readable_residents()))
        .await?;
    let row = tx.query_one(&stmt, &[&me, &resident]).await?;
    let known = row.get::<_, Option<bool>>(0).unwrap_or(false);
    readable.insert(resident, known);
    Ok(known)
}

/// Whether a row is live (not tombstoned): `deletedAt` is merged like a field.
fn live(fields: &Fields) -> bool {
    matches!(fields.get("deletedAt"), None | Some(Value::Null))
}

/// The home a live row names in `nursingHomeId`, if any.
fn live_home(fields: &Fields) -> Option<Uuid> {
    live(fields)
        .then(|| fields.get("nursingHomeId").and_then(Value::as_str))
        .flatten()
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// The home of an agreement that is live and active, if any.
fn active_agreement_home(fields: &Fields) -> Option<Uuid> {
    (fields.get("status").and_then(Value::as_str) == Some("active"))
        .then(|| live_home(fields))
        .flatten()
}

/// Scope changes (docs/sync-protocol.md, "Pull"): a write that lets some institution read rows
/// it could not read before restamps those rows in this transaction, so they come after every
/// cursor handed out so far and every device pulls them once. Nothing else of them changes
/// (no version, no field, no author), and a laptop that already holds them stores nothing.
/// - an agreement that becomes active (or active for another home): the live residents of its
///   home, then their contracts, then their care records;
/// - a resident moving into a home (inserted there, or `nursingHomeId` changed): its contracts
///   and care records (the resident row itself was just stamped by its own write). The home
///   itself and every clinic with an active agreement with it gain the resident at once.
fn restamp_newly_visible(
    table: SyncTable,
    row_id: Uuid,
    current: Option<&StoredRow>,
    row: &Fields,
) -> Vec<Op> {
    match table {
        SyncTable::Agreements => {
            let Some(home) = active_agreement_home(row) else {
                return Vec::new();
            };
            if current.and_then(|c| active_agreement_home(&c.fields)) == Some(home) {
                return Vec::new();
            }
            let residents = "resident IN (SELECT id FROM rows
                 WHERE tbl = 'residents' AND home = $1 AND NOT deleted) AND NOT deleted";
            tracing::info!(agreement = %row_id, %home,
                           "agreement became active: rows of the home restamped");
            vec![
                restamp("residents", "home = $1 AND NOT deleted", home),
                restamp("contracts", residents, home),
                restamp("care_records", residents, home),
            ]
        }
        SyncTable::Residents => {
            let Some(home) = live_home(row) else {
                return Vec::new();
            };
            if current.and_then(|c| live_home(&c.fields)) == Some(home) {
                return Vec::new();
            }
            let mine = "resident = $1 AND NOT deleted";
            vec![
                restamp("contracts", mine, row_id),
                restamp("care_records", mine, row_id),
            ]
        }
        _ => Vec::new(),
    }
}

/// Gives the rows of `tbl` matching `condition` (over `$1`) a new commit-order stamp, one
/// statement for all of them.
fn restamp(tbl: &str, condition: &str, arg: Uuid) -> Op {
    Op::new(
        format!(
            "UPDATE rows SET (change_xid, change_pos) = ({CHANGE_STAMP})
             WHERE tbl = $2 AND {condition}"
        ),
        vec![Box::new(arg), Box::new(tbl.to_owned())],
    )
}

/// Another live resident with the same 身份证号 is recorded for the county to decide; the write
/// itself goes through (two clinics may each have filed the same person offline).
fn record_duplicates(found: &[(String, Uuid)]) -> Option<Op> {
    if found.is_empty() {
        return None;
    }
    let (numbers, ids): (Vec<String>, Vec<Uuid>) = found.iter().cloned().unzip();
    Some(Op::new(
        "INSERT INTO merge_candidates (id_number, resident_id, other_resident_id)
         SELECT x.n, x.id, r.id
         FROM unnest($1::text[], $2::uuid[]) AS x(n, id)
         JOIN rows r ON r.tbl = 'residents' AND r.id_number = x.n AND r.id <> x.id
                    AND NOT r.deleted
         -- one candidate per pair: whichever of the two was written first, or for two written
         -- together the one with the smaller id
         WHERE NOT EXISTS (SELECT 1 FROM merge_candidates c
                           WHERE c.resident_id = r.id AND c.other_resident_id = x.id)
           AND (r.id <> ALL($2::uuid[]) OR x.id < r.id)
         ON CONFLICT (resident_id, other_resident_id) DO NOTHING",
        vec![Box::new(numbers), Box::new(ids)],
    ))
}

/// The 身份证号 of a resident write that may make a new duplicate pair: a new or revived file, or
/// a changed number (an edit of anything else cannot).
fn duplicate_check(
    m: &Mutation,
    row_id: Uuid,
    current: Option<&StoredRow>,
    row: &Fields,
    refs: &RowRefs,
) -> Option<(String, Uuid)> {
    if m.table != SyncTable::Residents || !live(row) {
        return None;
    }
    let number = refs.id_number.clone()?;
    let new =
        current.is_none_or(|c| !live(&c.fields) || c.fields.get("idNumber") != row.get("idNumber"));
    new.then_some((number, row_id))
}

fn open_conflict(device: AuthDevice, m: &Mutation, row_id: Uuid, c: &FieldConflict) -> Op {
    Op::new(
        format!(
            "INSERT INTO conflicts (id, tbl, row_id, field, kept_value, other_value,
                                    other_device_id, other_actor_id, other_local_time,
                                    opened_at, change_xid, change_pos)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, {CHANGE_STAMP})"
        ),
        vec![
            Box::new(Uuid::now_v7()),
            Box::new(m.table.name().to_owned()),
            Box::new(row_id),
            Box::new(c.field.clone()),
            Box::new(c.kept.clone()),
            Box::new(c.other.clone()),
            Box::new(device.id.to_string()),
            Box::new(m.actor_id.clone()),
            Box::new(m.local_time.clone()),
            Box::new(now_rfc3339()),
        ],
    )
}

/// Marks the conflict a person settled as resolved with the value the row now holds, and
/// restamps it so every laptop pulls the resolution. A conflict of another row, already
/// resolved, or whose field conflicted again stays as it is.
async fn resolve(
    tx: &Transaction<'_>,
    m: &Mutation,
    row_id: Uuid,
    conflict: &str,
    row: &Fields,
    conflicts: &[FieldConflict],
) -> DbResult<()> {
    let Ok(conflict_id) = Uuid::parse_str(conflict) else {
        return Ok(());
    };
    let stmt = tx
        .prepare_cached(
            "SELECT field FROM conflicts
             WHERE id = $1 AND tbl = $2 AND row_id = $3 AND status = 'open' FOR UPDATE",
        )
        .await?;
    let Some(found) = tx
        .query_opt(&stmt, &[&conflict_id, &m.table.name(), &row_id])
        .await?
    else {
        tracing::info!(conflict, "resolves names no open conflict of this row");
        return Ok(());
    };
    let field: String = found.get(0);
    if conflicts.iter().any(|c| c.field == field) {
        return Ok(());
    }
    let value = row.get(&field).cloned().unwrap_or(Value::Null);
    run(
        tx,
        &Op::new(
            format!(
                "UPDATE conflicts SET status = 'resolved', resolved_value = $2, resolved_by = $3,
                                      resolved_at = $4, (change_xid, change_pos) = ({CHANGE_STAMP})
                 WHERE id = $1"
            ),
            vec![
                Box::new(conflict_id),
                Box::new(value),
                Box::new(m.actor_id.clone()),
                Box::new(now_rfc3339()),
            ],
        ),
    )
    .await?;
    Ok(())
}
