//! How a mutation changes its row, the same on both paths: the incoming fields merged with the
//! stored row and validated, and the outcome the laptop is told.
use std::borrow::Cow;

use serde_json::Value;
use uuid::Uuid;
use yiyang_protocol::sync::{Mutation, Outcome};

use super::{rejected, uuid_ref};
use crate::db::{RowWrite, StoredRow, STAMPS};
use crate::merge::{merge, FieldConflict, Fields, Merge};
use crate::validate::{validate_row, RowRefs};

/// The row a mutation names, or its rejection: a row id that is not a UUID.
pub(super) fn row_id(m: &Mutation) -> Result<Uuid, Outcome> {
    Uuid::parse_str(&m.row_id).map_err(|_| {
        rejected(
            "validation",
            Some("rowId"),
            format!("记录编号 rowId「{}」不是 UUID", m.row_id),
        )
    })
}

/// The laptop's stamps are not fields: the county stamps rows itself (deletedAt is merged).
/// Laptops do not send them, so the mutation's own map is used as it is unless one is there
/// (a copy of every pushed row's fields was a visible part of an initial upload).
pub(super) fn incoming_fields(m: &Mutation) -> Cow<'_, Fields> {
    let ignored = |k: &str| k != "deletedAt" && STAMPS.contains(&k);
    if !STAMPS
        .iter()
        .any(|k| ignored(k) && m.fields.contains_key(*k))
    {
        return Cow::Borrowed(&m.fields);
    }
    Cow::Owned(
        m.fields
            .iter()
            .filter(|(k, _)| !ignored(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// Merges and validates the mutation against the current row: the merged row, whether it
/// changed, the field conflicts and the references, or the rejection.
pub(super) fn merge_and_validate(
    m: &Mutation,
    fields: &Fields,
    current: Option<&StoredRow>,
) -> Result<(Fields, bool, Vec<FieldConflict>, RowRefs), Outcome> {
    let table = m.table;
    let (mut row, changed, conflicts) = match merge(
        current.map(|c| &c.fields),
        m.op,
        fields,
        &m.prior,
        table.append_only(),
    ) {
        Merge::Rejected {
            code,
            field,
            message,
        } => return Err(rejected(code, field.as_deref(), message)),
        Merge::Merged {
            row,
            changed,
            conflicts,
        } => (row, changed, conflicts),
    };
    // Validation knows only fields: the stamps the county keeps itself step aside meanwhile (a
    // copy of the row without them cost a clone of every pushed row).
    let stamps: Vec<(String, Value)> = STAMPS.iter().filter_map(|k| row.remove_entry(*k)).collect();
    let checked = validate_row(table, &m.row_id, &row);
    row.extend(stamps);
    match checked {
        Ok(refs) => Ok((row, changed, conflicts, refs)),
        Err(issues) => {
            let field = issues.first().map(|i| i.field.clone());
            let message = issues
                .iter()
                .map(|i| i.message.as_str())
                .collect::<Vec<_>>()
                .join("；");
            Err(rejected("validation", field.as_deref(), message))
        }
    }
}

pub(super) fn outcome(version: i64, conflicts: &[FieldConflict]) -> Outcome {
    if conflicts.is_empty() {
        Outcome::Applied { version }
    } else {
        Outcome::Conflict {
            version,
            conflicts: conflicts.iter().map(|c| c.field.clone()).collect(),
        }
    }
}

pub(super) fn row_write<'a>(
    m: &'a Mutation,
    row_id: Uuid,
    row: &'a Fields,
    owner: Option<Uuid>,
    refs: &'a RowRefs,
) -> RowWrite<'a> {
    RowWrite {
        tbl: m.table.name(),
        id: row_id,
        fields: row,
        owner,
        home: uuid_ref(&refs.home),
        resident: uuid_ref(&refs.resident),
        id_number: refs.id_number.as_deref(),
        actor: &m.actor_id,
        at: &m.local_time,
    }
}
