//! The laptop side of sync (docs/sync-protocol.md): `machine` decides what to do next without
//! I/O, `client` speaks the county's HTTP API, `cycle` moves one step between the store and the
//! county, and `driver` runs the loop on tokio.
pub mod client;
pub mod cycle;
pub mod driver;
pub mod error;
pub mod machine;

pub use client::CountyClient;
pub use cycle::{
    enrol, pull_step, pull_step_ahead, push_step, push_step_ahead, PullAhead, PushAhead,
    StoreAccess,
};
pub use driver::{spawn, Activity, ActivityPhase, SyncHandle};
pub use error::SyncError;
pub use machine::{FailureKind, Machine, Phase, Schedule, Step, Trigger};
