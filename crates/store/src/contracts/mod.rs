//! 家庭医生签约: create (待签约), sign, renew and terminate (this file), read and list contracts
//! (`read`), and the facts the due list needs. One resident has at most one current contract: a
//! live one that is neither terminated nor renewed (the schema's unique index says the same).
pub(crate) mod read;

use chrono::{Datelike, NaiveDate};
use rusqlite::TransactionBehavior;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value;
use yiyang_domain::contract::{
    contract_status_label, termination_earliest, termination_reason_label, validate_contract,
    validate_renewal, validate_sign, validate_termination, Term, ValidContract,
};
use yiyang_domain::status::status_label;
use yiyang_protocol::{
    AuditAction, Contract, ContractInput, ContractStatus, Permission, RenewContract,
    ResidentStatus, SignContract, TerminateContract,
};

use crate::audit::append_for;
use crate::institutions::own_institution_id;
use crate::residents::read::parse_code;
use crate::synced::{create_row, load_versioned, write_changes, Action, Fields, Kind, StoredRow};
use crate::{Result, Store, StoreError, WriteCtx};
use read::read_contract;

pub(crate) const TABLE: &str = "contracts";
/// `record_kind` of audit entries about contracts.
const KIND: &str = "contract";
/// Contract numbers: `QY2026-00001`, a serial per year.
const NUMBER_PREFIX: &str = "QY";
const NUMBER_DIGITS: usize = 5;

pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("number", Kind::Text),
    ("residentId", Kind::Text),
    ("teamId", Kind::Text),
    ("doctorId", Kind::Text),
    ("categories", Kind::Json),
    ("packageKind", Kind::Text),
    ("packageItems", Kind::Json),
    ("priceCents", Kind::Int),
    ("insuranceCents", Kind::Int),
    ("selfPaidCents", Kind::Int),
    ("startOn", Kind::Text),
    ("endOn", Kind::Text),
    ("signedOn", Kind::OptText),
    ("status", Kind::Text),
    ("terminatedOn", Kind::OptText),
    ("terminationReason", Kind::OptText),
    ("terminationNote", Kind::Text),
    ("renews", Kind::OptText),
    ("renewedBy", Kind::OptText),
];

pub(crate) fn code<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn text<'a>(f: &'a Fields, k: &str) -> &'a str {
    f.get(k).and_then(Value::as_str).unwrap_or_default()
}

fn date(f: &Fields, k: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text(f, k), "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("签约的日期 {k} 无效：{}", text(f, k))))
}

fn status_of(f: &Fields) -> Result<ContractStatus> {
    serde_json::from_value(f.get("status").cloned().unwrap_or(Value::Null))
        .map_err(|_| StoreError::Corrupt(format!("签约的状态无效：{}", text(f, "status"))))
}

fn term_of(f: &Fields) -> Result<Term> {
    Ok(Term {
        start: date(f, "startOn")?,
        end: date(f, "endOn")?,
    })
}

/// The next `{prefix}{year}-{serial}` number, the serial `digits` wide (wider once exhausted),
/// one past the highest numeric serial of that year in `table`.
pub(crate) fn next_number(
    tx: &Transaction<'_>,
    table: &'static str,
    prefix: &str,
    year: i32,
    digits: usize,
) -> Result<String> {
    let head = format!("{prefix}{year}-");
    let last: Option<i64> = tx.query_row(
        &format!(
            "SELECT max(CAST(substr(number, ?2) AS INTEGER)) FROM {table}
             WHERE number GLOB ?1"
        ),
        params![format!("{head}[0-9]*"), head.chars().count() as i64 + 1],
        |r| r.get(0),
    )?;
    Ok(format!("{head}{:0digits$}", last.unwrap_or(0) + 1))
}

/// The resident's name; refused unless the file exists and is 在档.
fn check_resident(tx: &Transaction<'_>, resident_id: &str) -> Result<String> {
    let found: Option<(String, String)> = tx
        .query_row(
            "SELECT name, status FROM residents WHERE id = ?1 AND deleted_at IS NULL",
            [resident_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((name, status)) = found else {
        return Err(StoreError::field(
            "residentId",
            "contract.resident_unknown",
            "签约居民：找不到该居民的健康档案".into(),
        ));
    };
    let status: ResidentStatus = parse_code(status)?;
    if status != ResidentStatus::Active {
        return Err(StoreError::field(
            "residentId",
            "contract.resident_inactive",
            format!(
                "{name}的档案状态为「{}」，只有在档居民可以签约",
                status_label(status)
            ),
        ));
    }
    Ok(name)
}

/// The responsible doctor must be a live 医生 account of the clinic; the team must be one of the
/// clinic's teams.
fn check_doctor_and_team(tx: &Transaction<'_>, v: &ValidContract) -> Result<()> {
    let clinic_id = own_institution_id(tx)?;
    let doctor: Option<(String, String)> = tx
        .query_row(
            "SELECT role, institution_id FROM users WHERE id = ?1 AND deleted_at IS NULL",
            [&v.doctor_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if doctor != Some(("doctor".to_owned(), clinic_id.clone())) {
        return Err(StoreError::field(
            "doctorId",
            "contract.doctor_invalid",
            "责任医生须为本机构在用的医生账号".into(),
        ));
    }
    let team: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM care_teams WHERE id = ?1 AND institution_id = ?2
             AND deleted_at IS NULL",
            params![v.team_id, clinic_id],
            |r| r.get(0),
        )
        .optional()?;
    if team.is_none() {
        return Err(StoreError::field(
            "teamId",
            "contract.team_unknown",
            "家庭医生团队：请选择本机构已建立的团队".into(),
        ));
    }
    Ok(())
}

/// Refuses a second current contract for a resident, naming the one that exists.
fn check_no_current(tx: &Transaction<'_>, resident_id: &str) -> Result<()> {
    let found: Option<(String, String)> = tx
        .query_row(
            "SELECT id, number FROM contracts
             WHERE resident_id = ?1 AND deleted_at IS NULL AND status <> 'terminated'
               AND renewed_by IS NULL",
            [resident_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((existing_id, number)) => Err(StoreError::ContractExists {
            existing_id,
            number,
        }),
        None => Ok(()),
    }
}

fn load_current(tx: &Transaction<'_>, id: &str, version: i64) -> Result<StoredRow> {
    load_versioned(tx, TABLE, FIELDS, id, version, "家庭医生签约")
}

fn refuse(code: &'static str, message: String) -> StoreError {
    StoreError::InvalidState { code, message }
}

/// The number of the contract `id` (for messages).
fn number_of(tx: &Transaction<'_>, id: &str) -> Result<String> {
    Ok(tx
        .query_row("SELECT number FROM contracts WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| id.to_owned()))
}

fn new_contract_fields(v: &ValidContract) -> Fields {
    [
        ("residentId", v.resident_id.clone().into()),
        ("teamId", v.team_id.clone().into()),
        ("doctorId", v.doctor_id.clone().into()),
        ("categories", code(&v.categories)),
        ("packageKind", code(&v.package_kind)),
        ("packageItems", code(&v.package_items)),
        ("priceCents", v.price.cents().into()),
        ("insuranceCents", v.insurance.cents().into()),
        ("selfPaidCents", v.self_paid.cents().into()),
        ("startOn", v.term.start.to_string().into()),
        ("endOn", v.term.end.to_string().into()),
        ("signedOn", Value::Null),
        ("status", code(&ContractStatus::Pending)),
        ("terminatedOn", Value::Null),
        ("terminationReason", Value::Null),
        ("terminationNote", "".into()),
        ("renews", Value::Null),
        ("renewedBy", Value::Null),
    ]
    .into_iter()
    .collect()
}

/// Signing inside the caller's transaction (also used when the contract's document is signed).
pub(crate) fn sign_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&crate::session::Session>,
    s: &SignContract,
) -> Result<()> {
    let current = load_current(tx, &s.contract_id, s.version)?;
    let number = text(&current.fields, "number").to_owned();
    let status = status_of(&current.fields)?;
    if status != ContractStatus::Pending {
        return Err(refuse(
            "contract.not_pending",
            format!(
                "签约 {number} 当前为「{}」，只有待签约的签约可以签署",
                contract_status_label(status)
            ),
        ));
    }
    let signed = validate_sign(&s.signed_on, term_of(&current.fields)?, ctx.today)?;
    let mut after = current.fields.clone();
    after.insert("status", code(&ContractStatus::Signed));
    after.insert("signedOn", signed.to_string().into());
    write_changes(
        tx,
        ctx,
        TABLE,
        &s.contract_id,
        &current,
        &after,
        Action::StatusChanged,
    )?;
    append_for(
        tx,
        ctx,
        session,
        AuditAction::SignContract,
        KIND,
        &s.contract_id,
        &format!("{number} 签约日期 {signed}"),
    )?;
    Ok(())
}

impl Store {
    /// Records a new contract (待签约) with the next number of the year. The resident must be 在档
    /// and without a current contract; the doctor a 医生 of the clinic; the team the clinic's.
    pub fn create_contract(&mut self, ctx: &WriteCtx, input: &ContractInput) -> Result<Contract> {
        self.require(Permission::ManageContracts)?;
        let valid = validate_contract(input)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let resident_name = check_resident(&tx, &valid.resident_id)?;
        check_doctor_and_team(&tx, &valid)?;
        check_no_current(&tx, &valid.resident_id)?;
        let number = next_number(&tx, TABLE, NUMBER_PREFIX, ctx.today.year(), NUMBER_DIGITS)?;
        let id = ctx.new_id();
        let mut fields = new_contract_fields(&valid);
        fields.insert("number", number.clone().into());
        create_row(&tx, ctx, TABLE, &id, &fields, &[])?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateContract,
            KIND,
            &id,
            &format!("{number} {resident_name}"),
        )?;
        tx.commit()?;
        Ok(read_contract(&self.conn, &id, ctx.today)?.0)
    }

    /// Signs a 待签约 contract on `signed_on` (not after today, not after the contract's end).
    pub fn sign_contract(&mut self, ctx: &WriteCtx, s: &SignContract) -> Result<Contract> {
        self.require(Permission::ManageContracts)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        sign_in(&tx, ctx, self.session.as_ref(), s)?;
        tx.commit()?;
        Ok(read_contract(&self.conn, &s.contract_id, ctx.today)?.0)
    }

    /// Renews a signed (or already renewed) contract: a new contract (续约, signed today) with the
    /// same resident, team, doctor, package and fees for the new term, pointing at the old one,
    /// which points back; one transaction. The new term must start after the old start
    /// (normally the day after the old end). The resident must still be 在档.
    pub fn renew_contract(&mut self, ctx: &WriteCtx, r: &RenewContract) -> Result<Contract> {
        self.require(Permission::ManageContracts)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = load_current(&tx, &r.contract_id, r.version)?;
        let old_number = text(&old.fields, "number").to_owned();
        let status = status_of(&old.fields)?;
        if let Some(by) = old.fields.get("renewedBy").and_then(Value::as_str) {
            let by = number_of(&tx, by)?;
            return Err(refuse(
                "contract.already_renewed",
                format!("签约 {old_number} 已续约为 {by}，请在新签约上办理"),
            ));
        }
        if !matches!(status, ContractStatus::Signed | ContractStatus::Renewed) {
            return Err(refuse(
                "contract.not_renewable",
                format!(
                    "签约 {old_number} 当前为「{}」，只有已签约或已续约的签约可以续约",
                    contract_status_label(status)
                ),
            ));
        }
        let term = validate_renewal(term_of(&old.fields)?, &r.start_on, &r.end_on)?;
        let resident_name = check_resident(&tx, text(&old.fields, "residentId"))?;
        let new_id = ctx.new_id();
        let number = next_number(&tx, TABLE, NUMBER_PREFIX, ctx.today.year(), NUMBER_DIGITS)?;

        // The old contract points at the new one first (the foreign key is deferred), so the
        // resident never has two current contracts.
        let mut old_after = old.fields.clone();
        old_after.insert("renewedBy", new_id.clone().into());
        write_changes(
            &tx,
            ctx,
            TABLE,
            &r.contract_id,
            &old,
            &old_after,
            Action::Updated,
        )?;
        let mut fields = old.fields.clone();
        fields.insert("number", number.clone().into());
        fields.insert("startOn", term.start.to_string().into());
        fields.insert("endOn", term.end.to_string().into());
        fields.insert("signedOn", ctx.today.to_string().into());
        fields.insert("status", code(&ContractStatus::Renewed));
        fields.insert("renews", r.contract_id.clone().into());
        fields.insert("renewedBy", Value::Null);
        create_row(&tx, ctx, TABLE, &new_id, &fields, &[])?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::RenewContract,
            KIND,
            &new_id,
            &format!(
                "{resident_name} 续约 {old_number} → {number}（{} 至 {}）",
                term.start, term.end
            ),
        )?;
        tx.commit()?;
        Ok(read_contract(&self.conn, &new_id, ctx.today)?.0)
    }

    /// Terminates (解约) a pending, signed or renewed contract with a reason; the date must not be
    /// after today nor before the contract's start (or its signing, when signed ahead of the
    /// start); 其他 needs a note.
    pub fn terminate_contract(
        &mut self,
        ctx: &WriteCtx,
        t: &TerminateContract,
    ) -> Result<Contract> {
        self.require(Permission::ManageContracts)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_current(&tx, &t.contract_id, t.version)?;
        let number = text(&current.fields, "number").to_owned();
        let status = status_of(&current.fields)?;
        if status == ContractStatus::Terminated {
            return Err(refuse(
                "contract.already_terminated",
                format!("签约 {number} 已解约"),
            ));
        }
        if let Some(by) = current.fields.get("renewedBy").and_then(Value::as_str) {
            let by = number_of(&tx, by)?;
            return Err(refuse(
                "contract.already_renewed",
                format!("签约 {number} 已续约为 {by}，请在新签约上办理"),
            ));
        }
        let signed = match current.fields.get("signedOn").and_then(Value::as_str) {
            Some(_) => Some(date(&current.fields, "signedOn")?),
            None => None,
        };
        let earliest = termination_earliest(date(&current.fields, "startOn")?, signed, ctx.today);
        let valid = validate_termination(t.reason, &t.terminated_on, &t.note, earliest, ctx.today)?;
        let mut after = current.fields.clone();
        after.insert("status", code(&ContractStatus::Terminated));
        after.insert("terminatedOn", valid.on.to_string().into());
        after.insert("terminationReason", code(&valid.reason));
        after.insert("terminationNote", valid.note.clone().into());
        write_changes(
            &tx,
            ctx,
            TABLE,
            &t.contract_id,
            &current,
            &after,
            Action::StatusChanged,
        )?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::TerminateContract,
            KIND,
            &t.contract_id,
            &format!(
                "{number} 解约：{}{}",
                termination_reason_label(valid.reason),
                if valid.note.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", valid.note)
                }
            ),
        )?;
        tx.commit()?;
        Ok(read_contract(&self.conn, &t.contract_id, ctx.today)?.0)
    }
}

// The tests stay beside the other top-level store files, where they were before the split.
