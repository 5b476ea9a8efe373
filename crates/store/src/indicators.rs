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
use yiyang_protocol::{AgreementItem, IndicatorPeriod, IndicatorReport};

use crate::care::item_from_code;
use crate::institutions::kind_from_code;
use crate::{Result, Store, StoreError};

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
    let mut stmt = conn.prepare(
        "SELECT id, nursing_home_id, birth_date, created_at, status, status_date
         FROM residents WHERE deleted_at IS NULL",
    )?;
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
    let mut stmt = conn.prepare(
        "SELECT resident_id, start_on, end_on, signed_on, terminated_on
         FROM contracts WHERE deleted_at IS NULL AND signed_on IS NOT NULL AND start_on <= ?1
           AND end_on >= ?2",
    )?;
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
    let mut stmt = conn.prepare(
        "SELECT c.resident_id, c.item, c.occurred_on, c.id
         FROM care_records c
         WHERE c.item IS NOT NULL AND c.occurred_on BETWEEN ?1 AND ?2",
    )?;
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
    let mut stmt = conn.prepare(
        "SELECT c.resident_id, c.facts FROM care_records c
         WHERE c.item = 'G7' AND c.facts LIKE 'grade:%' AND c.occurred_on <= ?1
           AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
         ORDER BY c.occurred_on, c.created_at",
    )?;
    let mut out = HashMap::new();
    let mut rows = stmt.query([as_of.to_string()])?;
    while let Some(r) = rows.next()? {
        if let RecordFacts::Disability { grade } = decode_facts(&r.get::<_, String>(1)?) {
            out.insert(r.get(0)?, grade);
        }
    }
    Ok(out)
}
