//! Opening the data file: the single door to SQLite. Every connection of the app is keyed here
//! (SQLCipher), before it reads a byte.
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::keys::DataKey;
use crate::{migrate, Result, StoreError};

/// File name of the store inside the data folder.
pub const DATA_FILE_NAME: &str = "yiyang.sqlite3";

/// "YYNG": marks a file as ours, so opening some other SQLite file fails clearly.
pub(crate) const APPLICATION_ID: i64 = 0x5959_4E47;

/// The platform's per-user app-data folder for 医养通 (e.g. `%APPDATA%\yiyang` on Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("yiyang"))
}

/// What a data file on disk is, from its first bytes (no key needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one.
    Missing,
    /// A plain SQLite file: a store from before encryption (or not ours at all).
    Plain,
    /// Anything else: an encrypted store (SQLCipher files have no readable header).
    Encrypted,
}

pub fn file_kind(path: &Path) -> Result<FileKind> {
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(e.into()),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        let n = f.read(&mut header[read..])?;
        if n == 0 {
            break;
        }
        read += n;
    }
    Ok(match read {
        0 => FileKind::Missing,
        16 if &header == b"SQLite format 3\0" => FileKind::Plain,
        _ => FileKind::Encrypted,
    })
}

/// Opens `path` with `key` (None: a plain file, only ever read to encrypt it), sets WAL,
/// synchronous=FULL and foreign keys, and checks that the file is ours. Creates the file if
/// missing. A wrong key or a file that is not a database gives [`StoreError::Corrupt`].
pub(crate) fn connect(path: &Path, key: Option<&DataKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        conn.pragma_update(None, "key", key.pragma_value().as_str())?;
    }
    configure(&conn).map_err(|e| match e {
        StoreError::Sqlite(ref s) if is_not_a_database(s) => {
            StoreError::Corrupt(path.display().to_string())
        }
        other => other,
    })?;
    check_application_id(&conn, path)?;
    Ok(conn)
}

/// Opens and migrates an encrypted store.
pub(crate) fn open_encrypted(path: &Path, key: &DataKey) -> Result<Connection> {
    let mut conn = connect(path, Some(key))?;
    // Before the migrations, which expect the schema they left.
    crate::sync::first_download::build_indexes(&conn)?;
    migrate::run(&mut conn)?;
    Ok(conn)
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL + FULL: a committed health record survives a power cut; foreign keys are per-connection.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal_mode={mode}")));
    }
    // A 32 MiB page cache: with SQLCipher every page read from disk is decrypted and
    // authenticated, so keeping the hot index pages decrypted in memory is what keeps list pages
    // and one-character searches fast at 100k residents (the default 2 MiB cache was 3-4x slower).
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA cache_size = -32768;",
    )?;
    // Sync applies rows of 7 tables generically (insert, update, lookups, references): with the
    // default 16 cached statements they would evict each other and be prepared again per row.
    conn.set_prepared_statement_cache_capacity(64);
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

/// The sidecar files SQLite keeps next to a database in WAL mode.
pub(crate) fn sidecars(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [with("-wal"), with("-shm")]
}

/// Removes a database file and its WAL sidecars, ignoring the ones that do not exist.
pub(crate) fn remove_db_files(path: &Path) -> Result<()> {
    for p in std::iter::once(path.to_path_buf()).chain(sidecars(path)) {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Row counts of the tables a person would miss, for verifying copies.
pub(crate) fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name NOT LIKE 'resident_terms%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names.retain(|n| !n.contains('"'));
    names
        .into_iter()
        .map(|n| {
            let c: i64 =
                conn.query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0))?;
            Ok((n, c))
        })
        .collect()
}

/// `PRAGMA integrity_check`; Err with SQLite's first complaint when the file is damaged.
pub(crate) fn integrity_check(conn: &Connection, path: &Path) -> Result<()> {
    let result: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| {
            if is_not_a_database(&e) {
                StoreError::Corrupt(path.display().to_string())
            } else {
                e.into()
            }
        })?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt(format!("{}：{result}", path.display())))
    }
}

/// Stages of encrypting a plain store, named so a test can stop the conversion at each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversionStage {
    /// The encrypted copy is written next to the original.
    Exported,
    /// The copy passed integrity_check and has the original's row counts.
    Verified,
    /// The key file with the new wraps is on disk.
    KeySaved,
}

/// Encrypts the plain store at `path` in place with `key`. The encrypted copy is written and
/// verified beside the original, `save_key` then stores the key file, and only then does one
/// atomic rename replace the original. A crash (or an error from `hook`) at any earlier point
/// leaves the original file untouched and in use.
pub(crate) fn encrypt_in_place(
    path: &Path,
    key: &DataKey,
    save_key: impl FnOnce() -> Result<()>,
    hook: &mut dyn FnMut(ConversionStage) -> Result<()>,
) -> Result<()> {
    let tmp = path.with_extension("sqlite3.encrypting");
    remove_db_files(&tmp)?;
    let original_counts = {
        // Checked, not migrated: until the rename the original stays exactly as the old version
        // left it (the encrypted copy is migrated when it is first opened).
        let plain = connect(path, None)?;
        migrate::verify(&plain)?;
        plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let counts = table_counts(&plain)?;
        plain.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            rusqlite::params![tmp.display().to_string(), key.pragma_value().as_str()],
        )?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        plain.execute_batch(&format!(
            "PRAGMA encrypted.application_id = {APPLICATION_ID}; DETACH DATABASE encrypted;"
        ))?;
        counts
    };
    hook(ConversionStage::Exported)?;
    {
        let copy = connect(&tmp, Some(key))?;
        integrity_check(&copy, &tmp)?;
        if table_counts(&copy)? != original_counts {
            return Err(StoreError::Corrupt(format!(
                "{}：加密副本的记录数与原文件不一致",
                tmp.display()
            )));
        }
        copy.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    remove_db_files_sidecars_only(&tmp)?;
    hook(ConversionStage::Verified)?;
    save_key()?;
    hook(ConversionStage::KeySaved)?;
    // The original's WAL was checkpointed and is empty; the copy's likewise.
    for s in sidecars(path) {
        let _ = std::fs::remove_file(s);
    }
    std::fs::rename(&tmp, path)?;
    crate::keys::sync_dir(path);
    Ok(())
}

fn remove_db_files_sidecars_only(path: &Path) -> Result<()> {
    for p in sidecars(path) {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
