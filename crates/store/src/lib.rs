//! The only SQLite code of 医养通. [`Store`] is the use-case facade the desktop shell calls: every
//! write is one transaction that also appends its mutation to the sync outbox and its revision to
//! the change history, and records who made it and when (both passed in by the caller).

mod ctx;
pub mod demo;
mod error;
mod institutions;
mod migrate;
mod open;
mod residents;
mod search;
mod search_index;
mod setup;
mod synced;

pub use ctx::WriteCtx;
pub use error::StoreError;
pub use migrate::{applied_migrations, AppliedMigration, LATEST_VERSION};
pub use open::{default_data_dir, OpenOptions, DATA_FILE_NAME};
pub use synced::{OutboxEntry, SYNCED_TABLES};

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open 医养通 data file. One per process; the shell keeps it behind a mutex.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Where the data file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
