//! The import's report of rejected rows: one line per problem, so a sheet with three problems in
//! one row shows all three, each with the column to fix.
use yiyang_protocol::RejectedRow;

use super::{workbook, Column, Sheet, Value};
use crate::StoreError;

const COLUMNS: &[Column] = &[
    Column {
        header: "行号",
        width: 8.0,
    },
    Column {
        header: "姓名",
        width: 12.0,
    },
    Column {
        header: "身份证号",
        width: 22.0,
    },
    Column {
        header: "列",
        width: 14.0,
    },
    Column {
        header: "规则",
        width: 28.0,
    },
    Column {
        header: "原因",
        width: 70.0,
    },
];

/// The rejected rows of an import (preview or import result) as an .xlsx file.
pub fn rejected_rows_xlsx(rows: &[RejectedRow]) -> Result<Vec<u8>, StoreError> {
    let lines: Vec<Vec<Value<'_>>> = rows
        .iter()
        .flat_map(|r| {
            r.issues.iter().map(move |i| {
                vec![
                    Value::Number(f64::from(r.row)),
                    Value::Text(&r.name),
                    Value::Text(&r.id_number),
                    Value::Text(&i.column),
                    Value::Text(&i.code),
                    Value::Text(&i.message),
                ]
            })
        })
        .collect();
    workbook(&[Sheet {
        name: "未导入的行",
        columns: COLUMNS,
        rows: lines,
    }])
}
