//! PAdES signing checked by real verifiers: poppler's `pdfsig` and `qpdf --check` must be
//! installed (the tests fail, not skip, without them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use yiyang_pdf::sign::{sign_pdf, SignError, SignRequest, SigningIdentity, Subject};

const ORGANISATION: &str = "𠮷祥镇中心卫生院";
const COMMON_NAME: &str = "𠮷祥镇中心卫生院电子签章";

fn at(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 8, 30, 0)
        .single()
        .expect("valid date")
}

fn identity_named(common_name: &str) -> SigningIdentity {
    let subject = Subject {
        organisation: ORGANISATION.into(),
        credit_code: "12330000470000000X".into(),
        common_name: common_name.into(),
    };
    SigningIdentity::generate(&subject, at(2026, 1, 1), 5).expect("identity")
}

fn identity() -> SigningIdentity {
    identity_named(COMMON_NAME)
}

fn request() -> SignRequest {
    SignRequest {
        signer_name: "张三".into(),
        reason: "签署医养服务合作协议".into(),
        location: Some("浙江省𠮷祥镇".into()),
        signing_time: at(2026, 11, 23),
    }
}

/// A one-page PDF made with lopdf: `lines` lines of text in an uncompressed content stream;
/// `modern` writes object streams and a cross-reference stream instead of a classic table.
fn sample_pdf(lines: usize, modern: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 9.into()]),
        Operation::new("TL", vec![11.into()]),
        Operation::new("Td", vec![40.into(), 800.into()]),
    ];
    for line in 0..lines.max(1) {
        let text = format!("Line {line}: the quick brown fox jumps over the lazy dog.");
        operations.push(Operation::new("'", vec![Object::string_literal(text)]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations }.encode().expect("content");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content).with_compression(false));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    if modern {
        doc.save_modern(&mut bytes).expect("save");
    } else {
        doc.save_to(&mut bytes).expect("save");
    }
    bytes
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

/// `pdfsig` output for `bytes` (stdout and stderr).
fn pdfsig(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_temp(dir.path(), "signed.pdf", bytes);
    let output = Command::new("pdfsig")
        .arg(&path)
        .output()
        .expect("pdfsig (poppler-utils) must be installed");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_qpdf_check(bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_temp(dir.path(), "signed.pdf", bytes);
    let output = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf must be installed");
    assert!(
        output.status.success(),
        "qpdf --check failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The parts of pdfsig's report for signature `number` (1-based).
fn signature_report(report: &str, number: usize) -> String {
    let start = report
        .find(&format!("Signature #{number}:"))
        .unwrap_or_else(|| panic!("no signature #{number} in:\n{report}"));
    let rest = &report[start..];
    let end = rest[1..].find("Signature #").map_or(rest.len(), |i| i + 1);
    rest[..end].to_string()
}

fn assert_valid_and_total(signed: &[u8]) {
    let report = pdfsig(signed);
    assert!(report.contains("Signature is Valid."), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    assert!(report.contains(COMMON_NAME), "{report}");
    assert!(report.contains("ETSI.CAdES.detached"), "{report}");
    assert_qpdf_check(signed);
}

#[test]
fn a_signed_pdf_is_valid_for_pdfsig_and_qpdf() {
    let input = sample_pdf(20, false);
    let signed = sign_pdf(&input, &identity(), &request()).expect("sign");
    assert!(
        signed.starts_with(&input),
        "an incremental update keeps the original bytes"
    );
    assert_valid_and_total(&signed);
}

#[test]
fn a_pdf_with_object_and_cross_reference_streams_is_signed_too() {
    let input = sample_pdf(20, true);
    assert!(find(&input, b"/ObjStm").is_some() && find(&input, b"/XRef").is_some());
    let signed = sign_pdf(&input, &identity(), &request()).expect("sign");
    assert!(signed.starts_with(&input));
    let update = &signed[input.len()..];
    assert!(find(update, b"/XRef").is_some() && find(update, b"\nxref\n").is_none());
    assert_valid_and_total(&signed);
}

#[test]
fn changing_one_signed_byte_invalidates_the_signature() {
    let input = sample_pdf(20, false);
    let mut signed = sign_pdf(&input, &identity(), &request()).expect("sign");
    let at = find(&signed, b"quick brown fox").expect("page text");
    signed[at] = b'Q';
    let report = pdfsig(&signed);
    assert!(!report.contains("Signature is Valid."), "{report}");
    assert!(
        report.contains("Digest Mismatch") || report.contains("Signature is Invalid"),
        "{report}"
    );
}

#[test]
fn signing_is_deterministic() {
    let input = sample_pdf(20, false);
    let identity = identity();
    let first = sign_pdf(&input, &identity, &request()).expect("sign");
    let second = sign_pdf(&input, &identity, &request()).expect("sign");
    assert!(first == second, "two signatures of the same input differ");
    let later = SignRequest {
        signing_time: at(2026, 11, 24),
        ..request()
    };
    assert!(sign_pdf(&input, &identity, &later).expect("sign") != first);
}

#[test]
fn the_signature_dictionary_and_cms_are_pades_baseline_b() {
    let signed = sign_pdf(&sample_pdf(5, false), &identity(), &request()).expect("sign");
    let doc = Document::load_mem(&signed).expect("load signed");
    let sig = doc
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .find(|dict| dict.has_type(b"Sig"))
        .expect("a /Sig dictionary");
    let name = |key: &[u8]| {
        sig.get(key)
            .and_then(Object::as_name)
            .expect("name")
            .to_vec()
    };
    assert_eq!(name(b"Filter"), b"Adobe.PPKLite");
    assert_eq!(name(b"SubFilter"), b"ETSI.CAdES.detached");
    let text = |key: &[u8]| {
        let bytes = sig.get(key).and_then(Object::as_str).expect("string");
        assert_eq!(&bytes[..2], [0xFE, 0xFF], "UTF-16BE with BOM");
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("utf-16")
    };
    assert_eq!(text(b"Name"), "张三");
    assert_eq!(text(b"Reason"), "签署医养服务合作协议");
    assert_eq!(text(b"Location"), "浙江省𠮷祥镇");
    assert_eq!(
        sig.get(b"M").and_then(Object::as_str).expect("M"),
        b"D:20261123083000+00'00'"
    );

    let contents = sig
        .get(b"Contents")
        .and_then(Object::as_str)
        .expect("contents");
    let content_info = ContentInfo::from_der(trim_zeros(contents)).expect("DER ContentInfo");
    let signed_data: SignedData = content_info.content.decode_as().expect("SignedData");
    assert!(
        signed_data.encap_content_info.econtent.is_none(),
        "detached"
    );
    assert_eq!(signed_data.certificates.expect("certificates").0.len(), 1);
    let signer = signed_data.signer_infos.0.get(0).expect("one signer");
    assert_eq!(signer.digest_alg.oid.to_string(), "2.16.840.1.101.3.4.2.1"); // SHA-256
    let mut attributes: Vec<String> = signer
        .signed_attrs
        .as_ref()
        .expect("signed attributes")
        .iter()
        .map(|attribute| attribute.oid.to_string())
        .collect();
    attributes.sort();
    assert_eq!(
        attributes,
        [
            "1.2.840.113549.1.9.16.2.47", // signing-certificate-v2
            "1.2.840.113549.1.9.3",       // content-type
            "1.2.840.113549.1.9.4",       // message-digest
        ]
    );
}

#[test]
fn a_second_signature_keeps_the_first_valid() {
    let once = sign_pdf(&sample_pdf(20, false), &identity(), &request()).expect("first");
    let other = identity_named("对方机构电子签章");
    let twice = sign_pdf(&once, &other, &request()).expect("second");
    assert!(twice.starts_with(&once));
    let report = pdfsig(&twice);
    let first = signature_report(&report, 1);
    let second = signature_report(&report, 2);
    assert!(
        first.contains("Signature is Valid.") && second.contains("Signature is Valid."),
        "{report}"
    );
    assert!(!first.contains("Total document signed"), "{report}");
    assert!(second.contains("Total document signed"), "{report}");
    assert!(
        report.contains(COMMON_NAME) && report.contains("对方机构电子签章"),
        "{report}"
    );
    assert_qpdf_check(&twice);

    let modern = sign_pdf(&sample_pdf(20, true), &identity(), &request()).expect("first");
    let modern_twice = sign_pdf(&modern, &other, &request()).expect("second");
    let report = pdfsig(&modern_twice);
    assert_eq!(report.matches("Signature is Valid.").count(), 2, "{report}");
    assert_qpdf_check(&modern_twice);
}

#[test]
fn an_identity_round_trips_through_der() {
    let identity = identity();
    let loaded = SigningIdentity::from_der(identity.key_pkcs8_der(), identity.certificate_der())
        .expect("load");
    assert_eq!(loaded.fingerprint(), identity.fingerprint());
    assert_eq!(loaded.fingerprint().len(), 64);
    assert_eq!(loaded.not_after(), at(2031, 1, 1));
    let input = sample_pdf(3, false);
    assert!(
        sign_pdf(&input, &loaded, &request()).expect("sign")
            == sign_pdf(&input, &identity, &request()).expect("sign")
    );
}

#[test]
fn a_key_that_does_not_match_the_certificate_is_refused() {
    let (one, two) = (identity(), identity());
    let error = SigningIdentity::from_der(one.key_pkcs8_der(), two.certificate_der())
        .expect_err("mismatch");
    assert_eq!(error.code(), "sign.key_mismatch");
    let error =
        SigningIdentity::from_der(b"not a key", one.certificate_der()).expect_err("garbage key");
    assert_eq!(error.code(), "sign.key_invalid");
    let error = SigningIdentity::from_der(one.key_pkcs8_der(), b"not a certificate")
        .expect_err("garbage cert");
    assert_eq!(error.code(), "sign.certificate");
    assert!(
        error.to_string().starts_with("机构签名证书无效："),
        "{error}"
    );
}

#[test]
fn bad_inputs_are_refused_with_their_codes() {
    let identity = identity();
    let code = |result: Result<Vec<u8>, SignError>| result.expect_err("refused").code();
    assert_eq!(
        code(sign_pdf(b"%PDF-1.7 not really", &identity, &request())),
        "sign.pdf_invalid"
    );
    let too_early = SignRequest {
        signing_time: at(2025, 12, 31),
        ..request()
    };
    assert_eq!(
        code(sign_pdf(&sample_pdf(1, false), &identity, &too_early)),
        "sign.outside_validity"
    );
    let bad_subject = Subject {
        organisation: ORGANISATION.into(),
        credit_code: "统一代码".into(),
        common_name: COMMON_NAME.into(),
    };
    let error =
        SigningIdentity::generate(&bad_subject, at(2026, 1, 1), 5).expect_err("bad subject");
    assert_eq!(error.code(), "sign.subject_invalid");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = write_temp(dir.path(), "plain.pdf", &sample_pdf(3, false));
    for user_password in ["", "secret"] {
        let encrypted = dir.path().join("encrypted.pdf");
        let status = Command::new("qpdf")
            .args(["--encrypt", user_password, "owner", "256", "--"])
            .arg(&plain)
            .arg(&encrypted)
            .status()
            .expect("qpdf must be installed");
        assert!(status.success());
        let bytes = std::fs::read(&encrypted).expect("read");
        let error = sign_pdf(&bytes, &identity(), &request()).expect_err("encrypted");
        assert_eq!(
            error.code(),
            "sign.pdf_encrypted",
            "user password {user_password:?}: {error}"
        );
    }
}

#[test]
fn signing_a_50_kb_pdf_is_fast() {
    let input = sample_pdf(850, false);
    assert!(
        (45_000..60_000).contains(&input.len()),
        "{} bytes",
        input.len()
    );
    let identity = identity();
    let start = Instant::now();
    let runs = 20;
    let mut signed = Vec::new();
    for _ in 0..runs {
        signed = sign_pdf(&input, &identity, &request()).expect("sign");
    }
    let each = start.elapsed() / runs;
    eprintln!(
        "signing a {} byte PDF took {each:?} on average",
        input.len()
    );
    assert_valid_and_total(&signed);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The DER inside the zero-padded /Contents.
fn trim_zeros(contents: &[u8]) -> &[u8] {
    let mut reader = der::SliceReader::new(contents).expect("reader");
    let header = der::Header::decode(&mut reader).expect("DER header");
    let total = (header.encoded_len().expect("header length") + header.length).expect("length");
    &contents[..usize::try_from(total).expect("usize")]
}
