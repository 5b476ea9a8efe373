//! A resident file's change history, read from the revisions every write appends.
use rusqlite::OptionalExtension;
use serde_json::Value;
use yiyang_domain::access::permits;
use yiyang_domain::mask::{mask_id_number, mask_phone};
use yiyang_protocol::{ChangeAction, FieldChange, HistoryEntry, Permission};

use super::read::parse_code;
use crate::synced::Change;
use crate::{Result, Store, StoreError};

/// How a stored value reads in the history: plain text, lists joined with 、, yes/no.
fn display(v: Option<Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Bool(b) => Some(if b { "是" } else { "否" }.to_owned()),
        Value::Array(items) => Some(
            items
                .into_iter()
                .map(|i| match i {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("、"),
        ),
        other => Some(other.to_string()),
    }
}

impl Store {
    /// Every change of a resident file, newest first.
    pub fn resident_history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        let session = self.require(Permission::ViewResidents)?;
        let reveal = permits(session.role, Permission::RevealIdentity);
        if let Some(home) = self.resident_scope()? {
            let theirs: Option<Option<String>> = self
                .conn
                .query_row(
                    "SELECT nursing_home_id FROM residents WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if theirs.flatten().as_deref() != Some(home.as_str()) {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        // A masked role sees that a number changed, not the numbers.
        let shown = |field: &str, v: Option<String>| match (reveal, field) {
            (false, "idNumber") => v.map(|v| mask_id_number(&v)),
            (false, "phone" | "emergencyContactPhone") => v.map(|v| mask_phone(&v)),
            _ => v,
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.version, v.at, coalesce(u.name, v.actor_id), v.action, v.changes
             FROM revisions v LEFT JOIN users u ON u.id = v.actor_id
             WHERE v.table_name = 'residents' AND v.row_id = ?1
             ORDER BY v.version DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            let action: ChangeAction = parse_code(r.get(3)?)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                action,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (version, at, actor_name, action, changes) = row?;
            let changes: Vec<Change> = serde_json::from_str(&changes)?;
            out.push(HistoryEntry {
                version,
                at,
                actor_name,
                action,
                changes: changes
                    .into_iter()
                    // The owning institution is bookkeeping, not part of what a nurse edits.
                    .filter(|c| c.field != "institutionId")
                    .map(|c| FieldChange {
                        before: shown(&c.field, display(c.before)),
                        after: shown(&c.field, display(c.after)),
                        field: c.field,
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}
