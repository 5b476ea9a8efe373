//! From a filled template and the drawn signatures to the PDF crate's document, and rendering it
//! with the characters the font lacks either marked (preview) or refused (signing).
use base64::Engine;
use chrono::NaiveDate;
use yiyang_domain::document::FilledDocument;
use yiyang_pdf::{Clause, Document, Field, Font, Party, Rendered, Signatory};

use super::pdf_error;
use crate::{Result, StoreError};

/// Shown on every page of a preview.
pub(super) const DRAFT_MARK: &str = "草稿（未签署，仅供核对）";
/// A drawn signature larger than this is not a signature pad's PNG.
const MAX_SIGNATURE_BYTES: usize = 2 * 1024 * 1024;
/// Printed instead of a character the font cannot draw, on previews only.
const MISSING_MARK: char = '〓';

/// One signature block's content.
pub(super) struct Signer {
    pub name: String,
    pub png: Option<Vec<u8>>,
    pub date: Option<NaiveDate>,
}

pub(super) fn document(
    filled: &FilledDocument,
    number: &str,
    signers: Vec<Signer>,
    draft: bool,
    issued_on: NaiveDate,
) -> Document {
    Document {
        title: filled.title.clone(),
        number: number.to_owned(),
        draft_mark: draft.then(|| DRAFT_MARK.to_owned()),
        parties: filled
            .parties
            .iter()
            .map(|p| Party {
                role: p.role.clone(),
                lines: p
                    .lines
                    .iter()
                    .map(|(label, value)| Field {
                        label: label.clone(),
                        value: value.clone(),
                    })
                    .collect(),
            })
            .collect(),
        preamble: filled.preamble.clone(),
        clauses: filled
            .clauses
            .iter()
            .map(|c| Clause {
                title: c.title.clone(),
                paragraphs: c.paragraphs.clone(),
            })
            .collect(),
        closing: filled.closing.clone(),
        signatories: filled
            .signatories
            .iter()
            .zip(signers)
            .map(|((role, name_label), s)| Signatory {
                role: role.clone(),
                name_label: name_label.clone(),
                name: s.name,
                signature_png: s.png,
                date: s.date,
            })
            .collect(),
        qr_payload: None,
        issued_on,
    }
}

/// The pad's PNG from a `data:image/png;base64,…` URL or bare base64; `field` names the signatory
/// in messages.
pub(super) fn signature_png(field: &'static str, who: &str, raw: &str) -> Result<Vec<u8>> {
    let b64 = raw
        .trim()
        .strip_prefix("data:image/png;base64,")
        .unwrap_or(raw.trim());
    if b64.is_empty() {
        return Err(StoreError::field(
            field,
            "document.signature_missing",
            format!("请{who}在签名板上手写签名"),
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .ok()
        .filter(|b| b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() <= MAX_SIGNATURE_BYTES)
        .ok_or_else(|| {
            StoreError::field(
                field,
                "document.signature_invalid",
                format!("{who}的签名图片无法读取，请清除后重新签名"),
            )
        })?;
    Ok(bytes)
}

/// Characters of `doc` the font cannot draw.
pub(super) fn missing(doc: &Document, font: &Font) -> Vec<char> {
    font.missing_chars(doc.text_chars())
}

fn mark_missing(s: &mut String, missing: &[char]) {
    if s.chars().any(|c| missing.contains(&c)) {
        *s = s
            .chars()
            .map(|c| {
                if missing.contains(&c) {
                    MISSING_MARK
                } else {
                    c
                }
            })
            .collect();
    }
}

/// A preview always renders: characters the font lacks print as 〓 (and are reported).
pub(super) fn render_preview(mut doc: Document, font: &Font) -> Result<(Rendered, Vec<char>)> {
    let missing = missing(&doc, font);
    if !missing.is_empty() {
        let mut texts: Vec<&mut String> = vec![&mut doc.title, &mut doc.number];
        for p in &mut doc.parties {
            texts.push(&mut p.role);
            for l in &mut p.lines {
                texts.push(&mut l.label);
                texts.push(&mut l.value);
            }
        }
        texts.extend(doc.preamble.iter_mut());
        for c in &mut doc.clauses {
            texts.push(&mut c.title);
            texts.extend(c.paragraphs.iter_mut());
        }
        texts.extend(doc.closing.iter_mut());
        for s in &mut doc.signatories {
            texts.push(&mut s.role);
            texts.push(&mut s.name_label);
            texts.push(&mut s.name);
        }
        for t in texts {
            mark_missing(t, &missing);
        }
    }
    let rendered = yiyang_pdf::render(&doc, font).map_err(|e| pdf_error(e.code(), e))?;
    Ok((rendered, missing))
}

/// A document to be signed must print every character: a rare character the font lacks is
/// refused before anything is signed, naming it.
pub(super) fn check_printable(doc: &Document, font: &Font) -> Result<()> {
    let missing = missing(doc, font);
    if missing.is_empty() {
        return Ok(());
    }
    let chars: Vec<String> = missing
        .iter()
        .map(|c| format!("「{c}」(U+{:04X})", u32::from(*c)))
        .collect();
    Err(StoreError::field(
        "document",
        "document.missing_glyphs",
        format!(
            "PDF 字体中没有这些字：{}，签署后的文本会缺字，因此不能签署。请核对姓名等内容，或请县级管理员提供包含这些字的字体",
            chars.join("、")
        ),
    ))
}
