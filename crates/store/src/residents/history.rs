//! A resident file's change history, read from the revisions every write appends.
use serde_json::Value;
use yiyang_protocol::{ChangeAction, FieldChange, HistoryEntry};

use super::read::parse_code;
use crate::synced::Change;
use crate::{Result, Store};

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
                        field: c.field,
                        before: display(c.before),
                        after: display(c.after),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}
