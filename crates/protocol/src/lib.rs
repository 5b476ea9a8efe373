//! Wire and IPC types of 医养通. Plain data: every type here is what crosses the Tauri boundary
//! (and, later, the sync wire). Validation lives in `yiyang-domain`, which converts these into
//! validated domain values; nothing here may hold a rule.
//!
//! Dates are ISO `YYYY-MM-DD` strings and instants RFC 3339 UTC strings: TypeScript never mints
//! them, it only shows what Rust sent.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod institution;
pub mod resident;
pub mod security;
pub mod setup;

pub use error::{ErrorCode, FieldIssue, IpcError};
pub use institution::{Institution, InstitutionInput, InstitutionKind};
pub use resident::*;
pub use security::*;
pub use setup::{SetupInput, SetupState, UserSummary};
