//! The import's report of rejected rows: one line per problem, so a sheet with three problems in
//! one row shows all three, each with the column to fix.
use yiyang_protocol::{AuditAction, Permission, RejectedRow};

use super::{workbook, Column, Sheet, Value};
use crate::audit::append_for;
use crate::{Result, Store, StoreError, WriteCtx};

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
fn rejected_rows_xlsx(rows: &[RejectedRow]) -> Result<Vec<u8>, StoreError> {
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

impl Store {
    /// The rejected rows as an .xlsx file for the user who may import: the rows hold names and
    /// full 身份证号 from the sheet, so writing them out is an export like any other, audited.
    pub fn export_rejected_rows_xlsx(
        &mut self,
        ctx: &WriteCtx,
        rows: &[RejectedRow],
    ) -> Result<Vec<u8>> {
        self.require(Permission::EditResidents)?;
        let bytes = rejected_rows_xlsx(rows)?;
        append_for(
            &self.conn,
            ctx,
            self.session.as_ref(),
            AuditAction::Export,
            "resident",
            "",
            &format!("导出导入错误报告 {} 行（Excel）", rows.len()),
        )?;
        Ok(bytes)
    }
}
