//! Reading resident files: one file, and the paged, sorted list.
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde_json::Value;
use yiyang_domain::access::permits;
use yiyang_domain::mask::{mask_id_number, mask_phone};
use yiyang_domain::resident::age_on;
use yiyang_protocol::{
    AuditAction, Permission, Resident, ResidentListQuery, ResidentPage, ResidentRow, ResidentSort,
    SortOrder,
};

use super::{FIELDS, TABLE, TABLE_KIND};
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

/// Lists and search results never show a whole 身份证号 or phone number, whatever the role.
pub(crate) fn mask_row(mut row: ResidentRow) -> ResidentRow {
    row.id_number = mask_id_number(&row.id_number);
    row.phone = mask_phone(&row.phone);
    row
}

impl Store {
    /// One resident's file for the logged-in user, with the age on `today`. The view is audited;
    /// roles that may see the full 身份证号 and phone get them (and that reveal is audited too),
    /// others get them masked. A nursing-home admin sees only their own home's residents.
    pub fn get_resident(&self, id: &str, now: DateTime<Utc>, today: NaiveDate) -> Result<Resident> {
        let session = self.require(Permission::ViewResidents)?;
        let reveal = permits(session.role, Permission::RevealIdentity);
        let mut resident = self.read_resident(id, today)?;
        if let Some(home) = self.resident_scope()? {
            if resident.nursing_home_id.as_deref() != Some(home.as_str()) {
                self.audit(
                    now,
                    AuditAction::Denied,
                    TABLE_KIND,
                    id,
                    "查看其他机构的居民档案",
                )?;
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        self.audit(
            now,
            AuditAction::ViewResident,
            TABLE_KIND,
            id,
            &resident.name,
        )?;
        if reveal {
            self.audit(
                now,
                AuditAction::RevealIdentity,
                TABLE_KIND,
                id,
                "身份证号、电话",
            )?;
        } else {
            resident.id_number = mask_id_number(&resident.id_number);
            resident.phone = mask_phone(&resident.phone);
            resident.emergency_contact_phone = mask_phone(&resident.emergency_contact_phone);
            resident.identity_masked = true;
        }
        Ok(resident)
    }

    /// The file as stored, unmasked and unaudited: for the store's own use after a write.
    pub(crate) fn read_resident(&self, id: &str, today: NaiveDate) -> Result<Resident> {
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
        obj.insert("identityMasked".into(), false.into());
        Ok(serde_json::from_value(Value::Object(obj))?)
    }

    /// A page of the resident list, sorted on an indexed column.
    pub fn list_residents(&self, q: &ResidentListQuery, today: NaiveDate) -> Result<ResidentPage> {
        let scope = self.resident_scope()?;
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
        let status_filter = if status.is_some() {
            "deleted_at IS NULL AND status = ?1"
        } else {
            "deleted_at IS NULL AND ?1 IS NULL"
        };
        let scope_filter = if scope.is_some() {
            "nursing_home_id = ?4"
        } else {
            "?4 IS NULL"
        };
        let filter = format!("{status_filter} AND {scope_filter}");
        let total: u32 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM residents WHERE {}",
                filter.replace("?4", "?2")
            ),
            params![status, scope],
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
            .query_map(params![status, page_size, offset, scope], |r| {
                row_from_sql(r, today).map(mask_row)
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
