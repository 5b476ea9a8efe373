//! Opening the data file: the single door to SQLite, where the security work will add the key.
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::{migrate, Result, Store, StoreError};

/// File name of the store inside the data folder.
pub const DATA_FILE_NAME: &str = "yiyang.sqlite3";

/// "YYNG": marks a file as ours, so opening some other SQLite file fails clearly.
const APPLICATION_ID: i64 = 0x5959_4E47;

/// How to open the store. Grows with the encryption key in the security work.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {}

/// The platform's per-user app-data folder for 医养通 (e.g. `%APPDATA%\医养通` on Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("yiyang"))
}

impl Store {
    /// Opens (creating if needed) the store in `data_dir`.
    pub fn open_in_dir(data_dir: &Path, options: &OpenOptions) -> Result<Self> {
        std::fs::create_dir_all(data_dir)?;
        Self::open(&data_dir.join(DATA_FILE_NAME), options)
    }

    /// Opens (creating if needed) the store at `path`, applies pending migrations and verifies
    /// the checksums of the applied ones.
    pub fn open(path: &Path, _options: &OpenOptions) -> Result<Self> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn).map_err(|e| match e {
            StoreError::Sqlite(ref s)
                if s.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) =>
            {
                StoreError::Corrupt(path.display().to_string())
            }
            other => other,
        })?;
        check_application_id(&conn, path)?;
        migrate::run(&mut conn)?;
        let store = Self {
            conn,
            path: path.to_path_buf(),
        };
        store.ensure_installation()?;
        Ok(store)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL + FULL: a committed health record survives a power cut; foreign keys are per-connection.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal_mode={mode}")));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(())
}

fn check_application_id(conn: &Connection, path: &Path) -> Result<()> {
    let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id == APPLICATION_ID {
        return Ok(());
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if id == 0 && objects == 0 {
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        return Ok(());
    }
    Err(StoreError::Corrupt(path.display().to_string()))
}

impl Store {
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
}
