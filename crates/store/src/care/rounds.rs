//! Rounds mode (巡诊): a nursing home's residents in bed order with whether a round is due, and
//! saving each resident's round (or absence) as its own transaction, so closing the window
//! mid-round loses nothing that was entered.
use std::collections::HashMap;

use chrono::NaiveDate;
use yiyang_domain::records::validate_record;
use yiyang_domain::resident::age_on;
use yiyang_protocol::{
    CareRecord, Permission, RecordInput, RecordInputDetail, RoundAbsenceEntry, RoundEntry,
    RoundRow, RoundSheet, Sex,
};

use super::due::{bed_order, compute, home_name, DueResident, Scope};
use super::{current_record, insert_record, read_record, resident_state, TABLE};
use crate::{Result, Store, StoreError, WriteCtx};

/// A correction made on the round itself (the nurse retyped a value).
const RETYPED: &str = "巡诊时重新录入";

fn round_row(
    r: DueResident,
    cells: [yiyang_protocol::DueCell; 14],
    today_entry: Option<CareRecord>,
    today: NaiveDate,
) -> RoundRow {
    let due = cells[yiyang_protocol::ServiceItem::S1 as usize].clone();
    RoundRow {
        age: age_on(r.birth_date, today),
        sex: if r.sex == "female" {
            Sex::Female
        } else {
            Sex::Male
        },
        disability: r.facts.disability,
        resident_id: r.id,
        name: r.name,
        room: r.room,
        bed: r.bed,
        due,
        today: today_entry,
    }
}

impl Store {
    /// Today's round sheet of a nursing home: every resident in bed order.
    pub fn round_sheet(&self, home_id: &str, today: NaiveDate) -> Result<RoundSheet> {
        self.require(Permission::RecordCare)?;
        let name = home_name(&self.conn, home_id)?;
        let mut rows = compute(&self.conn, &Scope::home(home_id), today_year(today), today)?;
        rows.sort_by(|a, b| bed_order(&a.0, &b.0));
        let mut todays = self.todays_round_entries(home_id, today)?;
        Ok(RoundSheet {
            nursing_home_id: home_id.to_owned(),
            nursing_home_name: name,
            date: today.to_string(),
            rows: rows
                .into_iter()
                .map(|(r, cells)| {
                    let entry = todays.remove(&r.id);
                    round_row(r, cells, entry, today)
                })
                .collect(),
        })
    }

    /// The current round or absence entry of today for each resident of the home.
    fn todays_round_entries(
        &self,
        home_id: &str,
        today: NaiveDate,
    ) -> Result<HashMap<String, CareRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id FROM {TABLE} c JOIN residents r ON r.id = c.resident_id
             WHERE r.nursing_home_id = ?1 AND c.occurred_on = ?2
               AND c.kind IN ('round', 'round_absence')
               AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
             ORDER BY c.created_at"
        ))?;
        let ids: Vec<String> = stmt
            .query_map(rusqlite::params![home_id, today.to_string()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = HashMap::new();
        for id in ids {
            let record = read_record(&self.conn, &id)?;
            out.insert(record.resident_id.clone(), record);
        }
        Ok(out)
    }

    /// Saves one resident's round (a retyped one supersedes today's earlier entry).
    pub fn record_round(&mut self, ctx: &WriteCtx, entry: &RoundEntry) -> Result<RoundRow> {
        self.save_round_entry(
            ctx,
            &entry.resident_id,
            &entry.nursing_home_id,
            RecordInputDetail::Round(entry.round.clone()),
        )
    }

    /// Records that a resident was not seen on today's round, and why.
    pub fn record_round_absence(
        &mut self,
        ctx: &WriteCtx,
        entry: &RoundAbsenceEntry,
    ) -> Result<RoundRow> {
        self.save_round_entry(
            ctx,
            &entry.resident_id,
            &entry.nursing_home_id,
            RecordInputDetail::RoundAbsence(entry.absence.clone()),
        )
    }

    fn save_round_entry(
        &mut self,
        ctx: &WriteCtx,
        resident_id: &str,
        home_id: &str,
        detail: RecordInputDetail,
    ) -> Result<RoundRow> {
        self.require(Permission::RecordCare)?;
        let input = RecordInput {
            resident_id: resident_id.to_owned(),
            occurred_on: ctx.today.to_string(),
            place: home_name(&self.conn, home_id)?,
            detail,
        };
        let valid = validate_record(&input, ctx.today)?;
        let tx = self.conn.transaction()?;
        let res = resident_state(&tx, resident_id)?;
        if res.nursing_home_id.as_deref() != Some(home_id) || res.status != "active" {
            return Err(StoreError::InvalidState {
                code: "round.not_in_home",
                message: format!("{} 不是该养老机构的在住居民，不能在此巡诊中记录", res.name),
            });
        }
        let earlier: Option<String> = tx
            .query_row(
                "SELECT c.id FROM care_records c
                 WHERE c.resident_id = ?1 AND c.occurred_on = ?2
                   AND c.kind IN ('round', 'round_absence')
                   AND NOT EXISTS (SELECT 1 FROM care_records n WHERE n.supersedes = c.id)
                 ORDER BY c.created_at DESC LIMIT 1",
                rusqlite::params![resident_id, ctx.today.to_string()],
                |r| r.get(0),
            )
            .ok();
        if let Some(old) = &earlier {
            current_record(&tx, old)?;
        }
        let id = insert_record(
            &tx,
            ctx,
            self.session.as_ref(),
            resident_id,
            &valid,
            earlier.as_deref().map(|old| (old, RETYPED)),
        )?;
        tx.commit()?;
        let entry = read_record(&self.conn, &id)?;
        let mut rows = compute(
            &self.conn,
            &Scope::resident(resident_id),
            today_year(ctx.today),
            ctx.today,
        )?;
        let (r, cells) = rows.pop().ok_or_else(|| StoreError::NotFound {
            what: "居民档案",
            id: resident_id.to_owned(),
        })?;
        Ok(round_row(r, cells, Some(entry), ctx.today))
    }
}

fn today_year(today: NaiveDate) -> i32 {
    chrono::Datelike::year(&today)
}
