use chrono::NaiveDate;
use yiyang_protocol::{ImportField as F, MappedColumn, ResidentInput, Sex};

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 22)
}

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

#[test]
fn headers_are_recognised_by_their_usual_chinese_names() {
    let table: &[(&str, Option<F>)] = &[
        ("姓名", Some(F::Name)),
        (" 老人姓名 ", Some(F::Name)),
        ("*身份证号码", Some(F::IdNumber)),
        ("公民身份号码", Some(F::IdNumber)),
        ("联系电话", Some(F::Phone)),
        ("家属电话", Some(F::EmergencyContactPhone)),
        ("紧急联系人", Some(F::EmergencyContactName)),
        ("家庭住址", Some(F::Address)),
        ("户籍地址", Some(F::HukouAddress)),
        ("出生年月", Some(F::BirthDate)),
        ("床位号", Some(F::Bed)),
        ("慢性病", Some(F::ChronicConditions)),
        ("长护险", Some(F::LtcInsurance)),
        ("序号", None),
        ("备注", None),
        ("", None),
    ];
    for (header, expected) in table {
        assert_eq!(guess_field(header), *expected, "{header}");
    }
}

#[test]
fn the_guess_maps_each_field_once_from_the_first_column() {
    let headers: Vec<String> = ["序号", "姓名", "身份证号", "电话", "手机", "住址"]
        .map(String::from)
        .to_vec();
    let got = guess_mapping(&headers);
    let want = vec![
        MappedColumn {
            column: 1,
            field: F::Name,
        },
        MappedColumn {
            column: 2,
            field: F::IdNumber,
        },
        MappedColumn {
            column: 3,
            field: F::Phone,
        },
        MappedColumn {
            column: 5,
            field: F::Address,
        },
    ];
    assert_eq!(got, want);
}

#[test]
fn the_header_row_is_found_below_a_merged_title() {
    let rows = vec![
        vec![text("城南镇中心敬老院老人名单"), Cell::Empty, Cell::Empty],
        vec![Cell::Empty, Cell::Empty, Cell::Empty],
        vec![text("序号"), text("姓名"), text("身份证号")],
        vec![
            Cell::Number(1.0),
            text("张三丰"),
            text("11010519491231002X"),
        ],
    ];
    assert_eq!(find_header_row(&rows), Some(2));
    assert_eq!(find_header_row(&rows[..2]), None);
}

#[test]
fn dates_are_read_as_serials_and_as_the_usual_texts() {
    let table: &[(Cell, Option<NaiveDate>)] = &[
        (Cell::Number(18263.0), Some(d(1949, 12, 31))),
        (Cell::Number(61.0), Some(d(1900, 3, 1))),
        (Cell::Number(19491231.0), Some(d(1949, 12, 31))),
        (Cell::Date(d(1950, 1, 1)), Some(d(1950, 1, 1))),
        (text("1949-12-31"), Some(d(1949, 12, 31))),
        (text("1949/1/5 "), Some(d(1949, 1, 5))),
        (text("1949.12.31"), Some(d(1949, 12, 31))),
        (text("1949年12月31日"), Some(d(1949, 12, 31))),
        (text("１９４９年１２月３１日"), Some(d(1949, 12, 31))),
        (text("19491231"), Some(d(1949, 12, 31))),
        (text("1949-02-30"), None),
        (text("49/12/31"), None),
        (text("十二月"), None),
        (Cell::Number(-3.0), None),
    ];
    for (cell, expected) in table {
        assert_eq!(cells::birth_date(cell), *expected, "{cell:?}");
    }
}

fn mapping() -> Vec<MappedColumn> {
    [
        F::Name,
        F::IdNumber,
        F::Sex,
        F::BirthDate,
        F::Phone,
        F::Address,
        F::ChronicConditions,
        F::LtcInsurance,
    ]
    .iter()
    .enumerate()
    .map(|(i, f)| MappedColumn {
        column: i as u32,
        field: *f,
    })
    .collect()
}

fn row(cells: &[Cell]) -> (ResidentInput, Vec<FieldError>) {
    let mut input = ResidentInput::default();
    let errors = apply_row(&mut input, cells, &mapping());
    (input, errors)
}

#[test]
fn a_row_becomes_the_form_the_resident_page_sends() {
    let (input, errors) = row(&[
        text(" 张三丰 "),
        text("１１０１０５１９４９１２３１００２ｘ"),
        text("女"),
        Cell::Number(18263.0),
        Cell::Number(13812345678.0),
        text("城南镇王家村3组12号\u{a0}"),
        text("高血压、2型糖尿病，高血压"),
        text("是"),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(input.name, "张三丰");
    assert_eq!(input.sex, Some(Sex::Female));
    assert_eq!(input.birth_date, "1949-12-31");
    assert_eq!(input.phone, "13812345678");
    assert_eq!(input.address, "城南镇王家村3组12号");
    assert!(input.ltc_insurance);
    let valid = check_row(&input, errors, today()).unwrap();
    // Full-width digits and the lower-case x are normalised by the 身份证号 rule itself.
    assert_eq!(valid.id_number.as_str(), "11010519491231002X");
    assert_eq!(valid.chronic_conditions, vec!["高血压", "2型糖尿病"]);
}

#[test]
fn an_id_number_stored_as_a_number_is_reported_once_with_the_reason() {
    let (input, errors) = row(&[
        text("张三丰"),
        Cell::Number(110105194912310000.0),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        text("城南镇"),
    ]);
    let errors = check_row(&input, errors, today()).unwrap_err();
    let codes: Vec<_> = errors.iter().map(|e| (e.field, e.code)).collect();
    assert_eq!(codes, vec![("idNumber", "id_number.stored_as_number")]);
    assert!(errors[0].message.contains("文本"), "{}", errors[0].message);
}

#[test]
fn bad_cells_are_reported_with_the_form_rules_in_chinese() {
    let (input, errors) = row(&[
        text("张三丰"),
        text("11010519491231002X"),
        text("未知"),
        text("1949-13-01"),
        text("12345"),
        Cell::Empty,
        Cell::Empty,
        text("也许"),
    ]);
    let errors = check_row(&input, errors, today()).unwrap_err();
    let codes: Vec<_> = errors.iter().map(|e| (e.field, e.code)).collect();
    assert_eq!(
        codes,
        vec![
            ("sex", "sex.unknown"),
            ("ltcInsurance", "ltc_insurance.unknown"),
            ("birthDate", "birth_date.format"),
            ("phone", "phone.format"),
            ("address", "text.required"),
        ]
    );
}

#[test]
fn a_mapping_needs_name_and_id_number_each_once() {
    let ok = mapping();
    assert!(check_mapping(&ok).is_ok());
    let no_id = vec![MappedColumn {
        column: 0,
        field: F::Name,
    }];
    assert_eq!(
        check_mapping(&no_id).unwrap_err().codes(),
        vec!["import.mapping_missing"]
    );
    let twice = vec![
        MappedColumn {
            column: 0,
            field: F::Name,
        },
        MappedColumn {
            column: 1,
            field: F::IdNumber,
        },
        MappedColumn {
            column: 2,
            field: F::Name,
        },
    ];
    assert_eq!(
        check_mapping(&twice).unwrap_err().codes(),
        vec!["import.mapping_repeated"]
    );
}

#[test]
fn blank_rows_include_rows_of_spaces() {
    assert!(is_blank_row(&[
        Cell::Empty,
        text("  \u{3000}"),
        text("\u{a0}")
    ]));
    assert!(!is_blank_row(&[Cell::Empty, Cell::Number(0.0)]));
}
