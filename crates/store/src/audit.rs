//! The audit log: who did what to which record, when (UTC) and from which device. Append-only
//! (the schema's triggers refuse UPDATE and DELETE and nothing here issues them) and hash-chained:
//! each entry's hash covers its fields and the previous entry's hash, so changing, removing or
//! inserting an entry anywhere shows up in [`Store::verify_audit`].
use std::io::Write;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, SecondsFormat, TimeZone, Utc};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use yiyang_protocol::{
    AuditAction, AuditEntry, AuditPage, AuditQuery, AuditVerification, Permission,
};

use crate::session::Session;
use crate::{Result, Store, WriteCtx};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const MAX_PAGE_SIZE: u32 = 500;

/// One entry to append.
#[derive(Debug, Clone)]
pub(crate) struct AuditRecord {
    pub at: String,
    pub user_id: Option<String>,
    pub user_name: String,
    pub action: AuditAction,
    pub record_kind: &'static str,
    pub record_id: String,
    pub detail: String,
}

/// The stable text of an action, as stored (`log_in`, `view_resident`, …).
pub(crate) fn action_code(action: AuditAction) -> String {
    match serde_json::to_value(action) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{action:?}"),
    }
}

pub(crate) fn action_from_code(code: &str) -> Option<AuditAction> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

#[allow(clippy::too_many_arguments)]
fn entry_hash(
    seq: i64,
    at: &str,
    user_id: &str,
    user_name: &str,
    device_id: &str,
    action: &str,
    record_kind: &str,
    record_id: &str,
    detail: &str,
    prev_hash: &str,
) -> String {
    // A JSON array keeps field boundaries unambiguous.
    let canonical = serde_json::json!([
        seq,
        at,
        user_id,
        user_name,
        device_id,
        action,
        record_kind,
        record_id,
        detail,
        prev_hash
    ])
    .to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Appends `rec` in the caller's transaction (so a change and its audit entry commit together).
pub(crate) fn append(conn: &Connection, rec: &AuditRecord) -> Result<i64> {
    let device_id: String =
        conn.query_row("SELECT device_id FROM installation", [], |r| r.get(0))?;
    let (last_seq, prev_hash): (i64, String) = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let seq = last_seq + 1;
    let action = action_code(rec.action);
    let user_id = rec.user_id.clone().unwrap_or_default();
    let hash = entry_hash(
        seq,
        &rec.at,
        &user_id,
        &rec.user_name,
        &device_id,
        &action,
        rec.record_kind,
        &rec.record_id,
        &rec.detail,
        &prev_hash,
    );
    conn.execute(
        "INSERT INTO audit_log (seq, at, user_id, user_name, device_id, action, record_kind,
                                record_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            seq,
            rec.at,
            rec.user_id,
            rec.user_name,
            device_id,
            action,
            rec.record_kind,
            rec.record_id,
            rec.detail,
            prev_hash,
            hash
        ],
    )?;
    Ok(seq)
}

/// Appends an entry for the session's user at the write's time.
pub(crate) fn append_for(
    conn: &Connection,
    ctx: &WriteCtx,
    session: Option<&Session>,
    action: AuditAction,
    record_kind: &'static str,
    record_id: &str,
    detail: &str,
) -> Result<i64> {
    append(
        conn,
        &AuditRecord {
            at: ctx.stamp(),
            user_id: Some(ctx.actor_id.clone()),
            user_name: session.map(|s| s.name.clone()).unwrap_or_default(),
            action,
            record_kind,
            record_id: record_id.to_owned(),
            detail: detail.to_owned(),
        },
    )
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Start (inclusive) and end (exclusive) in UTC of the local dates `from`..=`to`.
fn bounds(q: &AuditQuery, offset: FixedOffset) -> (Option<String>, Option<String>) {
    let at_local_midnight = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| offset.from_local_datetime(&t).single())
            .map(|t| stamp(t.with_timezone(&Utc)))
    };
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    (
        parse(&q.from).and_then(at_local_midnight),
        parse(&q.to)
            .map(|d| d + Duration::days(1))
            .and_then(at_local_midnight),
    )
}

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let action: String = r.get(5)?;
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        user_id: r.get(2)?,
        user_name: r.get(3)?,
        device_id: r.get(4)?,
        action: action_from_code(&action).unwrap_or(AuditAction::Denied),
        record_kind: r.get(6)?,
        record_id: r.get(7)?,
        detail: r.get(8)?,
    })
}

impl Store {
    /// Records `action` by the session's user (or, before a session, by nobody) now.
    pub fn audit(
        &self,
        now: DateTime<Utc>,
        action: AuditAction,
        record_kind: &'static str,
        record_id: &str,
        detail: &str,
    ) -> Result<()> {
        let rec = AuditRecord {
            at: stamp(now),
            user_id: self.session.as_ref().map(|s| s.user_id.clone()),
            user_name: self
                .session
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            action,
            record_kind,
            record_id: record_id.to_owned(),
            detail: detail.to_owned(),
        };
        // One INSERT: atomic on its own, and the mutex around the store orders the appends.
        append(&self.conn, &rec)?;
        Ok(())
    }

    fn audit_where(q: &AuditQuery, offset: FixedOffset) -> (String, Vec<String>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        let (from, to) = bounds(q, offset);
        if let Some(from) = from {
            args.push(from);
            clauses.push(format!("at >= ?{}", args.len()));
        }
        if let Some(to) = to {
            args.push(to);
            clauses.push(format!("at < ?{}", args.len()));
        }
        if let Some(u) = q.user_id.as_ref().filter(|u| !u.is_empty()) {
            args.push(u.clone());
            clauses.push(format!("user_id = ?{}", args.len()));
        }
        if let Some(a) = q.action {
            args.push(action_code(a));
            clauses.push(format!("action = ?{}", args.len()));
        }
        if let Some(r) = q.record_id.as_ref().filter(|r| !r.trim().is_empty()) {
            args.push(r.trim().to_owned());
            clauses.push(format!("record_id = ?{}", args.len()));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (sql, args)
    }

    /// A page of the audit log, newest first. `offset` is the user's time zone (for the dates).
    pub fn list_audit(&self, q: &AuditQuery, offset: FixedOffset) -> Result<AuditPage> {
        self.require(Permission::ViewAudit)?;
        let (filter, args) = Self::audit_where(q, offset);
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM audit_log {filter}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let size = q.page_size.clamp(1, MAX_PAGE_SIZE);
        let skip = i64::from(q.page.max(1) - 1) * i64::from(size);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT seq, at, user_id, user_name, device_id, action, record_kind, record_id, detail
             FROM audit_log {filter} ORDER BY seq DESC LIMIT {size} OFFSET {skip}"
        ))?;
        let entries = stmt
            .query_map(params_from_iter(args.iter()), entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(AuditPage { entries, total })
    }

    /// Re-computes the hash chain from the first entry.
    pub fn verify_audit(&self) -> Result<AuditVerification> {
        self.require(Permission::ViewAudit)?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, coalesce(user_id, ''), user_name, device_id, action, record_kind,
                    record_id, detail, prev_hash, hash
             FROM audit_log ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1;
        let mut checked = 0;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let prev_hash: String = r.get(9)?;
            let hash: String = r.get(10)?;
            let recomputed = entry_hash(
                seq,
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
                &r.get::<_, String>(6)?,
                &r.get::<_, String>(7)?,
                &r.get::<_, String>(8)?,
                &prev_hash,
            );
            if seq != expected_seq || prev_hash != prev || recomputed != hash {
                return Ok(AuditVerification {
                    intact: false,
                    checked,
                    first_bad_seq: Some(seq.min(expected_seq)),
                });
            }
            prev = hash;
            expected_seq += 1;
            checked += 1;
        }
        Ok(AuditVerification {
            intact: true,
            checked,
            first_bad_seq: None,
        })
    }

    /// Writes the entries matching `q` (all pages) as CSV (UTF-8 with BOM, so Excel reads the
    /// Chinese) and records the export. Returns the number of entries written.
    pub fn export_audit_csv(
        &mut self,
        q: &AuditQuery,
        offset: FixedOffset,
        out: &mut dyn Write,
        now: DateTime<Utc>,
        destination: &str,
    ) -> Result<usize> {
        self.require(Permission::ViewAudit)?;
        let (filter, args) = Self::audit_where(q, offset);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT seq, at, user_id, user_name, device_id, action, record_kind, record_id, detail
             FROM audit_log {filter} ORDER BY seq"
        ))?;
        out.write_all(
            "\u{feff}序号,时间(UTC),用户,用户ID,设备,操作,记录类型,记录ID,详情\r\n".as_bytes(),
        )?;
        let mut n = 0;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            let e = entry_from_row(r)?;
            let line = [
                e.seq.to_string(),
                e.at,
                e.user_name,
                e.user_id.unwrap_or_default(),
                e.device_id,
                action_code(e.action),
                e.record_kind,
                e.record_id,
                e.detail,
            ]
            .iter()
            .map(|f| csv_field(f))
            .collect::<Vec<_>>()
            .join(",");
            out.write_all(line.as_bytes())?;
            out.write_all(b"\r\n")?;
            n += 1;
        }
        drop(rows);
        drop(stmt);
        out.flush()?;
        self.audit(
            now,
            AuditAction::Export,
            "audit_log",
            "",
            &format!("导出审计日志 {n} 条到 {destination}"),
        )?;
        Ok(n)
    }

    /// Number of audit entries (for backups' manifests and previews).
    pub(crate) fn audit_len(conn: &Connection) -> Result<i64> {
        Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
    }
}

/// Quotes a CSV field when needed; a leading = + - @ is prefixed with ' so a spreadsheet never
/// runs it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// What the UI may report printing or exporting (anything else is refused, so the log stays
/// meaningful).
const OUTPUT_KINDS: &[&str] = &[
    "recovery_code",
    "resident",
    "agreement",
    "report",
    "audit_log",
];

impl Store {
    /// Records a print or export the UI made (the recovery code sheet, later PDFs and reports).
    pub fn record_output(
        &self,
        now: DateTime<Utc>,
        action: AuditAction,
        record_kind: &str,
        record_id: &str,
        detail: &str,
    ) -> Result<()> {
        self.session()?;
        let kind = OUTPUT_KINDS.iter().find(|k| **k == record_kind);
        let (true, Some(kind)) = (
            matches!(action, AuditAction::Print | AuditAction::Export),
            kind,
        ) else {
            return Err(crate::StoreError::Validation(
                yiyang_domain::error::ValidationErrors(vec![yiyang_domain::FieldError {
                    field: "action",
                    code: "audit.output_only",
                    message: "只能记录打印或导出".into(),
                }]),
            ));
        };
        self.audit(now, action, kind, record_id, detail)
    }
}
