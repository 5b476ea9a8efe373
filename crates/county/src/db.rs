//! Connection pool, the state handlers share, and the row store every write goes through
//! (push and the admin commands), so every change gets its commit-order stamp the same way.
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde_json::Value;
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Transaction};
use uuid::Uuid;

use crate::merge::Fields;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// SHA-256 (hex) of the county administrator's bearer token (`YIYANG_COUNTY_ADMIN_TOKEN`);
    /// None: no token was configured and the administrator's routes refuse every request.
    pub admin_token_hash: Option<String>,
}

/// A pool of connections to `url` (a libpq-style URL or key=value string).
pub fn pool(url: &str, max_size: usize) -> anyhow::Result<Pool> {
    let mut config: tokio_postgres::Config = url.parse()?;
    // No JIT: a pull page's query over a county of a million rows is estimated dear enough for
    // PostgreSQL to compile it with LLVM every time, which cost more than running it (profile of
    // a first download: the county's PostgreSQL spent 40 % of its time in LLVM).
    let options = match config.get_options() {
        Some(given) => format!("{given} -c jit=off"),
        None => "-c jit=off".to_owned(),
    };
    config.options(&options);
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Ok(Pool::builder(manager).max_size(max_size).build()?)
}

/// The expression every write stamps with: the transaction id (the top-level one, also inside a
/// savepoint) and a position from one sequence shared by rows and conflicts.
pub const CHANGE_STAMP: &str = "pg_current_xact_id()::text::bigint, nextval('change_pos_seq')";

/// The stamps the county keeps itself; a laptop's values for them are ignored (`deletedAt` is
/// merged like a field but is not validated as one).
pub const STAMPS: [&str; 5] = [
    "createdAt",
    "updatedAt",
    "createdBy",
    "updatedBy",
    "deletedAt",
];

/// A row as the county holds it.
#[derive(Debug, Clone)]
pub struct StoredRow {
    pub version: i64,
    pub fields: Fields,
    pub owner: Option<Uuid>,
}

/// Loads and locks a row, so concurrent pushes touching it merge one after the other.
pub async fn load_row_for_update(
    tx: &Transaction<'_>,
    tbl: &str,
    id: Uuid,
) -> Result<Option<StoredRow>, tokio_postgres::Error> {
    let row = tx
        .query_opt(
            "SELECT version, fields, owner FROM rows WHERE tbl = $1 AND id = $2 FOR UPDATE",
            &[&tbl, &id],
        )
        .await?;
    Ok(row.map(|r| {
        let fields = match r.get::<_, Value>(1) {
            Value::Object(m) => m,
            _ => Fields::new(),
        };
        StoredRow {
            version: r.get(0),
            fields,
            owner: r.get(2),
        }
    }))
}

/// What a write stores besides the fields: the references validation extracted and the stamps.
#[derive(Debug, Clone)]
pub struct RowWrite<'a> {
    pub tbl: &'a str,
    pub id: Uuid,
    pub fields: &'a Fields,
    pub owner: Option<Uuid>,
    pub home: Option<Uuid>,
    pub resident: Option<Uuid>,
    pub id_number: Option<&'a str>,
    /// The author and the laptop time of the change (createdAt/By for a new row).
    pub actor: &'a str,
    pub at: &'a str,
}

impl RowWrite<'_> {
    pub fn deleted(&self) -> bool {
        !matches!(self.fields.get("deletedAt"), None | Some(Value::Null))
    }
}

/// One write statement with its owned parameters: push queues them and sends a batch's writes
/// in one pipeline, in order; everything else runs them at once.
pub struct Op {
    pub sql: String,
    pub params: Vec<Box<dyn ToSql + Sync + Send>>,
}

impl Op {
    pub fn new(sql: impl Into<String>, params: Vec<Box<dyn ToSql + Sync + Send>>) -> Self {
        Op {
            sql: sql.into(),
            params,
        }
    }

    pub fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }
}

/// The insert of a new row at version 1 (affects no row when the id exists).
pub fn insert_row_op(w: &RowWrite<'_>) -> Op {
    insert_rows_op(vec![NewRow::new(w)], Taken::Skip)
}

/// The write of the merged row at `version + 1`, restamped.
pub fn update_row_op(w: &RowWrite<'_>, version: i64) -> Op {
    Op::new(
        format!(
            "UPDATE rows SET version = $3, fields = $4, owner = $5, home = $6, resident = $7,
                             id_number = $8, deleted = $9, updated_at = $10, updated_by = $11,
                             (change_xid, change_pos) = ({CHANGE_STAMP})
             WHERE tbl = $1 AND id = $2"
        ),
        vec![
            Box::new(w.tbl.to_owned()),
            Box::new(w.id),
            Box::new(version + 1),
            Box::new(Value::Object(w.fields.clone())),
            Box::new(w.owner),
            Box::new(w.home),
            Box::new(w.resident),
            Box::new(w.id_number.map(str::to_owned)),
            Box::new(w.deleted()),
            Box::new(w.at.to_owned()),
            Box::new(w.actor.to_owned()),
        ],
    )
}

/// Inserts a new row at version 1. Returns false when the id appeared meanwhile (a concurrent
/// push inserted it first): the caller merges into that row instead.
pub async fn insert_row(
    tx: &Transaction<'_>,
    w: &RowWrite<'_>,
) -> Result<bool, tokio_postgres::Error> {
    let op = insert_row_op(w);
    Ok(tx.execute(op.sql.as_str(), &op.refs()).await? == 1)
}

/// A new row's values, kept as data so that a push batch inserts all its consecutive new rows
/// in one statement (an initial upload is hundreds of thousands of inserts).
pub struct NewRow {
    tbl: String,
    id: Uuid,
    /// The fields as JSON text: serialised once, where cloning the map for the statement cost
    /// a tenth of an initial upload's time on the county.
    fields: String,
    owner: Option<Uuid>,
    home: Option<Uuid>,
    resident: Option<Uuid>,
    id_number: Option<String>,
    deleted: bool,
    at: String,
    actor: String,
}

impl NewRow {
    pub fn new(w: &RowWrite<'_>) -> Self {
        NewRow {
            tbl: w.tbl.to_owned(),
            id: w.id,
            fields: serde_json::to_string(w.fields).unwrap_or_default(),
            owner: w.owner,
            home: w.home,
            resident: w.resident,
            id_number: w.id_number.map(str::to_owned),
            deleted: w.deleted(),
            at: w.at.to_owned(),
            actor: w.actor.to_owned(),
        }
    }
}

/// What an insert does with an id that exists (a concurrent push inserted it first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Skip the row: the statement's count tells (fewer than the rows sent).
    Skip,
    /// Fail the statement with a unique violation. Cheaper: PostgreSQL inserts without the
    /// speculative-insertion check and its extra WAL record per row, which an initial upload of a
    /// million rows pays a million times. For callers that redo the work carefully on any error.
    Fail,
}

/// The insert of `rows` at version 1, in order, each with its own change position.
pub fn insert_rows_op(rows: Vec<NewRow>, taken: Taken) -> Op {
    let n = rows.len();
    let (mut tbl, mut id, mut fields, mut owner, mut home) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut resident, mut id_number, mut deleted, mut at, mut actor) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for r in rows {
        tbl.push(r.tbl);
        id.push(r.id);
        fields.push(r.fields);
        owner.push(r.owner);
        home.push(r.home);
        resident.push(r.resident);
        id_number.push(r.id_number);
        deleted.push(r.deleted);
        at.push(r.at);
        actor.push(r.actor);
    }
    let on_taken = match taken {
        Taken::Skip => "ON CONFLICT (tbl, id) DO NOTHING",
        Taken::Fail => "",
    };
    Op::new(
        format!(
            "INSERT INTO rows (tbl, id, version, fields, owner, home, resident, id_number,
                               deleted, created_at, created_by, updated_at, updated_by,
                               change_xid, change_pos)
             SELECT t, i, 1, f::jsonb, o, h, r, n, d, a, b, a, b, {CHANGE_STAMP}
             FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[],
                         $6::uuid[], $7::text[], $8::bool[], $9::text[], $10::text[])
                  AS x(t, i, f, o, h, r, n, d, a, b)
             {on_taken}"
        ),
        vec![
            Box::new(tbl),
            Box::new(id),
            Box::new(fields),
            Box::new(owner),
            Box::new(home),
            Box::new(resident),
            Box::new(id_number),
            Box::new(deleted),
            Box::new(at),
            Box::new(actor),
        ],
    )
}

/// Writes the merged row at `version + 1` and restamps it; returns the new version.
pub async fn update_row(
    tx: &Transaction<'_>,
    w: &RowWrite<'_>,
    version: i64,
) -> Result<i64, tokio_postgres::Error> {
    let op = update_row_op(w, version);
    tx.execute(op.sql.as_str(), &op.refs()).await?;
    Ok(version + 1)
}

/// The county's clock, for the instants it mints itself (conflict opened/resolved).
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// SHA-256 hex of a secret (token or enrolment code): the county never stores them in clear.
pub fn secret_hash(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(secret.as_bytes()))
}
