//! Draws the laid-out pages with printpdf: text in the subset CJK font, the signature images,
//! the QR code as filled rectangles, the draft mark and the "第 x 页 共 y 页" footer; then
//! writes a deterministic PDF (ids and dates derived from the document, never the clock).

use printpdf::{
    Codepoint, Color, CurTransMat, FontId, Greyscale, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem,
    TextMatrix, TextRenderingMode, WindingOrder, XObjectId, XObjectTransform,
};

use crate::layout::{self, Item, Page, TextStyle, PAGE_HEIGHT, PAGE_WIDTH};
use crate::signature_image::SignatureImage;
use crate::{wording, Document, Font, RenderError};

/// A finished PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

const GREY: f32 = 0.45;
/// Stroke width that makes filled+stroked text look semi-bold, per point of font size.
const HEAVY_STROKE_PER_PT: f32 = 0.025;

/// Lays out and writes `doc` as an A4 PDF with `font` embedded as a subset.
///
/// Refuses with [`RenderError::MissingGlyphs`] when the font lacks any character to be drawn.
pub fn render(doc: &Document, font: &Font) -> Result<Rendered, RenderError> {
    let missing = font.missing_chars(doc.text_chars());
    if !missing.is_empty() {
        return Err(RenderError::MissingGlyphs { chars: missing });
    }
    let images = doc
        .signatories
        .iter()
        .map(|s| {
            s.signature_png
                .as_deref()
                .map(|png| SignatureImage::decode(png, &s.role))
                .transpose()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sizes: Vec<Option<(u32, u32)>> = images
        .iter()
        .map(|i| i.as_ref().map(|i| (to_u32(i.width), to_u32(i.height))))
        .collect();

    let mut pages = layout::layout(doc, font, &sizes)?;
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        add_page_furniture(page, doc, font, i + 1, total);
    }

    let hash = doc.content_hash();
    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    let date = issued_on_timestamp(doc)?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.creator = "医养通".into();
    info.producer = "医养通 yiyang-pdf".into();
    info.subject = wording::number_line(&doc.number);
    info.identifier = doc.number.clone();

    let font_id = FontId(subset_tag(&hash));
    pdf.resources
        .fonts
        .map
        .insert(font_id.clone(), PdfFont::new(font.parsed().clone()));
    let mut image_ids = Vec::new();
    for (i, image) in images.iter().enumerate() {
        image_ids.push(image.as_ref().map(|image| {
            let id = XObjectId(format!("Sig{i}"));
            pdf.resources
                .xobjects
                .map
                .insert(id.clone(), printpdf::XObject::Image(image.to_raw_image()));
            id
        }));
    }

    let pdf_pages = pages
        .iter()
        .map(|page| {
            let ops = page_ops(page, font, &font_id, &image_ids);
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    pdf.with_pages(pdf_pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    tidy_file_metadata(&mut lo, &hash);
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| RenderError::Write(e.to_string()))?;
    Ok(Rendered {
        bytes,
        pages: total,
    })
}

/// Fixes up what printpdf writes: a file ID from the content hash (printpdf draws it from a
/// process-wide counter), PDF 1.7 (soft masks need 1.4; printpdf says 1.3), and no PDF/X claim
/// or empty entries in the document information.
fn tidy_file_metadata(lo: &mut lopdf::Document, hash: &str) {
    let id = hash
        .get(..32)
        .and_then(|h| hex::decode(h).ok())
        .unwrap_or_default();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    lo.version = "1.7".into();
    let info = lo.trailer.get(b"Info").and_then(|o| o.as_reference()).ok();
    if let Some(info) = info.and_then(|id| lo.get_dictionary_mut(id).ok()) {
        for key in [
            "GTS_PDFXVersion",
            "Trapped",
            "Identifier",
            "Author",
            "Keywords",
        ] {
            info.remove(key.as_bytes());
        }
    }
}

/// The grey draft mark at the top and the page number at the bottom.
fn add_page_furniture(page: &mut Page, doc: &Document, font: &Font, number: usize, total: usize) {
    let centred = |text: String, baseline: f32, style: TextStyle| {
        let width: f32 = text
            .chars()
            .map(|c| font.advance_em(c) * layout::SMALL_SIZE)
            .sum();
        Item::Text {
            x: (PAGE_WIDTH - width) / 2.0,
            baseline,
            size: layout::SMALL_SIZE,
            spacing: 0.0,
            style,
            text,
        }
    };
    if let Some(mark) = &doc.draft_mark {
        let item = centred(
            mark.clone(),
            layout::DRAFT_BASELINE_FROM_TOP,
            TextStyle::Grey,
        );
        page.items.insert(0, item);
    }
    let footer = wording::footer(number, total);
    let baseline = PAGE_HEIGHT - layout::FOOTER_BASELINE_FROM_BOTTOM;
    page.items.push(centred(footer, baseline, TextStyle::Body));
}

/// printpdf operations for one page: all text in one text object, then images and the QR code.
fn page_ops(
    page: &Page,
    font: &Font,
    font_id: &FontId,
    image_ids: &[Option<XObjectId>],
) -> Vec<Op> {
    let mut ops = vec![Op::SetOutlineColor { col: black() }, Op::StartTextSection];
    // (size, style, spacing) currently set; None forces the first set.
    let mut state: Option<(f32, TextStyle, f32)> = None;
    for item in &page.items {
        let Item::Text {
            x,
            baseline,
            size,
            spacing,
            style,
            text,
        } = item
        else {
            continue;
        };
        let (old_size, old_style, old_spacing) = match state {
            Some((s, st, sp)) => (Some(s), Some(st), Some(sp)),
            None => (None, None, None),
        };
        if old_size != Some(*size) || old_style != Some(*style) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id.clone()),
                size: Pt(*size),
            });
            if *style == TextStyle::Heavy {
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(size * HEAVY_STROKE_PER_PT),
                });
            }
        }
        if old_style != Some(*style) {
            let (grey, mode) = match style {
                TextStyle::Body => (0.0, TextRenderingMode::Fill),
                TextStyle::Heavy => (0.0, TextRenderingMode::FillStroke),
                TextStyle::Grey => (GREY, TextRenderingMode::Fill),
            };
            ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
            ops.push(Op::SetTextRenderingMode { mode });
        }
        if old_spacing != Some(*spacing) {
            ops.push(Op::SetCharacterSpacing {
                multiplier: *spacing,
            });
        }
        state = Some((*size, *style, *spacing));
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_HEIGHT - baseline)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyph_ids(font, text))],
        });
    }
    ops.push(Op::EndTextSection);

    for item in &page.items {
        match item {
            Item::Image {
                signatory,
                x,
                top,
                width,
                height,
            } => {
                let Some(Some(id)) = image_ids.get(*signatory) else {
                    continue;
                };
                let bottom = PAGE_HEIGHT - top - height;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*width, 0.0, 0.0, *height, *x, bottom]),
                });
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Qr {
                x,
                top,
                module,
                runs,
            } => {
                // The page flow moved the block: put the code back on the dot grid.
                let top = (top / layout::QR_DOT).round() * layout::QR_DOT;
                ops.push(Op::SetFillColor { col: black() });
                ops.push(Op::DrawPolygon {
                    polygon: qr_polygon(*x, top, *module, runs),
                });
            }
            Item::Text { .. } => {}
        }
    }
    ops
}

/// Glyph ids with the characters they stand for (for /ToUnicode), looked up through the
/// font's cache rather than by printpdf, whose lookup is slow. Every character has a glyph:
/// `render` refused the document otherwise.
fn glyph_ids(font: &Font, text: &str) -> Vec<Codepoint> {
    text.chars()
        .map(|c| Codepoint {
            gid: font.glyph(c).map_or(0, |g| g.id),
            offset: 0.0,
            cid: Some(c.to_string()),
        })
        .collect()
}

/// All dark runs as one filled path, so that rasterisers leave no seams between modules.
fn qr_polygon(x: f32, top: f32, module: f32, runs: &[(u16, u16, u16)]) -> Polygon {
    let point = |px: f32, py: f32| LinePoint {
        p: Point {
            x: Pt(px),
            y: Pt(PAGE_HEIGHT - py),
        },
        bezier: false,
    };
    let rings = runs
        .iter()
        .map(|&(row, col, len)| {
            let left = x + f32::from(col) * module;
            let right = left + f32::from(len) * module;
            let upper = top + f32::from(row) * module;
            let lower = upper + module;
            PolygonRing {
                points: vec![
                    point(left, upper),
                    point(right, upper),
                    point(right, lower),
                    point(left, lower),
                ],
            }
        })
        .collect();
    Polygon {
        rings,
        mode: PaintMode::Fill,
        winding_order: WindingOrder::NonZero,
    }
}

fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

/// Six capital letters for the font subset tag (`ABCDEF+NotoSerifCJKsc-Regular`), from the hash.
fn subset_tag(hash: &str) -> String {
    hash.chars()
        .take(6)
        .map(|c| {
            let v = c.to_digit(16).unwrap_or(0) as u8;
            char::from(b'A' + v)
        })
        .collect()
}

fn issued_on_timestamp(doc: &Document) -> Result<printpdf::OffsetDateTime, RenderError> {
    let seconds = doc
        .issued_on
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or_default();
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|e| RenderError::Write(format!("签发日期无法写入：{e}")))
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals() {
        assert_eq!(subset_tag("0123456789abcdef"), "ABCDEF");
        assert_eq!(subset_tag("fedcba"), "PONMLK");
    }
}
