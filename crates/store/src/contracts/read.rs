//! Reading contracts: one contract or the filtered list, both through one row mapping that also
//! counts the days to expiry and carries the resident's home for the 养老机构管理员's scope.
use chrono::{Duration, NaiveDate};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use yiyang_domain::contract::days_to_expiry;
use yiyang_protocol::{Contract, ContractQuery, ContractStatus, Permission};

use crate::residents::read::parse_code;
use crate::{Result, Store, StoreError};

const COLUMNS: &str = "c.id, c.version, c.number, c.resident_id, r.name, c.team_id, t.name,
     c.doctor_id, u.name, c.categories, c.package_kind, c.package_items, c.price_cents,
     c.insurance_cents, c.self_paid_cents, c.start_on, c.end_on, c.signed_on, c.status,
     c.terminated_on, c.termination_reason, c.termination_note, c.renews, c.renewed_by,
     r.nursing_home_id";
const FROM: &str = "FROM contracts c
     JOIN residents r ON r.id = c.resident_id
     JOIN care_teams t ON t.id = c.team_id
     JOIN users u ON u.id = c.doctor_id";

fn json<T: serde::de::DeserializeOwned>(i: usize, s: String) -> rusqlite::Result<T> {
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A contract row and the nursing home its resident lives in (for the 养老机构管理员's scope).
fn from_row(
    r: &rusqlite::Row<'_>,
    today: NaiveDate,
) -> rusqlite::Result<(Contract, Option<String>)> {
    let status: ContractStatus = parse_code(r.get(18)?)?;
    let end_on: String = r.get(16)?;
    let renewed_by: Option<String> = r.get(23)?;
    let open = status != ContractStatus::Terminated && renewed_by.is_none();
    let days = NaiveDate::parse_from_str(&end_on, "%Y-%m-%d")
        .ok()
        .filter(|_| open)
        .map(|end| days_to_expiry(end, today));
    let contract = Contract {
        id: r.get(0)?,
        version: r.get(1)?,
        number: r.get(2)?,
        resident_id: r.get(3)?,
        resident_name: r.get(4)?,
        team_id: r.get(5)?,
        team_name: r.get(6)?,
        doctor_id: r.get(7)?,
        doctor_name: r.get(8)?,
        categories: json(9, r.get(9)?)?,
        package_kind: parse_code(r.get(10)?)?,
        package_items: json(11, r.get(11)?)?,
        price_cents: r.get(12)?,
        insurance_cents: r.get(13)?,
        self_paid_cents: r.get(14)?,
        start_on: r.get(15)?,
        end_on,
        signed_on: r.get(17)?,
        status,
        terminated_on: r.get(19)?,
        termination_reason: r
            .get::<_, Option<String>>(20)?
            .map(parse_code)
            .transpose()?,
        termination_note: r.get(21)?,
        renews: r.get(22)?,
        renewed_by,
        days_to_expiry: days,
    };
    Ok((contract, r.get(24)?))
}

pub(crate) fn read_contract(
    conn: &Connection,
    id: &str,
    today: NaiveDate,
) -> Result<(Contract, Option<String>)> {
    conn.query_row(
        &format!("SELECT {COLUMNS} {FROM} WHERE c.id = ?1 AND c.deleted_at IS NULL"),
        [id],
        |r| from_row(r, today),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "家庭医生签约",
        id: id.to_owned(),
    })
}

impl Store {
    /// One contract, with the days to its end counted from `today`. A 养老机构管理员 sees only
    /// contracts of their own home's residents.
    pub fn get_contract(&self, id: &str, today: NaiveDate) -> Result<Contract> {
        self.require(Permission::ViewResidents)?;
        let (contract, home) = read_contract(&self.conn, id, today)?;
        if let Some(own) = self.resident_scope()? {
            if home.as_deref() != Some(own.as_str()) {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        Ok(contract)
    }

    /// Contracts by end date: current ones (or all with `include_closed`), of one resident if
    /// given. `expiring_within_days` lists the signed or renewed current contracts ending within
    /// that many days of `today`, those already ended without renewal included (renewal
    /// reminders). A 养老机构管理员 sees only their own home's residents' contracts.
    pub fn list_contracts(&self, q: &ContractQuery, today: NaiveDate) -> Result<Vec<Contract>> {
        self.require(Permission::ViewResidents)?;
        let mut clauses = vec!["c.deleted_at IS NULL".to_owned()];
        let mut args: Vec<String> = Vec::new();
        if let Some(home) = self.resident_scope()? {
            args.push(home);
            clauses.push(format!("r.nursing_home_id = ?{}", args.len()));
        }
        if let Some(resident) = q.resident_id.as_ref().filter(|r| !r.trim().is_empty()) {
            args.push(resident.trim().to_owned());
            clauses.push(format!("c.resident_id = ?{}", args.len()));
        }
        if !q.include_closed || q.expiring_within_days.is_some() {
            clauses.push("c.status <> 'terminated' AND c.renewed_by IS NULL".into());
        }
        if let Some(days) = q.expiring_within_days {
            let until = today + Duration::days(i64::from(days));
            args.push(until.to_string());
            clauses.push(format!(
                "c.status IN ('signed', 'renewed') AND c.end_on <= ?{}",
                args.len()
            ));
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE {} ORDER BY c.end_on, c.number",
            clauses.join(" AND ")
        ))?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), |r| from_row(r, today))?
            .map(|r| r.map(|(c, _)| c))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
