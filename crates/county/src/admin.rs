//! Administrator commands, run directly on the database (`yiyang-county institution add …`,
//! `code issue`, `device list|revoke`, `quarantine list`, `conflict list`,
//! `merge list|apply|undo|history`).
use anyhow::{bail, Context};
use serde_json::{json, Value};
use tokio_postgres::Client;
use uuid::Uuid;
use yiyang_protocol::sync::SyncTable;

use crate::db::{insert_row, load_row_for_update, now_rfc3339, update_row, RowWrite};
use crate::institution::institution_id;
use crate::merge::Fields;
use crate::validate::validate_row;

/// The author the county's own writes carry.
pub const ADMIN_ACTOR: &str = "county-admin";

#[derive(Debug, Clone)]
pub struct NewInstitution {
    pub kind: String,
    pub name: String,
    pub credit_code: String,
    pub county_code: String,
    pub township_code: String,
    pub village_code: String,
    pub address: String,
    pub contact_phone: String,
}

/// Registers (or updates) an institution as a synced `institutions` row, validated like a
/// laptop's; returns its id.
pub async fn institution_add(client: &mut Client, i: &NewInstitution) -> anyhow::Result<Uuid> {
    let credit_code = yiyang_domain::credit_code::normalize(&i.credit_code);
    let id = institution_id(&credit_code)?;
    let fields: Fields = match json!({
        "kind": i.kind,
        "name": i.name.trim(),
        "creditCode": credit_code,
        "countyCode": i.county_code.trim(),
        "townshipCode": i.township_code.trim(),
        "villageCode": i.village_code.trim(),
        "address": i.address.trim(),
        "contactPhone": i.contact_phone.trim(),
    }) {
        Value::Object(m) => m,
        _ => bail!("institution fields"),
    };
    // Registered under the same rules as a laptop's institution form.
    let _ = validate_row(SyncTable::Institutions, &id.to_string(), &fields).map_err(|issues| {
        let text: Vec<String> = issues
            .iter()
            .map(|i| format!("{}: {}", i.field, i.message))
            .collect();
        anyhow::anyhow!("机构信息无效：{}", text.join("；"))
    })?;
    let tx = client.transaction().await?;
    let at = now_rfc3339();
    let write = RowWrite {
        tbl: SyncTable::Institutions.name(),
        id,
        fields: &fields,
        owner: None,
        home: None,
        resident: None,
        id_number: None,
        actor: ADMIN_ACTOR,
        at: &at,
    };
    match load_row_for_update(&tx, write.tbl, id).await? {
        None => {
            insert_row(&tx, &write).await?;
        }
        Some(current) => {
            let mut merged = current.fields.clone();
            merged.extend(fields.clone());
            let write = RowWrite {
                fields: &merged,
                ..write
            };
            update_row(&tx, &write, current.version).await?;
        }
    }
    tx.commit().await?;
    Ok(id)
}

/// Issues a one-time enrolment code for the registered institution with this credit code.
pub async fn code_issue(
    client: &mut Client,
    credit_code: &str,
    days: i64,
) -> anyhow::Result<String> {
    if !(1..=365).contains(&days) {
        bail!("--days must be between 1 and 365");
    }
    let id = institution_id(credit_code)?;
    let tx = client.transaction().await?;
    let known = tx
        .query_opt(
            "SELECT 1 FROM rows WHERE tbl = 'institutions' AND id = $1 AND NOT deleted",
            &[&id],
        )
        .await?;
    if known.is_none() {
        bail!("no institution with credit code {credit_code}: add it first (institution add)");
    }
    let code = crate::enrol::issue_code(&tx, id, days).await?;
    tx.commit().await?;
    Ok(code)
}

/// One line per item, tab-separated, for people and scripts alike.
fn print_rows(header: &str, rows: &[tokio_postgres::Row]) {
    println!("{header}");
    for r in rows {
        let cells: Vec<String> = (0..r.len())
            .map(|i| r.get::<_, Option<String>>(i).unwrap_or_default())
            .collect();
        println!("{}", cells.join("\t"));
    }
}

pub async fn device_list(client: &Client) -> anyhow::Result<()> {
    let rows = client
        .query(
            "SELECT d.id::text, d.institution_id::text, i.fields->>'name', d.name,
                    d.enrolled_at::text, d.revoked_at::text, d.high_water::text
             FROM devices d
             LEFT JOIN rows i ON i.tbl = 'institutions' AND i.id = d.institution_id
             ORDER BY d.enrolled_at",
            &[],
        )
        .await?;
    print_rows(
        "id\tinstitution_id\tinstitution\tname\tenrolled_at\trevoked_at\thigh_water",
        &rows,
    );
    Ok(())
}

pub async fn device_revoke(client: &Client, id: &str) -> anyhow::Result<()> {
    let id = Uuid::parse_str(id.trim()).context("device id is not a UUID")?;
    let n = client
        .execute(
            "UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
            &[&id],
        )
        .await?;
    if n == 0 {
        bail!("no active device {id}");
    }
    println!("revoked {id}");
    Ok(())
}

pub async fn quarantine_list(client: &Client) -> anyhow::Result<()> {
    let rows = client
        .query(
            "SELECT q.at::text, q.device_id::text, q.seq::text, q.mutation->>'table',
                    q.mutation->>'rowId', q.code, q.field, q.message
             FROM quarantine q ORDER BY q.id",
            &[],
        )
        .await?;
    print_rows(
        "at\tdevice\tseq\ttable\trow_id\tcode\tfield\tmessage",
        &rows,
    );
    Ok(())
}

pub async fn conflict_list(client: &Client) -> anyhow::Result<()> {
    let rows = client
        .query(
            "SELECT id::text, status, tbl, row_id::text, field, kept_value::text,
                    other_value::text, other_device_id, other_actor_id, opened_at,
                    resolved_value::text, resolved_at
             FROM conflicts ORDER BY change_xid, change_pos",
            &[],
        )
        .await?;
    print_rows(
        "id\tstatus\ttable\trow_id\tfield\tkept\tother\tother_device\tother_actor\topened_at\tresolved_value\tresolved_at",
        &rows,
    );
    Ok(())
}

pub async fn merge_list(client: &Client) -> anyhow::Result<()> {
    let rows = client
        .query(
            "SELECT m.id::text, m.status, m.id_number, m.resident_id::text,
                    a.fields->>'name', m.other_resident_id::text, b.fields->>'name',
                    m.found_at::text
             FROM merge_candidates m
             LEFT JOIN rows a ON a.tbl = 'residents' AND a.id = m.resident_id
             LEFT JOIN rows b ON b.tbl = 'residents' AND b.id = m.other_resident_id
             ORDER BY m.id",
            &[],
        )
        .await?;
    print_rows(
        "id\tstatus\tid_number\tresident\tname\tother_resident\tother_name\tfound_at",
        &rows,
    );
    Ok(())
}

/// Merges candidate `candidate` keeping resident `keep` (see [`crate::resident_merge::apply`]).
pub async fn merge_apply(
    client: &mut Client,
    candidate: i64,
    keep: &str,
    by: &str,
) -> anyhow::Result<()> {
    let keep = Uuid::parse_str(keep.trim()).context("--keep 应为居民档案编号（UUID）")?;
    let applied = crate::resident_merge::apply(client, candidate, keep, by).await?;
    println!("{applied}");
    Ok(())
}

/// Undoes merge `merge` (see [`crate::resident_merge::undo`]).
pub async fn merge_undo(client: &mut Client, merge: i64, by: &str) -> anyhow::Result<()> {
    let undone = crate::resident_merge::undo(client, merge, by).await?;
    println!("{undone}");
    Ok(())
}

/// Every merge decided, with what it moved and left (JSON) and whether it was undone.
pub async fn merge_history(client: &Client) -> anyhow::Result<()> {
    let rows = client
        .query(
            "SELECT id::text, candidate_id::text, id_number, survivor_id::text, merged_id::text,
                    decided_by, decided_at::text, repointed::text, left_refs::text,
                    undone_at::text, undone_by, undo_left::text
             FROM resident_merges ORDER BY id",
            &[],
        )
        .await?;
    print_rows(
        "id\tcandidate\tid_number\tsurvivor\tmerged\tdecided_by\tdecided_at\trepointed\tleft\tundone_at\tundone_by\tundo_left",
        &rows,
    );
    Ok(())
}
