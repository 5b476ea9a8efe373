//! Authorisation by institution (docs/sync-protocol.md): what a device may write, judged on
//! the row before and after the change, and which residents its institution may read.
use deadpool_postgres::Transaction;
use serde_json::Value;
use uuid::Uuid;
use yiyang_domain::is_care_home;
use yiyang_protocol::sync::{Mutation, SyncTable};
use yiyang_protocol::InstitutionKind;

use super::{uuid_ref, DbResult, Readable};
use crate::db::StoredRow;
use crate::readable::readable_residents;
use crate::validate::RowRefs;

pub(super) fn forget_readable(m: &Mutation, readable: &mut Readable) {
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

/// Checks the write against the table in docs/sync-protocol.md ("Authorisation by
/// institution"), before and after the change. Returns the owner to store (contracts without
/// their own institution belong to their resident's) or the reason it is forbidden.
pub(super) async fn authorise(
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
