//! Turns a [`Document`] into positioned items on A4 pages: the page geometry, the blocks of the
//! document (title, parties, clauses, signatures) and their flow onto pages. No PDF here: the
//! output is plain data that `render` draws.

mod flow;
pub mod linebreak;
mod qr;
mod signature;
#[cfg(test)]
mod tests;

pub use flow::Page;
pub use signature::QR_DOT;

use crate::{wording, Document, Font, RenderError};
use linebreak::break_lines;

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

pub const PAGE_WIDTH: f32 = mm(210.0);
pub const PAGE_HEIGHT: f32 = mm(297.0);
pub const MARGIN_X: f32 = mm(25.0);
pub const MARGIN_TOP: f32 = mm(25.0);
pub const MARGIN_BOTTOM: f32 = mm(25.0);
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

/// 小四.
pub const BODY_SIZE: f32 = 12.0;
pub const LINE_HEIGHT: f32 = BODY_SIZE * 1.6;
pub const TITLE_SIZE: f32 = 20.0;
/// 五号: number line, footer, draft mark.
pub const SMALL_SIZE: f32 = 10.5;
pub const CAPTION_SIZE: f32 = 9.0;
/// Baseline of the footer and of the draft mark, from the page's bottom and top edges.
pub const FOOTER_BASELINE_FROM_BOTTOM: f32 = mm(14.0);
pub const DRAFT_BASELINE_FROM_TOP: f32 = mm(15.0);

/// Justify a line only while the added space per gap stays below this share of the font size.
const MAX_JUSTIFY_SPACING: f32 = 0.25;
/// Body paragraphs are indented two characters.
const INDENT_EM: f32 = 2.0;

/// How a piece of text is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStyle {
    Body,
    /// Filled and stroked, to look bolder with a single regular face (titles, headings).
    Heavy,
    /// Grey (the draft mark).
    Grey,
}

/// Something to draw, in points with y downwards (from the block top, then from the page top).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text starting at `x` on `baseline`; `spacing` is added after every character.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        spacing: f32,
        style: TextStyle,
        text: String,
    },
    /// The signature image of signatory `signatory`, scaled into the rectangle.
    Image {
        signatory: usize,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
    },
    /// A QR code: dark runs `(row, column, length)` in modules of `module` points.
    Qr {
        x: f32,
        top: f32,
        module: f32,
        runs: Vec<(u16, u16, u16)>,
    },
}

impl Item {
    fn shifted(self, dy: f32) -> Item {
        match self {
            Item::Text {
                x,
                baseline,
                size,
                spacing,
                style,
                text,
            } => Item::Text {
                x,
                baseline: baseline + dy,
                size,
                spacing,
                style,
                text,
            },
            Item::Image {
                signatory,
                x,
                top,
                width,
                height,
            } => Item::Image {
                signatory,
                x,
                top: top + dy,
                width,
                height,
            },
            Item::Qr {
                x,
                top,
                module,
                runs,
            } => Item::Qr {
                x,
                top: top + dy,
                module,
                runs,
            },
        }
    }
}

/// A piece that never splits across pages: one text line, or the whole signature block.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub space_before: f32,
    pub height: f32,
    /// Must share its page with the following block (clause headings).
    pub keep_with_next: bool,
    pub items: Vec<Item>,
}

/// Text measurement with the real font.
#[derive(Clone, Copy)]
pub(crate) struct Measure<'a> {
    font: &'a Font,
}

impl Measure<'_> {
    pub fn advance(&self, c: char, size: f32) -> f32 {
        self.font.advance_em(c) * size
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// Baseline of text of `size` centred in a line of `line_height`, from the line's top.
pub(crate) fn baseline_in_line(size: f32, line_height: f32) -> f32 {
    // CJK faces have an em box of about 0.88 above and 0.12 below the baseline.
    (line_height - size) / 2.0 + size * 0.88
}

/// Lays out the document. `signature_sizes[i]` is the pixel size of signatory `i`'s image.
pub fn layout(
    doc: &Document,
    font: &Font,
    signature_sizes: &[Option<(u32, u32)>],
) -> Result<Vec<Page>, RenderError> {
    let m = Measure { font };
    let mut blocks = Vec::new();

    for line in wrapped(m, &doc.title, TITLE_SIZE, 0.0, 0.0, CONTENT_WIDTH) {
        let x = MARGIN_X + (CONTENT_WIDTH - line.width) / 2.0;
        blocks.push(line_block(
            x,
            TITLE_SIZE,
            TITLE_SIZE * 1.5,
            0.0,
            0.0,
            TextStyle::Heavy,
            line.text,
        ));
    }
    let number = wording::number_line(&doc.number);
    let number_width = m.width(&number, SMALL_SIZE);
    let x = MARGIN_X + (CONTENT_WIDTH - number_width).max(0.0);
    blocks.push(line_block(
        x,
        SMALL_SIZE,
        SMALL_SIZE * 1.6,
        4.0,
        0.0,
        TextStyle::Body,
        number,
    ));

    for (i, party) in doc.parties.iter().enumerate() {
        let space = if i == 0 { 12.0 } else { 6.0 };
        blocks.push(body_line(
            MARGIN_X,
            space,
            TextStyle::Heavy,
            party.role.clone(),
        ));
        for field in &party.lines {
            let text = wording::field_line(&field.label, &field.value);
            let indent = INDENT_EM * BODY_SIZE;
            // Continuation lines hang under the value, unless the label is very long.
            let label = format!("{}{}", field.label, wording::COLON);
            let mut hang = indent + m.width(&label, BODY_SIZE);
            if hang > CONTENT_WIDTH / 2.0 {
                hang = indent;
            }
            paragraph(&mut blocks, m, &text, 0.0, indent, hang, false);
        }
    }

    for (i, text) in doc.preamble.iter().enumerate() {
        let space = if i == 0 { 12.0 } else { 0.0 };
        body_paragraph(&mut blocks, m, text, space);
    }
    for (i, clause) in doc.clauses.iter().enumerate() {
        let heading = wording::clause_heading(i, &clause.title);
        for (j, line) in wrapped(m, &heading, BODY_SIZE, 0.0, 0.0, CONTENT_WIDTH)
            .into_iter()
            .enumerate()
        {
            let space = if j == 0 { 8.0 } else { 0.0 };
            let mut block = body_line(MARGIN_X, space, TextStyle::Heavy, line.text);
            block.keep_with_next = true;
            blocks.push(block);
        }
        for text in &clause.paragraphs {
            body_paragraph(&mut blocks, m, text, 0.0);
        }
    }
    for (i, text) in doc.closing.iter().enumerate() {
        let space = if i == 0 { 8.0 } else { 0.0 };
        body_paragraph(&mut blocks, m, text, space);
    }

    let qr = match &doc.qr_payload {
        Some(payload) => Some(qr::QrMatrix::encode(payload)?),
        None => None,
    };
    if let Some(block) = signature::block(m, &doc.signatories, signature_sizes, qr) {
        blocks.push(block);
    }
    Ok(flow::paginate(
        blocks,
        MARGIN_TOP,
        PAGE_HEIGHT - MARGIN_BOTTOM,
    ))
}

/// Lines of `text` at `size` (hard line breaks kept), the first `first_indent` narrower and the
/// rest `hang` narrower than `width`.
fn wrapped(
    m: Measure<'_>,
    text: &str,
    size: f32,
    first_indent: f32,
    hang: f32,
    width: f32,
) -> Vec<linebreak::Line> {
    text.split('\n')
        .map(|t| t.trim_end_matches('\r').replace('\t', " "))
        .filter(|t| !t.trim().is_empty())
        .flat_map(|t| {
            break_lines(&t, width - first_indent, width - hang, |c| {
                m.advance(c, size)
            })
        })
        .collect()
}

/// A body paragraph: two-character first-line indent, justified.
fn body_paragraph(blocks: &mut Vec<Block>, m: Measure<'_>, text: &str, space_before: f32) {
    paragraph(
        blocks,
        m,
        text,
        space_before,
        INDENT_EM * BODY_SIZE,
        0.0,
        true,
    );
}

/// One block per line of a body-size paragraph. Each hard line (`\n`) starts with `indent`.
fn paragraph(
    blocks: &mut Vec<Block>,
    m: Measure<'_>,
    text: &str,
    space_before: f32,
    indent: f32,
    hang: f32,
    justify: bool,
) {
    let mut first = true;
    for hard_line in text.split('\n') {
        let lines = wrapped(m, hard_line, BODY_SIZE, indent, hang, CONTENT_WIDTH);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let offset = if i == 0 { indent } else { hang };
            let spacing = if justify && i + 1 < count {
                justify_spacing(&line, CONTENT_WIDTH - offset)
            } else {
                0.0
            };
            let space = if first { space_before } else { 0.0 };
            first = false;
            let mut block = body_line(MARGIN_X + offset, space, TextStyle::Body, line.text);
            if let Some(Item::Text { spacing: s, .. }) = block.items.first_mut() {
                *s = spacing;
            }
            blocks.push(block);
        }
    }
}

/// Extra space after each character so that `line` fills `available`.
fn justify_spacing(line: &linebreak::Line, available: f32) -> f32 {
    let gaps = line.text.chars().count().saturating_sub(1);
    if gaps == 0 {
        return 0.0;
    }
    let spacing = (available - line.width) / gaps as f32;
    if spacing > 0.0 && spacing <= MAX_JUSTIFY_SPACING * BODY_SIZE {
        spacing
    } else {
        0.0
    }
}

fn body_line(x: f32, space_before: f32, style: TextStyle, text: String) -> Block {
    line_block(x, BODY_SIZE, LINE_HEIGHT, space_before, 0.0, style, text)
}

fn line_block(
    x: f32,
    size: f32,
    line_height: f32,
    space_before: f32,
    spacing: f32,
    style: TextStyle,
    text: String,
) -> Block {
    Block {
        space_before,
        height: line_height,
        keep_with_next: false,
        items: vec![Item::Text {
            x,
            baseline: baseline_in_line(size, line_height),
            size,
            spacing,
            style,
            text,
        }],
    }
}
