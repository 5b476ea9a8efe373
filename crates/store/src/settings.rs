//! This computer's settings: idle lock and backups. Kept in the encrypted store (the backup
//! folder is itself a hint an attacker need not have), one JSON value per key.
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use yiyang_domain::error::{FieldError, ValidationErrors};
use yiyang_protocol::{AuditAction, Permission, Settings};

use crate::{Result, Store, StoreError};

const KEY: &str = "settings";

fn range(
    errors: &mut ValidationErrors,
    field: &'static str,
    label: &str,
    value: u32,
    min: u32,
    max: u32,
) {
    if !(min..=max).contains(&value) {
        errors.0.push(FieldError {
            field,
            code: "settings.range",
            message: format!("{label}应在 {min}–{max} 之间"),
        });
    }
}

/// The stored JSON value of a settings key.
pub(crate) fn read_value(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Stores the JSON value of a settings key (inside the caller's transaction).
pub(crate) fn write_value(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, value],
    )?;
    Ok(())
}

impl Store {
    /// Readable by every logged-in user (the UI needs the idle time).
    pub fn settings(&self) -> Result<Settings> {
        self.session()?;
        Ok(read_value(&self.conn, KEY)?
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default())
    }

    pub fn save_settings(&mut self, now: DateTime<Utc>, s: &Settings) -> Result<Settings> {
        let old = self.settings()?;
        // Backup people may change only the backup part; the idle time needs ChangeSettings.
        if s.idle_lock_minutes != old.idle_lock_minutes {
            self.require(Permission::ChangeSettings)?;
        } else {
            self.require(Permission::Backup)?;
        }
        let mut errors = ValidationErrors::new();
        range(
            &mut errors,
            "idleLockMinutes",
            "自动锁定时间（分钟）",
            s.idle_lock_minutes,
            1,
            120,
        );
        range(
            &mut errors,
            "backupIntervalHours",
            "自动备份间隔（小时）",
            s.backup_interval_hours,
            1,
            168,
        );
        range(
            &mut errors,
            "backupKeep",
            "保留备份份数",
            s.backup_keep,
            1,
            100,
        );
        let mut s = s.clone();
        s.backup_folder = s
            .backup_folder
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty());
        if let Some(folder) = &s.backup_folder {
            if !std::path::Path::new(folder).is_dir() {
                errors.0.push(FieldError {
                    field: "backupFolder",
                    code: "settings.folder_missing",
                    message: format!("备份文件夹 {folder} 不存在或不可用（U 盘是否已插好？）"),
                });
            }
        }
        if !errors.is_empty() {
            return Err(StoreError::Validation(errors));
        }
        let ctx = crate::WriteCtx::new(self.session()?.user_id.clone(), now, now.date_naive());
        let tx = self.conn.transaction()?;
        write_value(&tx, KEY, &serde_json::to_string(&s)?)?;
        crate::audit::append_for(
            &tx,
            &ctx,
            self.session.as_ref(),
            AuditAction::ChangeSettings,
            "settings",
            "",
            &serde_json::to_string(&s)?,
        )?;
        tx.commit()?;
        Ok(s)
    }
}
