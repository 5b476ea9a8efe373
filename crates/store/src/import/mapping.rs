//! The remembered column mapping of each institution (table `import_mappings`).
use rusqlite::{params, Connection, OptionalExtension};
use yiyang_protocol::MappedColumn;

use crate::{Result, WriteCtx};

/// The header text over each mapped column.
fn headers_of(mapping: &[MappedColumn], headers: &[String]) -> Vec<String> {
    mapping
        .iter()
        .map(|m| headers.get(m.column as usize).cloned().unwrap_or_default())
        .collect()
}

/// The mapping remembered for `institution_id`, if the sheet's headers over its columns are the
/// ones it was made for.
pub(crate) fn remembered(
    conn: &Connection,
    institution_id: &str,
    headers: &[String],
) -> Result<Option<Vec<MappedColumn>>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT mapping, headers FROM import_mappings WHERE institution_id = ?1",
            [institution_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((mapping, saved_headers)) = row else {
        return Ok(None);
    };
    let mapping: Vec<MappedColumn> = serde_json::from_str(&mapping)?;
    let saved_headers: Vec<String> = serde_json::from_str(&saved_headers)?;
    Ok((headers_of(&mapping, headers) == saved_headers).then_some(mapping))
}

pub(crate) fn remember(
    conn: &Connection,
    ctx: &WriteCtx,
    institution_id: &str,
    mapping: &[MappedColumn],
    headers: &[String],
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_mappings (institution_id, mapping, headers, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (institution_id) DO UPDATE SET mapping = excluded.mapping,
             headers = excluded.headers, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by",
        params![
            institution_id,
            serde_json::to_string(mapping)?,
            serde_json::to_string(&headers_of(mapping, headers))?,
            ctx.stamp(),
            ctx.actor_id,
        ],
    )?;
    Ok(())
}
