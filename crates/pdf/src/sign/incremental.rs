//! The incremental update that gives a PDF an invisible signature field: the original bytes stay
//! as they are, and a new section appends the /Sig dictionary (with /ByteRange and /Contents
//! placeholders), the field widget, the changed catalog or AcroForm and page, a cross-reference
//! section of the same kind as the original's, and a trailer with /Prev.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Utc};
use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::{syntax, xref};
use super::{SignError, SignRequest};

/// Bytes reserved for the DER CMS in /Contents (written as twice as many hex digits).
pub const CONTENTS_RESERVED: usize = 8192;
/// Characters reserved inside /ByteRange [...]: "0 " and three numbers of up to 10 digits.
const BYTE_RANGE_WIDTH: usize = 34;

/// A PDF with its signature placeholders in place and /ByteRange filled in.
pub(crate) struct Prepared {
    bytes: Vec<u8>,
    /// From the `<` to just after the `>` of the /Contents hex string.
    contents: Range<usize>,
}

impl Prepared {
    /// SHA-256 of the bytes the signature covers: everything but the /Contents hex string.
    pub(crate) fn signed_digest(&self) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(&self.bytes[..self.contents.start]);
        hasher.update(&self.bytes[self.contents.end..]);
        hasher.finalize().into()
    }

    /// The signed PDF: the CMS written in hex into /Contents, the rest of the zeros kept.
    pub(crate) fn finish(mut self, cms_der: &[u8]) -> Result<Vec<u8>, SignError> {
        if cms_der.len() > CONTENTS_RESERVED {
            return Err(SignError::ContentsTooLarge {
                size: cms_der.len(),
                reserved: CONTENTS_RESERVED,
            });
        }
        let hex = hex::encode_upper(cms_der);
        let start = self.contents.start + 1;
        self.bytes[start..start + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// Objects to append: the ones changed from the original and the new ones.
struct Update<'a> {
    doc: &'a Document,
    changed: BTreeMap<ObjectId, Object>,
    next_id: u32,
}

impl Update<'_> {
    fn new_id(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    /// The current value of an object: as changed in this update, or as in the original.
    fn object(&self, id: ObjectId) -> Result<Object, SignError> {
        match self.changed.get(&id) {
            Some(object) => Ok(object.clone()),
            None => self.doc.get_object(id).cloned().map_err(invalid),
        }
    }

    fn dictionary(&self, id: ObjectId) -> Result<Dictionary, SignError> {
        match self.object(id)? {
            Object::Dictionary(dictionary) => Ok(dictionary),
            _ => Err(SignError::PdfInvalid(format!(
                "对象 {} {} 不是字典",
                id.0, id.1
            ))),
        }
    }

    /// Appends `item` to the array `holder[key]`, direct or indirect, creating it if missing.
    fn append(
        &mut self,
        holder: &mut Dictionary,
        key: &[u8],
        item: Object,
    ) -> Result<(), SignError> {
        match holder.get(key).ok().cloned() {
            Some(Object::Reference(id)) => {
                let Object::Array(mut array) = self.object(id)? else {
                    return Err(SignError::PdfInvalid(format!(
                        "对象 {} {} 不是数组",
                        id.0, id.1
                    )));
                };
                array.push(item);
                self.changed.insert(id, Object::Array(array));
            }
            Some(Object::Array(mut array)) => {
                array.push(item);
                holder.set(key, array);
            }
            _ => holder.set(key, vec![item]),
        }
        Ok(())
    }

    /// "SignatureN" with the smallest N not taken by a top-level field of `acro_form`.
    fn field_name(&self, acro_form: &Dictionary) -> String {
        let fields = match acro_form.get(b"Fields") {
            Ok(Object::Reference(id)) => self.object(*id).ok(),
            Ok(fields) => Some(fields.clone()),
            Err(_) => None,
        };
        let taken: Vec<Vec<u8>> = fields
            .as_ref()
            .and_then(|fields| fields.as_array().ok())
            .into_iter()
            .flatten()
            .filter_map(|field| match field {
                Object::Reference(id) => self.dictionary(*id).ok(),
                Object::Dictionary(dictionary) => Some(dictionary.clone()),
                _ => None,
            })
            .filter_map(|field| {
                field
                    .get(b"T")
                    .and_then(Object::as_str)
                    .ok()
                    .map(<[u8]>::to_vec)
            })
            .collect();
        (1..)
            .map(|n| format!("Signature{n}"))
            .find(|name| !taken.iter().any(|t| t.as_slice() == name.as_bytes()))
            .unwrap_or_default()
    }
}

pub(super) fn invalid(error: impl std::fmt::Display) -> SignError {
    SignError::PdfInvalid(error.to_string())
}

/// The input with an incremental update holding an unsigned signature field for `request`.
pub(crate) fn prepare(pdf: &[u8], request: &SignRequest) -> Result<Prepared, SignError> {
    if !pdf.starts_with(b"%PDF-") {
        return Err(SignError::PdfInvalid("文件不是以 %PDF- 开头".into()));
    }
    let doc = Document::load_mem(pdf).map_err(invalid)?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(SignError::PdfEncrypted);
    }
    if doc.xref_start == 0 {
        return Err(SignError::PdfInvalid("交叉引用表损坏，文件需要修复".into()));
    }
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(invalid)?;
    let page_id = doc
        .page_iter()
        .next()
        .ok_or_else(|| SignError::PdfInvalid("文件没有页面".into()))?;
    let mut update = Update {
        doc: &doc,
        changed: BTreeMap::new(),
        next_id: doc.reference_table.size.max(doc.max_id.saturating_add(1)),
    };
    let sig_id = update.new_id();
    let field_id = update.new_id();

    // The AcroForm lists the field: change it where it lives (its own object, or the catalog).
    let mut catalog = update.dictionary(root_id)?;
    let (acro_form_id, mut acro_form) = match catalog.get(b"AcroForm").ok().cloned() {
        Some(Object::Reference(id)) => (Some(id), update.dictionary(id)?),
        Some(Object::Dictionary(dictionary)) => (None, dictionary),
        _ => (Some(update.new_id()), Dictionary::new()),
    };
    let field_name = update.field_name(&acro_form);
    update.append(&mut acro_form, b"Fields", Object::Reference(field_id))?;
    let sig_flags = acro_form
        .get(b"SigFlags")
        .and_then(Object::as_i64)
        .unwrap_or(0);
    acro_form.set("SigFlags", sig_flags | 3);
    match acro_form_id {
        Some(id) => {
            if !matches!(catalog.get(b"AcroForm"), Ok(Object::Reference(r)) if *r == id) {
                catalog.set("AcroForm", Object::Reference(id));
                update.changed.insert(root_id, Object::Dictionary(catalog));
            }
            update.changed.insert(id, Object::Dictionary(acro_form));
        }
        None => {
            catalog.set("AcroForm", acro_form);
            update.changed.insert(root_id, Object::Dictionary(catalog));
        }
    }

    // The invisible widget of the field, on the first page.
    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set(
        "T",
        Object::String(field_name.into_bytes(), StringFormat::Literal),
    );
    field.set("V", Object::Reference(sig_id));
    field.set("F", 132); // Print + Locked
    field.set("Rect", vec![0.into(), 0.into(), 0.into(), 0.into()]);
    field.set("P", Object::Reference(page_id));
    update.changed.insert(field_id, Object::Dictionary(field));
    let mut page = update.dictionary(page_id)?;
    update.append(&mut page, b"Annots", Object::Reference(field_id))?;
    update.changed.insert(page_id, Object::Dictionary(page));

    write_update(pdf, &doc, update, sig_id, request)
}

fn write_update(
    pdf: &[u8],
    doc: &Document,
    mut update: Update<'_>,
    sig_id: ObjectId,
    request: &SignRequest,
) -> Result<Prepared, SignError> {
    let xref_stream_id = match doc.reference_table.cross_reference_type {
        XrefType::CrossReferenceStream => Some(update.new_id()),
        XrefType::CrossReferenceTable => None,
    };
    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_RESERVED + 4096);
    out.extend_from_slice(pdf);
    if !matches!(out.last(), Some(b'\n' | b'\r')) {
        out.push(b'\n');
    }
    let mut offsets = BTreeMap::new();

    offsets.insert(sig_id, out.len());
    let (byte_range, contents) = write_signature_dictionary(&mut out, sig_id, request);
    for (&id, object) in &update.changed {
        offsets.insert(id, out.len());
        syntax::write_indirect(&mut out, id, object)?;
    }

    let mut trailer = Dictionary::new();
    trailer.set("Size", i64::from(update.next_id));
    trailer.set("Root", doc.trailer.get(b"Root").map_err(invalid)?.clone());
    if let Ok(info) = doc.trailer.get(b"Info") {
        trailer.set("Info", info.clone());
    }
    let new_id = Sha256::digest(&out)[..16].to_vec();
    let first_id = match doc.trailer.get(b"ID").and_then(Object::as_array) {
        Ok(ids) if ids.len() == 2 => ids[0].clone(),
        _ => Object::String(new_id.clone(), StringFormat::Hexadecimal),
    };
    trailer.set(
        "ID",
        vec![first_id, Object::String(new_id, StringFormat::Hexadecimal)],
    );
    trailer.set("Prev", i64::try_from(doc.xref_start).map_err(invalid)?);

    let xref_offset = out.len();
    match xref_stream_id {
        Some(id) => {
            offsets.insert(id, xref_offset);
            xref::write_stream(&mut out, id, &trailer, &offsets)?;
        }
        None => xref::write_table(&mut out, &trailer, &offsets)?,
    }
    out.extend_from_slice(format!("startxref\n{xref_offset}\n%%EOF\n").as_bytes());

    // /ByteRange covers all but the /Contents hex string.
    let after = contents.end;
    let range = format!("0 {} {} {}", contents.start, after, out.len() - after);
    if range.len() > BYTE_RANGE_WIDTH {
        return Err(SignError::PdfInvalid("文件过大".into()));
    }
    out[byte_range.start..byte_range.start + range.len()].copy_from_slice(range.as_bytes());
    Ok(Prepared {
        bytes: out,
        contents,
    })
}

/// Writes the /Sig dictionary with blank /ByteRange and zeroed /Contents; returns where they are.
fn write_signature_dictionary(
    out: &mut Vec<u8>,
    id: ObjectId,
    request: &SignRequest,
) -> (Range<usize>, Range<usize>) {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    out.extend_from_slice(b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached");
    out.extend_from_slice(format!("/M({})", pdf_date(request.signing_time)).as_bytes());
    out.extend_from_slice(format!("/Name{}", text_string(&request.signer_name)).as_bytes());
    out.extend_from_slice(format!("/Reason{}", text_string(&request.reason)).as_bytes());
    if let Some(location) = &request.location {
        out.extend_from_slice(format!("/Location{}", text_string(location)).as_bytes());
    }
    out.extend_from_slice(b"/ByteRange[");
    let byte_range = out.len()..out.len() + BYTE_RANGE_WIDTH;
    out.resize(byte_range.end, b' ');
    out.extend_from_slice(b"]/Contents");
    let contents = out.len()..out.len() + 2 * CONTENTS_RESERVED + 2;
    out.push(b'<');
    out.resize(contents.end - 1, b'0');
    out.push(b'>');
    out.extend_from_slice(b">>\nendobj\n");
    (byte_range, contents)
}

/// A PDF date in UTC, e.g. `D:20261123083000+00'00'`.
fn pdf_date(time: DateTime<Utc>) -> String {
    time.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// A PDF text string as UTF-16BE with a byte order mark, in hex: `<FEFF...>`.
fn text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        hex.push_str(&format!("{unit:04X}"));
    }
    hex.push('>');
    hex
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use chrono::TimeZone;

    const MINIMAL: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
        2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
        3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n";

    /// MINIMAL with a correct cross-reference table.
    fn minimal_pdf() -> Vec<u8> {
        let mut pdf = MINIMAL.to_vec();
        let offsets: Vec<usize> = [b"1 0 obj", b"2 0 obj", b"3 0 obj"]
            .iter()
            .map(|header| pdf.windows(7).position(|w| w == *header).expect("object"))
            .collect();
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 4\n0000000000 65535 f\r\n");
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        pdf
    }

    fn request() -> SignRequest {
        SignRequest {
            signer_name: "𠮷".into(),
            reason: "A".into(),
            location: None,
            signing_time: Utc.with_ymd_and_hms(2026, 11, 23, 8, 30, 5).unwrap(),
        }
    }

    #[test]
    fn text_strings_are_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("A"), "<FEFF0041>");
        assert_eq!(text_string("𠮷祥"), "<FEFFD842DFB77965>");
        assert_eq!(pdf_date(request().signing_time), "D:20261123083005+00'00'");
    }

    #[test]
    fn a_cms_larger_than_the_reserved_space_is_refused() {
        let prepared = prepare(&minimal_pdf(), &request()).expect("prepare");
        let error = prepared
            .finish(&vec![0x30; CONTENTS_RESERVED + 1])
            .expect_err("too large");
        assert_eq!(error.code(), "sign.contents_too_large");
    }

    #[test]
    fn the_byte_range_leaves_out_exactly_the_contents_string() {
        let prepared = prepare(&minimal_pdf(), &request()).expect("prepare");
        let (start, end) = (prepared.contents.start, prepared.contents.end);
        assert_eq!(prepared.bytes[start], b'<');
        assert_eq!(prepared.bytes[end - 1], b'>');
        let expected = format!("/ByteRange[0 {start} {end} {}", prepared.bytes.len() - end);
        let text = String::from_utf8_lossy(&prepared.bytes);
        assert!(text.contains(&expected), "{expected} not in the update");
    }
}
