//! Home and community care (issue 8): the county's catalogue items, pricing a delivery from the
//! catalogue before it is validated, and the reads of the 居家照护 page (a person's overview,
//! family beds, plan due lists, 长护险 statements, indicators). The entries themselves are care
//! records written by `care/`; every rule is `yiyang_domain::homecare`'s.
use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension};
use yiyang_domain::homecare::indicators::{compute, AtHome, BedFact, DeliveryFact};
use yiyang_domain::homecare::{
    bed_state, care_level, catalogue_with, eligibility_text, entitled_groups, ltc_eligibility,
    monthly_statement, plan_due, validate_catalogue_item, validate_ltc_settings, Assessed, Bed,
    Delivery, LtcRule, Month, Person, BED_V1, CARE_LEVEL_V1, ENTITLEMENT_V1, LTC_V1,
};
use yiyang_domain::indicators::period_bounds;
use yiyang_domain::records::{decode_facts, RecordFacts, ValidRecord};
use yiyang_domain::resident::age_on;
use yiyang_domain::text::parse_iso_date;
use yiyang_protocol::{
    AuditAction, BedVisitState, CatalogueItem, CatalogueItemInput, DueState, FamilyBedInput,
    FamilyBedRow, HomeCareIndicators, HomeCareOverview, HomeCarePlanInput, HomeCareTask,
    HomeService, IndicatorPeriod, LtcSettings, LtcSettingsInput, MonthlyStatement, Permission,
    RecordDetail, RecordInput, RecordInputDetail, SpecialCategory, StatementQuery,
};

use crate::{Result, Store, StoreError};

/// The kinds of care record that are home-care entries.
pub(crate) const HOME_KINDS: [&str; 5] = [
    "home_care_plan",
    "home_service",
    "family_bed",
    "family_bed_end",
    "bed_visit",
];

const SQL_KINDS: &str =
    "('home_care_plan', 'home_service', 'family_bed', 'family_bed_end', 'bed_visit')";

/// The stored kind code of a detail (`round`, `family_bed` …).
pub(crate) fn detail_kind(detail: &RecordDetail) -> Result<String> {
    Ok(serde_json::to_value(detail)?
        .get("kind")
        .and_then(|k| k.as_str())
        .unwrap_or_default()
        .to_owned())
}

fn sql_enum<T: serde::Serialize>(v: &T) -> Result<String> {
    Ok(serde_json::to_value(v)?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

fn from_sql_enum<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T> {
    Ok(serde_json::from_value(serde_json::Value::from(raw))?)
}

/// Settings key of the county's 长护险 rule (absent: the built-in one).
const LTC_KEY: &str = "ltc_rule";

fn ltc_rule(conn: &Connection) -> Result<LtcRule> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [LTC_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match raw {
        Some(raw) => LtcRule::from_settings(&serde_json::from_str::<LtcSettings>(&raw)?),
        None => LTC_V1,
    })
}

fn county_items(conn: &Connection) -> Result<Vec<CatalogueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, name, unit, price_cents, payer, subsidised FROM service_catalogue
         ORDER BY rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (code, name, unit, price_cents, payer, subsidised) = row?;
        items.push(CatalogueItem {
            code,
            name,
            unit: from_sql_enum(&unit)?,
            price_cents,
            payer: from_sql_enum(&payer)?,
            subsidised: serde_json::from_str(&subsidised)?,
            built_in: false,
        });
    }
    Ok(items)
}

/// One home-care entry in force (not superseded, not voided).
struct Entry {
    resident_id: String,
    id: String,
    on: NaiveDate,
    detail: RecordDetail,
}

/// A resident living at home, as the rules read them.
struct AtHomeResident {
    id: String,
    name: String,
    birth: Option<NaiveDate>,
    special: Vec<SpecialCategory>,
    /// Enrolled in 长护险.
    insured: bool,
}

/// Everything the home-care reads need, for one resident or all residents living at home.
struct Facts {
    residents: Vec<AtHomeResident>,
    entries: HashMap<String, Vec<Entry>>,
    grades: HashMap<String, Vec<Assessed>>,
}

fn read_facts(conn: &Connection, resident: Option<&str>) -> Result<Facts> {
    let (cond, params): (&str, Vec<Sql>) = match resident {
        Some(id) => ("r.id = ?", vec![id.to_owned().into()]),
        None => ("r.living_kind = 'home'", Vec::new()),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.name, r.birth_date, r.special_categories, r.ltc_insurance FROM residents r
         WHERE r.deleted_at IS NULL AND r.status = 'active' AND {cond} ORDER BY r.rid"
    ))?;
    let residents = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .map(|row| {
            let (id, name, birth, special, insured) = row?;
            Ok(AtHomeResident {
                id,
                name,
                birth: parse_iso_date(&birth),
                special: serde_json::from_str(&special).unwrap_or_default(),
                insured,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let mut entries: HashMap<String, Vec<Entry>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT c.resident_id, c.id, c.occurred_on, c.detail
         FROM residents r JOIN care_records c INDEXED BY care_records_home_care
              ON c.resident_id = r.id AND c.kind IN {SQL_KINDS}
         WHERE r.deleted_at IS NULL AND {cond}
           AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
         ORDER BY c.resident_id, c.occurred_on, c.rid"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    while let Some(r) = rows.next()? {
        let resident_id: String = r.get(0)?;
        let on: String = r.get(2)?;
        let detail: String = r.get(3)?;
        let Some(on) = parse_iso_date(&on) else {
            continue;
        };
        entries.entry(resident_id.clone()).or_default().push(Entry {
            resident_id,
            id: r.get(1)?,
            on,
            detail: serde_json::from_str(&detail)?,
        });
    }

    let mut grades: HashMap<String, Vec<Assessed>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT c.resident_id, c.occurred_on, c.facts
         FROM residents r JOIN care_records c ON c.resident_id = r.id AND c.item = 'G7'
         WHERE r.deleted_at IS NULL AND {cond} AND c.facts LIKE 'grade:%'
           AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
         ORDER BY c.occurred_on, c.created_at, c.rid"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    while let Some(r) = rows.next()? {
        let on: String = r.get(1)?;
        let facts: String = r.get(2)?;
        if let (Some(on), RecordFacts::Disability { grade }) =
            (parse_iso_date(&on), decode_facts(&facts))
        {
            grades
                .entry(r.get(0)?)
                .or_default()
                .push(Assessed { on, grade });
        }
    }
    Ok(Facts {
        residents,
        entries,
        grades,
    })
}

/// The bed registration in force and what followed it, from a resident's entries in date order.
fn bed_of(entries: &[Entry]) -> Option<(&Entry, &FamilyBedInput, Bed)> {
    let (at, reg) = entries
        .iter()
        .enumerate()
        .rev()
        .find(|(_, e)| matches!(e.detail, RecordDetail::FamilyBed(_)))?;
    let RecordDetail::FamilyBed(bed) = &reg.detail else {
        return None;
    };
    let later = &entries[at + 1..];
    let ended_on = later
        .iter()
        .find(|e| matches!(e.detail, RecordDetail::FamilyBedEnd(_)))
        .map(|e| e.on);
    let last_visit = later
        .iter()
        .filter(|e| matches!(e.detail, RecordDetail::BedVisit(_)))
        .map(|e| e.on)
        .max()
        // A visit logged on the day of registration but before it still counts for it.
        .or_else(|| {
            entries[..at]
                .iter()
                .filter(|e| matches!(e.detail, RecordDetail::BedVisit(_)) && e.on == reg.on)
                .map(|e| e.on)
                .max()
        });
    Some((
        reg,
        bed,
        Bed {
            registered_on: reg.on,
            level: bed.level,
            ended_on,
            last_visit,
        },
    ))
}

fn bed_row(name: &str, entries: &[Entry], today: NaiveDate) -> Option<FamilyBedRow> {
    let (reg, bed, rule_bed) = bed_of(entries)?;
    let (state, reason) = bed_state(rule_bed, today, &BED_V1);
    Some(FamilyBedRow {
        resident_id: reg.resident_id.clone(),
        resident_name: name.to_owned(),
        record_id: reg.id.clone(),
        registered_on: reg.on.to_string(),
        bed: bed.clone(),
        last_visit: rule_bed.last_visit.map(|d| d.to_string()),
        state,
        reason,
    })
}

fn plan_of(entries: &[Entry]) -> Option<(&Entry, &HomeCarePlanInput)> {
    entries.iter().rev().find_map(|e| match &e.detail {
        RecordDetail::HomeCarePlan(p) => Some((e, p)),
        _ => None,
    })
}

fn services_of(entries: &[Entry]) -> impl Iterator<Item = (NaiveDate, &HomeService)> {
    entries.iter().filter_map(|e| match &e.detail {
        RecordDetail::HomeService(s) => Some((e.on, s)),
        _ => None,
    })
}

fn due_of(
    entries: &[Entry],
    today: NaiveDate,
) -> (Option<String>, Vec<yiyang_protocol::HomeCareDue>) {
    match plan_of(entries) {
        None => (None, Vec::new()),
        Some((plan, p)) => {
            let delivered: Vec<(NaiveDate, &str)> = services_of(entries)
                .map(|(on, s)| (on, s.service.as_str()))
                .collect();
            (
                Some(plan.id.clone()),
                plan_due(plan.on, &p.services, &delivered, today),
            )
        }
    }
}

impl Store {
    /// The catalogue in force: built-in items, re-priced and extended by the county's.
    pub fn home_care_catalogue(&self) -> Result<Vec<CatalogueItem>> {
        self.session()?;
        Ok(catalogue_with(&county_items(&self.conn)?))
    }

    /// Adds a county item, or re-prices an item of the same code (one transaction, audited).
    pub fn save_catalogue_item(
        &mut self,
        now: DateTime<Utc>,
        input: &CatalogueItemInput,
    ) -> Result<Vec<CatalogueItem>> {
        let user = self.require(Permission::ChangeSettings)?.user_id.clone();
        let item = validate_catalogue_item(input)?;
        let ctx = crate::WriteCtx::new(user.clone(), now, now.date_naive());
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO service_catalogue
                 (code, name, unit, price_cents, payer, subsidised, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                 price_cents = excluded.price_cents, payer = excluded.payer,
                 subsidised = excluded.subsidised, updated_at = excluded.updated_at,
                 updated_by = excluded.updated_by",
            params![
                item.code,
                item.name,
                sql_enum(&item.unit)?,
                item.price_cents,
                sql_enum(&item.payer)?,
                serde_json::to_string(&item.subsidised)?,
                ctx.stamp(),
                user,
            ],
        )?;
        crate::audit::append_for(
            &tx,
            &ctx,
            self.session.as_ref(),
            AuditAction::ChangeSettings,
            "service_catalogue",
            &item.code,
            &serde_json::to_string(&item)?,
        )?;
        tx.commit()?;
        self.home_care_catalogue()
    }

    /// The 长护险 rule in force here.
    pub fn ltc_settings(&self) -> Result<LtcSettings> {
        self.session()?;
        Ok(ltc_rule(&self.conn)?.settings())
    }

    /// Sets the county's 长护险 rule (one transaction, audited). Statements and eligibility are
    /// computed when asked, so they follow it at once.
    pub fn save_ltc_settings(
        &mut self,
        now: DateTime<Utc>,
        input: &LtcSettingsInput,
    ) -> Result<LtcSettings> {
        let user = self.require(Permission::ChangeSettings)?.user_id.clone();
        let settings = validate_ltc_settings(input)?;
        let ctx = crate::WriteCtx::new(user, now, now.date_naive());
        let value = serde_json::to_string(&settings)?;
        let tx = self.conn.transaction()?;
        crate::settings::write_value(&tx, LTC_KEY, &value)?;
        crate::audit::append_for(
            &tx,
            &ctx,
            self.session.as_ref(),
            AuditAction::ChangeSettings,
            "settings",
            LTC_KEY,
            &value,
        )?;
        tx.commit()?;
        self.ltc_settings()
    }

    /// The entry as validation must see it: a delivery priced, and a plan's services named, from
    /// the catalogue in force (whatever the form sent for them).
    pub(crate) fn priced<'a>(&self, input: &'a RecordInput) -> Result<Cow<'a, RecordInput>> {
        match &input.detail {
            RecordInputDetail::HomeService(s) => {
                let catalogue = catalogue_with(&county_items(&self.conn)?);
                let mut s = s.clone();
                s.priced = catalogue.into_iter().find(|i| i.code == s.service.trim());
                Ok(Cow::Owned(RecordInput {
                    detail: RecordInputDetail::HomeService(s),
                    ..input.clone()
                }))
            }
            RecordInputDetail::HomeCarePlan(p) => {
                let catalogue = catalogue_with(&county_items(&self.conn)?);
                let mut p = p.clone();
                for s in &mut p.services {
                    match catalogue.iter().find(|i| i.code == s.service.trim()) {
                        Some(item) => s.service_name = item.name.clone(),
                        None => {
                            return Err(StoreError::field(
                                "services",
                                "homecare.not_in_catalogue",
                                format!("服务项目“{}”不在服务目录中，请从目录中选择", s.service),
                            ))
                        }
                    }
                }
                Ok(Cow::Owned(RecordInput {
                    detail: RecordInputDetail::HomeCarePlan(p),
                    ..input.clone()
                }))
            }
            _ => Ok(Cow::Borrowed(input)),
        }
    }

    /// One person's home care: care level, entitlements, 长护险, bed and plan.
    pub fn home_care_overview(
        &self,
        resident_id: &str,
        today: NaiveDate,
    ) -> Result<HomeCareOverview> {
        self.require(Permission::ViewResidents)?;
        self.check_visible_resident(resident_id)?;
        let facts = read_facts(&self.conn, Some(resident_id))?;
        let resident = facts
            .residents
            .first()
            .ok_or_else(|| StoreError::NotFound {
                what: "居民档案",
                id: resident_id.to_owned(),
            })?;
        let grades = facts.grades.get(resident_id).map_or(&[][..], Vec::as_slice);
        let entries = facts
            .entries
            .get(resident_id)
            .map_or(&[][..], Vec::as_slice);
        let (level, assessed) = care_level(grades, today, &CARE_LEVEL_V1);
        let entitled = entitled_groups(
            Person {
                age: resident.birth.map(|b| age_on(b, today)),
                special: &resident.special,
                grade: assessed.map(|a| a.grade),
            },
            &ENTITLEMENT_V1,
        );
        let (plan_id, due) = due_of(entries, today);
        let rule = ltc_rule(&self.conn)?;
        let eligibility = ltc_eligibility(resident.insured, grades, today, &rule);
        Ok(HomeCareOverview {
            resident_id: resident_id.to_owned(),
            care_level: level,
            assessed_on: assessed.map(|a| a.on.to_string()),
            entitled,
            eligibility_text: eligibility_text(&eligibility, &rule),
            eligibility,
            bed: bed_row(&resident.name, entries, today),
            plan_id,
            due,
        })
    }

    /// Family beds in force (and ended ones of the last 30 days are left out), overdue first.
    pub fn family_beds(&self, today: NaiveDate) -> Result<Vec<FamilyBedRow>> {
        self.require(Permission::ViewResidents)?;
        if self.resident_scope()?.is_some() {
            // A nursing home's administrator sees the home's residents, none of them at home.
            return Ok(Vec::new());
        }
        let facts = read_facts(&self.conn, None)?;
        let mut rows: Vec<FamilyBedRow> = facts
            .residents
            .iter()
            .filter_map(|r| bed_row(&r.name, facts.entries.get(&r.id)?, today))
            .filter(|b| !matches!(b.state, BedVisitState::Ended { .. }))
            .collect();
        let days_over = |b: &FamilyBedRow| match b.state {
            BedVisitState::Overdue { days_over, .. } => days_over,
            _ => 0,
        };
        rows.sort_by(|a, b| {
            days_over(b)
                .cmp(&days_over(a))
                .then(a.registered_on.cmp(&b.registered_on))
        });
        Ok(rows)
    }

    /// Planned services that are due or missed, for everyone at home, missed first.
    pub fn home_care_tasks(&self, today: NaiveDate) -> Result<Vec<HomeCareTask>> {
        self.require(Permission::ViewResidents)?;
        if self.resident_scope()?.is_some() {
            return Ok(Vec::new());
        }
        let facts = read_facts(&self.conn, None)?;
        let mut tasks = Vec::new();
        for r in &facts.residents {
            let Some(entries) = facts.entries.get(&r.id) else {
                continue;
            };
            for due in due_of(entries, today).1 {
                if due.state != DueState::Done {
                    tasks.push(HomeCareTask {
                        resident_id: r.id.clone(),
                        resident_name: r.name.clone(),
                        due,
                    });
                }
            }
        }
        tasks.sort_by(|a, b| {
            (a.due.state != DueState::Overdue)
                .cmp(&(b.due.state != DueState::Overdue))
                .then(a.due.due_by.cmp(&b.due.due_by))
        });
        Ok(tasks)
    }

    /// The 长护险 statement of one person for one month.
    pub fn home_care_statement(
        &self,
        q: &StatementQuery,
        today: NaiveDate,
    ) -> Result<MonthlyStatement> {
        self.require(Permission::ViewResidents)?;
        self.check_visible_resident(&q.resident_id)?;
        let month = Month::parse(&q.month).ok_or_else(|| {
            StoreError::field(
                "month",
                "statement.month",
                format!(
                    "结算月份“{}”无效，请按 年-月 填写，例如 2026-05",
                    q.month.trim()
                ),
            )
        })?;
        let facts = read_facts(&self.conn, Some(&q.resident_id))?;
        let grades = facts
            .grades
            .get(&q.resident_id)
            .map_or(&[][..], Vec::as_slice);
        let entries = facts
            .entries
            .get(&q.resident_id)
            .map_or(&[][..], Vec::as_slice);
        let deliveries: Vec<Delivery<'_>> = services_of(entries)
            .map(|(on, service)| Delivery { on, service })
            .collect();
        let as_of = month.last_day().min(today.max(month.first_day()));
        let insured = facts.residents.first().is_some_and(|r| r.insured);
        let rule = ltc_rule(&self.conn)?;
        let eligibility = ltc_eligibility(insured, grades, as_of, &rule);
        Ok(monthly_statement(
            &q.resident_id,
            month,
            &deliveries,
            eligibility,
            &rule,
        ))
    }

    /// 居家社区养老 indicators for a year or month.
    pub fn home_care_indicators(
        &self,
        period: IndicatorPeriod,
        today: NaiveDate,
    ) -> Result<HomeCareIndicators> {
        self.require(Permission::ViewResidents)?;
        let (from, last) = period_bounds(period)
            .ok_or_else(|| StoreError::field("month", "period.month", "月份应为 1–12".into()))?;
        let as_of = last.min(today);
        let facts = if self.resident_scope()?.is_some() {
            Facts {
                residents: Vec::new(),
                entries: HashMap::new(),
                grades: HashMap::new(),
            }
        } else {
            read_facts(&self.conn, None)?
        };
        let people: Vec<AtHome<'_>> = facts
            .residents
            .iter()
            .map(|r| AtHome {
                resident_id: &r.id,
                care_level: care_level(
                    facts.grades.get(&r.id).map_or(&[][..], Vec::as_slice),
                    as_of,
                    &CARE_LEVEL_V1,
                )
                .0,
            })
            .collect();
        let deliveries: Vec<DeliveryFact<'_>> = facts
            .entries
            .values()
            .flatten()
            .filter_map(|e| match &e.detail {
                RecordDetail::HomeService(s) => Some(DeliveryFact {
                    resident_id: &e.resident_id,
                    on: e.on,
                    service: &s.service,
                    service_name: &s.service_name,
                }),
                _ => None,
            })
            .collect();
        let beds: Vec<BedFact> = facts
            .entries
            .values()
            .filter_map(|e| bed_of(e))
            .map(|(_, _, b)| BedFact {
                registered_on: b.registered_on,
                level: b.level,
                ended_on: b.ended_on,
            })
            .collect();
        let catalogue = self.home_care_catalogue()?;
        let order: Vec<&str> = catalogue.iter().map(|i| i.code.as_str()).collect();
        Ok(compute(&people, &deliveries, &beds, from, as_of, &order))
    }

    fn check_visible_resident(&self, resident_id: &str) -> Result<()> {
        let home: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT nursing_home_id FROM residents WHERE id = ?1 AND deleted_at IS NULL",
                [resident_id],
                |r| r.get(0),
            )
            .optional()?;
        match home {
            None => Err(StoreError::NotFound {
                what: "居民档案",
                id: resident_id.to_owned(),
            }),
            Some(home) => self.check_resident_visible(home.as_deref()),
        }
    }
}

/// Home-care entries are for people living at home; a bed visit or a bed's end needs a bed.
pub(crate) fn check_entry(
    conn: &Connection,
    resident_id: &str,
    resident_name: &str,
    nursing_home_id: Option<&str>,
    valid: &ValidRecord,
) -> Result<()> {
    if !HOME_KINDS.contains(&valid.kind) {
        return Ok(());
    }
    if nursing_home_id.is_some() {
        return Err(StoreError::InvalidState {
            code: "homecare.not_at_home",
            message: format!("{resident_name} 住在养老机构，居家照护记录只用于居家的老人"),
        });
    }
    if matches!(valid.kind, "bed_visit" | "family_bed_end") {
        let facts = read_facts(conn, Some(resident_id))?;
        let entries = facts
            .entries
            .get(resident_id)
            .map_or(&[][..], Vec::as_slice);
        let in_force = bed_of(entries)
            .is_some_and(|(_, _, b)| b.registered_on <= valid.occurred_on && b.ended_on.is_none());
        if !in_force {
            return Err(StoreError::InvalidState {
                code: "homecare.no_bed",
                message: format!(
                    "{resident_name} 在 {} 没有在管的家庭养老床位，请先登记床位",
                    valid.occurred_on
                ),
            });
        }
    }
    Ok(())
}
