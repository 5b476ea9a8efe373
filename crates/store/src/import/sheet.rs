//! Reading an Excel workbook (calamine) into rows of plain cells, with merged cells filled in:
//! a 住址 merged over three residents' rows means each of them lives there.
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Xls, Xlsx};
use yiyang_domain::import::Cell;

use crate::{Result, StoreError};

/// One worksheet, row `i` being sheet row `i + 1` as Excel numbers it.
pub(crate) struct Sheet {
    pub names: Vec<String>,
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

fn not_excel() -> StoreError {
    StoreError::field(
        "file",
        "import.not_excel",
        "所选文件不是 Excel 文件（.xlsx 或 .xls），或文件已损坏：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
            .into(),
    )
}

fn unreadable(e: impl std::fmt::Display) -> StoreError {
    StoreError::field(
        "file",
        "import.unreadable",
        format!("Excel 文件无法读取（{e}）：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"),
    )
}

/// The file's magic bytes decide the reader: an .xlsx is a ZIP, an .xls a compound document.
/// Anything else (a CSV, a PDF, a renamed photo) is refused before any parser sees it.
pub(crate) fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(ZIP) {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| not_excel())?;
        let (names, name) = pick(book.sheet_names(), sheet)?;
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        book.load_merged_regions().map_err(unreadable)?;
        let merged: Vec<Dimensions> = book
            .merged_regions_by_sheet(&name)
            .into_iter()
            .map(|(_, _, d)| *d)
            .collect();
        Ok(Sheet {
            names,
            name,
            rows: grid(&range, &merged),
        })
    } else if bytes.starts_with(CFB) {
        let mut book = Xls::new(Cursor::new(bytes)).map_err(|_| not_excel())?;
        let (names, name) = pick(book.sheet_names(), sheet)?;
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let merged = book.worksheet_merge_cells(&name).unwrap_or_default();
        Ok(Sheet {
            names,
            name,
            rows: grid(&range, &merged),
        })
    } else {
        Err(not_excel())
    }
}

fn pick(names: Vec<String>, wanted: Option<&str>) -> Result<(Vec<String>, String)> {
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .cloned()
            .ok_or_else(|| {
                StoreError::field(
                    "sheet",
                    "import.no_sheet",
                    format!("文件中没有名为「{w}」的工作表"),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| {
            StoreError::field("file", "import.empty", "Excel 文件中没有工作表".into())
        })?,
    };
    Ok((names, name))
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map_or(Cell::Number(dt.as_f64()), |t| Cell::Date(t.date())),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        // An #N/A or #REF! left by a formula: shown as Excel shows it, so the rule that refuses
        // it quotes what the person sees.
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// The sheet as absolute rows (from A1), merged regions filled with their top-left value.
fn grid(range: &calamine::Range<Data>, merged: &[Dimensions]) -> Vec<Vec<Cell>> {
    let Some((row0, col0)) = range.start() else {
        return Vec::new();
    };
    let (row0, col0) = (row0 as usize, col0 as usize);
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); row0];
    for r in range.rows() {
        let mut line = vec![Cell::Empty; col0];
        line.extend(r.iter().map(cell));
        rows.push(line);
    }
    for m in merged {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
            continue;
        };
        for r in r0..=(m.end.0 as usize) {
            let Some(line) = rows.get_mut(r) else { break };
            for c in c0..=(m.end.1 as usize) {
                if line.len() <= c {
                    line.resize(c + 1, Cell::Empty);
                }
                if (r, c) != (r0, c0) {
                    line[c] = value.clone();
                }
            }
        }
    }
    rows
}
