//! The fixed Chinese wording the renderer adds around the document's own text (clause numbers,
//! "编号：", dates, page footer, QR caption), kept in one place so that
//! [`crate::Document::text_chars`] lists exactly what [`crate::render`] draws.

use chrono::{Datelike, NaiveDate};

/// Caption printed under the QR code.
pub const QR_CAPTION: &str = "扫码核验";

/// Full-width colon between a label and its value.
pub const COLON: char = '：';

/// Ideographic space between "第一条" and the clause title.
pub const CLAUSE_GAP: char = '\u{3000}';

/// "第一条　服务内容" for the clause at zero-based `index`.
pub fn clause_heading(index: usize, title: &str) -> String {
    format!("第{}条{CLAUSE_GAP}{title}", chinese_number(index + 1))
}

/// "编号：XY2026-001".
pub fn number_line(number: &str) -> String {
    format!("编号{COLON}{number}")
}

/// "名称：𠮷祥镇中心卫生院".
pub fn field_line(label: &str, value: &str) -> String {
    format!("{label}{COLON}{value}")
}

/// "日期：2026 年 11 月 23 日", or a blank to fill in by hand.
pub fn date_line(date: Option<NaiveDate>) -> String {
    match date {
        Some(d) => format!("日期{COLON}{} 年 {} 月 {} 日", d.year(), d.month(), d.day()),
        None => format!("日期{COLON}____年__月__日"),
    }
}

/// "第 1 页 共 3 页".
pub fn footer(page: usize, pages: usize) -> String {
    format!("第 {page} 页 共 {pages} 页")
}

/// Characters the footer can use, whatever the page count.
pub const FOOTER_CHARS: &str = "第页共0123456789";

/// Chinese numeral as used in clause numbers: 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一,
/// 100 → 一百, 101 → 一百零一, 110 → 一百一十. Numbers of 1000 and more stay in digits.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: usize| DIGITS[d % 10];
    match n {
        0 => "零".to_string(),
        1..=9 => digit(n).to_string(),
        10..=19 => {
            let mut s = "十".to_string();
            if !n.is_multiple_of(10) {
                s.push(digit(n % 10));
            }
            s
        }
        20..=99 => {
            let mut s = format!("{}十", digit(n / 10));
            if !n.is_multiple_of(10) {
                s.push(digit(n % 10));
            }
            s
        }
        100..=999 => {
            let mut s = format!("{}百", digit(n / 100));
            let rest = n % 100;
            if rest == 0 {
                return s;
            }
            if rest < 10 {
                s.push('零');
                s.push(digit(rest));
            } else {
                // 一百一十, not 一百十.
                s.push(digit(rest / 10));
                s.push('十');
                if !rest.is_multiple_of(10) {
                    s.push(digit(rest % 10));
                }
            }
            s
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (215, "二百一十五"),
            (1000, "1000"),
        ];
        for (n, expected) in cases {
            assert_eq!(chinese_number(n), expected, "{n}");
        }
    }

    #[test]
    fn fixed_lines() {
        assert_eq!(clause_heading(0, "服务内容"), "第一条\u{3000}服务内容");
        assert_eq!(clause_heading(20, "附则"), "第二十一条\u{3000}附则");
        assert_eq!(number_line("XY2026-001"), "编号：XY2026-001");
        assert_eq!(
            date_line(NaiveDate::from_ymd_opt(2026, 11, 23)),
            "日期：2026 年 11 月 23 日"
        );
        assert_eq!(date_line(None), "日期：____年__月__日");
        assert_eq!(footer(1, 3), "第 1 页 共 3 页");
    }
}
