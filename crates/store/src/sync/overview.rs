//! What the 同步 page and the status bar show.
use yiyang_protocol::sync::{RejectedMutation, SyncOverview};

use super::labels::{field_label, row_label, table_label};
use super::table_named;
use crate::{Result, Store};

fn count(conn: &rusqlite::Connection, sql: &str) -> Result<u32> {
    let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

impl Store {
    /// Enrolment, pending and quarantined changes, open conflicts and the last attempt.
    pub fn sync_overview(&self) -> Result<SyncOverview> {
        let (
            server_url,
            institution_name,
            enrolled_at,
            last_attempt_at,
            last_success_at,
            last_error,
        ) = self.conn.query_row(
            "SELECT server_url, institution_name, enrolled_at, last_attempt_at,
                        last_success_at, last_error
                 FROM sync_settings",
            [],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, table_name, row_id, coalesce(outcome_code, ''), outcome_field,
                    coalesce(outcome_message, ''), local_time
             FROM outbox WHERE state = 'rejected' ORDER BY seq DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut rejected = Vec::with_capacity(rows.len());
        for (seq, table, row_id, code, field, message, local_time) in rows {
            let table = table_named(&table)?;
            rejected.push(RejectedMutation {
                seq,
                table,
                table_label: table_label(table).to_owned(),
                row_label: row_label(&self.conn, table, &row_id)?,
                row_id,
                code,
                field_label: field.as_deref().map(|f| field_label(table, f)),
                field,
                message,
                local_time,
            });
        }
        Ok(SyncOverview {
            enrolled: enrolled_at.is_some(),
            server_url,
            institution_name,
            device_id: self.device_id()?,
            pending: count(
                &self.conn,
                "SELECT count(*) FROM outbox WHERE state = 'pending'",
            )?,
            rejected,
            open_conflicts: count(
                &self.conn,
                "SELECT count(*) FROM sync_conflicts WHERE status = 'open'",
            )?,
            parked: count(&self.conn, "SELECT count(*) FROM sync_parked")?,
            last_attempt_at,
            last_success_at,
            last_error,
        })
    }
}
