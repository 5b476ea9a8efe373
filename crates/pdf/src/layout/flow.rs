//! Page flow: stacks blocks down the page, starts a new page when the next block does not fit,
//! and keeps a block marked `keep_with_next` (a clause heading) on the page of the block after it.

use super::{Block, Item};

/// One laid-out page: items in page coordinates (points, y downwards from the top edge).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Places `blocks` on pages whose content area runs from `top` to `bottom` (y downwards).
/// Always returns at least one page.
pub fn paginate(blocks: Vec<Block>, top: f32, bottom: f32) -> Vec<Page> {
    let capacity = bottom - top;
    let heights: Vec<(f32, f32, bool)> = blocks
        .iter()
        .map(|b| (b.space_before, b.height, b.keep_with_next))
        .collect();
    let mut pages = vec![Page::default()];
    let mut y = top;
    for (i, block) in blocks.into_iter().enumerate() {
        let at_top = y <= top;
        let space = if at_top { 0.0 } else { block.space_before };
        let mut kept = kept_after(&heights, i);
        if block.height + kept > capacity {
            // Keeping them together is impossible anyway.
            kept = 0.0;
        }
        if !at_top && y + space + block.height + kept > bottom {
            pages.push(Page::default());
            y = top;
        } else {
            y += space;
        }
        if let Some(page) = pages.last_mut() {
            page.items
                .extend(block.items.into_iter().map(|item| item.shifted(y)));
        }
        y += block.height;
    }
    pages
}

/// Height that must share the page with block `i`: if it is kept with the next block, that
/// block's height too (and so on along a chain of kept blocks).
fn kept_after(heights: &[(f32, f32, bool)], i: usize) -> f32 {
    let mut extra = 0.0;
    let mut j = i;
    while heights.get(j).is_some_and(|h| h.2) {
        match heights.get(j + 1) {
            Some((space, height, _)) => extra += space + height,
            None => break,
        }
        j += 1;
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::super::TextStyle;
    use super::*;

    fn block(name: &str, height: f32, keep_with_next: bool) -> Block {
        Block {
            space_before: 5.0,
            height,
            keep_with_next,
            items: vec![Item::Text {
                x: 0.0,
                baseline: 0.0,
                size: 10.0,
                spacing: 0.0,
                style: TextStyle::Body,
                text: name.into(),
            }],
        }
    }

    /// Names of the blocks on each page with their top y.
    fn layout(blocks: Vec<Block>) -> Vec<Vec<(String, f32)>> {
        paginate(blocks, 0.0, 100.0)
            .into_iter()
            .map(|p| {
                p.items
                    .into_iter()
                    .map(|i| match i {
                        Item::Text { text, baseline, .. } => (text, baseline),
                        other => panic!("{other:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    fn names(pages: &[Vec<(String, f32)>]) -> Vec<Vec<&str>> {
        pages
            .iter()
            .map(|p| p.iter().map(|(n, _)| n.as_str()).collect())
            .collect()
    }

    #[test]
    fn flows_onto_new_pages_without_space_at_the_top() {
        let pages = layout(vec![
            block("a", 40.0, false),
            block("b", 40.0, false),
            block("c", 40.0, false),
        ]);
        assert_eq!(names(&pages), vec![vec!["a", "b"], vec!["c"]]);
        assert_eq!(pages[0][1].1, 45.0);
        assert_eq!(pages[1][0].1, 0.0);
    }

    #[test]
    fn heading_is_not_left_alone_at_the_bottom() {
        let pages = layout(vec![
            block("a", 70.0, false),
            block("heading", 10.0, true),
            block("line", 20.0, false),
        ]);
        assert_eq!(names(&pages), vec![vec!["a"], vec!["heading", "line"]]);
        // Room for both: they stay.
        let pages = layout(vec![
            block("a", 50.0, false),
            block("heading", 10.0, true),
            block("line", 20.0, false),
        ]);
        assert_eq!(names(&pages), vec![vec!["a", "heading", "line"]]);
    }

    #[test]
    fn a_block_taller_than_a_page_is_placed_anyway() {
        let pages = layout(vec![block("a", 10.0, false), block("huge", 150.0, false)]);
        assert_eq!(names(&pages), vec![vec!["a"], vec!["huge"]]);
        let pages = layout(vec![block("huge", 150.0, false), block("b", 10.0, false)]);
        assert_eq!(names(&pages), vec![vec!["huge"], vec!["b"]]);
    }

    #[test]
    fn empty_document_has_one_page() {
        assert_eq!(paginate(Vec::new(), 0.0, 100.0).len(), 1);
    }
}
