//! The SQL reads behind the indicators: residents, their latest disability grade, contracts,
//! agreements and the current service-log entries, in a handful of set-wise queries; the
//! figures themselves are `yiyang_domain::indicators::compute`.
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use yiyang_domain::indicators::{
    compute, left_on, period_bounds, services_since, stored_date as date, AgreementSpan,
    ContractSpan, Facts, Person, Service, RULE_VERSION,
};
use yiyang_domain::institution::is_care_home;
use yiyang_domain::records::{decode_facts, RecordFacts};
use yiyang_protocol::{AgreementItem, IndicatorPeriod, IndicatorReport, ServiceItem};

use crate::care::{item_code, item_from_code};
use crate::institutions::kind_from_code;
use crate::{Result, Store, StoreError};

// The reads cover the whole clinic at once, so each goes through an index holding just the
// columns it reads (`migrations/0007_indicator_indexes.sql`): reading the encrypted tables
// themselves took 2–6 s at 100 000 residents with a year of history, these take ~0.3 s.
// A test below checks the plans.

const PERSONS: &str = "SELECT id, nursing_home_id, birth_date, created_at, status, status_date
     FROM residents INDEXED BY residents_counting WHERE deleted_at IS NULL";

const CONTRACTS: &str = "SELECT resident_id, start_on, end_on, signed_on, terminated_on
     FROM contracts INDEXED BY contracts_signed_terms
     WHERE deleted_at IS NULL AND signed_on IS NOT NULL AND start_on <= ?1 AND end_on >= ?2";

/// Not `INDEXED BY`: `care_records_item_day` is missing while a first download runs, and the
/// figures must still come out then, only slower.
const GRADES: &str = "SELECT c.resident_id, c.facts FROM care_records c
     WHERE c.item = 'G7' AND c.facts LIKE 'grade:%' AND c.occurred_on <= ?1
       AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
     ORDER BY c.occurred_on, c.created_at";

/// Per item a range of `care_records_item_day` (hence the list of items, not `IS NOT NULL`).
fn services_sql() -> String {
    format!(
        "SELECT c.resident_id, c.item, c.occurred_on, c.id
         FROM care_records c
         WHERE c.item IN ({}) AND c.occurred_on BETWEEN ?1 AND ?2",
        ServiceItem::ALL
            .iter()
            .map(|i| format!("'{}'", item_code(*i)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

impl Store {
    /// The indicators of `period` (see `yiyang_domain::indicators` for every definition): the
    /// clinic and each nursing home; a 养老机构管理员 gets only their own home.
    pub fn indicators(&self, period: IndicatorPeriod, today: NaiveDate) -> Result<IndicatorReport> {
        let scope = self.resident_scope()?;
        let (from, last) = period_bounds(period)
            .ok_or_else(|| StoreError::field("month", "period.month", "月份应为 1–12".into()))?;
        let as_of = last.min(today);
        let (clinic_id, clinic_name): (String, String) = self.conn.query_row(
            "SELECT i.id, i.name FROM installation JOIN institutions i ON i.id = installation.institution_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut homes = nursing_homes(&self.conn)?;
        let mut facts = read_facts(&self.conn, from, as_of)?;
        if let Some(home) = &scope {
            homes.retain(|(id, _)| id == home);
            facts
                .persons
                .retain(|p| p.home.as_deref() == Some(home.as_str()));
            facts.agreements.retain(|a| &a.home == home);
        }
        let (from, as_of, mut units) =
            compute(&facts, (&clinic_id, &clinic_name), &homes, period, today).ok_or_else(
                || StoreError::field("month", "period.month", "月份应为 1–12".into()),
            )?;
        if scope.is_some() {
            // The clinic's totals are not a nursing home's business.
            units.remove(0);
        }
        Ok(IndicatorReport {
            period,
            from: from.to_string(),
            as_of: as_of.to_string(),
            units,
            rule_version: RULE_VERSION,
        })
    }
}

fn nursing_homes(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, kind FROM institutions WHERE deleted_at IS NULL ORDER BY name",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(2)?;
        if is_care_home(kind_from_code(&kind)?) {
            out.push((r.get(0)?, r.get(1)?));
        }
    }
    Ok(out)
}

/// Everything `compute` reads, as of `as_of`.
pub(crate) fn read_facts(conn: &Connection, from: NaiveDate, as_of: NaiveDate) -> Result<Facts> {
    let grades = latest_grades(conn, as_of)?;
    let mut persons = Vec::new();
    let mut stmt = conn.prepare(PERSONS)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let (Some(birth), Some(since)) =
            (date(&r.get::<_, String>(2)?), date(&r.get::<_, String>(3)?))
        else {
            continue;
        };
        let left_on = left_on(
            &r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?.as_deref(),
        );
        persons.push(Person {
            disability: grades.get(&id).copied(),
            id,
            home: r.get(1)?,
            birth,
            since,
            left_on,
        });
    }

    let mut contracts = Vec::new();
    let mut stmt = conn.prepare(CONTRACTS)?;
    let mut rows = stmt.query([as_of.to_string(), from.to_string()])?;
    while let Some(r) = rows.next()? {
        let (Some(start), Some(end)) =
            (date(&r.get::<_, String>(1)?), date(&r.get::<_, String>(2)?))
        else {
            continue;
        };
        contracts.push(ContractSpan {
            resident: r.get(0)?,
            start,
            end,
            signed_on: r.get::<_, Option<String>>(3)?.as_deref().and_then(date),
            terminated_on: r.get::<_, Option<String>>(4)?.as_deref().and_then(date),
        });
    }

    let mut agreements = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.nursing_home_id, a.start_on, a.end_on, a.status, a.terminated_on, a.items
         FROM agreements a JOIN installation i ON i.institution_id = a.clinic_id
         WHERE a.deleted_at IS NULL AND a.status <> 'draft'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (Some(start), Some(end)) =
            (date(&r.get::<_, String>(1)?), date(&r.get::<_, String>(2)?))
        else {
            continue;
        };
        let items: Vec<AgreementItem> = serde_json::from_str(&r.get::<_, String>(5)?)?;
        agreements.push(AgreementSpan::signed(
            r.get(0)?,
            start,
            end,
            r.get::<_, Option<String>>(4)?.as_deref().and_then(date),
            &items,
        ));
    }

    let since = services_since(contracts.iter().map(|c| c.start).min(), from, as_of);
    let services = services(conn, since, as_of)?;
    Ok(Facts {
        persons,
        contracts,
        agreements,
        services,
    })
}

/// Entries superseded by a correction or a void: not current.
fn superseded(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT supersedes FROM care_records INDEXED BY care_records_supersedes
         WHERE supersedes IS NOT NULL",
    )?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

fn services(conn: &Connection, since: NaiveDate, as_of: NaiveDate) -> Result<Vec<Service>> {
    let gone = superseded(conn)?;
    let mut stmt = conn.prepare(&services_sql())?;
    let mut out = Vec::new();
    let mut rows = stmt.query([since.to_string(), as_of.to_string()])?;
    while let Some(r) = rows.next()? {
        if !gone.is_empty() && gone.contains(&r.get::<_, String>(3)?) {
            continue;
        }
        let item: String = r.get(1)?;
        let (Some(item), Some(on)) = (item_from_code(&item), date(&r.get::<_, String>(2)?)) else {
            continue;
        };
        out.push(Service {
            resident: r.get(0)?,
            item,
            on,
        });
    }
    Ok(out)
}

/// Each resident's latest disability grade recorded on or before `as_of`.
fn latest_grades(
    conn: &Connection,
    as_of: NaiveDate,
) -> Result<HashMap<String, yiyang_protocol::DisabilityGrade>> {
    let mut stmt = conn.prepare(GRADES)?;
    let mut out = HashMap::new();
    let mut rows = stmt.query([as_of.to_string()])?;
    while let Some(r) = rows.next()? {
        if let RecordFacts::Disability { grade } = decode_facts(&r.get::<_, String>(1)?) {
            out.insert(r.get(0)?, grade);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let n = stmt.parameter_count();
        let params: Vec<String> = (0..n).map(|_| "2026-01-01".to_owned()).collect();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                r.get::<_, String>(3)
            })
            .unwrap();
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .unwrap()
            .join(" / ")
    }

    #[test]
    fn every_read_goes_through_its_covering_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrate::run(&mut conn).unwrap();
        for (sql, index) in [
            (PERSONS.to_owned(), "COVERING INDEX residents_counting"),
            (
                CONTRACTS.to_owned(),
                "COVERING INDEX contracts_signed_terms",
            ),
            (GRADES.to_owned(), "COVERING INDEX care_records_item_day"),
            (services_sql(), "COVERING INDEX care_records_item_day"),
        ] {
            let p = plan(&conn, &sql);
            assert!(p.contains(index), "{sql}\n→ {p}");
            assert!(!p.contains("TEMP B-TREE"), "sorted apart: {p}");
        }
    }
}
