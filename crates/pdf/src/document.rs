//! The document model handed to the renderer: title, number, parties, clauses, signatories and
//! QR payload, as plain serde data (camelCase, signature PNGs as base64), plus its content hash.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::wording;

/// A contract or agreement ready to print.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// e.g. "医养服务合作协议", centred at the top of page 1.
    pub title: String,
    /// e.g. "XY2026-001", printed right-aligned as "编号：XY2026-001" under the title.
    pub number: String,
    /// e.g. "草稿（未签署，仅供核对）" for previews, printed in grey at the top of every page.
    pub draft_mark: Option<String>,
    /// The parties (甲方, 乙方, …) with their identifying fields.
    pub parties: Vec<Party>,
    /// Paragraphs before 第一条.
    pub preamble: Vec<String>,
    /// The clauses; the renderer numbers them 第一条, 第二条, ….
    pub clauses: Vec<Clause>,
    /// Paragraphs after the clauses (e.g. 本协议一式两份……).
    pub closing: Vec<String>,
    /// One column each in the signature block at the end.
    pub signatories: Vec<Signatory>,
    /// Text encoded in the QR code beside the signatures (see [`qr_payload`]).
    pub qr_payload: Option<String>,
    /// Used for the PDF metadata dates, so the output does not depend on the clock.
    pub issued_on: NaiveDate,
}

/// One party of the agreement, e.g. 甲方 with 名称 / 统一社会信用代码 / 地址 / 联系电话.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Party {
    /// "甲方", "乙方".
    pub role: String,
    /// Printed one per line as "label：value".
    pub lines: Vec<Field>,
}

/// A labelled value, printed as "label：value".
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// e.g. "统一社会信用代码".
    pub label: String,
    /// e.g. "91350100MA2Y0001X1".
    pub value: String,
}

/// A numbered clause: "第一条　服务内容" and its paragraphs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Clause {
    /// e.g. "服务内容" (without the number).
    pub title: String,
    /// Each printed with a two-character first-line indent.
    pub paragraphs: Vec<String>,
}

/// One column of the signature block.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Signatory {
    /// e.g. "甲方（盖章）".
    pub role: String,
    /// e.g. "代表人".
    pub name_label: String,
    /// e.g. "张三".
    pub name: String,
    /// The handwritten signature as a PNG (transparent background), base64 in JSON.
    #[serde(default, with = "base64_png")]
    pub signature_png: Option<Vec<u8>>,
    /// Printed as "日期：2026 年 11 月 23 日", or a blank to fill in when `None`.
    pub date: Option<NaiveDate>,
}

impl Document {
    /// Hex SHA-256 of the canonical JSON of the document without its QR payload: what the QR
    /// code and the signature vouch for.
    pub fn content_hash(&self) -> String {
        let mut canonical = self.clone();
        canonical.qr_payload = None;
        // Serialising plain structs, strings and dates cannot fail; an empty hash input would
        // still give a stable (if useless) hash rather than a panic.
        let json = serde_json::to_vec(&canonical).unwrap_or_default();
        hex::encode(Sha256::digest(&json))
    }

    /// Every character the renderer will draw (with repeats), including the fixed wording it
    /// adds: clause numbers, labels, dates, footer digits and the QR caption.
    pub fn text_chars(&self) -> Vec<char> {
        let mut texts: Vec<String> = vec![
            self.title.clone(),
            wording::number_line(&self.number),
            wording::FOOTER_CHARS.to_string(),
        ];
        texts.extend(self.draft_mark.clone());
        for party in &self.parties {
            texts.push(party.role.clone());
            for field in &party.lines {
                texts.push(wording::field_line(&field.label, &field.value));
            }
        }
        texts.extend(self.preamble.iter().cloned());
        for (i, clause) in self.clauses.iter().enumerate() {
            texts.push(wording::clause_heading(i, &clause.title));
            texts.extend(clause.paragraphs.iter().cloned());
        }
        texts.extend(self.closing.iter().cloned());
        for s in &self.signatories {
            texts.push(s.role.clone());
            texts.push(wording::field_line(&s.name_label, &s.name));
            texts.push(wording::date_line(s.date));
        }
        if self.qr_payload.is_some() {
            texts.push(wording::QR_CAPTION.to_string());
        }
        texts.iter().flat_map(|t| t.chars()).collect()
    }
}

/// The QR code's text: `YYT1|<number>|sha256:<content hash>`.
pub fn qr_payload(number: &str, content_hash: &str) -> String {
    format!("YYT1|{number}|sha256:{content_hash}")
}

mod base64_png {
    //! `Option<Vec<u8>>` as an optional standard base64 string.
    use base64::{engine::general_purpose::STANDARD, Engine};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(bytes) => s.serialize_some(&STANDARD.encode(bytes)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| STANDARD.decode(t.trim()).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::sample::sample_agreement;

    #[test]
    fn json_round_trip_uses_camel_case_and_base64() {
        let doc = sample_agreement();
        let json = serde_json::to_value(&doc).unwrap();
        assert!(json.get("draftMark").is_some());
        assert!(json.get("issuedOn").is_some());
        let png = &json["signatories"][0]["signaturePng"];
        assert!(png.as_str().unwrap().starts_with("iVBORw0KGgo"), "{png}");
        let back: Document = serde_json::from_value(json).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn content_hash_ignores_the_qr_payload_only() {
        let doc = sample_agreement();
        let hash = doc.content_hash();
        assert_eq!(hash.len(), 64);
        let mut other = doc.clone();
        other.qr_payload = Some("something else".into());
        assert_eq!(other.content_hash(), hash);
        other.clauses[0].paragraphs[0].push('。');
        assert_ne!(other.content_hash(), hash);
    }

    #[test]
    fn qr_payload_format() {
        assert_eq!(
            qr_payload("XY2026-001", "ab12"),
            "YYT1|XY2026-001|sha256:ab12"
        );
    }

    #[test]
    fn text_chars_include_added_wording() {
        let doc = sample_agreement();
        let chars: String = doc.text_chars().into_iter().collect();
        for expected in ["第一条", "编号：", "扫码核验", "日期：", "𠮷"] {
            assert!(chars.contains(expected), "{expected}");
        }
    }
}
