//! The batch path's writes on their way to PostgreSQL: sent in order without waiting for each
//! answer, so that PostgreSQL applies one chunk while the county plans the next.
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use deadpool_postgres::Transaction;
use uuid::Uuid;

use super::follow_up::record_duplicates;
use super::DbResult;
use crate::db::{insert_rows_op, NewRow, Op, Taken};

/// One of the batch's writes not sent yet.
pub(super) enum Write {
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
pub(super) const CHUNK: usize = 250;

/// A write sent to PostgreSQL whose answer is not read yet.
type Exec<'a> = Pin<Box<dyn Future<Output = DbResult<u64>> + Send + 'a>>;

/// The batch's writes on their way to PostgreSQL: queued (`pending`), then sent without
/// waiting for their answers (`sent`), which are read in order by [`Pipeline::drain`].
pub(super) struct Pipeline<'a> {
    tx: &'a Transaction<'a>,
    pending: Pending,
    /// Each sent write, with the number of rows it must affect (a run of inserts).
    sent: Vec<(Exec<'a>, Option<u64>)>,
}

impl<'a> Pipeline<'a> {
    pub(super) fn new(tx: &'a Transaction<'a>) -> Self {
        Pipeline {
            tx,
            pending: Pending::new(),
            sent: Vec::new(),
        }
    }

    /// The transaction the writes go to: a read in it must [`Pipeline::flush`] first to see
    /// them.
    pub(super) fn tx(&self) -> &'a Transaction<'a> {
        self.tx
    }

    /// Queues a write after those queued before.
    pub(super) fn queue(&mut self, write: Write) {
        self.pending.push(write);
    }

    /// Queues statements after those queued before.
    pub(super) fn queue_ops(&mut self, ops: impl IntoIterator<Item = Op>) {
        self.pending.extend(ops.into_iter().map(Write::Op));
    }

    /// Sends the pending writes, in order, without waiting for PostgreSQL.
    pub(super) async fn send(&mut self) -> DbResult<()> {
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
    pub(super) async fn flush(&mut self) -> DbResult<bool> {
        self.send().await?;
        self.drain().await
    }
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
