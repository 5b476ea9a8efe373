//! Reading resident files: one file, and the paged, sorted list.
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde_json::Value;
use yiyang_domain::resident::age_on;
use yiyang_protocol::{
    Resident, ResidentListQuery, ResidentPage, ResidentRow, ResidentSort, SortOrder,
};

use super::{FIELDS, TABLE};
use crate::synced::load_row;
use crate::{Result, Store, StoreError};

/// Largest page the list hands out, whatever the UI asks.
const MAX_PAGE_SIZE: u32 = 200;

pub(crate) fn parse_code<T: DeserializeOwned>(s: String) -> rusqlite::Result<T> {
    serde_json::from_value(Value::String(s)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn age(birth: &str, today: NaiveDate) -> u32 {
    NaiveDate::parse_from_str(birth, "%Y-%m-%d").map_or(0, |b| age_on(b, today))
}

/// Columns for [`row_from_sql`], with `r` the residents table and `nh` its nursing home.
pub(crate) const ROW_COLUMNS: &str = "r.id, r.name, r.sex, r.birth_date, r.id_number, r.phone,
     r.health_file_no, r.living_kind, nh.name, r.status, r.updated_at";

pub(crate) fn row_from_sql(
    r: &rusqlite::Row<'_>,
    today: NaiveDate,
) -> rusqlite::Result<ResidentRow> {
    Ok(ResidentRow {
        id: r.get(0)?,
        name: r.get(1)?,
        sex: parse_code(r.get(2)?)?,
        age: age(&r.get::<_, String>(3)?, today),
        id_number: r.get(4)?,
        phone: r.get(5)?,
        health_file_no: r.get(6)?,
        living_kind: parse_code(r.get(7)?)?,
        nursing_home_name: r.get(8)?,
        status: parse_code(r.get(9)?)?,
        updated_at: r.get(10)?,
    })
}

impl Store {
    /// One resident's full file, with the age on `today`.
    pub fn get_resident(&self, id: &str, today: NaiveDate) -> Result<Resident> {
        let not_found = || StoreError::NotFound {
            what: "居民档案",
            id: id.to_owned(),
        };
        let row = load_row(&self.conn, TABLE, FIELDS, id)?.ok_or_else(not_found)?;
        let meta: (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = self
            .conn
            .query_row(
                "SELECT r.created_at, r.updated_at, cu.name, uu.name, nh.name
                 FROM residents r
                 LEFT JOIN users cu ON cu.id = r.created_by
                 LEFT JOIN users uu ON uu.id = r.updated_by
                 LEFT JOIN institutions nh ON nh.id = r.nursing_home_id
                 WHERE r.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(not_found)?;
        let mut obj: serde_json::Map<String, Value> = row
            .fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        let birth = obj
            .get("birthDate")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let age = age(birth, today);
        obj.insert("id".into(), id.into());
        obj.insert("version".into(), row.version.into());
        obj.insert("age".into(), age.into());
        obj.insert("createdAt".into(), meta.0.into());
        obj.insert("updatedAt".into(), meta.1.into());
        obj.insert("createdByName".into(), meta.2.unwrap_or_default().into());
        obj.insert("updatedByName".into(), meta.3.unwrap_or_default().into());
        obj.insert("nursingHomeName".into(), meta.4.into());
        Ok(serde_json::from_value(Value::Object(obj))?)
    }

    /// A page of the resident list, sorted on an indexed column.
    pub fn list_residents(&self, q: &ResidentListQuery, today: NaiveDate) -> Result<ResidentPage> {
        let page_size = q.page_size.clamp(1, MAX_PAGE_SIZE);
        let page = q.page.max(1);
        let dir = match q.order {
            SortOrder::Asc => "ASC",
            SortOrder::Desc => "DESC",
        };
        // Older people have earlier birth dates: age ascending is birth date descending.
        let order = match (q.sort, q.order) {
            (ResidentSort::Name, _) => format!("name_sort {dir}, rid {dir}"),
            (ResidentSort::Age, SortOrder::Asc) => "birth_date DESC, rid DESC".into(),
            (ResidentSort::Age, SortOrder::Desc) => "birth_date ASC, rid ASC".into(),
            (ResidentSort::HealthFileNo, _) => format!("health_file_no {dir}"),
            (ResidentSort::UpdatedAt, _) => format!("updated_at {dir}, rid {dir}"),
        };
        let status = q
            .status
            .and_then(|s| serde_json::to_value(s).ok())
            .and_then(|v| v.as_str().map(str::to_owned));
        // Two shapes rather than `(?1 IS NULL OR status = ?1)`, so each is answered from a
        // partial index without reading the rows it skips.
        let filter = if status.is_some() {
            "deleted_at IS NULL AND status = ?1"
        } else {
            "deleted_at IS NULL AND ?1 IS NULL"
        };
        let total: u32 = self.conn.query_row(
            &format!("SELECT count(*) FROM residents WHERE {filter}"),
            [&status],
            |r| r.get(0),
        )?;
        let outer_order = order
            .split(", ")
            .map(|part| format!("r.{part}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM residents r
             LEFT JOIN institutions nh ON nh.id = r.nursing_home_id
             WHERE r.rid IN (SELECT rid FROM residents WHERE {filter}
                             ORDER BY {order} LIMIT ?2 OFFSET ?3)
             ORDER BY {outer_order}"
        ))?;
        let offset = i64::from(page - 1) * i64::from(page_size);
        let items = stmt
            .query_map(params![status, page_size, offset], |r| {
                row_from_sql(r, today)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ResidentPage {
            items,
            total,
            page,
            page_size,
        })
    }
}
