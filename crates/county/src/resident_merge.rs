//! The administrator's decision on a merge candidate (two live residents with the same 身份证号,
//! found by push): [`apply`] keeps one file and moves the other's references to it, [`undo`]
//! puts everything back (docs/sync-protocol.md, "Merges").
//!
//! Each is one PostgreSQL transaction that first locks the candidate (or the merge record), so
//! two administrators cannot decide the same candidate twice. Every changed row is written like
//! any other county write ([`update_row`]: version + 1, new change stamp), so laptops pull it.
//! - a contract naming the merged file moves to the survivor when its institution may read the
//!   survivor ([`readable_residents`], the rule pull serves rows by); otherwise it stays, recorded;
//! - care records are append-only: they stay on the merged file, recorded as a count;
//! - the merged file becomes 迁出 (`moved`) today, its note naming the survivor's 健康档案编号.
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio_postgres::{Client, Transaction};
use uuid::Uuid;
use yiyang_protocol::sync::SyncTable;

use crate::admin::ADMIN_ACTOR;
use crate::db::{now_rfc3339, update_row, RowWrite, STAMPS};
use crate::merge::Fields;
use crate::readable::readable_residents;
use crate::validate::validate_row;

/// Why care records never move.
pub const CARE_RECORDS_STAY: &str = "服务记录只追加，不改写";
const CONTRACT_DELETED: &str = "签约已删除，不改";
const CONTRACT_OWNER_BLIND: &str =
    "签约所属机构看不到保留的档案（不是同一机构，保留的居民也不住在与其有生效协议的养老机构）";
const CONTRACT_CHANGED: &str = "合并后签约已改指其他档案，未恢复";
const STATUS_CHANGED: &str = "合并后档案状态已被修改，保留当前状态";

const STATUS_FIELDS: [&str; 3] = ["status", "statusDate", "statusNote"];

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("数据库错误：{0}")]
    Db(#[from] tokio_postgres::Error),
    #[error("没有编号为 {0} 的合并候选（见 merge list）")]
    NoCandidate(i64),
    #[error("合并候选 #{id} 的状态是「{status}」，只有待处理（open）的候选可以合并")]
    NotOpen { id: i64, status: String },
    #[error("--keep {keep} 不是合并候选 #{id} 的两份档案之一")]
    NotInCandidate { id: i64, keep: Uuid },
    #[error("居民档案 {0} 在县级服务器上不存在")]
    NoResident(Uuid),
    #[error("居民档案 {0} 已删除，不能合并")]
    Deleted(Uuid),
    #[error("居民档案 {resident} 已在合并 #{merge} 中并入其他档案，请先撤销合并 #{merge}")]
    AlreadyMerged { resident: Uuid, merge: i64 },
    #[error("{table} {id} 合并后校验不通过：{message}")]
    Invalid {
        table: &'static str,
        id: Uuid,
        message: String,
    },
    #[error("没有编号为 {0} 的合并记录（见 merge history）")]
    NoMerge(i64),
    #[error("合并 #{id} 已于 {at} 撤销，不能再次撤销")]
    AlreadyUndone { id: i64, at: String },
    #[error("合并 #{id} 之后的合并 #{later} 涉及同一份档案，请先撤销合并 #{later}")]
    LaterMerge { id: i64, later: i64 },
    #[error("合并记录 #{id} 无法读取：{message}")]
    Corrupt { id: i64, message: String },
}

/// A reference the merge moved (an element of `resident_merges.repointed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Repointed {
    pub table: String,
    pub id: Uuid,
    pub field: String,
    pub before: Uuid,
    pub after: Uuid,
    /// The contract's institution, written into its `institutionId` because the survivor
    /// belongs to another institution (the contract stays its institution's to change).
    #[serde(default)]
    pub pinned_institution_id: Option<Uuid>,
}

/// A reference the merge (or the undo) did not move, with the reason (`left_refs`, `undo_left`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Left {
    pub table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    pub reason: String,
}

/// What a contract naming the merged file becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Moves to the survivor; `pin` is written into `institutionId` (see [`Repointed`]).
    Repoint {
        pin: Option<Uuid>,
    },
    Stay(&'static str),
}

/// Decides a contract's fate. `owner` is the contract's institution, `reads_survivor` whether
/// that institution may read the survivor (false without an owner).
pub fn contract_fate(
    fields: &Fields,
    owner: Option<Uuid>,
    survivor_owner: Option<Uuid>,
    reads_survivor: bool,
) -> Fate {
    if !live(fields) {
        return Fate::Stay(CONTRACT_DELETED);
    }
    let Some(owner) = owner.filter(|_| reads_survivor) else {
        return Fate::Stay(CONTRACT_OWNER_BLIND);
    };
    let has_own = fields
        .get("institutionId")
        .and_then(Value::as_str)
        .is_some();
    Fate::Repoint {
        pin: (!has_own && survivor_owner != Some(owner)).then_some(owner),
    }
}

/// The contract moved to `survivor` (see [`Fate::Repoint`]).
pub fn contract_repointed(fields: &Fields, survivor: Uuid, pin: Option<Uuid>) -> Fields {
    let mut out = fields.clone();
    out.insert("residentId".into(), json!(survivor));
    if let Some(pin) = pin {
        out.insert("institutionId".into(), json!(pin));
    }
    out
}

/// The contract as before the merge, or None when it no longer names the survivor.
pub fn contract_restored(fields: &Fields, r: &Repointed) -> Option<Fields> {
    let after = r.after.to_string();
    if fields.get(&r.field).and_then(Value::as_str) != Some(after.as_str()) {
        return None;
    }
    let mut out = fields.clone();
    out.insert(r.field.clone(), json!(r.before));
    if let Some(pin) = r.pinned_institution_id {
        if out.get("institutionId").and_then(Value::as_str) == Some(pin.to_string().as_str()) {
            out.remove("institutionId");
        }
    }
    Some(out)
}

/// A resident's `{status, statusDate, statusNote}` (a missing field as null).
pub fn status_of(fields: &Fields) -> Value {
    Value::Object(
        STATUS_FIELDS
            .iter()
            .map(|k| {
                (
                    (*k).to_owned(),
                    fields.get(*k).cloned().unwrap_or(Value::Null),
                )
            })
            .collect(),
    )
}

/// `fields` with the status fields of `status` (as [`status_of`] gives them).
pub fn with_status(fields: &Fields, status: &Value) -> Fields {
    let mut out = fields.clone();
    for k in STATUS_FIELDS {
        out.insert(k.to_owned(), status.get(k).cloned().unwrap_or(Value::Null));
    }
    out
}

/// The status the merge gives the merged file.
pub fn merged_status(today: &str, survivor_file_no: &str, merge_id: i64) -> Value {
    json!({
        "status": "moved",
        "statusDate": today,
        "statusNote": format!("已合并到健康档案 {survivor_file_no}（合并 #{merge_id}）"),
    })
}

/// The day in China (UTC+8 all year, no daylight saving) at `now`.
pub fn china_day(now: DateTime<Utc>) -> chrono::NaiveDate {
    (now + chrono::Duration::hours(8)).date_naive()
}

/// [`china_day`] as `YYYY-MM-DD`.
pub fn china_date(now: DateTime<Utc>) -> String {
    china_day(now).format("%Y-%m-%d").to_string()
}

fn live(fields: &Fields) -> bool {
    matches!(fields.get("deletedAt"), None | Some(Value::Null))
}

/// A locked county row.
struct Locked {
    table: SyncTable,
    id: Uuid,
    version: i64,
    fields: Fields,
    owner: Option<Uuid>,
}

fn locked(r: &tokio_postgres::Row) -> Option<Locked> {
    Some(Locked {
        table: SyncTable::from_name(r.get(0))?,
        id: r.get(1),
        version: r.get(2),
        fields: match r.get::<_, Value>(3) {
            Value::Object(m) => m,
            _ => Fields::new(),
        },
        owner: r.get(4),
    })
}

const LOCKED_COLUMNS: &str = "SELECT tbl, id, version, fields, owner FROM rows";

/// Re-validates `fields` as `row`'s new content and writes it (version + 1, restamped, by the
/// county at `at`). The row keeps its owner (a contract's may be derived from its resident).
async fn write(
    tx: &Transaction<'_>,
    row: &Locked,
    fields: &Fields,
    at: &str,
) -> Result<(), MergeError> {
    let plain: Fields = fields
        .iter()
        .filter(|(k, _)| !STAMPS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let refs = validate_row(row.table, &row.id.to_string(), &plain).map_err(|issues| {
        MergeError::Invalid {
            table: yiyang_domain::wire_rows::table_label(row.table),
            id: row.id,
            message: issues
                .iter()
                .map(|i| format!("{}: {}", i.field, i.message))
                .collect::<Vec<_>>()
                .join("；"),
        }
    })?;
    let uuid = |s: &Option<String>| s.as_deref().and_then(|s| Uuid::parse_str(s).ok());
    let w = RowWrite {
        tbl: row.table.name(),
        id: row.id,
        fields,
        owner: row.owner,
        home: uuid(&refs.home),
        resident: uuid(&refs.resident),
        id_number: refs.id_number.as_deref(),
        actor: ADMIN_ACTOR,
        at,
    };
    update_row(tx, &w, row.version).await?;
    Ok(())
}

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub merge_id: i64,
    pub candidate_id: i64,
    pub survivor: Uuid,
    pub merged: Uuid,
    pub repointed: usize,
    pub contracts_left: usize,
    pub care_records: i64,
}

impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "合并 #{}（候选 #{}）：保留 {}，{} 已标记迁出；签约改指 {} 份，留在原档案 {} 份；服务记录 {} 条留在原档案",
            self.merge_id,
            self.candidate_id,
            self.survivor,
            self.merged,
            self.repointed,
            self.contracts_left,
            self.care_records
        )
    }
}

/// Merges candidate `candidate_id`, keeping resident `keep`, decided by `by`.
pub async fn apply(
    client: &mut Client,
    candidate_id: i64,
    keep: Uuid,
    by: &str,
) -> Result<Applied, MergeError> {
    let tx = client.transaction().await?;
    let cand = tx
        .query_opt(
            "SELECT status, id_number, resident_id, other_resident_id FROM merge_candidates
             WHERE id = $1 FOR UPDATE",
            &[&candidate_id],
        )
        .await?
        .ok_or(MergeError::NoCandidate(candidate_id))?;
    let status: String = cand.get(0);
    if status != "open" {
        return Err(MergeError::NotOpen {
            id: candidate_id,
            status,
        });
    }
    let id_number: String = cand.get(1);
    let (a, b): (Uuid, Uuid) = (cand.get(2), cand.get(3));
    let merged = match keep {
        k if k == a => b,
        k if k == b => a,
        _ => {
            return Err(MergeError::NotInCandidate {
                id: candidate_id,
                keep,
            })
        }
    };
    if let Some(r) = tx
        .query_opt(
            "SELECT id, merged_id FROM resident_merges
             WHERE undone_at IS NULL AND merged_id IN ($1, $2) ORDER BY id LIMIT 1",
            &[&keep, &merged],
        )
        .await?
    {
        return Err(MergeError::AlreadyMerged {
            merge: r.get(0),
            resident: r.get(1),
        });
    }
    // Both residents and the contracts naming the merged one (`resident` is the `residentId`
    // validation extracted), in push's lock order.
    let rows: Vec<Locked> = tx
        .query(
            &format!(
                "{LOCKED_COLUMNS}
                 WHERE (tbl = 'residents' AND id IN ($1, $2)) OR (tbl = 'contracts' AND resident = $2)
                 ORDER BY tbl, id FOR UPDATE"
            ),
            &[&keep, &merged],
        )
        .await?
        .iter()
        .filter_map(locked)
        .collect();
    let resident = |id: Uuid| {
        let r = rows
            .iter()
            .find(|r| r.table == SyncTable::Residents && r.id == id)
            .ok_or(MergeError::NoResident(id))?;
        if live(&r.fields) {
            Ok(r)
        } else {
            Err(MergeError::Deleted(id))
        }
    };
    let (survivor, gone) = (resident(keep)?, resident(merged)?);

    let merge_id: i64 = tx
        .query_one(
            "SELECT nextval(pg_get_serial_sequence('resident_merges', 'id'))",
            &[],
        )
        .await?
        .get(0);
    let at = now_rfc3339();
    let mut repointed = Vec::new();
    let mut left = Vec::new();
    let readable = format!("SELECT $2::uuid IN ({})", readable_residents());
    for c in rows.iter().filter(|r| r.table == SyncTable::Contracts) {
        let reads = match c.owner {
            Some(owner) => tx
                .query_one(&readable, &[&owner, &keep])
                .await?
                .get::<_, Option<bool>>(0)
                .unwrap_or(false),
            None => false,
        };
        match contract_fate(&c.fields, c.owner, survivor.owner, reads) {
            Fate::Repoint { pin } => {
                write(&tx, c, &contract_repointed(&c.fields, keep, pin), &at).await?;
                repointed.push(Repointed {
                    table: c.table.name().to_owned(),
                    id: c.id,
                    field: "residentId".into(),
                    before: merged,
                    after: keep,
                    pinned_institution_id: pin,
                });
            }
            Fate::Stay(reason) => left.push(Left {
                table: c.table.name().to_owned(),
                id: Some(c.id),
                count: None,
                reason: reason.into(),
            }),
        }
    }
    let contracts_left = left.len();
    let care_records: i64 = tx
        .query_one(
            "SELECT count(*) FROM rows WHERE tbl = 'care_records' AND resident = $1",
            &[&merged],
        )
        .await?
        .get(0);
    if care_records > 0 {
        left.push(Left {
            table: SyncTable::CareRecords.name().to_owned(),
            id: None,
            count: Some(care_records),
            reason: CARE_RECORDS_STAY.into(),
        });
    }

    let file_no = survivor
        .fields
        .get("healthFileNo")
        .and_then(Value::as_str)
        .map_or_else(|| keep.to_string(), str::to_owned);
    let before = status_of(&gone.fields);
    let after = merged_status(&china_date(Utc::now()), &file_no, merge_id);
    write(&tx, gone, &with_status(&gone.fields, &after), &at).await?;

    tx.execute(
        "INSERT INTO resident_merges (id, candidate_id, survivor_id, merged_id, id_number,
                                      decided_by, repointed, left_refs, merged_before, merged_after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &merge_id,
            &candidate_id,
            &keep,
            &merged,
            &id_number,
            &by,
            &to_json(&repointed),
            &to_json(&left),
            &before,
            &after,
        ],
    )
    .await?;
    tx.execute(
        "UPDATE merge_candidates SET status = 'merged' WHERE id = $1",
        &[&candidate_id],
    )
    .await?;
    tx.commit().await?;
    tracing::info!(merge = merge_id, candidate = candidate_id, %keep, %merged, by, "residents merged");
    Ok(Applied {
        merge_id,
        candidate_id,
        survivor: keep,
        merged,
        repointed: repointed.len(),
        contracts_left,
        care_records,
    })
}

fn to_json<T: Serialize>(items: &[T]) -> Value {
    serde_json::to_value(items).unwrap_or(Value::Array(Vec::new()))
}

/// What [`undo`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub merge_id: i64,
    pub candidate_id: i64,
    pub restored: usize,
    pub left: Vec<Left>,
    pub status_restored: bool,
}

impl fmt::Display for Undone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "已撤销合并 #{}：签约恢复 {} 份，{}；档案状态{}；候选 #{} 重新待处理",
            self.merge_id,
            self.restored,
            match self.left.iter().filter(|l| l.table == "contracts").count() {
                0 => "全部恢复".to_owned(),
                n => format!("{n} 份合并后被改过、未恢复"),
            },
            if self.status_restored {
                "已恢复"
            } else {
                "合并后被修改过，未恢复"
            },
            self.candidate_id
        )
    }
}

/// Undoes merge `merge_id`, by `by`: what the merge changed and nobody changed since goes back.
pub async fn undo(client: &mut Client, merge_id: i64, by: &str) -> Result<Undone, MergeError> {
    let tx = client.transaction().await?;
    let m = tx
        .query_opt(
            "SELECT candidate_id, survivor_id, merged_id, repointed, merged_before, merged_after,
                    undone_at::text
             FROM resident_merges WHERE id = $1 FOR UPDATE",
            &[&merge_id],
        )
        .await?
        .ok_or(MergeError::NoMerge(merge_id))?;
    if let Some(at) = m.get::<_, Option<String>>(6) {
        return Err(MergeError::AlreadyUndone { id: merge_id, at });
    }
    let candidate_id: i64 = m.get(0);
    let (survivor, merged): (Uuid, Uuid) = (m.get(1), m.get(2));
    let repointed: Vec<Repointed> =
        serde_json::from_value(m.get(3)).map_err(|e| MergeError::Corrupt {
            id: merge_id,
            message: e.to_string(),
        })?;
    let (before, after): (Value, Value) = (m.get(4), m.get(5));
    if let Some(r) = tx
        .query_opt(
            "SELECT id FROM resident_merges
             WHERE id > $1 AND undone_at IS NULL
               AND (survivor_id IN ($2, $3) OR merged_id IN ($2, $3))
             ORDER BY id DESC LIMIT 1",
            &[&merge_id, &survivor, &merged],
        )
        .await?
    {
        return Err(MergeError::LaterMerge {
            id: merge_id,
            later: r.get(0),
        });
    }
    tx.execute(
        "SELECT 1 FROM merge_candidates WHERE id = $1 FOR UPDATE",
        &[&candidate_id],
    )
    .await?;
    let ids: Vec<Uuid> = repointed.iter().map(|r| r.id).collect();
    let rows: Vec<Locked> = tx
        .query(
            &format!(
                "{LOCKED_COLUMNS}
                 WHERE (tbl = 'residents' AND id = $1) OR (tbl = 'contracts' AND id = ANY($2))
                 ORDER BY tbl, id FOR UPDATE"
            ),
            &[&merged, &ids],
        )
        .await?
        .iter()
        .filter_map(locked)
        .collect();
    let at = now_rfc3339();
    let mut restored = 0;
    let mut left = Vec::new();
    for r in &repointed {
        let row = rows
            .iter()
            .find(|x| x.table.name() == r.table && x.id == r.id);
        match row.and_then(|row| Some((row, contract_restored(&row.fields, r)?))) {
            Some((row, fields)) => {
                write(&tx, row, &fields, &at).await?;
                restored += 1;
            }
            None => left.push(Left {
                table: r.table.clone(),
                id: Some(r.id),
                count: None,
                reason: CONTRACT_CHANGED.into(),
            }),
        }
    }
    let gone = rows
        .iter()
        .find(|x| x.table == SyncTable::Residents && x.id == merged);
    let status_restored = match gone {
        Some(row) if status_of(&row.fields) == after => {
            write(&tx, row, &with_status(&row.fields, &before), &at).await?;
            true
        }
        _ => {
            left.push(Left {
                table: SyncTable::Residents.name().to_owned(),
                id: Some(merged),
                count: None,
                reason: STATUS_CHANGED.into(),
            });
            false
        }
    };
    tx.execute(
        "UPDATE resident_merges SET undone_at = now(), undone_by = $2, undo_left = $3
         WHERE id = $1",
        &[&merge_id, &by, &to_json(&left)],
    )
    .await?;
    tx.execute(
        "UPDATE merge_candidates SET status = 'open' WHERE id = $1",
        &[&candidate_id],
    )
    .await?;
    tx.commit().await?;
    tracing::info!(merge = merge_id, by, restored, "merge undone");
    Ok(Undone {
        merge_id,
        candidate_id,
        restored,
        left,
        status_restored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: Value) -> Fields {
        match v {
            Value::Object(m) => m,
            _ => Fields::new(),
        }
    }

    fn ids() -> (Uuid, Uuid, Uuid, Uuid) {
        (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        )
    }

    #[test]
    fn china_date_is_utc_plus_eight() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().ok().map(china_date);
        assert_eq!(at("2026-03-01T15:59:59Z").as_deref(), Some("2026-03-01"));
        assert_eq!(at("2026-03-01T16:00:00Z").as_deref(), Some("2026-03-02"));
        assert_eq!(at("2026-12-31T20:00:00Z").as_deref(), Some("2027-01-01"));
    }

    #[test]
    fn merged_status_names_the_survivors_file_and_the_merge() {
        let s = merged_status("2026-03-02", "44052410110100042", 7);
        assert_eq!(
            s,
            json!({
                "status": "moved",
                "statusDate": "2026-03-02",
                "statusNote": "已合并到健康档案 44052410110100042（合并 #7）",
            })
        );
    }

    #[test]
    fn status_round_trips_and_missing_fields_are_null() {
        let row = f(json!({"name": "张秀英", "status": "active", "statusNote": ""}));
        let before = status_of(&row);
        assert_eq!(
            before,
            json!({"status": "active", "statusDate": null, "statusNote": ""})
        );
        let moved = with_status(&row, &merged_status("2026-03-02", "1", 1));
        assert_eq!(moved["name"], "张秀英");
        assert_eq!(moved["status"], "moved");
        let back = with_status(&moved, &before);
        assert_eq!(status_of(&back), before);
        assert_eq!(back["name"], "张秀英");
    }

    #[test]
    fn contract_fate_follows_visibility_and_liveness() {
        let (owner, other, _, _) = ids();
        let c = f(json!({"residentId": "x", "deletedAt": null}));
        // Same institution as the survivor: moved, nothing pinned.
        assert_eq!(
            contract_fate(&c, Some(owner), Some(owner), true),
            Fate::Repoint { pin: None }
        );
        // Survivor of another institution the owner may read (a partner home): moved, and the
        // contract keeps its institution.
        assert_eq!(
            contract_fate(&c, Some(owner), Some(other), true),
            Fate::Repoint { pin: Some(owner) }
        );
        // A contract that already names its institution needs no pin.
        let own = f(json!({"residentId": "x", "institutionId": owner.to_string()}));
        assert_eq!(
            contract_fate(&own, Some(owner), Some(other), true),
            Fate::Repoint { pin: None }
        );
        assert_eq!(
            contract_fate(&c, Some(owner), Some(other), false),
            Fate::Stay(CONTRACT_OWNER_BLIND)
        );
        assert_eq!(
            contract_fate(&c, None, Some(other), true),
            Fate::Stay(CONTRACT_OWNER_BLIND)
        );
        let deleted = f(json!({"residentId": "x", "deletedAt": "2026-03-01T08:00:00Z"}));
        assert_eq!(
            contract_fate(&deleted, Some(owner), Some(owner), true),
            Fate::Stay(CONTRACT_DELETED)
        );
    }

    #[test]
    fn a_repointed_contract_is_restored_exactly() {
        let (merged, survivor, owner, _) = ids();
        let original = f(json!({"number": "QY2026-00001", "residentId": merged.to_string()}));
        for pin in [None, Some(owner)] {
            let moved = contract_repointed(&original, survivor, pin);
            assert_eq!(moved["residentId"], json!(survivor.to_string()));
            assert_eq!(moved.contains_key("institutionId"), pin.is_some());
            let r = Repointed {
                table: "contracts".into(),
                id: Uuid::now_v7(),
                field: "residentId".into(),
                before: merged,
                after: survivor,
                pinned_institution_id: pin,
            };
            assert_eq!(contract_restored(&moved, &r), Some(original.clone()));
            // Moved elsewhere since the merge: not restored.
            let elsewhere = contract_repointed(&original, Uuid::now_v7(), pin);
            assert_eq!(contract_restored(&elsewhere, &r), None);
        }
    }

    #[test]
    fn merge_records_serialise_in_camel_case() {
        let (a, b, c, d) = ids();
        let r = Repointed {
            table: "contracts".into(),
            id: a,
            field: "residentId".into(),
            before: b,
            after: c,
            pinned_institution_id: Some(d),
        };
        let v = serde_json::to_value(&r).ok();
        assert_eq!(
            v.as_ref().and_then(|v| v.get("pinnedInstitutionId")),
            Some(&json!(d.to_string()))
        );
        let back: Option<Repointed> = v.and_then(|v| serde_json::from_value(v).ok());
        assert_eq!(back, Some(r));
        let left = Left {
            table: "care_records".into(),
            id: None,
            count: Some(3),
            reason: CARE_RECORDS_STAY.into(),
        };
        assert_eq!(
            serde_json::to_value(&left).ok(),
            Some(json!({"table": "care_records", "count": 3, "reason": "服务记录只追加，不改写"}))
        );
    }
}
