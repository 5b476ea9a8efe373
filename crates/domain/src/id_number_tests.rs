//! Tests of the 身份证号 rules. Every hard-coded valid number was checked against an independent
//! implementation of GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432").

use proptest::prelude::*;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

#[derive(Debug)]
enum Expect {
    /// Normalized value, birth date, sex.
    Ok(&'static str, &'static str, Sex),
    Err(&'static str),
}
use Expect::{Err as E, Ok as V};
use Sex::{Female as F, Male as M};

const CASES: &[(&str, Expect)] = &[
    // domain.md vectors
    (
        "11010519491231002X",
        V("11010519491231002X", "1949-12-31", F),
    ),
    (
        "440524188001015368",
        V("440524188001015368", "1880-01-01", F),
    ),
    ("110105194912310021", E("id_number.check_char")),
    ("110105194902310026", E("id_number.birth_date")),
    // accepted spellings
    (
        "11010519491231002x",
        V("11010519491231002X", "1949-12-31", F),
    ),
    (
        "  １１０１０５１９４９１２３１００２Ｘ\t",
        V("11010519491231002X", "1949-12-31", F),
    ),
    (
        "１１０１０５１９４９１２３１００２ｘ",
        V("11010519491231002X", "1949-12-31", F),
    ),
    // old 15-digit numbers: 19 inserted, check character computed
    ("110105491231002", V("11010519491231002X", "1949-12-31", F)),
    ("440524800101536", V("440524198001015367", "1980-01-01", F)),
    ("130503670401001", V("130503196704010016", "1967-04-01", M)),
    ("110105490231002", E("id_number.birth_date")),
    ("11010549123100X", E("id_number.chars")),
    ("000000491231002", E("id_number.region")),
    // sex from the 17th digit
    (
        "830000199001010012",
        V("830000199001010012", "1990-01-01", M),
    ),
    (
        "810000199001010027",
        V("810000199001010027", "1990-01-01", F),
    ),
    // dates
    (
        "11010520000229003X",
        V("11010520000229003X", "2000-02-29", M),
    ),
    ("110105190002290033", E("id_number.birth_date")), // 1900 is not a leap year
    (
        "110105202506010010",
        V("110105202506010010", "2025-06-01", M),
    ), // born today
    ("110105202506020016", E("id_number.birth_date_future")),
    ("11010520300101001X", E("id_number.birth_date_future")),
    (
        "110105185001010013",
        V("110105185001010013", "1850-01-01", M),
    ),
    ("110105184912310012", E("id_number.birth_date_too_early")),
    // region: first two digits must be a province-level code
    ("000000194912310027", E("id_number.region")),
    ("990105194912310023", E("id_number.region")),
    ("160105194912310029", E("id_number.region")),
    ("990105194912310024", E("id_number.region")), // region reported before a wrong check char
    // digits 3-4 "00" name the province itself, never a person's registration
    ("110000194912310022", E("id_number.region_level")),
    ("440000198001015369", E("id_number.region_level")),
    // length and characters
    ("", E("id_number.empty")),
    ("   ", E("id_number.empty")),
    ("11010519491231002", E("id_number.length")),
    ("11010519491231002X1", E("id_number.length")),
    ("1101051949123", E("id_number.length")),
    ("11010519491231002A", E("id_number.chars")),
    ("1101051949123100X2", E("id_number.chars")),
    ("11010519491231 02X", E("id_number.chars")),
    ("X10105194912310021", E("id_number.chars")),
    (
        "11010519491231002Ｘ",
        V("11010519491231002X", "1949-12-31", F),
    ),
    ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", E("id_number.chars")), // Arabic-Indic digits are not converted
];

#[test]
fn id_number_rules() {
    for (input, expect) in CASES {
        let got = IdNumber::parse(input, today());
        match (expect, &got) {
            (V(value, birth, sex), Ok(id)) => {
                assert_eq!(id.as_str(), *value, "{input:?}");
                assert_eq!(id.birth_date().to_string(), *birth, "{input:?}");
                assert_eq!(id.sex(), *sex, "{input:?}");
                assert_eq!(id.region_code(), &value[..6], "{input:?}");
            }
            (E(code), Err(e)) => assert_eq!(e.code(), *code, "{input:?}: {e}"),
            _ => panic!("{input:?}: expected {expect:?}, got {got:?}"),
        }
    }
}

#[test]
fn messages_name_the_rule() {
    let cases = [
        (
            "110105194912310021",
            "身份证号校验位错误：按 GB 11643 计算应为 X，实际为 1",
        ),
        (
            "110105194902310026",
            "身份证号中的出生日期 19490231 不是有效日期",
        ),
        (
            "1101051949",
            "身份证号长度错误：应为 18 位（或旧版 15 位），实际为 10 位",
        ),
        (
            "11010519491231002A",
            "身份证号只能由数字组成，18 位号码的最后一位可以是 X：第 18 位「A」不符合",
        ),
        (
            "990105194912310023",
            "身份证号地区码错误：前两位 99 不是有效的省级行政区划代码",
        ),
        (
            "110105202506020016",
            "身份证号中的出生日期 2025-06-02 晚于今天",
        ),
    ];
    for (input, message) in cases {
        let e = IdNumber::parse(input, today()).unwrap_err();
        assert_eq!(e.to_string(), message);
    }
}

#[test]
fn accessors() {
    let id = IdNumber::parse("11010519491231002x", today()).unwrap();
    assert_eq!(id.last_digits(4), "002X");
    assert_eq!(id.last_digits(40), "11010519491231002X");
    assert_eq!(id.to_string(), "11010519491231002X");
    assert_eq!(check_char("11010519491231002"), Some('X'));
    assert_eq!(check_char("1101051949123100"), None);
    assert_eq!(check_char("1101051949123100A"), None);
}

/// 17 digits with a province prefix and a real date in 1850..=2025 (the day capped at 28 so
/// every month works); the check character is appended by the test.
fn first17() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(crate::division::MAINLAND_PROVINCES),
        100u32..10_000,
        1850i32..=2024,
        1u32..=12,
        1u32..=28,
        0u32..1000,
    )
        .prop_map(|(p, region, y, m, d, seq)| {
            format!("{p:02}{region:04}{y:04}{m:02}{d:02}{seq:03}")
        })
}

proptest! {
    #[test]
    fn any_valid_number_parses(first17 in first17()) {
        let check = check_char(&first17).unwrap();
        let full = format!("{first17}{check}");
        let id = IdNumber::parse(&full, today()).unwrap();
        prop_assert_eq!(id.as_str(), full.as_str());
        let sex_digit: u32 = first17[16..].parse().unwrap();
        prop_assert_eq!(id.sex() == Sex::Male, sex_digit % 2 == 1);
        prop_assert_eq!(id.birth_date().format("%Y%m%d").to_string(), &first17[6..14]);
        // Lower-case input gives the same value.
        let lower = full.to_lowercase();
        prop_assert_eq!(IdNumber::parse(&lower, today()).unwrap(), id);
    }

    #[test]
    fn a_changed_check_char_is_refused(first17 in first17(), wrong in 0usize..10) {
        let right = check_char(&first17).unwrap();
        let candidates: Vec<char> = "0123456789X".chars().filter(|c| *c != right).collect();
        let full = format!("{first17}{}", candidates[wrong]);
        let e = IdNumber::parse(&full, today()).unwrap_err();
        prop_assert_eq!(e.code(), "id_number.check_char");
    }

    #[test]
    fn fifteen_digit_numbers_round_trip(first17 in first17()) {
        // Old numbers only exist for 19xx births: take the 18-digit form, drop "19" and the check.
        prop_assume!(&first17[6..8] == "19");
        let old = format!("{}{}", &first17[..6], &first17[8..]);
        prop_assert_eq!(old.len(), 15);
        let id = IdNumber::parse(&old, today()).unwrap();
        prop_assert_eq!(&id.as_str()[..17], first17.as_str());
        prop_assert_eq!(id.as_str().chars().last(), check_char(&first17));
        // Parsing the converted number again is a no-op.
        prop_assert_eq!(IdNumber::parse(id.as_str(), today()).unwrap(), id);
    }

    #[test]
    fn parse_never_panics(raw in "\\PC{0,30}") {
        let _ = IdNumber::parse(&raw, today());
    }

    #[test]
    fn parse_never_panics_on_digit_soup(raw in "[0-9xX０-９ ]{0,20}") {
        if let Ok(id) = IdNumber::parse(&raw, today()) {
            prop_assert_eq!(id.as_str().len(), 18);
        }
    }
}
