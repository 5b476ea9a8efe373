//! Encrypted backups and restoring them.
//!
//! A backup is two files in a folder (e.g. on a USB disk): `yiyang-backup-YYYYMMDD-HHMMSS.sqlite3`,
//! a copy of the data file made with SQLite's online backup API and encrypted with the same data
//! key, and `<same name>.json`, its manifest: which installation wrote it, when, the row counts,
//! the file's SHA-256 and an HMAC over all of that keyed from the data key. A backup is complete
//! once its manifest exists; the copy is written under a `.partial` name first, so a half-written
//! file never looks like a backup.
//!
//! Restoring checks the manifest (ours? untouched?), the file's hash, then opens the copy and runs
//! integrity_check and the counts before anything is replaced; the current data is backed up to
//! `<data dir>/恢复前备份/` first (never pruned: it is the only copy of what the restore replaces).
//! When the data file cannot be opened at all, [`Vault::restore_broken`] moves it aside (never
//! deletes it) and restores with a user's password.
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use hmac::{Hmac, Mac};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use yiyang_domain::access::permits;
use yiyang_domain::error::{FieldError, ValidationErrors};
use yiyang_protocol::{AuditAction, BackupCounts, BackupInfo, Permission, RestoreDone};
use zeroize::Zeroizing;

use crate::keys::{sync_dir, DataKey, Holder};
use crate::open::{integrity_check, open_encrypted, sidecars, APPLICATION_ID};
use crate::session::Session;
use crate::users::role_from_code;
use crate::{migrate, Result, Store, StoreError, Vault};

/// Folder inside the data folder that receives the copy of the data made just before a restore.
pub const SAFETY_BACKUP_FOLDER: &str = "恢复前备份";

const PREFIX: &str = "yiyang-backup-";
const DB_EXT: &str = "sqlite3";
const MANIFEST_EXT: &str = "json";
const FORMAT: u32 = 1;
/// `settings` row holding the time of the last successful backup (JSON string, RFC 3339).
const LAST_BACKUP_KEY: &str = "last_backup";
/// `settings` row holding the last failure written to the audit log (see [`Store::note_failure`]).
const LAST_FAILURE_KEY: &str = "last_backup_failure";
/// A manifest is a few hundred bytes; anything much larger is not one (and is not read whole).
const MAX_MANIFEST_BYTES: u64 = 64 * 1024;
/// The same failure (e.g. the USB disk stays unplugged while the scheduler retries every minute)
/// is written to the audit log at most once an hour, so it does not drown the log.
const FAILURE_AUDIT_EVERY_MINUTES: i64 = 60;

type HmacSha256 = Hmac<Sha256>;

/// What `<backup>.json` holds. Field order is the serialisation order, which the HMAC covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    format: u32,
    store_id: String,
    device_id: String,
    created_at: String,
    app_version: String,
    counts: BackupCounts,
    size_bytes: u64,
    sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hmac: Option<String>,
}

impl Manifest {
    /// The HMAC key: derived from the data key, so only holders of the key can write a manifest
    /// that verifies, and it differs from the key itself.
    fn mac(key: &DataKey) -> Result<HmacSha256> {
        let mut h = Sha256::new();
        h.update(b"yiyang-backup-mac-v1");
        h.update(key.bytes());
        let mac_key = Zeroizing::new(<[u8; 32]>::from(h.finalize()));
        HmacSha256::new_from_slice(mac_key.as_ref())
            .map_err(|_| StoreError::BackupInvalid("无法计算备份校验码".into()))
    }

    /// The JSON the HMAC covers: the manifest without its `hmac` field.
    fn signed_bytes(&self) -> Result<Vec<u8>> {
        let mut unsigned = self.clone();
        unsigned.hmac = None;
        Ok(serde_json::to_vec(&unsigned)?)
    }

    fn sign(&mut self, key: &DataKey) -> Result<()> {
        let mut mac = Self::mac(key)?;
        mac.update(&self.signed_bytes()?);
        self.hmac = Some(hex::encode(mac.finalize().into_bytes()));
        Ok(())
    }

    fn mac_valid(&self, key: &DataKey) -> bool {
        let Some(tag) = self.hmac.as_deref().and_then(|h| hex::decode(h).ok()) else {
            return false;
        };
        let (Ok(mut mac), Ok(bytes)) = (Self::mac(key), self.signed_bytes()) else {
            return false;
        };
        mac.update(&bytes);
        // verify_slice compares in constant time.
        mac.verify_slice(&tag).is_ok()
    }

    fn info(&self, path: &Path, verified: bool) -> BackupInfo {
        BackupInfo {
            path: path.display().to_string(),
            created_at: self.created_at.clone(),
            size_bytes: self.size_bytes,
            counts: self.counts.clone(),
            device_id: self.device_id.clone(),
            verified,
        }
    }
}

fn manifest_path(backup: &Path) -> PathBuf {
    backup.with_extension(MANIFEST_EXT)
}

fn invalid(msg: impl Into<String>) -> StoreError {
    StoreError::BackupInvalid(msg.into())
}

const TAMPERED: &str = "备份文件在写入后被改动或已损坏";

fn read_manifest(path: &Path) -> Result<Manifest> {
    let bad = |why: String| invalid(format!("备份说明文件 {} {why}", path.display()));
    let meta = std::fs::metadata(path).map_err(|_| {
        invalid(format!(
            "找不到备份说明文件 {}：备份不完整，或不是医养通的备份",
            path.display()
        ))
    })?;
    if meta.len() > MAX_MANIFEST_BYTES {
        return Err(bad("过大，不是医养通的备份说明".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(format!("无法读取：{e}")))?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| bad(format!("已损坏：{e}")))?;
    if manifest.format != FORMAT {
        return Err(bad(format!("的格式 {} 不受支持", manifest.format)));
    }
    Ok(manifest)
}

/// SHA-256 (hex) and length of a file, read in chunks (backups can be hundreds of MB).
fn sha256_file(path: &Path) -> Result<(String, u64)> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        len += n as u64;
    }
    Ok((hex::encode(h.finalize()), len))
}

/// Copies `from` to `to`, flushed to disk, and returns the SHA-256 of what was copied: hashing
/// the bytes as they are written proves the copy is the file that was verified, even if the
/// backup changed (or the USB disk misread) between the check and the copy.
fn copy_hashing(from: &Path, to: &Path) -> Result<String> {
    let mut src = File::open(from)?;
    let mut dst = File::create(to)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        dst.write_all(&buf[..n])?;
    }
    dst.sync_all()?;
    Ok(hex::encode(h.finalize()))
}

/// Live rows of the tables a person would miss, plus the whole audit log.
fn counts(conn: &Connection) -> Result<BackupCounts> {
    let live = |table: &str| -> Result<i64> {
        Ok(conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"),
            [],
            |r| r.get(0),
        )?)
    };
    Ok(BackupCounts {
        residents: live("residents")?,
        institutions: live("institutions")?,
        users: live("users")?,
        audit_entries: Store::audit_len(conn)?,
    })
}

fn counts_text(c: &BackupCounts) -> String {
    format!(
        "居民 {} 人，机构 {} 个，用户 {} 个，审计记录 {} 条",
        c.residents, c.institutions, c.users, c.audit_entries
    )
}

/// Opens a backup read-only with `key`. Read-only because opening as the app does (WAL) would
/// rewrite the file's header and break its recorded hash; backups are written in rollback mode
/// so they open read-only without sidecar files.
fn open_backup(path: &Path, key: &DataKey) -> Result<Connection> {
    let unreadable = |e: &dyn std::fmt::Display| {
        invalid(format!(
            "无法打开备份文件 {}（不是医养通的备份、密钥不同或文件已损坏）：{e}",
            path.display()
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| unreadable(&e))?;
    conn.pragma_update(None, "key", key.pragma_value().as_str())
        .map_err(|e| unreadable(&e))?;
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| unreadable(&e))?;
    if id != APPLICATION_ID {
        return Err(invalid(format!("{} 不是医养通的备份文件", path.display())));
    }
    Ok(conn)
}

/// integrity_check and counts of an open backup.
fn check_open_backup(conn: &Connection, path: &Path, expected: &BackupCounts) -> Result<()> {
    integrity_check(conn, path).map_err(|e| invalid(format!("{TAMPERED}：{e}")))?;
    let found = counts(conn).map_err(|e| invalid(format!("{TAMPERED}：{e}")))?;
    if &found != expected {
        return Err(invalid(format!(
            "{TAMPERED}：记录数与备份说明不一致（文件中 {}；说明中 {}）",
            counts_text(&found),
            counts_text(expected)
        )));
    }
    Ok(())
}

/// A backup that passed every check, still open read-only for callers that look inside.
struct Checked {
    manifest: Manifest,
    path: PathBuf,
    conn: Connection,
}

impl Checked {
    fn info(&self) -> BackupInfo {
        self.manifest.info(&self.path, true)
    }
}

/// Every check before a restore, cheapest first: the manifest is readable and ours, untouched
/// (HMAC), the file is the one it describes (size, SHA-256), opens with our key, passes
/// integrity_check, has the manifest's counts and a schema this build can open.
fn check_backup(path: &Path, key: &DataKey, store_id: &str) -> Result<Checked> {
    // Picking the manifest instead of the data file is an easy slip in a file dialog.
    let path = if path.extension().is_some_and(|e| e == MANIFEST_EXT) {
        path.with_extension(DB_EXT)
    } else {
        path.to_path_buf()
    };
    let manifest = read_manifest(&manifest_path(&path))?;
    if manifest.store_id != store_id {
        return Err(StoreError::BackupForeign(format!(
            "设备 {}，{} 创建",
            manifest.device_id, manifest.created_at
        )));
    }
    if !manifest.mac_valid(key) {
        return Err(invalid(format!("{TAMPERED}（备份说明的校验码不符）")));
    }
    let size = std::fs::metadata(&path)
        .map_err(|e| invalid(format!("找不到备份文件 {}：{e}", path.display())))?
        .len();
    if size != manifest.size_bytes {
        return Err(invalid(format!(
            "{TAMPERED}（文件大小 {size} 字节，应为 {} 字节）",
            manifest.size_bytes
        )));
    }
    let (sha, _) = sha256_file(&path)?;
    if sha != manifest.sha256 {
        return Err(invalid(format!("{TAMPERED}（文件校验和不符）")));
    }
    let conn = open_backup(&path, key)?;
    check_open_backup(&conn, &path, &manifest.counts)?;
    let applied =
        migrate::applied_migrations(&conn).map_err(|e| invalid(format!("{TAMPERED}：{e}")))?;
    if let Some(newest) = applied.iter().map(|m| m.version).max() {
        if newest > migrate::LATEST_VERSION {
            return Err(StoreError::NewerSchema {
                found: newest,
                known: migrate::LATEST_VERSION,
            });
        }
    }
    Ok(Checked {
        manifest,
        path,
        conn,
    })
}

/// `YYYYMMDD-HHMMSS` and the collision number (1 for no suffix) of one of our backup names
/// (`stem` without extension); None for any other name, which pruning never touches.
fn parse_stem(stem: &str) -> Option<(String, u32)> {
    let rest = stem.strip_prefix(PREFIX)?;
    let (stamp, suffix) = rest.split_at_checked(15)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = stamp.split_once('-')?;
    if date.len() != 8 || time.len() != 6 || !digits(date) || !digits(time) {
        return None;
    }
    let n = match suffix {
        "" => 1,
        s => {
            let n = s.strip_prefix('-')?;
            if !digits(n) {
                return None;
            }
            n.parse().ok().filter(|n| *n >= 2)?
        }
    };
    Some((stamp.to_owned(), n))
}

fn stem_for(stamp: &str, n: u32) -> String {
    if n == 1 {
        format!("{PREFIX}{stamp}")
    } else {
        format!("{PREFIX}{stamp}-{n}")
    }
}

/// The manifests of our naming pattern in `folder`, each with the sort key of its name.
fn manifests_in(folder: &Path) -> Result<Vec<((String, u32), PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.extension() != Some(std::ffi::OsStr::new(MANIFEST_EXT)) {
            continue;
        }
        let Some(key) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(parse_stem)
        else {
            continue;
        };
        out.push((key, path));
    }
    Ok(out)
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

fn path_with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Puts the checked backup in place of the data file at `data`: copied next to it, compared with
/// the manifest's hash, flushed, then one rename. The old WAL sidecars are removed first: SQLite
/// would otherwise replay the old file's WAL into the restored one.
fn install_copy(checked: &Checked, data: &Path) -> Result<()> {
    let tmp = data.with_extension("sqlite3.restoring");
    for p in std::iter::once(tmp.clone()).chain(sidecars(&tmp)) {
        remove_if_exists(&p)?;
    }
    let sha = copy_hashing(&checked.path, &tmp)?;
    if sha != checked.manifest.sha256 {
        let _ = std::fs::remove_file(&tmp);
        return Err(invalid(format!(
            "{TAMPERED}（复制时读到的内容与检查时不同）"
        )));
    }
    for s in sidecars(data) {
        remove_if_exists(&s)?;
    }
    std::fs::rename(&tmp, data)?;
    sync_dir(data);
    Ok(())
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A failure already written to the audit log.
#[derive(Debug, Serialize, Deserialize)]
struct NotedFailure {
    at: DateTime<Utc>,
    message: String,
}

impl Store {
    /// Backs up now into `folder` (any folder, e.g. one picked in a dialog), verifies the copy,
    /// writes its manifest, then keeps the newest `Settings::backup_keep` backups of this
    /// installation there (older pairs of our naming pattern are deleted; other files and other
    /// installations' backups are never touched). Audited as `backup` or `backup_failed`.
    pub fn backup_to(&self, folder: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.require(Permission::Backup)?;
        let keep = self.settings()?.backup_keep;
        self.backup_audited(folder, now, Some(keep), "备份")
    }

    /// [`Self::backup_to`] into the configured backup folder.
    pub fn backup_now(&self, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.require(Permission::Backup)?;
        let folder = self.settings()?.backup_folder.ok_or_else(|| {
            invalid("尚未设置备份文件夹，请先在“设置”中选择备份文件夹（例如 U 盘上的文件夹）")
        })?;
        self.backup_to(Path::new(&folder), now)
    }

    /// Whether an automatic backup is due: a backup folder is set and the last successful backup
    /// is older than the backup interval (or there is none yet). Any logged-in user may ask.
    pub fn backup_due(&self, now: DateTime<Utc>) -> Result<bool> {
        let s = self.settings()?;
        if s.backup_folder.is_none() {
            return Ok(false);
        }
        Ok(match self.last_backup()? {
            None => true,
            // A last backup "in the future" means the clock was wrong then (or is now); waiting
            // for that time could stop backups for years, so back up.
            Some(last) => {
                last > now || now - last >= Duration::hours(i64::from(s.backup_interval_hours))
            }
        })
    }

    /// The automatic backup, for the scheduler: when due, backs up into the configured folder
    /// whoever is logged in. It does not require the Backup permission: the folder and interval
    /// were set by someone who has it, and the data should be backed up even on a day when only
    /// a 养老机构管理员 uses this computer. Returns None when not due.
    pub fn backup_scheduled(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        if !self.backup_due(now)? {
            return Ok(None);
        }
        let s = self.settings()?;
        let Some(folder) = s.backup_folder else {
            return Ok(None);
        };
        self.backup_audited(Path::new(&folder), now, Some(s.backup_keep), "自动备份")
            .map(Some)
    }

    /// When the last backup succeeded (None: never).
    pub fn last_backup(&self) -> Result<Option<DateTime<Utc>>> {
        self.session()?;
        let raw: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [LAST_BACKUP_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(raw
            .and_then(|r| serde_json::from_str::<String>(&r).ok())
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc)))
    }

    /// The backups in the configured backup folder and in the data folder's 恢复前备份, newest
    /// first. `verified` here means the manifest is this installation's and its HMAC is valid;
    /// the files are not hashed (that is [`Self::preview_backup`]'s job). A configured folder
    /// that is missing (USB disk unplugged) is skipped, so the safety copies stay listed.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        self.require(Permission::Backup)?;
        let store_id = self.vault.load_keys()?.store_id;
        let mut folders = vec![self.vault.dir().join(SAFETY_BACKUP_FOLDER)];
        if let Some(f) = self.settings()?.backup_folder {
            folders.insert(0, PathBuf::from(f));
        }
        let mut found = Vec::new();
        for folder in folders.iter().filter(|f| f.is_dir()) {
            for (name_key, json) in manifests_in(folder)? {
                let db = json.with_extension(DB_EXT);
                let Ok(m) = read_manifest(&json) else {
                    continue;
                };
                if !db.is_file() {
                    continue;
                }
                let verified = m.store_id == store_id && m.mac_valid(&self.key);
                found.push((m.created_at.clone(), name_key, m.info(&db, verified)));
            }
        }
        // RFC 3339 UTC strings of one format sort as times; within one second, the name's -n.
        found.sort_by(|a, b| (&b.0, &b.1).cmp(&(&a.0, &a.1)));
        let out = found.into_iter().map(|(_, _, info)| info).collect();
        Ok(out)
    }

    /// What a backup holds, after every check a restore makes (see the module doc). A backup of
    /// another installation is [`StoreError::BackupForeign`]; a damaged or altered one
    /// [`StoreError::BackupInvalid`].
    pub fn preview_backup(&self, path: &Path) -> Result<BackupInfo> {
        self.require(Permission::Restore)?;
        let store_id = self.vault.load_keys()?.store_id;
        Ok(check_backup(path, &self.key, &store_id)?.info())
    }

    /// Replaces the data with the backup at `path`, after checking it and backing up the current
    /// data to `<data dir>/恢复前备份/` (a failure there stops the restore with nothing changed).
    /// The same user stays logged in, in the restored data, where the restore is audited; if
    /// that user does not exist there, the restored data stays in place and the error is
    /// [`StoreError::NotLoggedIn`] (the window shows log-in). Consumes the store because its
    /// connection is closed; after an error the caller opens the vault again.
    pub fn restore_backup(self, path: &Path, now: DateTime<Utc>) -> Result<(Store, RestoreDone)> {
        self.require(Permission::Restore)?;
        let session = self.session()?.clone();
        let store_id = self.vault.load_keys()?.store_id;
        let checked = check_backup(path, &self.key, &store_id)?;
        let restored = checked.info();
        let safety_dir = self.vault.dir().join(SAFETY_BACKUP_FOLDER);
        std::fs::create_dir_all(&safety_dir)?;
        let safety_backup = self.backup_audited(&safety_dir, now, None, "恢复前备份")?;
        let Store {
            conn, vault, key, ..
        } = self;
        conn.close().map_err(|(_, e)| e)?;
        let data = vault.data_path();
        install_copy(&checked, &data)?;
        drop(checked);
        let conn = open_encrypted(&data, &key)?;
        let mut store = Store::from_parts(conn, vault, key);
        let detail = format!(
            "{} 从 {}（{} 创建）恢复：{}；恢复前的数据已备份到 {}",
            session.name,
            restored.path,
            restored.created_at,
            counts_text(&restored.counts),
            safety_backup.path
        );
        match Session::load(&store.conn, &session.user_id)? {
            Some(s) => store.session = Some(s),
            None => {
                store.audit(now, AuditAction::Restore, "backup", "", &detail)?;
                return Err(StoreError::NotLoggedIn);
            }
        }
        store.audit(now, AuditAction::Restore, "backup", "", &detail)?;
        Ok((
            store,
            RestoreDone {
                safety_backup,
                restored,
            },
        ))
    }

    /// Runs one backup and writes its outcome to the audit log (and, on success, `last_backup`).
    /// `keep`: prune to that many backups; None never prunes (the safety copies).
    fn backup_audited(
        &self,
        folder: &Path,
        now: DateTime<Utc>,
        keep: Option<u32>,
        what: &str,
    ) -> Result<BackupInfo> {
        match self.write_backup(folder, now, keep) {
            Ok(info) => {
                let tx = self.conn.unchecked_transaction()?;
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    rusqlite::params![LAST_BACKUP_KEY, serde_json::to_string(&stamp(now))?],
                )?;
                tx.execute("DELETE FROM settings WHERE key = ?1", [LAST_FAILURE_KEY])?;
                self.audit(
                    now,
                    AuditAction::Backup,
                    "backup",
                    "",
                    &format!("{what}到 {}：{}", info.path, counts_text(&info.counts)),
                )?;
                tx.commit()?;
                Ok(info)
            }
            Err(e) => {
                let message = format!("{what}到 {} 失败：{e}", folder.display());
                if let Err(log_error) = self.note_failure(now, &message) {
                    tracing::warn!(error = %log_error, "could not audit a failed backup");
                }
                Err(e)
            }
        }
    }

    /// Audits a failed backup, unless the same failure was audited within the last hour.
    fn note_failure(&self, now: DateTime<Utc>, message: &str) -> Result<()> {
        let last: Option<NotedFailure> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [LAST_FAILURE_KEY],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|raw| serde_json::from_str(&raw).ok());
        if let Some(last) = last {
            let recent =
                now - last.at < Duration::minutes(FAILURE_AUDIT_EVERY_MINUTES) && now >= last.at;
            if recent && last.message == message {
                return Ok(());
            }
        }
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![
                LAST_FAILURE_KEY,
                serde_json::to_string(&NotedFailure {
                    at: now,
                    message: message.to_owned(),
                })?
            ],
        )?;
        self.audit(now, AuditAction::BackupFailed, "backup", "", message)?;
        tx.commit()?;
        Ok(())
    }

    /// Copy, verify, name, manifest, prune. Leaves nothing that looks like a backup on failure.
    fn write_backup(
        &self,
        folder: &Path,
        now: DateTime<Utc>,
        keep: Option<u32>,
    ) -> Result<BackupInfo> {
        if !folder.is_dir() {
            return Err(invalid(format!(
                "备份文件夹 {} 不存在或无法访问（U 盘是否已插好？）",
                folder.display()
            )));
        }
        let store_id = self.vault.load_keys()?.store_id;
        let device_id = self.device_id()?;
        // Nothing writes meanwhile: the store is behind the shell's mutex and `&self` here.
        let source_counts = counts(&self.conn)?;
        let stamp_name = now.format("%Y%m%d-%H%M%S").to_string();
        let (db, json, partial) = (1u32..)
            .map(|n| {
                let stem = stem_for(&stamp_name, n);
                (
                    folder.join(format!("{stem}.{DB_EXT}")),
                    folder.join(format!("{stem}.{MANIFEST_EXT}")),
                    folder.join(format!("{stem}.{DB_EXT}.partial")),
                )
            })
            .find(|(db, json, partial)| !db.exists() && !json.exists() && !partial.exists())
            .ok_or_else(|| invalid("无法为备份文件取名"))?;
        let result = self
            .write_verified_copy(&partial, &source_counts)
            .and_then(|()| {
                let (sha256, size_bytes) = sha256_file(&partial)?;
                std::fs::rename(&partial, &db)?;
                sync_dir(&db);
                let mut manifest = Manifest {
                    format: FORMAT,
                    store_id: store_id.clone(),
                    device_id,
                    created_at: stamp(now),
                    app_version: env!("CARGO_PKG_VERSION").to_owned(),
                    counts: source_counts.clone(),
                    size_bytes,
                    sha256,
                    hmac: None,
                };
                manifest.sign(&self.key)?;
                write_file_atomically(&json, &serde_json::to_vec_pretty(&manifest)?)?;
                Ok(manifest)
            });
        let manifest = match result {
            Ok(m) => m,
            Err(e) => {
                for p in [&partial, &db, &json] {
                    let _ = std::fs::remove_file(p);
                }
                for s in sidecars(&partial) {
                    let _ = std::fs::remove_file(s);
                }
                let _ = std::fs::remove_file(path_with_suffix(&partial, "-journal"));
                // "读写数据文件失败" would point at the wrong place: it is the backup folder
                // (often a full or write-protected USB disk) that failed.
                return Err(match e {
                    StoreError::Io(io) => {
                        invalid(format!("写入备份文件夹 {} 失败：{io}", folder.display()))
                    }
                    other => other,
                });
            }
        };
        if let Some(keep) = keep {
            // The backup is already complete; a file that cannot be deleted must not undo it.
            if let Err(e) = prune(folder, keep, &store_id, &json) {
                tracing::warn!(error = %e, folder = %folder.display(), "could not prune old backups");
            }
        }
        Ok(manifest.info(&db, true))
    }

    /// The online backup API copies the open store page by page into `partial`, keyed with the
    /// same data key; then the copy is switched to rollback-journal mode (see [`open_backup`]),
    /// closed, reopened read-only and checked.
    fn write_verified_copy(&self, partial: &Path, expected: &BackupCounts) -> Result<()> {
        {
            let mut dst = Connection::open_with_flags(
                partial,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            dst.pragma_update(None, "key", self.key.pragma_value().as_str())?;
            {
                let backup = Backup::new(&self.conn, &mut dst)?;
                let mut busy = 0;
                loop {
                    match backup.step(-1)? {
                        StepResult::Done => break,
                        StepResult::Busy | StepResult::Locked => {
                            // Only our own connection uses the file; a short wait covers a
                            // checkpoint by SQLite itself.
                            busy += 1;
                            if busy > 50 {
                                return Err(invalid("数据文件一直被占用，备份未完成"));
                            }
                            std::thread::sleep(std::time::Duration::from_millis(100));
                        }
                        _ => {}
                    }
                }
            }
            let mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(invalid(format!("无法设置备份文件的日志模式（{mode}）")));
            }
            dst.close().map_err(|(_, e)| e)?;
        }
        // A write handle: Windows refuses to flush a file opened read-only.
        std::fs::OpenOptions::new()
            .write(true)
            .open(partial)?
            .sync_all()?;
        let conn = open_backup(partial, &self.key)?;
        check_open_backup(&conn, partial, expected)
            .map_err(|e| invalid(format!("写入后校验失败：{e}")))?;
        Ok(())
    }
}

/// Writes `bytes` to `path` via a temporary file, flushed, then renamed over.
fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path_with_suffix(path, ".partial");
    {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    sync_dir(path);
    Ok(())
}

/// Keeps the newest `keep` backups of this installation in `folder`; never deletes `just_written`
/// (a clock set back would otherwise make the new backup the "oldest"), files of other names, or
/// backups whose manifest is unreadable or another installation's (a USB disk may be shared).
fn prune(folder: &Path, keep: u32, store_id: &str, just_written: &Path) -> Result<()> {
    let mut ours: Vec<((String, u32), PathBuf)> = manifests_in(folder)?
        .into_iter()
        .filter(|(_, json)| {
            json != just_written && read_manifest(json).is_ok_and(|m| m.store_id == store_id)
        })
        .collect();
    ours.sort_by(|a, b| b.0.cmp(&a.0));
    let keep_others = usize::try_from(keep.max(1) - 1).unwrap_or(usize::MAX);
    for (_, json) in ours.into_iter().skip(keep_others) {
        // Data file first: a manifest without its file is skipped everywhere; the reverse
        // would leave an unlisted, unprunable file.
        remove_if_exists(&json.with_extension(DB_EXT))?;
        remove_if_exists(&json)?;
    }
    Ok(())
}

/// The data file (and its WAL sidecars) moved to `<name>.broken-YYYYMMDD-HHMMSS[-n]`; None when
/// there was no data file.
fn move_aside(data: &Path, now: DateTime<Utc>) -> Result<Option<(PathBuf, u64)>> {
    let Ok(meta) = std::fs::metadata(data) else {
        return Ok(None);
    };
    let base = path_with_suffix(data, &format!(".broken-{}", now.format("%Y%m%d-%H%M%S")));
    let aside = (1u32..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                path_with_suffix(&base, &format!("-{n}"))
            }
        })
        .find(|p| !p.exists())
        .ok_or_else(|| invalid("无法为损坏的数据文件取名"))?;
    std::fs::rename(data, &aside)?;
    // The WAL may hold committed changes the damaged file lacks: it travels with the file so
    // the pair can still be examined, and cannot be replayed into the restored file.
    for (from, to) in sidecars(data).into_iter().zip(sidecars(&aside)) {
        if from.exists() {
            std::fs::rename(from, to)?;
        }
    }
    sync_dir(data);
    Ok(Some((aside, meta.len())))
}

impl Vault {
    /// Restores a backup when the data file cannot be opened (phase "broken"): the user's
    /// password unwraps the data key (with the growing delay after wrong passwords), the backup
    /// passes every check of [`Store::preview_backup`], and the user must exist in the backup with
    /// a role that may restore — all before anything changes. Then the damaged file is moved to
    /// `yiyang.sqlite3.broken-…` (never deleted), the backup copied in, and the user logged in.
    /// `RestoreDone::safety_backup` describes the moved file (no counts, not verified).
    pub fn restore_broken(
        &self,
        backup: &Path,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<(Store, RestoreDone)> {
        let login = login.trim().to_lowercase();
        let mut keys = self.load_keys()?;
        let key = self.try_unwrap(
            &mut keys,
            |k| k.user_wrap_by_login(&login).cloned(),
            password,
            &login,
            AuditAction::LogInFailed,
            now,
        )?;
        let user_id = match keys.user_wrap_by_login(&login).map(|w| &w.holder) {
            Some(Holder::User { user_id, .. }) => user_id.clone(),
            _ => return Err(StoreError::WrongPassword),
        };
        let checked = check_backup(backup, &key, &keys.store_id)?;
        let role: Option<String> = checked
            .conn
            .query_row(
                "SELECT role FROM users WHERE id = ?1 AND deleted_at IS NULL",
                [&user_id],
                |r| r.get(0),
            )
            .optional()?;
        match role {
            Some(role) if permits(role_from_code(&role)?, Permission::Restore) => {}
            Some(_) => {
                return Err(StoreError::Forbidden {
                    permission: Permission::Restore,
                })
            }
            None => {
                return Err(StoreError::Validation(ValidationErrors(vec![FieldError {
                    field: "login",
                    code: "login.not_in_backup",
                    message: format!(
                        "此备份中没有登录名为 {login} 的用户，请用备份时已有的机构管理员账号恢复"
                    ),
                }])))
            }
        }
        let restored = checked.info();
        let data = self.data_path();
        let aside = move_aside(&data, now)?;
        install_copy(&checked, &data)?;
        drop(checked);
        let store = self.open_as(key, &mut keys, &user_id, now, AuditAction::LogIn)?;
        store.require(Permission::Restore)?;
        let safety_backup = BackupInfo {
            path: aside
                .as_ref()
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_default(),
            created_at: stamp(now),
            size_bytes: aside.as_ref().map_or(0, |(_, len)| *len),
            counts: BackupCounts {
                residents: 0,
                institutions: 0,
                users: 0,
                audit_entries: 0,
            },
            device_id: String::new(),
            verified: false,
        };
        let moved = match &aside {
            Some((p, _)) => format!("无法打开的数据文件已移到 {}", p.display()),
            None => "原数据文件不存在".to_owned(),
        };
        store.audit(
            now,
            AuditAction::Restore,
            "backup",
            "",
            &format!(
                "{moved}；从 {}（{} 创建）恢复：{}",
                restored.path,
                restored.created_at,
                counts_text(&restored.counts)
            ),
        )?;
        Ok((
            store,
            RestoreDone {
                safety_backup,
                restored,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_our_backup_names_are_recognised() {
        assert_eq!(
            parse_stem("yiyang-backup-20261122-083000"),
            Some(("20261122-083000".into(), 1))
        );
        assert_eq!(
            parse_stem("yiyang-backup-20261122-083000-12"),
            Some(("20261122-083000".into(), 12))
        );
        for other in [
            "yiyang-backup-notes",
            "yiyang-backup-20261122-083000-1",
            "yiyang-backup-20261122-083000-",
            "yiyang-backup-20261122-08300x",
            "yiyang-backup-20261122_083000",
            "backup-20261122-083000",
            "yiyang-backup-２0261122-083000",
        ] {
            assert_eq!(parse_stem(other), None, "{other}");
        }
        assert_eq!(
            stem_for("20261122-083000", 2),
            "yiyang-backup-20261122-083000-2"
        );
    }

    /// A file with a correctly signed manifest (as only a key holder can write) that is not a
    /// database: refused when opened, without a panic.
    #[test]
    fn a_signed_manifest_over_garbage_is_still_refused() {
        let dir = tempfile::TempDir::new().unwrap();
        let key = DataKey::generate();
        for (name, bytes) in [
            ("zeros", vec![0u8; 4096]),
            ("short", b"SQLite format 3\0".to_vec()),
            ("empty", Vec::new()),
        ] {
            let db = dir.path().join(format!("{name}.sqlite3"));
            std::fs::write(&db, &bytes).unwrap();
            let (sha256, size_bytes) = sha256_file(&db).unwrap();
            let mut m = Manifest {
                format: FORMAT,
                store_id: "s1".into(),
                device_id: "d1".into(),
                created_at: "2026-11-22T08:30:00Z".into(),
                app_version: "0".into(),
                counts: BackupCounts {
                    residents: 0,
                    institutions: 0,
                    users: 0,
                    audit_entries: 0,
                },
                size_bytes,
                sha256,
                hmac: None,
            };
            m.sign(&key).unwrap();
            assert!(m.mac_valid(&key));
            assert!(!m.mac_valid(&DataKey::generate()));
            std::fs::write(manifest_path(&db), serde_json::to_vec(&m).unwrap()).unwrap();
            match check_backup(&db, &key, "s1") {
                Err(StoreError::BackupInvalid(_)) => {}
                other => panic!("{name}: {:?}", other.map(|c| c.info())),
            }
            assert!(matches!(
                check_backup(&db, &key, "s2"),
                Err(StoreError::BackupForeign(_))
            ));
        }
    }
}
