//! 县级服务器 `yiyang-county`: enrols laptops, applies their pushes exactly once, and serves pulls
//! in commit order (axum + PostgreSQL). docs/sync-protocol.md is the protocol it implements.
//!
//! Module map:
//! - [`migrate`]: embedded schema migrations (`migrations/county/*.sql`), applied at start.
//! - [`db`]: connection pool, shared state, and the generic jsonb row store every write uses
//!   (stamps each change with its transaction id and a position).
//! - [`auth`]: bearer-token device and administrator authentication, and the protocol-version
//!   gate.
//! - [`enrol`]: one-time enrolment codes and `POST /v1/enrol`.
//! - [`push`]: `POST /v1/push`: exactly-once batches, merge, validation, authorisation,
//!   conflicts, quarantine, duplicate 身份证号.
//! - [`merge`]: the pure field-level merge (unit and property tests).
//! - [`pull`]: `GET /v1/pull`: visible rows and conflicts after a cursor, in commit order.
//! - [`routes`]: the router, body limits, zstd and gzip, and mapping every error answer to a
//!   WireError.
//! - [`error`]: the error enum and its WireError codes and statuses.
//! - [`admin`]: the administrator's command-line operations on the database.
//! - [`resident_merge`]: merging two files of one resident (a merge candidate) and undoing it.
//! - [`openapi`]: the OpenAPI 3 description served at `/openapi.json`.
//! - [`institution`]: institution ids (the domain's UUIDv5 of the credit code) as `Uuid`.
//! - [`indicators`]: `GET /v1/indicators`: every clinic's 统计指标, per county, clinic and
//!   nursing home, from the same domain function the laptop runs (administrator only).
pub mod admin;
pub mod auth;
pub mod db;
pub mod enrol;
pub mod error;
pub mod indicators;
pub mod institution;
pub mod merge;
pub mod migrate;
pub mod openapi;
pub mod pull;
pub mod push;
pub mod readable;
pub mod resident_merge;
pub mod routes;
mod validate;

use std::future::Future;

use tokio::net::TcpListener;

/// Serves the router on `listener` until `shutdown` completes, then finishes the requests in
/// flight (a push mid-transaction commits or rolls back, never half-applies).
pub async fn serve(
    listener: TcpListener,
    state: db::AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, routes::router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
