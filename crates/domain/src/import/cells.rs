//! Reading cell values the many ways sheets hold them: dates as Excel serial numbers, as
//! `1949/12/31` or `1949年12月31日` text; yes/no; lists in one cell.
use chrono::{Duration, NaiveDate};

use super::{clean, Cell};

/// Excel's day 0 is 1899-12-30 for serials from 61 on (Excel counts a 29 February 1900 that
/// never was); no resident was born before 1 March 1900, so earlier serials are refused.
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !(61.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(days))
}

/// A date written the usual Chinese ways: `1949-12-31`, `1949/12/31`, `1949.12.31`,
/// `1949年12月31日`, `19491231`, with one-digit months and days, full-width digits allowed.
pub fn parse_loose_date(raw: &str) -> Option<NaiveDate> {
    let s: String = clean(raw).chars().map(crate::text::to_half_width).collect();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::from_ymd_opt(
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        );
    }
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let ok = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(y.len() == 4 && ok(y, 4) && ok(m, 2) && ok(d, 2)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The birth date a cell holds, `None` when it holds none that can be read.
pub(super) fn birth_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        // 19491231 typed into a number cell, or a date serial in a cell formatted "General".
        Cell::Number(n) if (1.0e7..1.0e8).contains(n) => parse_loose_date(&number_text(*n)),
        Cell::Number(n) => date_from_serial(*n),
        Cell::Text(s) => parse_loose_date(s),
        Cell::Empty | Cell::Bool(_) => None,
    }
}

/// 是/否 and their usual spellings; an empty cell is 否.
pub(super) fn yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Empty => Some(false),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        Cell::Text(s) => match clean(s) {
            "" | "否" | "无" | "未参保" | "N" | "n" | "×" => Some(false),
            "是" | "有" | "已参保" | "参保" | "Y" | "y" | "√" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

/// Several entries in one cell: separated by 、，,；; or line breaks.
pub(super) fn split_list(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';', '\n', '/'])
        .map(clean)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A number as a person would type it: integers without a decimal part (phones, 15-digit
/// 身份证号), others as Rust prints them.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e18 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
