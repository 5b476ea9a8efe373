//! Pull: rows and conflicts changed after the cursor that the device's institution may read, in
//! commit order (docs/sync-protocol.md, "Pull" and "Commit order").
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio_postgres::{IsolationLevel, Row};
use uuid::Uuid;
use yiyang_protocol::sync::{
    ConflictRecord, ConflictStatus, OutgoingRow, PullResponse, SyncTable, MAX_PULL_PAGE,
};

use crate::auth::AuthDevice;
use crate::db::AppState;
use crate::error::{AppError, AppResult};
use crate::readable::{resident_readable, PARTNER_HOMES};

pub const DEFAULT_PULL_PAGE: u32 = 1000;

#[derive(Debug, Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A position in commit order: (transaction id, position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cursor {
    pub xid: i64,
    pub pos: i64,
}

impl Cursor {
    /// `"<xid>:<pos>"`; empty means the beginning.
    pub fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        let raw = raw.unwrap_or("").trim();
        if raw.is_empty() {
            return Ok(Self::default());
        }
        let bad = || AppError::BadRequest(format!("同步位置 cursor「{raw}」无效"));
        let (xid, pos) = raw.split_once(':').ok_or_else(bad)?;
        let xid = xid.parse::<i64>().map_err(|_| bad())?;
        let pos = pos.parse::<i64>().map_err(|_| bad())?;
        if xid < 0 || pos < 0 {
            return Err(bad());
        }
        Ok(Self { xid, pos })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.xid, self.pos)
    }
}

/// Whether row `r` may be read by institution `$1` (the table of docs/sync-protocol.md).
/// The partner homes, read once per query.
fn partner_homes_cte() -> String {
    format!("partner_homes AS ({PARTNER_HOMES})")
}

/// Whether the resident row `alias` is readable, asked per row through the primary key.
/// (Materialising every readable resident, as push does for a batch, costs a scan of all of them
/// per page: at 100 000 residents that alone capped an initial download at a few thousand rows a
/// second.)
fn readable(alias: &str) -> String {
    resident_readable(alias, "SELECT home FROM partner_homes")
}

fn visible() -> String {
    let of_resident = format!(
        "EXISTS (SELECT 1 FROM rows p
                 WHERE p.tbl = 'residents' AND p.id = r.resident AND {})",
        readable("p")
    );
    format!(
        "COALESCE(CASE r.tbl
        WHEN 'institutions' THEN true
        WHEN 'care_teams' THEN true
        WHEN 'users' THEN r.owner = $1
        WHEN 'agreements' THEN r.owner = $1 OR r.home = $1
        WHEN 'residents' THEN {}
        WHEN 'contracts' THEN r.owner = $1 OR {of_resident}
        WHEN 'care_records' THEN {of_resident}
        ELSE false END, false)",
        readable("r")
    )
}

fn rows_sql() -> String {
    format!(
        "WITH {}
         SELECT r.tbl, r.id, r.version,
                (jsonb_build_object('deletedAt', null) || r.fields
                 || jsonb_build_object('createdAt', r.created_at, 'createdBy', r.created_by,
                                       'updatedAt', r.updated_at, 'updatedBy', r.updated_by))::text,
                r.change_xid, r.change_pos
         FROM rows r
         WHERE (r.change_xid, r.change_pos) > ($2, $3) AND r.change_xid < $4 AND {}
         ORDER BY r.change_xid, r.change_pos
         LIMIT $5",
        partner_homes_cte(),
        visible()
    )
}

fn conflicts_sql() -> String {
    format!(
        "WITH {}
         SELECT c.id, c.tbl, c.row_id, c.field, c.kept_value, c.other_value, c.other_device_id,
                c.other_actor_id, c.other_local_time, c.status, c.resolved_value, c.resolved_by,
                c.opened_at, c.resolved_at, c.change_xid, c.change_pos
         FROM conflicts c JOIN rows r ON r.tbl = c.tbl AND r.id = c.row_id
         WHERE (c.change_xid, c.change_pos) > ($2, $3) AND c.change_xid < $4 AND {}
         ORDER BY c.change_xid, c.change_pos
         LIMIT $5",
        partner_homes_cte(),
        visible()
    )
}

enum Item {
    Row(OutgoingRow),
    Conflict(Box<ConflictRecord>),
}

fn table(name: &str) -> Result<SyncTable, AppError> {
    SyncTable::from_name(name).ok_or_else(|| AppError::Internal(format!("unknown table {name}")))
}

/// The row's fields with its stamps (`deletedAt` null unless the fields hold one), written by
/// PostgreSQL as JSON text and sent on as it is, instead of being parsed into a map per row and
/// written out again.
fn pulled_row(r: &Row) -> Result<(Cursor, Item), AppError> {
    let fields = RawValue::from_string(r.get(3))
        .map_err(|e| AppError::Internal(format!("fields of row {}: {e}", r.get::<_, Uuid>(1))))?;
    let at = Cursor {
        xid: r.get(4),
        pos: r.get(5),
    };
    let row = OutgoingRow {
        table: table(r.get(0))?,
        id: r.get::<_, Uuid>(1).to_string(),
        version: r.get(2),
        fields,
    };
    Ok((at, Item::Row(row)))
}

fn conflict(r: &Row) -> Result<(Cursor, Item), AppError> {
    let status = match r.get::<_, &str>(9) {
        "resolved" => ConflictStatus::Resolved,
        _ => ConflictStatus::Open,
    };
    let record = ConflictRecord {
        id: r.get::<_, Uuid>(0).to_string(),
        table: table(r.get(1))?,
        row_id: r.get::<_, Uuid>(2).to_string(),
        field: r.get(3),
        kept_value: r.get(4),
        other_value: r.get(5),
        other_device_id: r.get(6),
        other_actor_id: r.get(7),
        other_local_time: r.get(8),
        status,
        resolved_value: r.get(10),
        resolved_by: r.get(11),
        opened_at: r.get(12),
        resolved_at: r.get(13),
    };
    let at = Cursor {
        xid: r.get(14),
        pos: r.get(15),
    };
    Ok((at, Item::Conflict(Box::new(record))))
}

pub async fn pull(
    state: &AppState,
    device: AuthDevice,
    q: PullQuery,
) -> AppResult<PullResponse<Box<RawValue>>> {
    let after = Cursor::parse(q.cursor.as_deref())?;
    let limit = q.limit.unwrap_or(DEFAULT_PULL_PAGE);
    if limit == 0 || limit > MAX_PULL_PAGE {
        return Err(AppError::BadRequest(format!(
            "每页条数 limit 应在 1 到 {MAX_PULL_PAGE} 之间，实际为 {limit}"
        )));
    }
    let mut client = state.pool.get().await?;
    // One snapshot for the horizon and both queries, so the page is consistent.
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let horizon: i64 = tx
        .query_one(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
            &[],
        )
        .await?
        .get(0);
    // One more than asked: the extra item says whether there is more.
    let fetch = i64::from(limit) + 1;
    let params: [&(dyn tokio_postgres::types::ToSql + Sync); 5] = [
        &device.institution_id,
        &after.xid,
        &after.pos,
        &horizon,
        &fetch,
    ];
    let rows = tx.query(&rows_sql(), &params).await?;
    let conflicts = tx.query(&conflicts_sql(), &params).await?;
    tx.commit().await?;
    let mut items = rows
        .iter()
        .map(pulled_row)
        .chain(conflicts.iter().map(conflict))
        .collect::<Result<Vec<_>, _>>()?;
    items.sort_by_key(|(at, _)| *at);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let more = items.len() > limit;
    items.truncate(limit);
    let cursor = items.last().map_or(after, |(at, _)| *at);
    let mut out = PullResponse {
        rows: Vec::new(),
        conflicts: Vec::new(),
        cursor: cursor.to_string(),
        more,
    };
    for (_, item) in items {
        match item {
            Item::Row(r) => out.rows.push(r),
            Item::Conflict(c) => out.conflicts.push(*c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips() {
        let c = Cursor::parse(Some("123:45")).ok();
        assert_eq!(c, Some(Cursor { xid: 123, pos: 45 }));
        assert_eq!(Cursor { xid: 1, pos: 2 }.to_string(), "1:2");
        assert_eq!(Cursor::parse(None).ok(), Some(Cursor::default()));
        assert!(Cursor::parse(Some("x:1")).is_err());
        assert!(Cursor::parse(Some("12")).is_err());
        assert!(Cursor::parse(Some("-1:2")).is_err());
    }

    #[test]
    fn cursors_order_by_xid_then_position() {
        assert!(Cursor { xid: 1, pos: 9 } < Cursor { xid: 2, pos: 1 });
    }
}
