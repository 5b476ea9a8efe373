//! Excel import of resident lists, end to end through the store: sheets are generated here with
//! rust_xlsxwriter, so every kind of bad input is spelled out next to what it must produce.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{ctx, now, today};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use yiyang_domain::id_number::check_char;
use yiyang_protocol::{
    AuditAction, AuditQuery, ChangeAction, ImportField as F, ImportOptions, ImportProgress,
    ImportSummary, MappedColumn, RowOutcome, SearchQuery,
};
use yiyang_store::Store;

/// A cell of a generated sheet.
#[derive(Clone)]
enum V {
    T(&'static str),
    S(String),
    N(f64),
    /// A real Excel date cell (a serial number with a date format).
    D(u16, u8, u8),
    Blank,
}

/// An .xlsx with `rows` from A1, and `merges` (first row, first col, last row, last col).
fn xlsx(rows: &[Vec<V>], merges: &[(u32, u16, u32, u16)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                V::T(s) => drop(ws.write_string(r, c, *s).unwrap()),
                V::S(s) => drop(ws.write_string(r, c, s).unwrap()),
                V::N(n) => drop(ws.write_number(r, c, *n).unwrap()),
                V::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                }
                V::Blank => {}
            }
        }
    }
    for (r0, c0, r1, c1) in merges {
        let value = match &rows[*r0 as usize][*c0 as usize] {
            V::T(s) => s.to_string(),
            V::S(s) => s.clone(),
            _ => String::new(),
        };
        ws.merge_range(*r0, *c0, *r1, *c1, &value, &Format::new())
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// A valid 身份证号, distinct for every `n`: born `1940-01-01` + `n % 20000` days, region
/// 330122 (桐庐).
fn id_number(n: u32) -> String {
    let birth = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap()
        + chrono::Duration::days(i64::from(n % 20_000));
    let first17 = format!("330122{}{:03}", birth.format("%Y%m%d"), (n / 20_000) % 1000);
    format!("{first17}{}", check_char(&first17).unwrap())
}

fn header() -> Vec<V> {
    vec![
        V::T("序号"),
        V::T("姓名"),
        V::T("身份证号"),
        V::T("联系电话"),
        V::T("家庭住址"),
    ]
}

fn person(i: u32, name: &str) -> Vec<V> {
    vec![
        V::N(f64::from(i)),
        V::S(name.into()),
        V::S(id_number(i)),
        V::S(format!("138{:08}", i)),
        V::T("城南镇王家村"),
    ]
}

fn mapping() -> Vec<MappedColumn> {
    [
        (1, F::Name),
        (2, F::IdNumber),
        (3, F::Phone),
        (4, F::Address),
    ]
    .into_iter()
    .map(|(column, field)| MappedColumn { column, field })
    .collect()
}

fn options() -> ImportOptions {
    ImportOptions {
        mapping: mapping(),
        ..ImportOptions::default()
    }
}

fn import(store: &mut Store, bytes: &[u8], options: &ImportOptions) -> ImportSummary {
    let ctx = ctx(store);
    store
        .import_residents(&ctx, bytes, options, &mut |_| {})
        .unwrap()
}

fn preview(store: &mut Store, bytes: &[u8]) -> ImportSummary {
    let ctx = ctx(store);
    store
        .preview_import(&ctx, bytes, &options(), 50, &mut |_| {})
        .unwrap()
}

fn count_residents(store: &Store) -> i64 {
    store
        .raw_connection_for_tests()
        .query_row("SELECT count(*) FROM residents", [], |r| r.get(0))
        .unwrap()
}

fn codes(summary: &ImportSummary, row: u32) -> Vec<String> {
    summary
        .rejected_rows
        .iter()
        .find(|r| r.row == row)
        .map(|r| r.issues.iter().map(|i| i.code.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn a_clean_sheet_is_imported_like_typed_files() {
    let (_dir, mut store) = common::store();
    let rows = vec![header(), person(1, "张三丰"), person(2, "李四")];
    let bytes = xlsx(&rows, &[]);
    let before = common::outbox_len(&store);

    let s = import(&mut store, &bytes, &options());
    assert_eq!((s.total, s.new, s.update, s.rejected), (2, 2, 0, 0));
    assert!(s.stored);
    assert_eq!(count_residents(&store), 2);
    // Sync sees them exactly like typed files: one insert mutation each.
    assert_eq!(common::outbox_len(&store) - before, 2);
    let hits = store
        .search_residents(
            &SearchQuery {
                text: "zsf".into(),
                limit: 5,
            },
            today(),
        )
        .unwrap();
    assert_eq!(hits.len(), 1, "pinyin search finds an imported file");
    let file = store
        .get_resident(&hits[0].resident.id, now(), today())
        .unwrap();
    assert_eq!(file.id_number, id_number(1));
    assert_eq!(file.address, "城南镇王家村");
    assert_eq!(file.health_file_no.len(), 17, "a file number is assigned");
}

#[test]
fn a_preview_counts_exactly_what_the_import_does_and_writes_nothing() {
    let (_dir, mut store) = common::store();
    let mut bad = person(3, "王五");
    bad[2] = V::T("330122194001011235");
    let rows = vec![header(), person(1, "张三丰"), person(2, "李四"), bad];
    let bytes = xlsx(&rows, &[]);
    let before = common::outbox_len(&store);

    let p = preview(&mut store, &bytes);
    assert_eq!((p.new, p.update, p.rejected, p.stored), (2, 0, 1, false));
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[2].outcome, RowOutcome::Rejected);
    assert!(p.rows[0].id_number.contains('*'), "preview rows are masked");
    assert_eq!(count_residents(&store), 0);
    assert_eq!(common::outbox_len(&store), before);

    let s = import(&mut store, &bytes, &options());
    assert_eq!((s.new, s.update, s.rejected), (p.new, p.update, p.rejected));
    assert_eq!(s.rejected_rows, p.rejected_rows);
    assert_eq!(count_residents(&store), 2, "the rejected row wrote nothing");
}

#[test]
fn a_title_row_merged_over_the_columns_and_a_merged_address_are_understood() {
    let (_dir, mut store) = common::store();
    let mut r1 = person(1, "张三丰");
    r1[4] = V::T("城南镇中心敬老院");
    let mut r2 = person(2, "李四");
    r2[4] = V::Blank;
    let mut r3 = person(3, "王五");
    r3[4] = V::Blank;
    let rows = vec![
        vec![
            V::T("城南镇中心敬老院入住老人名单"),
            V::Blank,
            V::Blank,
            V::Blank,
            V::Blank,
        ],
        header(),
        r1,
        r2,
        r3,
    ];
    // The title across A1:E1; the address merged down E3:E5.
    let bytes = xlsx(&rows, &[(0, 0, 0, 4), (2, 4, 4, 4)]);
    let overview = store.import_overview(&bytes, None, 0, None).unwrap();
    assert_eq!(overview.header_row, 2);
    assert_eq!(overview.data_rows, 3);
    assert_eq!(overview.mapping, mapping(), "guessed from the header names");
    assert!(!overview.remembered);

    let s = import(&mut store, &bytes, &options());
    assert_eq!((s.new, s.rejected), (3, 0), "{:?}", s.rejected_rows);
    let page = store
        .list_residents(
            &yiyang_protocol::ResidentListQuery {
                page: 1,
                page_size: 10,
                ..Default::default()
            },
            today(),
        )
        .unwrap();
    for row in page.items {
        let file = store.get_resident(&row.id, now(), today()).unwrap();
        assert_eq!(file.address, "城南镇中心敬老院", "{}", file.name);
    }
}

#[test]
fn empty_rows_are_skipped_and_rows_keep_their_sheet_numbers() {
    let (_dir, mut store) = common::store();
    let mut bad = person(4, "赵六");
    bad[4] = V::Blank;
    let rows = vec![
        header(),
        person(1, "张三丰"),
        vec![V::Blank; 5],
        vec![V::T("   "), V::T("\u{3000}"), V::Blank, V::Blank, V::Blank],
        bad,
    ];
    let s = import(&mut store, &xlsx(&rows, &[]), &options());
    assert_eq!((s.total, s.new, s.rejected), (2, 1, 1));
    let r = &s.rejected_rows[0];
    assert_eq!(r.row, 5, "Excel's own row number");
    assert_eq!(
        r.issues[0].column, "家庭住址",
        "named by the sheet's header"
    );
    assert_eq!(r.issues[0].code, "text.required");
    assert!(
        r.issues[0].message.contains("现住址"),
        "{}",
        r.issues[0].message
    );
}

#[test]
fn birth_dates_as_text_as_serials_and_as_date_cells_are_checked_against_the_id() {
    let (_dir, mut store) = common::store();
    let head = vec![
        V::T("姓名"),
        V::T("身份证号"),
        V::T("出生日期"),
        V::T("住址"),
    ];
    // id_number(0): born 1940-01-01 (serial 14611).
    let row = |name: &'static str, n: u32, date: V| {
        vec![V::T(name), V::S(id_number(n)), date, V::T("城南镇")]
    };
    let rows = vec![
        head,
        row("甲", 0, V::T("1940/1/1")),
        row("乙", 1, V::T("1940年1月2日")),
        row("丙", 2, V::D(1940, 1, 3)),
        row("丁", 3, V::N(14614.0)),
        row("戊", 4, V::T("1940-01-06")),
        row("己", 5, V::T("去年")),
    ];
    let options = ImportOptions {
        mapping: [
            (0, F::Name),
            (1, F::IdNumber),
            (2, F::BirthDate),
            (3, F::Address),
        ]
        .into_iter()
        .map(|(column, field)| MappedColumn { column, field })
        .collect(),
        ..ImportOptions::default()
    };
    let s = import(&mut store, &xlsx(&rows, &[]), &options);
    assert_eq!((s.new, s.rejected), (4, 2), "{:?}", s.rejected_rows);
    assert_eq!(codes(&s, 6), vec!["birth_date.mismatch"]);
    assert_eq!(codes(&s, 7), vec!["birth_date.format"]);
}

#[test]
fn full_width_digits_and_stray_spaces_are_normalised() {
    let (_dir, mut store) = common::store();
    let full_width: String = id_number(7)
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(0xFF10 + d).unwrap())
        })
        .collect();
    let rows = vec![
        header(),
        vec![
            V::N(1.0),
            V::T(" 张三丰\u{a0}"),
            V::S(format!(" {full_width} ")),
            V::T("13812345678  "),
            V::T("  城南镇王家村 "),
        ],
    ];
    let s = import(&mut store, &xlsx(&rows, &[]), &options());
    assert_eq!(s.new, 1, "{:?}", s.rejected_rows);
    let id = s.rows.first().and_then(|r| r.resident_id.clone());
    let id = id.unwrap_or_else(|| {
        let page = store
            .list_residents(
                &yiyang_protocol::ResidentListQuery {
                    page: 1,
                    page_size: 1,
                    ..Default::default()
                },
                today(),
            )
            .unwrap();
        page.items[0].id.clone()
    });
    let file = store.get_resident(&id, now(), today()).unwrap();
    assert_eq!(file.name, "张三丰");
    assert_eq!(file.id_number, id_number(7));
    assert_eq!(file.phone, "13812345678");
    assert_eq!(file.address, "城南镇王家村");
}

#[test]
fn an_id_number_excel_turned_into_a_number_is_rejected_with_the_fix() {
    let (_dir, mut store) = common::store();
    let mut row = person(1, "张三丰");
    row[2] = V::N(id_number(1).parse::<f64>().unwrap_or(3.301e17));
    let s = import(&mut store, &xlsx(&[header(), row], &[]), &options());
    assert_eq!(codes(&s, 2), vec!["id_number.stored_as_number"]);
    assert!(s.rejected_rows[0].issues[0].message.contains("文本"));
}

#[test]
fn duplicates_in_the_sheet_and_on_file_become_updates_through_the_normal_path() {
    let (_dir, mut store) = common::store();
    // Already on file.
    import(
        &mut store,
        &xlsx(&[header(), person(1, "张三丰")], &[]),
        &options(),
    );
    let outbox_before = common::outbox_len(&store);

    let mut moved = person(1, "张三丰");
    moved[4] = V::T("城北镇");
    let mut changed_phone = person(2, "李四");
    changed_phone[3] = V::T("13900001111");
    let rows = vec![
        header(),
        moved,
        person(2, "李四"),
        person(2, "李四"),
        changed_phone,
    ];
    let ctx = ctx(&store);
    let p = store
        .preview_import(&ctx, &xlsx(&rows, &[]), &options(), 10, &mut |_| {})
        .unwrap();
    let outcomes: Vec<_> = p
        .rows
        .iter()
        .map(|r| (r.outcome, r.duplicate_of_row))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (RowOutcome::Update, None),
            (RowOutcome::New, None),
            (RowOutcome::Unchanged, Some(3)),
            (RowOutcome::Update, Some(3)),
        ]
    );
    let s = import(&mut store, &xlsx(&rows, &[]), &options());
    assert_eq!((s.new, s.update, s.unchanged, s.rejected), (1, 2, 1, 0));
    assert_eq!(
        count_residents(&store),
        2,
        "no second file for a known 身份证号"
    );
    // One new file and two updates reach the outbox; the unchanged repeat writes nothing.
    assert_eq!(common::outbox_len(&store) - outbox_before, 3);

    let zhang = p.rows[0].resident_id.clone().unwrap();
    let history = store.resident_history(&zhang).unwrap();
    assert_eq!(history[0].action, ChangeAction::Updated);
    let fields: Vec<_> = history[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, vec!["address"], "only the column that changed");
    let file = store.get_resident(&zhang, now(), today()).unwrap();
    assert_eq!(file.address, "城北镇");
    assert_eq!(file.phone, format!("138{:08}", 1), "kept");
}

#[test]
fn an_update_keeps_what_the_sheet_has_no_column_for() {
    let (_dir, mut store) = common::store();
    let ctx = ctx(&store);
    let mut typed = common::resident();
    typed.allergies = "青霉素".into();
    typed.emergency_contact_name = "张小明".into();
    typed.emergency_contact_phone = "13900002222".into();
    let created = store.create_resident(&ctx, &typed).unwrap();
    let rows = vec![
        vec![V::T("姓名"), V::T("身份证号"), V::T("电话")],
        vec![
            V::T("张三丰"),
            V::T("11010519491231002X"),
            V::T("13700000000"),
        ],
    ];
    let options = ImportOptions {
        mapping: [(0, F::Name), (1, F::IdNumber), (2, F::Phone)]
            .into_iter()
            .map(|(column, field)| MappedColumn { column, field })
            .collect(),
        ..ImportOptions::default()
    };
    let s = import(&mut store, &xlsx(&rows, &[]), &options);
    assert_eq!(s.update, 1, "{:?}", s.rejected_rows);
    let file = store.get_resident(&created.id, now(), today()).unwrap();
    assert_eq!(file.phone, "13700000000");
    assert_eq!(file.allergies, "青霉素");
    assert_eq!(file.emergency_contact_phone, "13900002222");
    assert_eq!(file.address, created.address);
}

#[test]
fn files_that_are_not_excel_are_refused_with_a_chinese_reason() {
    let (_dir, mut store) = common::store();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "csv",
            "姓名,身份证号\n张三丰,11010519491231002X\n"
                .as_bytes()
                .to_vec(),
        ),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec()),
        ("empty", Vec::new()),
        (
            "zip that is no workbook",
            b"PK\x03\x04garbage-not-a-real-zip".to_vec(),
        ),
        (
            "truncated xlsx",
            xlsx(&[header(), person(1, "张三丰")], &[])[..300].to_vec(),
        ),
        ("compound file that is no xls", {
            let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            b.extend([0u8; 600]);
            b
        }),
    ];
    for (what, bytes) in cases {
        for err in [store.import_overview(&bytes, None, 0, None).unwrap_err(), {
            let ctx = ctx(&store);
            store
                .import_residents(&ctx, &bytes, &options(), &mut |_| {})
                .unwrap_err()
        }] {
            let issues = err.field_issues();
            assert_eq!(issues.len(), 1, "{what}: {err}");
            assert_eq!(issues[0].field, "file", "{what}");
            assert!(
                issues[0].code.starts_with("import."),
                "{what}: {}",
                issues[0].code
            );
            assert!(
                issues[0].message.contains("Excel"),
                "{what}: {}",
                issues[0].message
            );
        }
    }
    assert_eq!(count_residents(&store), 0);
}

#[test]
fn a_mapping_without_the_id_column_or_a_sheet_without_a_header_is_refused_up_front() {
    let (_dir, mut store) = common::store();
    let bytes = xlsx(&[header(), person(1, "张三丰")], &[]);
    let ctx = ctx(&store);
    let no_id = ImportOptions {
        mapping: vec![MappedColumn {
            column: 1,
            field: F::Name,
        }],
        ..ImportOptions::default()
    };
    let err = store
        .import_residents(&ctx, &bytes, &no_id, &mut |_| {})
        .unwrap_err();
    assert_eq!(err.field_issues()[0].code, "import.mapping_missing");
    assert!(err.field_issues()[0].message.contains("身份证号"));

    let headless = xlsx(&[person(1, "张三丰"), person(2, "李四")], &[]);
    let err = store.import_overview(&headless, None, 0, None).unwrap_err();
    assert_eq!(err.field_issues()[0].code, "import.no_header");
    // Saying where the header is works.
    let s = store
        .import_residents(
            &ctx,
            &headless,
            &ImportOptions {
                header_row: 1,
                ..options()
            },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(s.new, 1, "row 1 was taken as the header");
}

#[test]
fn the_mapping_is_remembered_per_institution_while_the_headers_fit() {
    let (_dir, mut store) = common::store();
    let custom = vec![
        vec![V::T("老人"), V::T("证件"), V::T("居住地")],
        vec![V::T("张三丰"), V::T("11010519491231002X"), V::T("城南镇")],
    ];
    let bytes = xlsx(&custom, &[]);
    let chosen: Vec<MappedColumn> = [(0, F::Name), (1, F::IdNumber), (2, F::Address)]
        .into_iter()
        .map(|(column, field)| MappedColumn { column, field })
        .collect();
    let first = store.import_overview(&bytes, None, 0, None);
    // No header names two known fields: the person must say where the header is.
    assert!(first.is_err());
    let first = store.import_overview(&bytes, None, 1, None).unwrap();
    assert!(!first.remembered);
    let options = ImportOptions {
        header_row: 1,
        mapping: chosen.clone(),
        ..ImportOptions::default()
    };
    import(&mut store, &bytes, &options);

    // Next time the same layout comes with the mapping.
    let again = xlsx(
        &[
            vec![V::T("老人"), V::T("证件"), V::T("居住地"), V::T("电话")],
            vec![
                V::T("李四"),
                V::S(id_number(9)),
                V::T("城南镇"),
                V::T("13800000000"),
            ],
        ],
        &[],
    );
    let ctx = ctx(&store);
    let p = store
        .preview_import(
            &ctx,
            &again,
            &ImportOptions {
                header_row: 1,
                mapping: chosen.clone(),
                ..ImportOptions::default()
            },
            5,
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(p.new, 1);
    let overview = store.import_overview(&again, None, 1, None).unwrap();
    assert!(overview.remembered);
    assert_eq!(overview.mapping, chosen);
    // Another nursing home's lists have their own layout.
    let ctx = common::ctx(&store);
    let home = store
        .create_institution(&ctx, &yiyang_store::demo::nursing_homes()[0])
        .unwrap();
    let other = store
        .import_overview(&again, None, 1, Some(&home.id))
        .unwrap();
    assert!(!other.remembered);
    let overview = store
        .import_overview(
            &xlsx(&[vec![V::T("姓名"), V::T("身份证号"), V::T("居住地")]], &[]),
            None,
            1,
            None,
        )
        .unwrap();
    assert!(
        !overview.remembered,
        "other headers: not the remembered mapping"
    );
}

#[test]
fn progress_is_reported_up_to_the_total() {
    let (_dir, mut store) = common::store();
    let mut rows = vec![header()];
    rows.extend((1..=600).map(|i| person(i, "张三")));
    let bytes = xlsx(&rows, &[]);
    let ctx = ctx(&store);
    let mut seen: Vec<ImportProgress> = Vec::new();
    store
        .import_residents(&ctx, &bytes, &options(), &mut |p| seen.push(p))
        .unwrap();
    let done: Vec<u32> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, vec![0, 250, 500, 600]);
    assert!(seen.iter().all(|p| p.total == 600));
}

/// 10 000 rows with every 20th bad (5 %): the bad rows reported with reasons, the rest stored.
#[test]
fn ten_thousand_rows_with_five_percent_bad_import_the_good_ones() {
    let (_dir, mut store) = common::store();
    let mut rows = vec![header()];
    for i in 1..=10_000u32 {
        let mut r = person(i, "王小明");
        if i % 20 == 0 {
            // A wrong check character: the right one, moved on by one.
            let id = id_number(i);
            let wrong = if id.ends_with('9') {
                'X'
            } else if id.ends_with('X') {
                '0'
            } else {
                '9'
            };
            r[2] = V::S(format!("{}{wrong}", &id[..17]));
        }
        rows.push(r);
    }
    let s = import(&mut store, &xlsx(&rows, &[]), &options());
    assert_eq!(s.total, 10_000);
    assert_eq!(s.rejected, 500);
    assert_eq!(s.new, 9_500);
    assert_eq!(count_residents(&store), 9_500);
    assert!(s
        .rejected_rows
        .iter()
        .all(|r| r.issues[0].code == "id_number.check_char"));
    assert_eq!(s.rejected_rows[0].row, 21);
}

#[test]
fn a_rejected_row_report_can_be_opened_as_a_sheet() {
    let (_dir, mut store) = common::store();
    let mut bad = person(2, "李四");
    bad[4] = V::Blank;
    let s = import(
        &mut store,
        &xlsx(&[header(), person(1, "张三丰"), bad], &[]),
        &options(),
    );
    let ctx = ctx(&store);
    let bytes = store
        .export_rejected_rows_xlsx(&ctx, &s.rejected_rows)
        .unwrap();
    // The rows hold full 身份证号: writing them out is an audited export.
    let audit = store
        .list_audit(
            &AuditQuery {
                page: 1,
                page_size: 5,
                ..AuditQuery::default()
            },
            chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        )
        .unwrap();
    let last = &audit.entries[0];
    assert_eq!(last.action, AuditAction::Export);
    assert_eq!(last.detail, "导出导入错误报告 1 行（Excel）");
    // Read back with the same reader the import uses: the report is itself importable data.
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        vec!["行号", "姓名", "身份证号", "列", "规则", "原因"]
    );
    assert_eq!(rows[1][0], "3");
    assert_eq!(rows[1][1], "李四");
    assert_eq!(rows[1][2], id_number(2));
    assert_eq!(rows[1][3], "家庭住址");
    assert_eq!(rows[1][4], "text.required");
}

/// A list of 100 000 rows is read whole (every row counted, merged title and all); importing it
/// is measured in release by `bench_reports`, which imports 100 000 rows in one transaction.
#[test]
fn a_sheet_of_one_hundred_thousand_rows_is_read_and_counted() {
    let (_dir, mut store) = common::store();
    let mut rows = vec![
        vec![V::T("十万行名单"), V::Blank, V::Blank, V::Blank, V::Blank],
        header(),
    ];
    rows.extend((1..=100_000).map(|i| person(i, "王小明")));
    let bytes = xlsx(&rows, &[(0, 0, 0, 4)]);
    let overview = store.import_overview(&bytes, None, 0, None).unwrap();
    assert_eq!(overview.header_row, 2);
    assert_eq!(overview.data_rows, 100_000);
    assert_eq!(overview.sample.len(), 5);
    assert_eq!(overview.mapping, mapping());
}
