//! The writes that follow a row's own: restamps of rows a write makes visible to another
//! institution, field conflicts opened and resolved, and duplicate 身份证号 recorded.
use deadpool_postgres::Transaction;
use serde_json::Value;
use uuid::Uuid;
use yiyang_protocol::sync::{Mutation, SyncTable};

use super::{run, DbResult};
use crate::auth::AuthDevice;
use crate::db::{now_rfc3339, Op, StoredRow, CHANGE_STAMP};
use crate::merge::{FieldConflict, Fields};
use crate::validate::RowRefs;

/// The writes that follow the row's own: restamps, then conflicts (duplicates: see
/// [`duplicate_check`]).
pub(super) fn follow_up_ops(
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
pub(super) fn record_duplicates(found: &[(String, Uuid)]) -> Option<Op> {
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
pub(super) fn duplicate_check(
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
pub(super) async fn resolve(
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
