//! The cross-reference section of an incremental update, in the original's kind: a classic
//! `xref` table with a trailer, or a cross-reference stream (/Type /XRef) carrying the trailer.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::syntax;
use super::SignError;

/// Runs of consecutive object numbers: (first number, [(generation, offset)]).
fn subsections(offsets: &BTreeMap<ObjectId, usize>) -> Vec<(u32, Vec<(u16, usize)>)> {
    let mut runs: Vec<(u32, Vec<(u16, usize)>)> = Vec::new();
    for (&(number, generation), &offset) in offsets {
        match runs.last_mut() {
            Some((first, entries)) if *first as usize + entries.len() == number as usize => {
                entries.push((generation, offset));
            }
            _ => runs.push((number, vec![(generation, offset)])),
        }
    }
    runs
}

/// Appends an `xref` table for `offsets` and the `trailer`.
pub(super) fn write_table(
    out: &mut Vec<u8>,
    trailer: &Dictionary,
    offsets: &BTreeMap<ObjectId, usize>,
) -> Result<(), SignError> {
    out.extend_from_slice(b"xref\n");
    for (first, entries) in subsections(offsets) {
        out.extend_from_slice(format!("{first} {}\n", entries.len()).as_bytes());
        for (generation, offset) in entries {
            out.extend_from_slice(format!("{offset:010} {generation:05} n\r\n").as_bytes());
        }
    }
    out.extend_from_slice(b"trailer\n");
    syntax::write_dictionary(out, trailer)?;
    out.push(b'\n');
    Ok(())
}

/// Appends cross-reference stream `id` for `offsets` (which must include `id` itself), its
/// dictionary carrying the `trailer` entries.
pub(super) fn write_stream(
    out: &mut Vec<u8>,
    id: ObjectId,
    trailer: &Dictionary,
    offsets: &BTreeMap<ObjectId, usize>,
) -> Result<(), SignError> {
    let too_large = || SignError::PdfInvalid("文件过大".into());
    let mut index = Vec::new();
    let mut rows = Vec::new();
    for (first, entries) in subsections(offsets) {
        index.push(Object::Integer(i64::from(first)));
        index.push(Object::Integer(
            i64::try_from(entries.len()).map_err(|_| too_large())?,
        ));
        for (generation, offset) in entries {
            let offset = u32::try_from(offset).map_err(|_| too_large())?;
            rows.push(1u8);
            rows.extend_from_slice(&offset.to_be_bytes());
            rows.extend_from_slice(&generation.to_be_bytes());
        }
    }
    let mut dictionary = trailer.clone();
    dictionary.set("Type", Object::Name(b"XRef".to_vec()));
    dictionary.set("W", vec![1.into(), 4.into(), 2.into()]);
    dictionary.set("Index", index);
    dictionary.set(
        "Length",
        i64::try_from(rows.len()).map_err(|_| too_large())?,
    );
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    syntax::write_dictionary(out, &dictionary)?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&rows);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    Ok(())
}
