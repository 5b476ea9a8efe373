//! Excel files the app writes (rust_xlsxwriter): the import's rejected-row report, the resident
//! list and the indicator report. Every sheet has Chinese headers, a frozen header row, column
//! widths that fit, dates as date cells, numbers as numbers and 身份证号 as text (so Excel never
//! turns one into 3.30122E+17).
mod indicators;
mod rejected;
mod residents;

pub use indicators::indicator_report_xlsx;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::StoreError;

fn failed(e: XlsxError) -> StoreError {
    StoreError::Io(std::io::Error::other(format!("生成 Excel 文件失败：{e}")))
}

/// A column: its header and width in characters.
pub(crate) struct Column {
    pub header: &'static str,
    pub width: f64,
}

/// One value of a sheet cell.
pub(crate) enum Value<'a> {
    Text(&'a str),
    Number(f64),
    /// `YYYY-MM-DD`; written as a date cell, or as text if it is not a date.
    Date(&'a str),
    Percent(Option<f64>),
}

/// One worksheet to write.
pub(crate) struct Sheet<'a> {
    pub name: &'a str,
    pub columns: &'a [Column],
    pub rows: Vec<Vec<Value<'a>>>,
}

/// Writes a workbook of these sheets and returns its bytes.
pub(crate) fn workbook(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, StoreError> {
    let mut book = Workbook::new();
    for s in sheets {
        let ws = book.add_worksheet();
        write_sheet(ws, s.name, s.columns, &s.rows).map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

fn write_sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Column],
    rows: &[Vec<Value<'_>>],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let head = Format::new().set_bold().set_align(FormatAlign::Center);
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.0%");
    for (c, col) in columns.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| XlsxError::ParameterError("列数过多".into()))?;
        ws.write_string_with_format(0, c, col.header, &head)?;
        ws.set_column_width(c, col.width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, v) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            match v {
                Value::Text(s) => drop(ws.write_string_with_format(r, c, *s, &text)?),
                Value::Number(n) => drop(ws.write_number(r, c, *n)?),
                Value::Percent(Some(p)) => drop(ws.write_number_with_format(r, c, *p, &percent)?),
                Value::Percent(None) => {}
                Value::Date(s) => match excel_date(s) {
                    Some(d) => drop(ws.write_datetime_with_format(r, c, &d, &date)?),
                    None => drop(ws.write_string(r, c, *s)?),
                },
            }
        }
    }
    Ok(())
}

fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}
