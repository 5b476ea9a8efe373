//! The outbox as the sync client sees it: the next mutations to push, and what the county did
//! with them.
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use yiyang_protocol::sync::{Mutation, MutationOp, MutationResult, Outcome, OutgoingMutation};

use super::settings::stamp;
use super::table_named;
use crate::{Result, Store, StoreError};

fn not_an_object(what: &str) -> StoreError {
    StoreError::Corrupt(format!("同步队列中的{what}不是 JSON 对象"))
}

/// How an outbox reader holds a mutation's field maps.
trait OutboxFields: Sized {
    /// A stored field map (`what` names it in errors).
    fn stored(text: String, what: &str) -> Result<Self>;
    /// The fields and prior values of a removal written before 0004 (users): the tombstone it
    /// set.
    fn tombstone(time: &str) -> Result<(Self, Self)>;
}

impl OutboxFields for Map<String, Value> {
    fn stored(text: String, what: &str) -> Result<Self> {
        match serde_json::from_str(&text)? {
            Value::Object(map) => Ok(map),
            _ => Err(not_an_object(what)),
        }
    }

    fn tombstone(time: &str) -> Result<(Self, Self)> {
        let mut f = Map::new();
        f.insert("deletedAt".into(), Value::String(time.to_owned()));
        let mut p = Map::new();
        p.insert("deletedAt".into(), Value::Null);
        Ok((f, p))
    }
}

/// The stored text as is: checked to be one JSON object, not parsed into a map.
impl OutboxFields for Box<RawValue> {
    fn stored(text: String, what: &str) -> Result<Self> {
        let raw = RawValue::from_string(text)?;
        if raw.get().starts_with('{') {
            Ok(raw)
        } else {
            Err(not_an_object(what))
        }
    }

    fn tombstone(time: &str) -> Result<(Self, Self)> {
        let (f, p) = Map::tombstone(time)?;
        Ok((
            serde_json::value::to_raw_value(&f)?,
            serde_json::value::to_raw_value(&p)?,
        ))
    }
}

fn op_named(op: &str) -> Result<MutationOp> {
    match op {
        "insert" => Ok(MutationOp::Insert),
        "update" => Ok(MutationOp::Update),
        other => Err(StoreError::Corrupt(format!("同步队列中的未知操作 {other}"))),
    }
}

impl Store {
    /// How many local changes wait to be pushed.
    pub fn pending_count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM outbox WHERE state = 'pending'",
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// How many local changes this installation ever queued (settled or not): the county must
    /// have settled exactly as many once everything is pushed.
    pub fn outbox_total(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The next `limit` pending mutations in seq order, their fields parsed.
    pub fn next_push_batch(&self, limit: usize) -> Result<Vec<Mutation>> {
        self.batch_after(0, limit)
    }

    /// The next `limit` pending mutations after seq `after` (0: the first; otherwise the last of
    /// a batch still at the county), in seq order, as the push sends them.
    pub fn push_batch_after(&self, after: i64, limit: usize) -> Result<Vec<OutgoingMutation>> {
        self.batch_after(after, limit)
    }

    fn batch_after<F: OutboxFields>(&self, after: i64, limit: usize) -> Result<Vec<Mutation<F>>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, mutation_id, table_name, row_id, op, fields, prior, resolves, actor_id,
                    local_time
             FROM outbox WHERE state = 'pending' AND seq > ?2 ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit, after], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, mutation_id, table, row_id, op, fields, prior, resolves, actor_id, time) =
                row?;
            let (op, fields, prior) = if op == "delete" {
                let (f, p) = F::tombstone(&time)?;
                (MutationOp::Update, f, p)
            } else {
                (
                    op_named(&op)?,
                    F::stored(fields, "字段")?,
                    F::stored(prior, "原值")?,
                )
            };
            out.push(Mutation {
                seq,
                mutation_id,
                table: table_named(&table)?,
                row_id,
                op,
                fields,
                prior,
                resolves,
                actor_id,
                local_time: time,
            });
        }
        Ok(out)
    }

    /// Stores the county's results of a push in one transaction: each mutation becomes applied,
    /// conflict (the listed fields kept the county's value) or rejected (quarantined with the
    /// reason). A result for a seq this outbox does not hold, or with another mutation id, changes
    /// nothing and is an error (the county and this file disagree about history).
    pub fn record_push_results(
        &mut self,
        results: &[MutationResult],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let at = stamp(now);
        let tx = self.conn.transaction()?;
        // Cached, and one statement per mutation: an initial upload settles a million of them,
        // and parsing (then running) a lookup beside each update was a visible part of the
        // laptop's share of it.
        let mut settle = tx.prepare_cached(
            "UPDATE outbox SET state = ?2, outcome_code = ?3, outcome_field = ?4,
                 outcome_message = ?5, settled_at = ?6
             WHERE seq = ?1 AND mutation_id = ?7",
        )?;
        for result in results {
            let (state, code, field, message) = match &result.outcome {
                Outcome::Applied { .. } => ("applied", None, None, None),
                Outcome::Conflict { conflicts, .. } => (
                    "conflict",
                    Some("conflict".to_owned()),
                    Some(conflicts.join(",")),
                    Some("与县级平台上的修改冲突，请在「同步 → 冲突」中选择保留的值".to_owned()),
                ),
                Outcome::Rejected {
                    code,
                    field,
                    message,
                } => (
                    "rejected",
                    Some(code.clone()),
                    field.clone(),
                    Some(message.clone()),
                ),
            };
            let settled = settle.execute(params![
                result.seq,
                state,
                code,
                field,
                message,
                at,
                result.mutation_id
            ])?;
            // Dropping out before the commit settles nothing of the batch.
            if settled != 1 {
                return Err(StoreError::InvalidState {
                    code: "sync.unknown_mutation",
                    message: format!(
                        "县级平台返回了本机没有的修改（序号 {}，{}），同步已停止，请联系县级管理员",
                        result.seq, result.mutation_id
                    ),
                });
            }
        }
        drop(settle);
        tx.commit()?;
        Ok(())
    }
}
