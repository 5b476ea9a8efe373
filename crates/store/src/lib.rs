//! The only SQLite code of 医养通. [`Vault`] opens the encrypted data folder (set-up, log-in,
//! unlock, recovery) and hands out a [`Store`]: the use-case facade the desktop shell calls. Every
//! call checks the session's role against the domain's role table; every write is one
//! transaction that also appends its mutation to the sync outbox, its revision to the change
//! history and its entry to the audit log.

mod agreements;
mod audit;
mod backup;
mod care;
mod contracts;
mod ctx;
pub mod demo;
mod demo_care;
mod documents;
mod error;
mod export;
mod homecare;
mod import;
mod indicators;
mod institutions;
pub mod keys;
mod migrate;
mod open;
mod residents;
mod search;
mod search_index;
mod session;
mod settings;
mod setup;
mod sync;
mod synced;
mod teams;
mod users;
mod vault;

pub use backup::SAFETY_BACKUP_FOLDER;
pub use ctx::WriteCtx;
pub use documents::PreviewPdf;
pub use error::StoreError;
pub use export::indicator_report_xlsx;
pub use import::Progress;
pub use keys::{DataKey, KdfParams, KEY_FILE_NAME};
pub use migrate::{applied_migrations, AppliedMigration, LATEST_VERSION};
pub use open::{default_data_dir, file_kind, ConversionStage, FileKind, DATA_FILE_NAME};
pub use session::Session;
pub use sync::{ApplyStats, Snapshot, SyncSettings};
pub use synced::{OutboxEntry, SYNCED_TABLES};
pub use vault::{Vault, VaultState};

use rusqlite::Connection;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open, decrypted 医养通 data file and who is using it. One per process; the shell keeps it
/// behind a mutex and drops it when the window locks (which zeroes the key).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    vault: Vault,
    key: DataKey,
    session: Option<Session>,
}

impl Store {
    pub(crate) fn from_parts(conn: Connection, vault: Vault, key: DataKey) -> Self {
        Self {
            conn,
            vault,
            key,
            session: None,
        }
    }

    /// Where the data file lives.
    pub fn path(&self) -> std::path::PathBuf {
        self.vault.data_path()
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// `(synchronous, foreign_keys)` of the open connection, for checks and diagnostics.
    pub fn pragmas(&self) -> Result<(i64, i64)> {
        let sync = self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        let fk = self
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        Ok((sync, fk))
    }

    /// Runs SQLite's full integrity check on the open file.
    pub fn integrity_check(&self) -> Result<()> {
        open::integrity_check(&self.conn, &self.vault.data_path())
    }

    /// Raw read access for tests and diagnostics in this workspace (e.g. proving the audit chain
    /// catches an edit). Not part of the facade: it bypasses the role checks.
    #[doc(hidden)]
    pub fn raw_connection_for_tests(&self) -> &Connection {
        &self.conn
    }
}
