//! Chinese line breaking: any two Chinese characters may be split, except where 禁则 forbids it
//! (no closing punctuation at a line start, no opening punctuation at a line end) and inside
//! runs of Latin letters and digits ("XY2026-001"), which only split when longer than a line.
//! Widths come from a function, so the rules are tested without a font.

/// One output line: its text (trailing spaces dropped) and natural width.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub width: f32,
}

/// Characters that may not start a line (行首禁则).
const NO_START: &str = "，。、；：？！）」』》】〉〕］｝〗〙’”…—–～·%‰℃°′″,.;:?!)]}>'\"-";
/// Characters that may not end a line (行尾禁则).
const NO_END: &str = "（「『《【〈〔［｛〖〘‘“([{<";

const EPSILON: f32 = 0.01;

fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Part of a run that stays together: Latin letters, digits and the ASCII signs between them.
fn is_word(c: char) -> bool {
    !c.is_whitespace() && (c.is_ascii_graphic() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// May a line end between `prev` and `next`?
fn break_allowed(prev: char, next: char) -> bool {
    if no_start(next) || no_end(prev) || is_space(next) {
        return false;
    }
    if is_space(prev) {
        return true;
    }
    !(is_word(prev) && is_word(next))
}

/// Breaks `text` into lines: the first may be `first_width` wide (to leave room for an indent),
/// the others `width`. `advance` gives each character's width in the same unit.
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    advance: impl Fn(char) -> f32,
) -> Vec<Line> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut current: Vec<char> = Vec::new();
    let mut current_width = 0.0_f32;

    for segment in segments(&chars) {
        let available = if lines.is_empty() { first_width } else { width };
        let seg_width: f32 = segment.iter().map(|c| advance(*c)).sum();
        let seg_visible = visible_width(segment, &advance);
        if current_width + seg_visible <= available + EPSILON {
            current.extend_from_slice(segment);
            current_width += seg_width;
            continue;
        }
        if !current.is_empty() {
            lines.push(finish(&current, &advance));
            current.clear();
            current_width = 0.0;
        }
        // The segment starts a line. Longer than a line: split it wherever it has to be.
        for &c in segment {
            let available = if lines.is_empty() { first_width } else { width };
            let w = advance(c);
            if !current.is_empty() && !is_space(c) && current_width + w > available + EPSILON {
                lines.push(finish(&current, &advance));
                current.clear();
                current_width = 0.0;
            }
            current.push(c);
            current_width += w;
        }
    }
    if !current.is_empty() {
        lines.push(finish(&current, &advance));
    }
    lines
}

/// Splits `chars` at every allowed break.
fn segments(chars: &[char]) -> Vec<&[char]> {
    let mut result = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        if break_allowed(chars[i - 1], chars[i]) {
            result.push(&chars[start..i]);
            start = i;
        }
    }
    if start < chars.len() {
        result.push(&chars[start..]);
    }
    result
}

/// Width without trailing spaces (which may hang past the line end).
fn visible_width(chars: &[char], advance: &impl Fn(char) -> f32) -> f32 {
    let end = chars
        .iter()
        .rposition(|c| !is_space(*c))
        .map_or(0, |i| i + 1);
    chars[..end].iter().map(|c| advance(*c)).sum()
}

fn finish(chars: &[char], advance: &impl Fn(char) -> f32) -> Line {
    let end = chars
        .iter()
        .rposition(|c| !is_space(*c))
        .map_or(0, |i| i + 1);
    Line {
        text: chars[..end].iter().collect(),
        width: visible_width(chars, advance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese characters and full-width punctuation are 1 wide, everything else ½.
    fn advance(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn check(text: &str, first_width: f32, width: f32, expected: &[&str]) {
        let lines = break_lines(text, first_width, width, advance);
        let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, expected, "{text:?} in {first_width}/{width}");
        for line in &lines {
            let w: f32 = line.text.chars().map(advance).sum();
            assert!((w - line.width).abs() < 1e-4, "{line:?}");
        }
    }

    #[test]
    fn breaks() {
        #[rustfmt::skip]
        let cases: &[(&str, f32, f32, &[&str])] = &[
            // Plain Chinese breaks anywhere.
            ("一二三四五六七八九十", 5.0, 5.0, &["一二三四五", "六七八九十"]),
            ("一二三", 5.0, 5.0, &["一二三"]),
            ("", 5.0, 5.0, &[]),
            // A first-line indent narrows only the first line.
            ("一二三四五六七八", 3.0, 5.0, &["一二三", "四五六七八"]),
            // Closing punctuation never starts a line: it pulls the previous character along.
            ("一二三四五。六七", 5.0, 5.0, &["一二三四", "五。六七"]),
            ("一二三四五，六七", 5.0, 5.0, &["一二三四", "五，六七"]),
            ("一二三四」。六七", 4.0, 5.0, &["一二三", "四」。六七"]),
            ("一二三四五）六", 5.0, 5.0, &["一二三四", "五）六"]),
            // Opening punctuation never ends a line.
            ("一二三四（五六", 5.0, 5.0, &["一二三四", "（五六"]),
            ("一二三四《五》", 5.0, 5.0, &["一二三四", "《五》"]),
            ("一二三“四”", 4.0, 5.0, &["一二三", "“四”"]),
            // Ellipsis and dash pairs stay together and never start a line.
            ("一二三四……五", 5.0, 5.0, &["一二三", "四……五"]),
            ("一二三四——五", 5.0, 5.0, &["一二三", "四——五"]),
            // Latin/digit runs stay together.
            ("编号XY2026-001", 5.0, 5.0, &["编号", "XY2026-001"]),
            ("代码91350100MA2Y0001X1号", 10.0, 10.0, &["代码", "91350100MA2Y0001X1号"]),
            ("至2026-11-23止", 6.0, 6.0, &["至2026-11-23", "止"]),
            ("日期2026-11-23。", 6.0, 6.0, &["日期", "2026-11-23。"]),
            // …unless longer than a line.
            ("AAAAAAAAAAAA", 5.0, 5.0, &["AAAAAAAAAA", "AA"]),
            ("一AAAAAAAAAAAA", 5.0, 5.0, &["一", "AAAAAAAAAA", "AA"]),
            // Spaces are break opportunities and do not end a line.
            ("ab cd ef", 2.5, 2.5, &["ab cd", "ef"]),
            ("ab   cd", 1.0, 1.0, &["ab", "cd"]),
            // Characters outside the BMP are single characters.
            ("𠮷祥镇中心卫生院", 3.0, 3.0, &["𠮷祥镇", "中心卫", "生院"]),
            ("𠮷𠮷𠮷𠮷", 2.0, 2.0, &["𠮷𠮷", "𠮷𠮷"]),
            // Latin next to Chinese may split.
            ("服务费100元整", 4.0, 4.0, &["服务费", "100元整"]),
        ];
        for (text, first, width, expected) in cases {
            check(text, *first, *width, expected);
        }
    }

    #[test]
    fn no_line_starts_or_ends_badly_in_long_text() {
        let text = "甲方应当按照约定（包括本协议附件所列事项）履行义务，乙方应予配合；\
                    双方发生争议的，应协商解决……协商不成的，可向当地人民法院提起诉讼。";
        for width in 3..20 {
            let lines = break_lines(text, width as f32, width as f32, advance);
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(joined, text);
            for line in &lines[1..] {
                let first = line.text.chars().next().unwrap_or(' ');
                assert!(!no_start(first), "{width}: {line:?}");
            }
            for line in &lines {
                let last = line.text.chars().last().unwrap_or(' ');
                assert!(!no_end(last), "{width}: {line:?}");
                assert!(line.width <= width as f32 + EPSILON, "{width}: {line:?}");
            }
        }
    }
}
