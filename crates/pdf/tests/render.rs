//! The sample agreement rendered with the real Noto Serif CJK font and checked with the real
//! poppler tools and qpdf (which must be installed: these tests fail rather than skip): text
//! extraction, subset embedding, page count, structure, determinism, the QR code and refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use yiyang_pdf::sample::{sample_agreement, SAMPLE_CARE_HOME, SAMPLE_CLINIC, SAMPLE_SIGNERS};
use yiyang_pdf::{render, Document, Font, RenderError};

fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| Font::locate().expect("the CJK font (fonts-noto-cjk) must be installed"))
}

/// Runs a command-line tool, failing the test when it is missing or fails.
fn run(tool: &str, args: &[&str]) -> Output {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils, qpdf): {e}"));
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(tool: &str, args: &[&str]) -> String {
    String::from_utf8(run(tool, args).stdout).unwrap()
}

struct Written {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Written {
    fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

fn write(bytes: &[u8]) -> Written {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    Written { _dir: dir, path }
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn sample_pdf() -> &'static (Document, yiyang_pdf::Rendered) {
    static SAMPLE: OnceLock<(Document, yiyang_pdf::Rendered)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let doc = sample_agreement();
        let rendered = render(&doc, font()).unwrap();
        (doc, rendered)
    })
}

#[test]
fn sample_agreement_text_round_trips_through_pdftotext() {
    let (doc, rendered) = sample_pdf();
    assert_eq!(rendered.pages, 3);
    let file = write(&rendered.bytes);
    let text = without_whitespace(&stdout("pdftotext", &["-enc", "UTF-8", file.arg(), "-"]));
    let expected = [
        "医养服务合作协议",
        "编号：XY2026-001",
        "第一条",
        "合作目的",
        "第十二条",
        SAMPLE_CLINIC,
        SAMPLE_CARE_HOME,
        "统一社会信用代码：12350181MB1A23456K",
        SAMPLE_SIGNERS[0],
        SAMPLE_SIGNERS[1],
        "代表人：张建国",
        "日期：2026年11月23日",
        "扫码核验",
        "第1页共3页",
        "第2页共3页",
        "第3页共3页",
    ];
    for e in expected {
        assert!(text.contains(e), "{e:?} missing from:\n{text}");
    }
    // Whole paragraphs survive line breaking and justification.
    let paragraph = without_whitespace(&doc.clauses[5].paragraphs[0]);
    assert!(text.contains(&paragraph), "{paragraph}");
}

#[test]
fn page_count_matches_pdfinfo_and_size_stays_small() {
    let (_, rendered) = sample_pdf();
    let file = write(&rendered.bytes);
    let info = stdout("pdfinfo", &[file.arg()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse::<usize>().unwrap())
        .unwrap();
    assert_eq!(pages, rendered.pages);
    assert!(info.contains("A4"), "{info}");
    assert!(
        rendered.bytes.len() < 300 * 1024,
        "{} bytes",
        rendered.bytes.len()
    );
}

#[test]
fn every_font_is_an_embedded_unicode_subset() {
    let (_, rendered) = sample_pdf();
    let file = write(&rendered.bytes);
    let listing = stdout("pdffonts", &[file.arg()]);
    let rows: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object-id generation
        let flags = &cols[cols.len() - 5..cols.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "{row}");
        assert!(cols[0].contains("+NotoSerifCJK"), "{row}");
    }
}

#[test]
fn qpdf_finds_no_errors() {
    let (_, rendered) = sample_pdf();
    let file = write(&rendered.bytes);
    let output = run("qpdf", &["--check", file.arg()]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

#[test]
fn rendering_is_deterministic() {
    let doc = sample_agreement();
    let first = render(&doc, font()).unwrap();
    let second = render(&doc, &font().clone()).unwrap();
    assert_eq!(first, second);
    assert_eq!(first, sample_pdf().1);
}

/// Print resolutions (the modules sit on the 150 dpi grid) and one off the grid. Not screen
/// resolutions: at 100 dpi a module is 2.7 pixels, and whether rqrr then finds the code depends
/// on the payload (a build whose sample signature PNG compressed differently, hence another
/// content hash, failed there), so such a check would test the decoder, not the document.
const QR_DPIS: [&str; 3] = ["150", "200", "300"];

#[test]
fn the_qr_code_decodes_to_the_payload() {
    let (doc, rendered) = sample_pdf();
    for dpi in QR_DPIS {
        assert_eq!(
            decode_last_page_qr(rendered, dpi),
            doc.qr_payload,
            "at {dpi} dpi"
        );
    }
}

#[test]
fn qr_codes_of_other_numbers_decode_too() {
    for n in 2..=5 {
        let mut doc = sample_agreement();
        doc.number = format!("XY2026-{n:03}");
        let payload = yiyang_pdf::qr_payload(&doc.number, &doc.content_hash());
        doc.qr_payload = Some(payload);
        let rendered = render(&doc, font()).unwrap();
        for dpi in QR_DPIS {
            assert_eq!(
                decode_last_page_qr(&rendered, dpi),
                doc.qr_payload,
                "{} at {dpi} dpi",
                doc.number
            );
        }
    }
}

#[test]
fn a_longer_payload_still_decodes() {
    let mut doc = sample_agreement();
    doc.number = "JTYS-2026-闽清-𠮷祥-000123".into();
    let payload = yiyang_pdf::qr_payload(&doc.number, &doc.content_hash());
    doc.qr_payload = Some(payload);
    let rendered = render(&doc, font()).unwrap();
    assert_eq!(decode_last_page_qr(&rendered, "150"), doc.qr_payload);
}

/// Rasterises the last page with pdftoppm and decodes the one QR code on it.
fn decode_last_page_qr(rendered: &yiyang_pdf::Rendered, dpi: &str) -> Option<String> {
    let file = write(&rendered.bytes);
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let last = rendered.pages.to_string();
    run(
        "pdftoppm",
        &[
            "-r",
            dpi,
            "-png",
            "-f",
            &last,
            "-l",
            &last,
            file.arg(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    Some(decode_qr(&png))
}

fn decode_qr(path: &Path) -> String {
    let mut decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let luma = |x: usize, y: usize| buffer[(y * width + x) * channels];
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, luma);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the last page");
    grids[0].decode().unwrap().1
}

#[test]
fn missing_glyphs_are_refused_with_the_characters() {
    let missing = '\u{2A6A5}';
    assert_eq!(font().missing_chars("张𪚥 张".chars()), vec![missing]);
    assert_eq!(font().missing_chars("𠮷祥镇".chars()), Vec::<char>::new());

    let mut doc = sample_agreement();
    doc.signatories[1].name = "张𪚥".into();
    let err = render(&doc, font()).unwrap_err();
    assert_eq!(err.code(), "pdf.missing_glyphs");
    assert!(matches!(&err, RenderError::MissingGlyphs { chars } if chars == &vec![missing]));
    assert!(err.to_string().contains("𪚥"), "{err}");
}

#[test]
fn a_broken_signature_image_is_refused() {
    let mut doc = sample_agreement();
    doc.signatories[0].signature_png = Some(b"\x89PNG\r\n\x1a\nnot really".to_vec());
    let err = render(&doc, font()).unwrap_err();
    assert_eq!(err.code(), "pdf.signature_image");
    assert!(err.to_string().contains("甲方（盖章）"), "{err}");
}

#[test]
fn a_draft_is_marked_on_every_page_and_leaves_blanks_to_fill() {
    let mut doc = sample_agreement();
    let mark = "草稿（未签署，仅供核对）";
    doc.draft_mark = Some(mark.into());
    for s in &mut doc.signatories {
        s.signature_png = None;
        s.date = None;
    }
    doc.qr_payload = None;
    let rendered = render(&doc, font()).unwrap();
    let file = write(&rendered.bytes);
    let text = without_whitespace(&stdout("pdftotext", &["-enc", "UTF-8", file.arg(), "-"]));
    assert_eq!(text.matches(mark).count(), rendered.pages, "{text}");
    assert_eq!(text.matches("日期：____年__月__日").count(), 2, "{text}");
    assert!(!text.contains("扫码核验"));
}

#[test]
fn renders_fast_once_the_font_is_loaded() {
    let doc = sample_agreement();
    let _ = sample_pdf();
    let started = std::time::Instant::now();
    render(&doc, font()).unwrap();
    let elapsed = started.elapsed();
    // Release builds take a few tens of milliseconds; this bound only catches gross
    // regressions in unoptimised test builds.
    assert!(elapsed.as_millis() < 2000, "{elapsed:?}");
}
