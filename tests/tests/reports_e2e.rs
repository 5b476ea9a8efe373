//! End to end on the real app (demo county): 首页 shows this year's rates and chart; a clinic's Excel list is imported through the
//! wizard (bad rows reported with reasons and saved as an Excel error report, the rest written),
//! the imported residents are found in the list, the list is exported to Excel, and the 统计 page
//! draws its charts, one of which is saved as PNG and its data as Excel. File dialogs are
//! answered from a folder (`--dialog-dir`), since WebDriver cannot reach a native dialog.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::*;
use fantoccini::Locator;
use yiyang_domain::id_number::check_char;
use yiyang_e2e::TauriDriver;
use yiyang_store::demo::DEMO_PASSWORD;

/// The imported people: name, the first 17 digits of their 身份证号, phone.
const GOOD: [(&str, &str, &str); 8] = [
    ("欧阳秀梅", "33012219480312002", "13905710001"),
    ("钱桂英", "33012219510704004", "13905710002"),
    ("孙德胜", "33012219430921001", "13905710003"),
    ("周玉兰", "33012219550130006", "13905710004"),
    ("吴长根", "33012219460817003", "13905710005"),
    ("郑阿四", "33012219390505005", "13905710006"),
    ("冯金凤", "33012219521111008", "13905710007"),
    ("陈水生", "33012219570228007", "13905710008"),
];

fn id(first17: &str) -> String {
    format!("{first17}{}", check_char(first17).unwrap())
}

/// A sheet as a clinic keeps it: a title row above the header, 8 good rows and 2 bad ones (a
/// wrong check character, a missing name), the 身份证号 of one good row in full-width digits.
fn write_sheet(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    sheet.write(0, 0, "城南镇 65 岁以上老人花名册").unwrap();
    for (col, h) in ["序号", "姓名", "身份证号", "联系电话", "现住址"]
        .iter()
        .enumerate()
    {
        sheet.write(1, col as u16, *h).unwrap();
    }
    let mut rows: Vec<(String, String, String)> = GOOD
        .iter()
        .map(|(n, i, p)| ((*n).to_owned(), id(i), (*p).to_owned()))
        .collect();
    // Full-width digits, as typed with a Chinese input method.
    rows[1].1 = rows[1]
        .1
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0xFF10 + d).unwrap(),
            None => c,
        })
        .collect();
    let wrong = id("33012219440606009");
    let last = wrong.chars().last().unwrap();
    let flipped = if last == '1' { '2' } else { '1' };
    rows.push((
        "错号人".into(),
        format!("{}{flipped}", &wrong[..17]),
        "13905710009".into(),
    ));
    rows.push((String::new(), id("33012219450202000"), "13905710010".into()));
    for (n, (name, id_number, phone)) in rows.iter().enumerate() {
        let r = n as u32 + 2;
        sheet.write(r, 0, n as u32 + 1).unwrap();
        sheet.write(r, 1, name.as_str()).unwrap();
        sheet.write(r, 2, id_number.as_str()).unwrap();
        sheet.write(r, 3, phone.as_str()).unwrap();
        sheet.write(r, 4, "城南镇王家村").unwrap();
    }
    book.save(path).unwrap();
}

/// Every row of the first sheet of an .xlsx, as text.
fn read_xlsx(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .unwrap_or_else(|e| panic!("{} is not a readable .xlsx: {e}", path.display()));
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The number shown under the statistic titled `label` (antd draws title and value in blocks).
fn count_after(text: &str, label: &str) -> Option<u32> {
    let rest = &text[text.find(label)? + label.len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Waits for a file named like `prefix…ext` in `dir` (written by the app after a click).
async fn wait_file(dir: &Path, prefix: &str, ext: &str) -> PathBuf {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let found = std::fs::read_dir(dir).unwrap().find_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_str()?.to_owned();
            (name.starts_with(prefix) && name.ends_with(ext)).then_some(p)
        });
        if let Some(p) = found {
            return p;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {prefix}…{ext} saved in {}",
            dir.display()
        );
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_a_sheet_export_the_list_and_see_the_charts() {
    let data = tempfile::TempDir::new().unwrap();
    let dialogs = tempfile::TempDir::new().unwrap();
    std::fs::create_dir(dialogs.path().join("open")).unwrap();
    write_sheet(&dialogs.path().join("open").join("城南镇花名册.xlsx"));
    let dialog_arg = dialogs.path().display().to_string();

    let driver = TauriDriver::start().unwrap();
    let c = launch(
        &driver,
        data.path(),
        &["--demo", "--dialog-dir", &dialog_arg],
    )
    .await;
    log_in(&c, "linxy", DEMO_PASSWORD).await;

    // 首页 comes first: this year's rates and the 重点指标 chart.
    find(&c, "home-page").await;
    let rate = text(&c, "home-contract-rate").await;
    assert!(rate.contains('%') && rate.contains("目标 ≥ 70%"), "{rate}");
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!(
            "{} canvas",
            tid("home-key-rates-chart")
        )))
        .await
        .expect("the home page draws the key-rates chart");
    shot(&c, "69-home").await;

    // 居民档案 → 导入居民: choose the file; the header row below the title is found and the
    // columns are matched by their names.
    click(&c, "nav-residents").await;
    click(&c, "resident-import").await;
    click(&c, "import-choose").await;
    find(&c, "import-mapping").await;
    let header_row = c
        .find(Locator::Css(
            "input[data-testid='import-header-row'], [data-testid='import-header-row'] input",
        ))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(header_row.as_deref(), Some("2"), "the title row is skipped");
    for (column, field) in [(1, "姓名"), (2, "身份证号"), (3, "联系电话"), (4, "现住址")]
    {
        let chosen = format!(
            "{} .ant-select-selection-item[title='{field}']",
            tid(&format!("import-field-{column}"))
        );
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&chosen))
            .await
            .unwrap_or_else(|e| panic!("column {column} should map to {field}: {e}"));
    }
    shot(&c, "70-import-mapping").await;

    // Preview: 8 new, 2 with errors, each with its reason.
    click(&c, "import-preview").await;
    let counts = wait_text(&c, "import-counts", "有误").await;
    assert_eq!(count_after(&counts, "新建"), Some(8), "{counts}");
    assert_eq!(count_after(&counts, "有误"), Some(2), "{counts}");
    let issues: Vec<String> = {
        let mut all = Vec::new();
        for el in c
            .find_all(Locator::Css(&tid("import-row-issues")))
            .await
            .unwrap()
        {
            all.push(el.text().await.unwrap());
        }
        all
    };
    assert_eq!(issues.len(), 2, "two rows rejected: {issues:?}");
    assert!(issues.iter().any(|i| i.contains("身份证号")), "{issues:?}");
    assert!(issues.iter().any(|i| i.contains("姓名")), "{issues:?}");
    shot(&c, "71-import-preview").await;

    // Import; the result counts, then the error report saved as Excel with the reasons.
    click(&c, "import-run").await;
    find(&c, "import-done").await;
    let done = text(&c, "import-counts").await;
    assert_eq!(count_after(&done, "新建"), Some(8), "{done}");
    assert_eq!(count_after(&done, "有误"), Some(2), "{done}");
    shot(&c, "72-import-done").await;
    click(&c, "import-save-rejected").await;
    find(&c, "import-saved-to").await;
    let report = read_xlsx(&wait_file(dialogs.path(), "导入错误报告", ".xlsx").await);
    let joined: Vec<String> = report.iter().map(|r| r.join("|")).collect();
    assert!(
        report.len() >= 3,
        "a header and the two rejected rows: {joined:?}"
    );
    assert!(
        joined
            .iter()
            .any(|r| r.contains("错号人") && r.contains("身份证号")),
        "{joined:?}"
    );
    assert!(joined.iter().any(|r| r.contains("姓名")), "{joined:?}");

    // The residents are in the list.
    click(&c, "import-done").await;
    search_finds(&c, "欧阳秀梅", "欧阳秀梅").await;
    search_finds(&c, "钱桂英", "钱桂英").await;

    // Export the list: every imported person is in it, under Chinese headers.
    click(&c, "resident-export").await;
    let list = read_xlsx(&wait_file(dialogs.path(), "居民名单", ".xlsx").await);
    assert!(list[0].iter().any(|h| h == "姓名"), "{:?}", list[0]);
    for (name, _, _) in GOOD {
        assert!(
            list.iter().any(|r| r.iter().any(|cell| cell == name)),
            "{name} is in the exported list"
        );
    }
    assert!(!list.iter().any(|r| r.iter().any(|cell| cell == "错号人")));

    // 统计: the charts are drawn; one is saved as PNG and its data as Excel.
    click(&c, "nav-stats").await;
    find(&c, "stats-page").await;
    for chart in [
        "stats-key-rates",
        "stats-items",
        "stats-rounds",
        "stats-disability",
    ] {
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("{} canvas", tid(chart))))
            .await
            .unwrap_or_else(|e| panic!("{chart} drew no chart: {e}"));
    }
    let rate = text(&c, "stats-contract-rate").await;
    assert!(
        rate.contains('%'),
        "the 签约率 is shown as a percentage: {rate}"
    );
    shot(&c, "73-stats").await;
    click(&c, "stats-key-rates-png").await;
    let png = std::fs::read(wait_file(dialogs.path(), "", ".png").await).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG image");
    assert!(
        png.len() > 5_000,
        "a drawn chart, not an empty canvas: {} bytes",
        png.len()
    );
    click(&c, "stats-key-rates-xlsx").await;
    let table = read_xlsx(&wait_file(dialogs.path(), "统计指标", ".xlsx").await);
    assert!(table.len() > 1, "the chart's data: {table:?}");
    c.close().await.unwrap();
}
