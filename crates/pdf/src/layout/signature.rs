//! The signature block at the end: one column per signatory (role, "代表人：name", the drawn
//! signature scaled into a 45×18 mm box, the date) and the QR code with its caption on the
//! right. It is one block, so it never splits across pages.

use super::qr::QrMatrix;
use super::{baseline_in_line, mm, wrapped, Block, Item, Measure, TextStyle};
use super::{BODY_SIZE, CAPTION_SIZE, CONTENT_WIDTH, LINE_HEIGHT, MARGIN_X};
use crate::{wording, Signatory};

pub const BOX_WIDTH: f32 = mm(45.0);
pub const BOX_HEIGHT: f32 = mm(18.0);
/// Intended side of the QR code; the actual side is a whole number of modules of a whole
/// number of [`QR_DOT`]s, so it comes out between about 21 and 29 mm.
pub const QR_SIDE: f32 = mm(25.0);
/// 1/150 inch: QR modules and their position are whole multiples of it, so that printers
/// (300/600 dpi) and 150/300 dpi rasterisers draw every module with the same number of dots
/// instead of alternating 3- and 4-dot modules that scanners misread.
pub const QR_DOT: f32 = 72.0 / 150.0;
const QR_GAP: f32 = mm(6.0);
const COLUMN_GAP: f32 = mm(4.0);
const SPACE_BEFORE: f32 = 28.0;

/// The block, or `None` when there is neither a signatory nor a QR code.
pub fn block(
    m: Measure<'_>,
    signatories: &[Signatory],
    sizes: &[Option<(u32, u32)>],
    qr: Option<QrMatrix>,
) -> Option<Block> {
    if signatories.is_empty() && qr.is_none() {
        return None;
    }
    let mut items = Vec::new();
    let mut height: f32 = 0.0;

    // (module size, side) of the QR code.
    let qr_size = qr.as_ref().map(|qr| {
        let modules = qr.size.max(1) as f32;
        let module = (QR_SIDE / modules / QR_DOT).round().max(2.0) * QR_DOT;
        (module, module * modules)
    });
    let area = CONTENT_WIDTH - qr_size.map_or(0.0, |(_, side)| side + QR_GAP);
    let columns = signatories.len().max(1) as f32;
    let column_width = area / columns;
    for (i, signatory) in signatories.iter().enumerate() {
        let x = MARGIN_X + column_width * i as f32;
        let width = (column_width - COLUMN_GAP).max(BODY_SIZE * 2.0);
        let mut y = 0.0;
        text_lines(
            &mut items,
            m,
            &mut y,
            x,
            width,
            TextStyle::Heavy,
            &signatory.role,
        );
        let name = wording::field_line(&signatory.name_label, &signatory.name);
        text_lines(&mut items, m, &mut y, x, width, TextStyle::Body, &name);
        y += 2.0;
        let box_width = BOX_WIDTH.min(width);
        if let Some((w, h)) = sizes
            .get(i)
            .copied()
            .flatten()
            .filter(|(w, h)| *w > 0 && *h > 0)
        {
            let (w, h) = (w as f32, h as f32);
            let scale = (box_width / w).min(BOX_HEIGHT / h);
            let (width, height) = (w * scale, h * scale);
            items.push(Item::Image {
                signatory: i,
                x,
                top: y + (BOX_HEIGHT - height) / 2.0,
                width,
                height,
            });
        }
        y += BOX_HEIGHT + 2.0;
        let date = wording::date_line(signatory.date);
        text_lines(&mut items, m, &mut y, x, width, TextStyle::Body, &date);
        height = height.max(y);
    }

    if let (Some(qr), Some((module, side))) = (qr, qr_size) {
        let x = ((MARGIN_X + CONTENT_WIDTH - side) / QR_DOT).floor() * QR_DOT;
        items.push(Item::Qr {
            x,
            top: 0.0,
            module,
            runs: qr.runs,
        });
        // Two modules of white between the code and its caption.
        let caption_top = side + 2.0 * module;
        let caption_height = CAPTION_SIZE * 1.6;
        let caption_width = m.width(wording::QR_CAPTION, CAPTION_SIZE);
        items.push(Item::Text {
            x: x + (side - caption_width) / 2.0,
            baseline: caption_top + baseline_in_line(CAPTION_SIZE, caption_height),
            size: CAPTION_SIZE,
            spacing: 0.0,
            style: TextStyle::Body,
            text: wording::QR_CAPTION.to_string(),
        });
        height = height.max(caption_top + caption_height);
    }

    Some(Block {
        space_before: SPACE_BEFORE,
        height,
        keep_with_next: false,
        items,
    })
}

/// Body-size lines of `text` wrapped into `width`, stacked from `y` on.
fn text_lines(
    items: &mut Vec<Item>,
    m: Measure<'_>,
    y: &mut f32,
    x: f32,
    width: f32,
    style: TextStyle,
    text: &str,
) {
    for line in wrapped(m, text, BODY_SIZE, 0.0, 0.0, width) {
        items.push(Item::Text {
            x,
            baseline: *y + baseline_in_line(BODY_SIZE, LINE_HEIGHT),
            size: BODY_SIZE,
            spacing: 0.0,
            style,
            text: line.text,
        });
        *y += LINE_HEIGHT;
    }
}
