//! The enrolment with the county, the pull cursor and how the last sync attempt went.
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};
use yiyang_protocol::sync::EnrolResponse;
use yiyang_protocol::{AuditAction, Permission};

use crate::institutions::own_institution_id;
use crate::{Result, Store, StoreError, WriteCtx};

/// Where and as whom this computer syncs (None before enrolment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncSettings {
    /// The county server's base URL, without a trailing slash.
    pub server_url: String,
    /// The bearer token of every request.
    pub token: String,
    pub institution_id: String,
    pub enrolled_at: String,
}

pub(crate) fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn invalid(code: &'static str, message: String) -> StoreError {
    StoreError::InvalidState { code, message }
}

impl Store {
    /// The 统一社会信用代码 of this installation's own institution (sent with the enrolment).
    pub fn own_credit_code(&self) -> Result<String> {
        self.conn
            .query_row(
                "SELECT i.credit_code FROM installation JOIN institutions i
                   ON i.id = installation.institution_id",
                [],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotSetUp)
    }

    /// The enrolment, or None before this computer was enrolled.
    pub fn sync_settings(&self) -> Result<Option<SyncSettings>> {
        type Row = [Option<String>; 4];
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT server_url, token, institution_id, enrolled_at FROM sync_settings",
                [],
                |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
            )
            .optional()?;
        Ok(match row {
            Some([Some(server_url), Some(token), Some(institution_id), Some(enrolled_at)]) => {
                Some(SyncSettings {
                    server_url,
                    token,
                    institution_id,
                    enrolled_at,
                })
            }
            _ => None,
        })
    }

    /// Stores the county's answer to the enrolment (a 机构管理员 enrols; [`Permission::ManageSync`]).
    /// The county must have enrolled this device for this computer's own institution. Enrolling
    /// again (after a revocation) replaces the token; the outbox and cursor stay.
    pub fn save_enrolment(
        &mut self,
        server_url: &str,
        resp: &EnrolResponse,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let session = self.require(Permission::ManageSync)?.clone();
        let url = server_url.trim().trim_end_matches('/');
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(StoreError::field(
                "serverUrl",
                "sync.server_url",
                "县级平台地址：应以 https:// 开头".into(),
            ));
        }
        let own = own_institution_id(&self.conn)?;
        if resp.institution_id != own {
            return Err(invalid(
                "sync.institution_mismatch",
                format!(
                    "县级平台把本机登记给了「{}」，与本机的机构不一致，请核对登记码",
                    resp.institution_name
                ),
            ));
        }
        if resp.device_id != self.device_id()? {
            return Err(invalid(
                "sync.device_mismatch",
                "县级平台返回的设备号与本机不一致，请重新登记".into(),
            ));
        }
        let ctx = WriteCtx::new(session.user_id.clone(), now, now.date_naive());
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE sync_settings SET server_url = ?1, token = ?2, institution_id = ?3,
                 institution_name = ?4, enrolled_at = ?5, last_error = NULL",
            params![
                url,
                resp.token,
                resp.institution_id,
                resp.institution_name,
                stamp(now)
            ],
        )?;
        crate::audit::append_for(
            &tx,
            &ctx,
            Some(&session),
            AuditAction::EnrolDevice,
            "sync",
            &resp.device_id,
            url,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Where the next pull starts (None: from the beginning).
    pub fn pull_cursor(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT pull_cursor FROM sync_state", [], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Records a sync cycle's end: its time, and its error (Chinese) or its success.
    pub fn record_sync_attempt(&mut self, now: DateTime<Utc>, error: Option<&str>) -> Result<()> {
        let at = stamp(now);
        self.conn.execute(
            "UPDATE sync_settings SET last_attempt_at = ?1,
                 last_success_at = CASE WHEN ?2 IS NULL THEN ?1 ELSE last_success_at END,
                 last_error = ?2",
            params![at, error],
        )?;
        Ok(())
    }
}
