//! Layout rules checked on the real font over many variants of the sample agreement: headings
//! stay with their text, the signature block stays whole on the last page, justified lines
//! reach the right margin, nothing leaves the content area, and every drawn character is one
//! that `Document::text_chars` reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::OnceLock;

use super::*;
use crate::sample::sample_agreement;

fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| Font::locate().expect("the CJK font (fonts-noto-cjk) must be installed"))
}

/// The sample with `extra` short paragraphs added to the preamble, shifting everything after.
fn variant(extra: usize) -> Document {
    let mut doc = sample_agreement();
    for i in 0..extra {
        doc.preamble.push(format!("补充说明第 {i} 项：双方确认。"));
    }
    doc
}

fn pages_of(doc: &Document) -> Vec<Page> {
    let sizes = vec![Some((600, 240)); doc.signatories.len()];
    layout(doc, font(), &sizes).unwrap()
}

fn texts(page: &Page) -> impl Iterator<Item = (f32, f32, f32, f32, TextStyle, &str)> {
    page.items.iter().filter_map(|i| match i {
        Item::Text {
            x,
            baseline,
            size,
            spacing,
            style,
            text,
        } => Some((*x, *baseline, *size, *spacing, *style, text.as_str())),
        _ => None,
    })
}

fn is_heading(style: TextStyle, text: &str) -> bool {
    style == TextStyle::Heavy && text.starts_with('第') && text.contains('条')
}

#[test]
fn headings_are_never_the_last_line_of_a_page() {
    let mut seen_heading_pushed = false;
    for extra in 0..40 {
        let pages = pages_of(&variant(extra));
        for (n, page) in pages.iter().enumerate() {
            let last = texts(page)
                .filter(|t| t.2 == BODY_SIZE)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .unwrap();
            assert!(
                !is_heading(last.4, last.5),
                "variant {extra}, page {}: {last:?}",
                n + 1
            );
            let first = texts(page).min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
            if n > 0 && is_heading(first.4, first.5) {
                seen_heading_pushed = true;
            }
        }
    }
    assert!(
        seen_heading_pushed,
        "some variant should start a page with a heading"
    );
}

#[test]
fn the_signature_block_is_whole_on_the_last_page() {
    for extra in 0..40 {
        let pages = pages_of(&variant(extra));
        let (last, earlier) = pages.split_last().unwrap();
        let is_signature_part = |item: &Item| match item {
            Item::Image { .. } | Item::Qr { .. } => true,
            Item::Text { text, .. } => {
                text.starts_with("日期：")
                    || text.ends_with("（盖章）")
                    || text.starts_with("代表人：")
            }
        };
        assert_eq!(
            last.items.iter().filter(|i| is_signature_part(i)).count(),
            9,
            "variant {extra}"
        );
        for page in earlier {
            assert!(!page.items.iter().any(is_signature_part), "variant {extra}");
        }
    }
}

#[test]
fn text_stays_inside_the_margins_and_justified_lines_fill_them() {
    let doc = variant(7);
    let right = MARGIN_X + CONTENT_WIDTH;
    let mut justified = 0;
    for page in pages_of(&doc) {
        for (x, baseline, size, spacing, _, text) in texts(&page) {
            let natural: f32 = text.chars().map(|c| font().advance_em(c) * size).sum();
            let gaps = text.chars().count().saturating_sub(1) as f32;
            let end = x + natural + spacing * gaps;
            assert!(
                x >= MARGIN_X - 0.01 && end <= right + 0.05,
                "{text}: {x}..{end}"
            );
            assert!(
                baseline > MARGIN_TOP && baseline < PAGE_HEIGHT - MARGIN_BOTTOM,
                "{text}"
            );
            if spacing > 0.0 {
                justified += 1;
                assert!(
                    (end - right).abs() < 0.05,
                    "{text}: ends at {end}, not {right}"
                );
            }
        }
    }
    assert!(justified > 20, "only {justified} justified lines");
}

#[test]
fn every_drawn_character_is_listed_by_text_chars() {
    let doc = sample_agreement();
    let listed: HashSet<char> = doc.text_chars().into_iter().collect();
    for page in pages_of(&doc) {
        for (.., text) in texts(&page) {
            for c in text.chars() {
                assert!(listed.contains(&c), "{c:?} in {text}");
            }
        }
    }
}

#[test]
fn clause_headings_are_numbered_in_chinese() {
    let doc = sample_agreement();
    let headings: Vec<String> = pages_of(&doc)
        .iter()
        .flat_map(|p| {
            texts(p)
                .filter(|t| is_heading(t.4, t.5))
                .map(|t| t.5.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(headings.len(), doc.clauses.len());
    assert_eq!(headings[0], "第一条\u{3000}合作目的");
    assert_eq!(headings[9], "第十条\u{3000}违约责任");
    assert_eq!(headings[11], "第十二条\u{3000}其他");
}
