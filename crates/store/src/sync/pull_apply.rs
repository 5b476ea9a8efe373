//! Applying a pulled page: its rows, its conflicts and the new cursor in one transaction, so a
//! dropped connection resumes at the last stored page.
//!
//! Per row: a field with a pending local mutation keeps its local value (the push carries it and
//! the county merges it); every other field and the standard stamps take the pulled values. A
//! changed row moves to the next LOCAL version (local versions are the forms' optimistic lock; the
//! county's version is informational) and gets a history entry naming the remote user, and no
//! outbox entry. Derived local columns and the search index are recomputed by the same code the
//! forms use. Rows that cannot be stored yet are parked (see `parked`).
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction, TransactionBehavior};
use serde_json::Value;
use yiyang_protocol::sync::{PullResponse, PulledRow, SyncTable};

use super::first_download;
use super::parked::{self, References};
use super::rows::{load_any, Stamps, STAMPS};
use super::settings::stamp;
use super::{after_write, fits, local_columns, spec};
use crate::synced::{snake, sql_value, Change, Fields, Kind};
use crate::{Result, Store, StoreError};

/// What applying one page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApplyStats {
    /// Rows new to this computer.
    pub inserted: usize,
    /// Rows that changed here.
    pub updated: usize,
    /// Rows already as pulled (e.g. this computer's own pushed changes coming back).
    pub unchanged: usize,
    /// Rows parked until what they point at arrives (or a local rule admits them).
    pub parked: usize,
    /// Of the stored rows, those that had been parked by an earlier page.
    pub unparked: usize,
    /// Conflict records stored.
    pub conflicts: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applied {
    Inserted,
    Updated,
    Unchanged,
}

/// A pulled row checked against its table's spec.
struct Parsed {
    stamps: Stamps,
    fields: Fields,
}

fn parse(row: &PulledRow) -> Result<Parsed> {
    let bad = |reason: String| StoreError::SyncData {
        table: row.table.name(),
        id: row.id.clone(),
        reason,
    };
    if row.id.is_empty() {
        return Err(bad("缺少行号".into()));
    }
    let text = |name: &str| match row.fields.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(bad(format!("缺少 {name}"))),
    };
    let deleted_at = match row.fields.get("deletedAt") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(bad("deletedAt 的类型不对".into())),
    };
    let stamps = Stamps {
        created_at: text("createdAt")?,
        updated_at: text("updatedAt")?,
        created_by: text("createdBy")?,
        updated_by: text("updatedBy")?,
        deleted_at,
    };
    let mut fields = Fields::new();
    for (name, kind) in spec(row.table) {
        match row.fields.get(*name) {
            Some(v) if fits(*kind, v) => {
                fields.insert(name, v.clone());
            }
            Some(v) => return Err(bad(format!("字段 {name} 的值 {v} 类型不对"))),
            // A nullable field added in a later version (e.g. an agreement's `amends`) is absent
            // from rows the county kept from older laptops: it is null there.
            None if *kind == Kind::OptText => {
                fields.insert(name, Value::Null);
            }
            None => return Err(bad(format!("缺少字段 {name}"))),
        }
    }
    Ok(Parsed { stamps, fields })
}

fn stamp_values(s: &Stamps) -> [rusqlite::types::Value; 5] {
    [
        s.created_at.clone().into(),
        s.updated_at.clone().into(),
        s.created_by.clone().into(),
        s.updated_by.clone().into(),
        s.deleted_at.clone().into(),
    ]
}

/// The fields of row `id` with a pending (not yet pushed) local mutation.
fn pending_fields(tx: &Transaction<'_>, table: SyncTable, id: &str) -> Result<BTreeSet<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT fields FROM outbox WHERE state = 'pending' AND table_name = ?1 AND row_id = ?2",
    )?;
    let mut out = BTreeSet::new();
    for fields in stmt.query_map(params![table.name(), id], |r| r.get::<_, String>(0))? {
        if let Value::Object(map) = serde_json::from_str(&fields?)? {
            out.extend(map.into_iter().map(|(k, _)| k));
        }
    }
    Ok(out)
}

/// The history entry of a pulled change: by the remote user, at the county's time.
fn revision(
    tx: &Transaction<'_>,
    row: &PulledRow,
    version: i64,
    action: &str,
    changes: &[Change],
    stamps: &Stamps,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO revisions (table_name, row_id, version, action, changes, actor_id, at, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'county')",
    )?
    .execute(params![
        row.table.name(),
        row.id,
        version,
        action,
        serde_json::to_string(changes)?,
        stamps.updated_by,
        stamps.updated_at,
    ])?;
    Ok(())
}

fn insert(tx: &Transaction<'_>, row: &PulledRow, p: &Parsed) -> Result<()> {
    let mut cols: Vec<String> = vec!["id".into(), "version".into()];
    let mut values: Vec<rusqlite::types::Value> = vec![row.id.clone().into(), 1_i64.into()];
    cols.extend(STAMPS.iter().map(|(_, c)| (*c).to_owned()));
    values.extend(stamp_values(&p.stamps));
    for (k, v) in &p.fields {
        cols.push(snake(k));
        values.push(sql_value(v));
    }
    for (k, v) in local_columns(row.table, &p.fields) {
        cols.push(k.to_owned());
        values.push(v);
    }
    let marks = vec!["?"; cols.len()].join(", ");
    // Every row of a table has the same columns: one prepared statement per table and page
    // (an initial sync inserts hundreds of thousands of rows).
    tx.prepare_cached(&format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        row.table.name(),
        cols.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    after_write(tx, row.table, tx.last_insert_rowid(), None, &p.fields)?;
    // An append-only row's stamps are its whole history (as for rows written here).
    if row.table.append_only() {
        return Ok(());
    }
    revision(tx, row, 1, "created", &[], &p.stamps)
}

/// Writes the stamps, the `changed` fields and the derived columns of `merged` (at `version`).
fn update(
    tx: &Transaction<'_>,
    row: &PulledRow,
    version: i64,
    stamps: &Stamps,
    changed: &Fields,
    local: &[(&'static str, rusqlite::types::Value)],
) -> Result<()> {
    let mut sets: Vec<String> = vec!["version = ?".into()];
    let mut values: Vec<rusqlite::types::Value> = vec![version.into()];
    sets.extend(STAMPS.iter().map(|(_, c)| format!("{c} = ?")));
    values.extend(stamp_values(stamps));
    for (k, v) in changed {
        sets.push(format!("{} = ?", snake(k)));
        values.push(sql_value(v));
    }
    for (k, v) in local {
        sets.push(format!("{k} = ?"));
        values.push(v.clone());
    }
    values.push(row.id.clone().into());
    tx.prepare_cached(&format!(
        "UPDATE {} SET {} WHERE id = ?",
        row.table.name(),
        sets.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn apply_row(tx: &Transaction<'_>, row: &PulledRow) -> Result<Applied> {
    let p = parse(row)?;
    let Some(local) = load_any(tx, row.table, &row.id)? else {
        insert(tx, row, &p)?;
        return Ok(Applied::Inserted);
    };
    if row.table.append_only() {
        // Written once: the stored row is the row.
        return Ok(Applied::Unchanged);
    }
    let pending = pending_fields(tx, row.table, &row.id)?;
    let merged: Fields = p
        .fields
        .iter()
        .map(|(k, pulled)| {
            let kept = pending.contains(*k).then(|| local.fields.get(k)).flatten();
            (*k, kept.unwrap_or(pulled).clone())
        })
        .collect();
    let changed: Fields = merged
        .iter()
        .filter(|(k, v)| local.fields.get(*k) != Some(*v))
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    let mut changes: Vec<Change> = changed
        .iter()
        .map(|(k, v)| Change {
            field: (*k).to_owned(),
            before: local.fields.get(k).cloned(),
            after: Some(v.clone()),
        })
        .collect();
    let tombstone = |d: &Option<String>| d.clone().map_or(Value::Null, Value::String);
    if p.stamps.deleted_at != local.stamps.deleted_at {
        changes.push(Change {
            field: "deletedAt".into(),
            before: Some(tombstone(&local.stamps.deleted_at)),
            after: Some(tombstone(&p.stamps.deleted_at)),
        });
    }
    if changes.is_empty() {
        if p.stamps != local.stamps {
            update(tx, row, local.version, &p.stamps, &Fields::new(), &[])?;
        }
        return Ok(Applied::Unchanged);
    }
    let version = local.version + 1;
    let derived = local_columns(row.table, &merged);
    update(tx, row, version, &p.stamps, &changed, &derived)?;
    after_write(tx, row.table, local.rid, Some(&local.fields), &merged)?;
    let action = if local.stamps.deleted_at.is_none() && p.stamps.deleted_at.is_some() {
        "deleted"
    } else {
        "updated"
    };
    revision(tx, row, version, action, &changes, &p.stamps)?;
    Ok(Applied::Updated)
}

/// A failure that concerns this row alone (a local rule refused it): park it, go on.
fn refused_by_a_rule(e: &StoreError) -> bool {
    matches!(e, StoreError::Sqlite(e)
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation))
}

type Key = (SyncTable, String);

fn key(row: &PulledRow) -> Key {
    (row.table, row.id.clone())
}

/// Applies `queue` in order, stopping at the first error (the caller rolls the page back).
fn apply_all(
    tx: &Transaction<'_>,
    queue: &[&PulledRow],
    was_parked: &HashSet<Key>,
) -> Result<ApplyStats> {
    let mut stats = ApplyStats::default();
    for row in queue {
        match apply_row(tx, row)? {
            Applied::Inserted => stats.inserted += 1,
            Applied::Updated => stats.updated += 1,
            Applied::Unchanged => stats.unchanged += 1,
        }
        if was_parked.contains(&key(row)) {
            stats.unparked += 1;
        }
    }
    Ok(stats)
}

/// Parks the rows that wait for a reference and those a local rule refused.
fn park_all(
    tx: &Transaction<'_>,
    waiting: Vec<(&PulledRow, String)>,
    rows: &[&PulledRow],
    refused: &HashMap<Key, String>,
    at: &str,
    stats: &mut ApplyStats,
) -> Result<()> {
    let refused_rows = rows
        .iter()
        .filter_map(|r| refused.get(&key(r)).map(|why| (*r, why.clone())));
    for (row, reason) in waiting.into_iter().chain(refused_rows) {
        parked::park(tx, row, &reason, at)?;
        stats.parked += 1;
    }
    Ok(())
}

/// Stores what can be stored of `parked` (earlier pages' leftovers) and `page`, parks the rest.
fn apply_rows(
    tx: &Transaction<'_>,
    parked_rows: &[PulledRow],
    page: &[PulledRow],
    at: &str,
) -> Result<ApplyStats> {
    // A page row of the wrong shape fails the page when it is reached: the caller's transaction
    // then stores nothing of it (reading every row up front cost as much as storing it).
    let in_page: HashSet<Key> = page.iter().map(key).collect();
    // A row in the page is newer than its parked copy.
    let retried: Vec<&PulledRow> = parked_rows
        .iter()
        .filter(|r| !in_page.contains(&key(r)))
        .collect();
    let was_parked: HashSet<Key> = retried.iter().map(|r| key(r)).collect();
    let mut refused: HashMap<Key, String> = HashMap::new();
    // A parked row this build cannot read any more waits on (never fails the page). The page's
    // own rows were read above.
    for row in &retried {
        if let Err(e) = parse(row) {
            refused.insert(key(row), e.to_string());
        }
    }
    let mut rows: Vec<&PulledRow> = retried.into_iter().chain(page).collect();
    // Reference order: a row only points at rows of tables before it.
    rows.sort_by_key(|r| SyncTable::ALL.iter().position(|t| *t == r.table));
    let mut refs = References::default();
    // First try the page without a savepoint per row (what nearly every page needs: the
    // savepoints cost as much as the rows of an initial sync); a refused row sends the page back
    // to the careful path below.
    let mut fast = true;
    loop {
        tx.execute_batch("SAVEPOINT sync_page")?;
        let candidates: Vec<&PulledRow> = rows
            .iter()
            .filter(|r| !refused.contains_key(&key(r)))
            .copied()
            .collect();
        let (mut queue, waiting) = refs.split(tx, candidates)?;
        if fast {
            fast = false;
            match apply_all(tx, &queue, &was_parked) {
                Ok(mut stats) => {
                    park_all(tx, waiting, &rows, &refused, at, &mut stats)?;
                    tx.execute_batch("RELEASE sync_page")?;
                    return Ok(stats);
                }
                Err(e) if refused_by_a_rule(&e) => {
                    tx.execute_batch("ROLLBACK TO sync_page; RELEASE sync_page")?;
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
        let mut stats = ApplyStats::default();
        let mut failed: Vec<(&PulledRow, String)>;
        // Rows refused only because of another row of the batch (e.g. a renewal stored before
        // the contract it replaces stops being current) get more passes while any row succeeds.
        loop {
            failed = Vec::new();
            let mut progress = false;
            for row in queue {
                tx.execute_batch("SAVEPOINT sync_row")?;
                match apply_row(tx, row) {
                    Ok(applied) => {
                        tx.execute_batch("RELEASE sync_row")?;
                        progress = true;
                        match applied {
                            Applied::Inserted => stats.inserted += 1,
                            Applied::Updated => stats.updated += 1,
                            Applied::Unchanged => stats.unchanged += 1,
                        }
                        if was_parked.contains(&key(row)) {
                            stats.unparked += 1;
                        }
                    }
                    Err(e) if refused_by_a_rule(&e) => {
                        tx.execute_batch("ROLLBACK TO sync_row; RELEASE sync_row")?;
                        failed.push((row, e.to_string()));
                    }
                    Err(e) => return Err(e),
                }
            }
            if failed.is_empty() || !progress {
                break;
            }
            queue = failed.iter().map(|(r, _)| *r).collect();
        }
        if failed.is_empty() {
            park_all(tx, waiting, &rows, &refused, at, &mut stats)?;
            tx.execute_batch("RELEASE sync_page")?;
            return Ok(stats);
        }
        // Rows stored in this attempt may point at a refused row: start again without it.
        tx.execute_batch("ROLLBACK TO sync_page; RELEASE sync_page")?;
        for (row, reason) in failed {
            refused.insert(key(row), format!("本机规则不接受：{reason}"));
        }
    }
}

impl Store {
    /// Stores a pulled page in one transaction: earlier parked rows first, then every row of the
    /// page (in reference order), the conflicts and the new cursor. A page of the wrong shape
    /// stores nothing and keeps the old cursor.
    pub fn apply_pull_page(
        &mut self,
        page: &PullResponse,
        now: DateTime<Utc>,
    ) -> Result<ApplyStats> {
        // A pulled page lost to a power cut is pulled again (its cursor goes with it), so its
        // commit need not wait for the disk: in WAL mode NORMAL keeps it atomic, and the next
        // local write's FULL commit makes it durable as well. Checkpoints come every ~10 pages
        // of rows instead of after each, so the pages successive pages dirty are written back
        // once (with FULL and 1000-page checkpoints a third of a download went to the disk).
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384;")?;
        let applied = self.apply_pull_page_in(page, now);
        let restored = self
            .conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000;");
        let stats = applied?;
        restored?;
        if !page.more {
            // Leaves no large WAL behind for the nurse's next save to fold in.
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(stats)
    }

    fn apply_pull_page_in(
        &mut self,
        page: &PullResponse,
        now: DateTime<Utc>,
    ) -> Result<ApplyStats> {
        let at = stamp(now);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        first_download::defer_indexes(&tx)?;
        // References inside the page (a renewal and the contract it renews) are checked at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let parked_rows = parked::take(&tx)?;
        let mut stats = apply_rows(&tx, &parked_rows, &page.rows, &at)?;
        for conflict in &page.conflicts {
            super::conflicts::store_pulled(&tx, conflict, &at)?;
            stats.conflicts += 1;
        }
        tx.execute("UPDATE sync_state SET pull_cursor = ?1", [&page.cursor])?;
        if !page.more {
            first_download::build_indexes(&tx)?;
        }
        tx.commit()?;
        Ok(stats)
    }

    /// Builds the care-record indexes a first download left out, if it stopped before its end
    /// (see `first_download`); the number built.
    pub fn build_deferred_indexes(&mut self) -> Result<usize> {
        first_download::build_indexes(&self.conn)
    }
}
