//! The due list: reads what the domain's due rules need (residents, their current entries, the
//! active contract and the home's agreement) in a few set-wise queries, then evaluates each
//! resident. No rule lives here.
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use yiyang_domain::due::{
    coverage_share, evaluate, AgreementFacts, ContractFacts, Coverage, FactKind, LeftReason,
    RecordFact, ResidentFacts, RULE_VERSION,
};
use yiyang_domain::records::{decode_facts, RecordFacts};
use yiyang_domain::resident::{age_on, file_complete};
use yiyang_domain::text::parse_iso_date;
use yiyang_protocol::{
    AgreementItem, DisabilityGrade, DueCell, DueRow, DueState, HomeDue, Permission, ResidentDue,
    TaskRow,
};

use super::item_from_code;
use crate::{Result, Store, StoreError};

/// Which residents a due computation covers (an SQL condition on `r`, with its parameters).
pub(crate) struct Scope {
    condition: String,
    params: Vec<Sql>,
}

impl Scope {
    pub(crate) fn resident(id: &str) -> Self {
        Self {
            condition: "r.id = ?".into(),
            params: vec![id.to_owned().into()],
        }
    }

    pub(crate) fn home(id: &str) -> Self {
        Self {
            condition: "r.nursing_home_id = ? AND r.status = 'active'".into(),
            params: vec![id.to_owned().into()],
        }
    }

    /// Residents the clinic owes services: those living in a home, and contract holders.
    fn served() -> Self {
        Self {
            condition: "r.status = 'active' AND (r.nursing_home_id IS NOT NULL OR EXISTS (
                SELECT 1 FROM contracts k WHERE k.resident_id = r.id AND k.deleted_at IS NULL
                  AND k.status IN ('signed', 'renewed') AND k.renewed_by IS NULL))"
                .into(),
            params: Vec::new(),
        }
    }

    /// Narrows to one nursing home's residents (a nursing-home admin's view).
    fn restricted_to(mut self, home: Option<String>) -> Self {
        if let Some(home) = home {
            self.condition = format!("({}) AND r.nursing_home_id = ?", self.condition);
            self.params.push(home.into());
        }
        self
    }
}

/// One resident as the due list shows and evaluates them.
pub(crate) struct DueResident {
    pub id: String,
    pub name: String,
    pub room: String,
    pub bed: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub home_id: Option<String>,
    pub home_name: String,
    pub facts: ResidentFacts,
}

/// Column `i` as borrowed text (no allocation per row in the due list's hot loop).
fn str_at<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> Result<&'a str> {
    let v = r.get_ref(i)?;
    v.as_str().map_err(|e| {
        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            i,
            v.data_type(),
            Box::new(e),
        ))
    })
}

fn date(raw: &str) -> Option<NaiveDate> {
    raw.get(..10).and_then(parse_iso_date)
}

fn load_residents(conn: &Connection, scope: &Scope) -> Result<Vec<DueResident>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.name, r.room, r.bed, r.sex, r.birth_date, r.nursing_home_id,
                coalesce(h.name, ''), r.created_at, r.status, r.status_date, r.address, r.phone,
                r.emergency_contact_phone, r.chronic_conditions
         FROM residents r LEFT JOIN institutions h ON h.id = r.nursing_home_id
         WHERE r.deleted_at IS NULL AND {}",
        scope.condition
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(scope.params.iter()), |r| {
        let birth: String = r.get(5)?;
        let created: String = r.get(8)?;
        let status: String = r.get(9)?;
        let status_date: Option<String> = r.get(10)?;
        let address: String = r.get(11)?;
        let phone: String = r.get(12)?;
        let emergency: String = r.get(13)?;
        let chronic: String = r.get(14)?;
        let birth_date = date(&birth).unwrap_or_default();
        let left_on = status_date
            .as_deref()
            .and_then(date)
            .and_then(|d| match status.as_str() {
                "deceased" => Some((d, LeftReason::Deceased)),
                "moved" => Some((d, LeftReason::Moved)),
                _ => None,
            });
        Ok(DueResident {
            id: r.get(0)?,
            name: r.get(1)?,
            room: r.get(2)?,
            bed: r.get(3)?,
            sex: r.get(4)?,
            birth_date,
            home_id: r.get(6)?,
            home_name: r.get(7)?,
            facts: ResidentFacts {
                birth_date,
                in_care_since: date(&created).unwrap_or(birth_date),
                left_on,
                file_complete: file_complete(&address, &phone, &emergency),
                disability: None,
                chronic: chronic.trim() != "[]" && !chronic.trim().is_empty(),
                end_of_life: false,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Current entries per resident (this year's and the year before's, the latest older one of each
/// yearly item; rounds from shortly before the year), plus each resident's latest disability grade and whether a hospice plan is current.
struct Entries {
    facts: HashMap<String, Vec<RecordFact>>,
    grade: HashMap<String, DisabilityGrade>,
    end_of_life: HashSet<String>,
}

/// How far before the year rounds are read: enough for the last round of the old year to count
/// against any frequency up to two months.
const ROUNDS_LOOKBACK_DAYS: u64 = 62;

/// Ids of the scope's entries that a later entry corrected or voided (few: read once, instead of
/// a lookup per entry).
fn superseded(conn: &Connection, scope: &Scope) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.supersedes FROM care_records c INDEXED BY care_records_supersedes
         CROSS JOIN residents r ON r.id = c.resident_id
         WHERE c.supersedes IS NOT NULL AND r.deleted_at IS NULL AND {}",
        scope.condition
    ))?;
    let ids = stmt.query_map(rusqlite::params_from_iter(scope.params.iter()), |r| {
        r.get(0)
    })?;
    Ok(ids.collect::<Result<_, _>>()?)
}

fn load_entries(conn: &Connection, scope: &Scope, year: i32, until: NaiveDate) -> Result<Entries> {
    let gone = superseded(conn, scope)?;
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(until);
    let window = NaiveDate::from_ymd_opt(year - 1, 1, 1).unwrap_or(year_start);
    let rounds_window = year_start
        .checked_sub_days(Days::new(ROUNDS_LOOKBACK_DAYS))
        .unwrap_or(year_start);
    // One index probe per (resident, item) with a date range: rounds from shortly before the
    // year, everything else from the year before.
    let mut params = scope.params.clone();
    params.push(window.to_string().into());
    params.push(until.to_string().into());
    params.extend(scope.params.iter().cloned());
    params.push(rounds_window.to_string().into());
    params.push(until.to_string().into());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.resident_id, c.item, c.occurred_on, c.facts, c.id
         FROM residents r JOIN care_records c ON c.resident_id = r.id
         WHERE r.deleted_at IS NULL AND {cond}
           AND c.item IN ('G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'P1', 'P2', 'P3', 'S2', 'S3', 'S4')
           AND c.occurred_on BETWEEN ? AND ?
         UNION ALL
         SELECT c.resident_id, c.item, c.occurred_on, c.facts, c.id
         FROM residents r JOIN care_records c ON c.resident_id = r.id
         WHERE r.deleted_at IS NULL AND {cond}
           AND c.item = 'S1' AND c.occurred_on BETWEEN ? AND ?",
        cond = scope.condition
    ))?;
    let mut facts: HashMap<String, Vec<RecordFact>> = HashMap::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    // Rows come grouped by resident (the index order): collect one resident's facts, then store.
    let mut current: (String, Vec<RecordFact>) = (String::new(), Vec::new());
    while let Some(r) = rows.next()? {
        if !gone.is_empty() && gone.contains(str_at(r, 4)?) {
            continue;
        }
        let (Some(item), Some(date)) = (item_from_code(str_at(r, 1)?), date(str_at(r, 2)?)) else {
            continue;
        };
        let kind = match decode_facts(str_at(r, 3)?) {
            RecordFacts::Absence => continue,
            RecordFacts::Plain | RecordFacts::Screen { positive: false } => FactKind::Entry,
            RecordFacts::Screen { positive: true } => FactKind::PositiveScreen,
            RecordFacts::Disability { grade } => FactKind::DisabilityAssessment {
                intact: grade == DisabilityGrade::Intact,
            },
            RecordFacts::Intervention => FactKind::Intervention,
            RecordFacts::Guidance => FactKind::Guidance,
            RecordFacts::Prescription { weeks } => FactKind::Prescription { weeks },
            RecordFacts::CarePlan { frequency } => FactKind::CarePlan { frequency },
        };
        let resident = str_at(r, 0)?;
        if resident != current.0 {
            let done = std::mem::replace(&mut current, (resident.to_owned(), Vec::new()));
            if !done.0.is_empty() {
                facts.entry(done.0).or_default().extend(done.1);
            }
        }
        current.1.push(RecordFact { item, date, kind });
    }
    if !current.0.is_empty() {
        facts.entry(current.0).or_default().extend(current.1);
    }
    drop(rows);

    // Before the window only the latest entry of each yearly item matters (an old check makes
    // this year's one overdue rather than merely due).
    let mut params = scope.params.clone();
    params.push(window.to_string().into());
    let mut stmt = conn.prepare(&format!(
        "SELECT c.resident_id, c.item, max(c.occurred_on)
         FROM residents r JOIN care_records c ON c.resident_id = r.id
         WHERE r.deleted_at IS NULL AND {}
           AND c.item IN ('G3', 'G4', 'G6', 'G7') AND c.occurred_on < ?
           AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
         GROUP BY c.resident_id, c.item",
        scope.condition
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    while let Some(r) = rows.next()? {
        let item: String = r.get(1)?;
        let on: String = r.get(2)?;
        if let (Some(item), Some(date)) = (item_from_code(&item), date(&on)) {
            facts.entry(r.get(0)?).or_default().push(RecordFact {
                item,
                date,
                kind: FactKind::Entry,
            });
        }
    }
    drop(rows);

    // The grade and the hospice plan count whenever they were recorded.
    let mut params = scope.params.clone();
    params.push(until.to_string().into());
    let mut stmt = conn.prepare(&format!(
        "SELECT c.resident_id, c.facts
         FROM residents r JOIN care_records c ON c.resident_id = r.id
         WHERE r.deleted_at IS NULL AND {}
           AND c.item IN ('G7', 'S4') AND (c.facts LIKE 'grade:%' OR c.facts LIKE 'plan%')
           AND c.occurred_on <= ?
           AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
         ORDER BY c.occurred_on, c.created_at",
        scope.condition
    ))?;
    let mut grade = HashMap::new();
    let mut end_of_life = HashSet::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        match decode_facts(&r.get::<_, String>(1)?) {
            RecordFacts::Disability { grade: g } => {
                grade.insert(id, g);
            }
            RecordFacts::CarePlan { .. } => {
                end_of_life.insert(id);
            }
            _ => {}
        }
    }
    Ok(Entries {
        facts,
        grade,
        end_of_life,
    })
}

/// Current (signed or renewed, not renewed again, not terminated) contracts by resident.
fn load_contracts(conn: &Connection, scope: &Scope) -> Result<HashMap<String, ContractFacts>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT k.resident_id, k.start_on, k.end_on, t.id IS NOT NULL
         FROM residents r JOIN contracts k ON k.resident_id = r.id
         LEFT JOIN care_teams t ON t.id = k.team_id AND t.deleted_at IS NULL
         WHERE r.deleted_at IS NULL AND {} AND k.deleted_at IS NULL
           AND k.status IN ('signed', 'renewed') AND k.renewed_by IS NULL",
        scope.condition
    ))?;
    let mut out = HashMap::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(scope.params.iter()))?;
    while let Some(r) = rows.next()? {
        let (Some(start), Some(end)) =
            (date(&r.get::<_, String>(1)?), date(&r.get::<_, String>(2)?))
        else {
            continue;
        };
        out.insert(
            r.get(0)?,
            ContractFacts {
                start,
                end,
                team_named: r.get(3)?,
            },
        );
    }
    Ok(out)
}

/// Active agreements of this clinic by nursing home.
fn load_agreements(conn: &Connection) -> Result<HashMap<String, AgreementFacts>> {
    let mut stmt = conn.prepare(
        "SELECT a.nursing_home_id, a.start_on, a.end_on, a.items, a.file_within_days
         FROM agreements a JOIN installation i ON i.institution_id = a.clinic_id
         WHERE a.deleted_at IS NULL AND a.status = 'active'",
    )?;
    let mut out = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (Some(start), Some(end)) =
            (date(&r.get::<_, String>(1)?), date(&r.get::<_, String>(2)?))
        else {
            continue;
        };
        let items: Vec<AgreementItem> = serde_json::from_str(&r.get::<_, String>(3)?)?;
        out.insert(
            r.get(0)?,
            AgreementFacts {
                start,
                end,
                items: items.into_iter().map(|i| (i.item, i.frequency)).collect(),
                file_within_days: r.get(4)?,
            },
        );
    }
    Ok(out)
}

/// Evaluates every resident of `scope` for `year` as of `today`.
pub(crate) fn compute(
    conn: &Connection,
    scope: &Scope,
    year: i32,
    today: NaiveDate,
) -> Result<Vec<(DueResident, [DueCell; 14])>> {
    let year_end =
        NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| StoreError::InvalidState {
            code: "due.year",
            message: format!("年份 {year} 无效"),
        })?;
    let until = today.min(year_end);
    let mut residents = load_residents(conn, scope)?;
    let mut entries = load_entries(conn, scope, year, until)?;
    let contracts = load_contracts(conn, scope)?;
    let agreements = load_agreements(conn)?;
    let mut out = Vec::with_capacity(residents.len());
    for mut r in residents.drain(..) {
        r.facts.disability = entries.grade.get(&r.id).copied();
        r.facts.end_of_life = entries.end_of_life.contains(&r.id);
        let coverage = Coverage {
            contract: contracts.get(&r.id).cloned(),
            agreement: r.home_id.as_ref().and_then(|h| agreements.get(h)).cloned(),
        };
        let records = entries.facts.remove(&r.id).unwrap_or_default();
        let cells = evaluate(&r.facts, &coverage, &records, year, today);
        out.push((r, cells));
    }
    Ok(out)
}

/// The name of nursing home `id` (NotFound when it is not registered).
pub(crate) fn home_name(conn: &Connection, id: &str) -> Result<String> {
    conn.query_row(
        "SELECT name FROM institutions WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )
    .map_err(|_| StoreError::NotFound {
        what: "养老机构",
        id: id.to_owned(),
    })
}

/// Sorts rows by room and bed as people read them ("2" before "10").
pub(crate) fn bed_order(a: &DueResident, b: &DueResident) -> std::cmp::Ordering {
    natural_key(&a.room)
        .cmp(&natural_key(&b.room))
        .then_with(|| natural_key(&a.bed).cmp(&natural_key(&b.bed)))
        .then_with(|| a.name.cmp(&b.name))
}

fn natural_key(s: &str) -> Vec<(u8, u64, String)> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut text = String::new();
    let flush_digits = |digits: &mut String, out: &mut Vec<(u8, u64, String)>| {
        if !digits.is_empty() {
            out.push((0, digits.parse().unwrap_or(u64::MAX), String::new()));
            digits.clear();
        }
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !text.is_empty() {
                out.push((1, 0, std::mem::take(&mut text)));
            }
            digits.push(c);
        } else {
            flush_digits(&mut digits, &mut out);
            text.push(c);
        }
    }
    flush_digits(&mut digits, &mut out);
    if !text.is_empty() {
        out.push((1, 0, text));
    }
    out
}

fn row(r: &DueResident, cells: [DueCell; 14], today: NaiveDate) -> DueRow {
    DueRow {
        resident_id: r.id.clone(),
        name: r.name.clone(),
        room: r.room.clone(),
        bed: r.bed.clone(),
        age: age_on(r.birth_date, today),
        disability: r.facts.disability,
        cells: cells.into(),
    }
}

/// Days ahead that 今日待办 lists an item still due (not yet overdue).
pub const TASKS_LOOKAHEAD_DAYS: u64 = 7;

impl Store {
    /// The 14-cell grid of one resident for `year`.
    pub fn resident_due(
        &self,
        resident_id: &str,
        year: i32,
        today: NaiveDate,
    ) -> Result<ResidentDue> {
        self.require(Permission::ViewResidents)?;
        let scope = Scope::resident(resident_id).restricted_to(self.resident_scope()?);
        let mut rows = compute(&self.conn, &scope, year, today)?;
        let (r, cells) = rows.pop().ok_or_else(|| StoreError::NotFound {
            what: "居民档案",
            id: resident_id.to_owned(),
        })?;
        Ok(ResidentDue {
            resident_id: r.id,
            year,
            cells: cells.into(),
            disability: r.facts.disability,
            rule_version: RULE_VERSION.to_owned(),
        })
    }

    /// A nursing home's residents in bed order with their grids, and the home's coverage.
    pub fn home_due(&self, home_id: &str, year: i32, today: NaiveDate) -> Result<HomeDue> {
        self.require(Permission::ViewResidents)?;
        if let Some(scope) = self.resident_scope()? {
            if scope != home_id {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        let name = home_name(&self.conn, home_id)?;
        let mut rows = compute(&self.conn, &Scope::home(home_id), year, today)?;
        rows.sort_by(|a, b| bed_order(&a.0, &b.0));
        let grids: Vec<[DueCell; 14]> = rows.iter().map(|(_, c)| c.clone()).collect();
        Ok(HomeDue {
            nursing_home_id: home_id.to_owned(),
            nursing_home_name: name,
            year,
            coverage: coverage_share(&grids).into(),
            rows: rows.into_iter().map(|(r, c)| row(&r, c, today)).collect(),
        })
    }

    /// 今日待办: overdue items, and items due within a week, of every resident the clinic serves.
    pub fn today_tasks(&self, today: NaiveDate) -> Result<Vec<TaskRow>> {
        self.require(Permission::ViewResidents)?;
        let scope = Scope::served().restricted_to(self.resident_scope()?);
        let horizon = today
            .checked_add_days(Days::new(TASKS_LOOKAHEAD_DAYS))
            .unwrap_or(today)
            .to_string();
        let mut tasks = Vec::new();
        for (r, cells) in compute(&self.conn, &scope, today.year(), today)? {
            for cell in cells {
                let pressing = match cell.state {
                    DueState::Overdue => true,
                    DueState::Due => cell
                        .due_by
                        .as_deref()
                        .is_some_and(|d| d <= horizon.as_str()),
                    _ => false,
                };
                if pressing {
                    tasks.push(TaskRow {
                        resident_id: r.id.clone(),
                        name: r.name.clone(),
                        nursing_home_name: r.home_name.clone(),
                        room: r.room.clone(),
                        bed: r.bed.clone(),
                        cell,
                    });
                }
            }
        }
        tasks.sort_by(|a, b| {
            let rank = |t: &TaskRow| u8::from(t.cell.state != DueState::Overdue);
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.cell.due_by.cmp(&b.cell.due_by))
                .then_with(|| a.nursing_home_name.cmp(&b.nursing_home_name))
                .then_with(|| a.room.cmp(&b.room))
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(tasks)
    }
}
