//! Wire and IPC types of 医养通. Plain data: every type here is what crosses the Tauri boundary
//! (and, later, the sync wire). Validation lives in `yiyang-domain`, which converts these into
//! validated domain values; nothing here may hold a rule.
//!
//! Dates are ISO `YYYY-MM-DD` strings and instants RFC 3339 UTC strings: TypeScript never mints
//! them, it only shows what Rust sent.

pub mod assessment;
pub mod bindings;
pub mod care;
pub mod commands;
pub mod contract;
pub mod document;
pub mod error;
pub mod health_check;
pub mod homecare;
pub mod import;
pub mod indicators;
pub mod institution;
pub mod records;
pub mod resident;
pub mod security;
pub mod setup;
pub mod sync;

pub use assessment::*;
pub use care::*;
pub use contract::*;
pub use document::*;
pub use error::{ErrorCode, FieldIssue, IpcError};
pub use health_check::*;
pub use homecare::*;
pub use import::*;
pub use indicators::*;
pub use institution::{Institution, InstitutionInput, InstitutionKind};
pub use records::*;
pub use resident::*;
pub use security::*;
pub use setup::{SetupInput, SetupState, UserSummary};
