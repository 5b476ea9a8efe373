//! The resident list as a workbook. Numbers are masked exactly as in the list on screen unless
//! the role may see them in full; every export is audited.
use chrono::NaiveDate;
use yiyang_domain::access::permits;
use yiyang_domain::mask::{mask_id_number, mask_phone};
use yiyang_domain::resident::{age_on, sex_label};
use yiyang_domain::status::status_label;
use yiyang_protocol::{AuditAction, Permission, ResidentStatus, Sex};

use super::{workbook, Column, Sheet, Value};
use crate::audit::append_for;
use crate::{Result, Store, WriteCtx};

const COLUMNS: &[Column] = &[
    Column {
        header: "健康档案编号",
        width: 20.0,
    },
    Column {
        header: "姓名",
        width: 12.0,
    },
    Column {
        header: "性别",
        width: 6.0,
    },
    Column {
        header: "出生日期",
        width: 12.0,
    },
    Column {
        header: "年龄",
        width: 6.0,
    },
    Column {
        header: "身份证号",
        width: 21.0,
    },
    Column {
        header: "联系电话",
        width: 14.0,
    },
    Column {
        header: "现住址",
        width: 36.0,
    },
    Column {
        header: "养老机构",
        width: 22.0,
    },
    Column {
        header: "房间号",
        width: 8.0,
    },
    Column {
        header: "床位号",
        width: 8.0,
    },
    Column {
        header: "状态",
        width: 8.0,
    },
    Column {
        header: "建档日期",
        width: 12.0,
    },
];

struct Line {
    file_no: String,
    name: String,
    sex: &'static str,
    birth: String,
    age: u32,
    id_number: String,
    phone: String,
    address: String,
    home: String,
    room: String,
    bed: String,
    status: &'static str,
    created: String,
}

impl Store {
    /// The resident list (the user's scope, 在档 and closed files alike) as an .xlsx file.
    pub fn export_residents_xlsx(&mut self, ctx: &WriteCtx) -> Result<Vec<u8>> {
        let scope = self.resident_scope()?;
        let reveal = self
            .session
            .as_ref()
            .is_some_and(|s| permits(s.role, Permission::RevealIdentity));
        let mut stmt = self.conn.prepare(
            "SELECT r.health_file_no, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.address,
                    coalesce(h.name, ''), r.room, r.bed, r.status, substr(r.created_at, 1, 10)
             FROM residents r LEFT JOIN institutions h ON h.id = r.nursing_home_id
             WHERE r.deleted_at IS NULL AND (?1 IS NULL OR r.nursing_home_id = ?1)
             ORDER BY r.name_sort",
        )?;
        let mut lines = Vec::new();
        let mut rows = stmt.query([scope.as_deref()])?;
        while let Some(r) = rows.next()? {
            let birth: String = r.get(3)?;
            let sex: Sex = serde_json::from_value(r.get::<_, String>(2)?.into())?;
            let status: ResidentStatus = serde_json::from_value(r.get::<_, String>(10)?.into())?;
            let id: String = r.get(4)?;
            let phone: String = r.get(5)?;
            lines.push(Line {
                file_no: r.get(0)?,
                name: r.get(1)?,
                sex: sex_label(sex),
                age: NaiveDate::parse_from_str(&birth, "%Y-%m-%d")
                    .map_or(0, |b| age_on(b, ctx.today)),
                birth,
                id_number: if reveal { id } else { mask_id_number(&id) },
                phone: if reveal { phone } else { mask_phone(&phone) },
                address: r.get(6)?,
                home: r.get(7)?,
                room: r.get(8)?,
                bed: r.get(9)?,
                status: status_label(status),
                created: r.get(11)?,
            });
        }
        drop(rows);
        drop(stmt);
        let rows = lines
            .iter()
            .map(|l| {
                vec![
                    Value::Text(&l.file_no),
                    Value::Text(&l.name),
                    Value::Text(l.sex),
                    Value::Date(&l.birth),
                    Value::Number(f64::from(l.age)),
                    Value::Text(&l.id_number),
                    Value::Text(&l.phone),
                    Value::Text(&l.address),
                    Value::Text(&l.home),
                    Value::Text(&l.room),
                    Value::Text(&l.bed),
                    Value::Text(l.status),
                    Value::Date(&l.created),
                ]
            })
            .collect();
        let bytes = workbook(&[Sheet {
            name: "居民名单",
            columns: COLUMNS,
            rows,
        }])?;
        append_for(
            &self.conn,
            ctx,
            self.session.as_ref(),
            AuditAction::Export,
            "resident",
            "",
            &format!("导出居民名单 {} 人（Excel）", lines.len()),
        )?;
        Ok(bytes)
    }
}
