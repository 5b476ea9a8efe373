//! 医养服务合作协议 (the record): drafts are created and edited, then activated (生效) and later
//! terminated; an active or terminated agreement is never edited. The clinic (甲方) is always
//! this installation's own institution; one agreement per clinic and home is active at a time.
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;
use yiyang_domain::agreement::{
    agreement_status_label, validate_activation, validate_agreement,
    validate_agreement_termination, ValidAgreement,
};
use yiyang_domain::institution::is_care_home;
use yiyang_domain::term::Term;
use yiyang_protocol::{
    Agreement, AgreementInput, AgreementStatus, AgreementStep, AuditAction, Permission,
    UpdateAgreement,
};

use crate::audit::append_for;
use crate::contracts::{code, next_number};
use crate::institutions::{kind_from_code, own_institution_id};
use crate::residents::read::parse_code;
use crate::synced::{create_row, load_versioned, write_changes, Action, Fields, Kind, StoredRow};
use crate::{Result, Store, StoreError, WriteCtx};

pub(crate) const TABLE: &str = "agreements";
/// `record_kind` of audit entries about agreements.
const KIND: &str = "agreement";
/// Agreement numbers: `XY2026-001`, a serial per year.
const NUMBER_PREFIX: &str = "XY";
const NUMBER_DIGITS: usize = 3;

pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("number", Kind::Text),
    ("clinicId", Kind::Text),
    ("nursingHomeId", Kind::Text),
    ("startOn", Kind::Text),
    ("endOn", Kind::Text),
    ("items", Kind::Json),
    ("methods", Kind::Json),
    ("fileWithinDays", Kind::Int),
    ("note", Kind::Text),
    ("status", Kind::Text),
    ("activatedOn", Kind::OptText),
    ("terminatedOn", Kind::OptText),
    ("terminationReason", Kind::Text),
    ("amends", Kind::OptText),
];

fn text<'a>(f: &'a Fields, k: &str) -> &'a str {
    f.get(k).and_then(Value::as_str).unwrap_or_default()
}

fn date(f: &Fields, k: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text(f, k), "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("协议的日期 {k} 无效：{}", text(f, k))))
}

fn status_of(f: &Fields) -> Result<AgreementStatus> {
    serde_json::from_value(f.get("status").cloned().unwrap_or(Value::Null))
        .map_err(|_| StoreError::Corrupt(format!("协议的状态无效：{}", text(f, "status"))))
}

/// The fields the form sets (all but number, clinic and status).
fn form_fields(v: &ValidAgreement) -> Fields {
    [
        ("nursingHomeId", v.nursing_home_id.clone().into()),
        ("startOn", v.term.start.to_string().into()),
        ("endOn", v.term.end.to_string().into()),
        ("items", code(&v.items)),
        ("methods", code(&v.methods)),
        ("fileWithinDays", v.file_within_days.into()),
        ("note", v.note.clone().into()),
    ]
    .into_iter()
    .collect()
}

/// The home (乙方) must be a registered 敬老院 or 养老机构; returns its name.
fn check_home(tx: &Transaction<'_>, home_id: &str) -> Result<String> {
    let found: Option<(String, String)> = tx
        .query_row(
            "SELECT kind, name FROM institutions WHERE id = ?1 AND deleted_at IS NULL",
            [home_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((kind, name)) if is_care_home(kind_from_code(&kind)?) => Ok(name),
        _ => Err(StoreError::field(
            "nursingHomeId",
            "agreement.home_unknown",
            "合作的养老机构（乙方）：请选择已登记的敬老院或养老机构".into(),
        )),
    }
}

fn check_number_free(tx: &Transaction<'_>, number: &str, except: Option<&str>) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM agreements WHERE number = ?1 AND id IS NOT ?2",
            params![number, except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::field(
            "number",
            "agreement.number_duplicate",
            format!("协议编号 {number} 已被其他协议使用"),
        )),
        None => Ok(()),
    }
}

fn load_current(tx: &Transaction<'_>, id: &str, version: i64) -> Result<StoredRow> {
    load_versioned(tx, TABLE, FIELDS, id, version, "合作协议")
}

/// Refuses unless the agreement is in `wanted`, saying what it is now.
fn require_status(current: &StoredRow, wanted: AgreementStatus, step: &str) -> Result<()> {
    let status = status_of(&current.fields)?;
    if status == wanted {
        return Ok(());
    }
    let number = text(&current.fields, "number");
    let (code, message) = match (wanted, status) {
        (AgreementStatus::Draft, AgreementStatus::Active) if step == "修改" => (
            "agreement.not_draft",
            format!("协议 {number} 已生效，不能修改；如需变更，请用“变更”生成变更协议，签署后替代原协议"),
        ),
        (AgreementStatus::Draft, AgreementStatus::Active) => {
            ("agreement.not_draft", format!("协议 {number} 已生效"))
        }
        (AgreementStatus::Draft, _) => (
            "agreement.not_draft",
            format!("协议 {number} 已终止，不能{step}"),
        ),
        (_, current) => (
            "agreement.not_active",
            format!(
                "协议 {number} 当前为「{}」，只有生效的协议可以{step}",
                agreement_status_label(current)
            ),
        ),
    };
    Err(StoreError::InvalidState { code, message })
}

const COLUMNS: &str = "a.id, a.version, a.number, a.clinic_id, c.name, a.nursing_home_id, h.name,
     a.start_on, a.end_on, a.items, a.methods, a.file_within_days, a.note, a.status,
     a.activated_on, a.terminated_on, a.termination_reason,
     (SELECT count(*) FROM residents r
      WHERE r.nursing_home_id = a.nursing_home_id AND r.deleted_at IS NULL
        AND r.status = 'active'),
     a.amends, (SELECT o.number FROM agreements o WHERE o.id = a.amends),
     (SELECT n.id FROM agreements n
      WHERE n.amends = a.id AND n.deleted_at IS NULL AND n.status <> 'terminated')";
const FROM: &str = "FROM agreements a
     JOIN institutions c ON c.id = a.clinic_id
     JOIN institutions h ON h.id = a.nursing_home_id";

fn json<T: serde::de::DeserializeOwned>(i: usize, s: String) -> rusqlite::Result<T> {
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: r.get(0)?,
        version: r.get(1)?,
        number: r.get(2)?,
        clinic_id: r.get(3)?,
        clinic_name: r.get(4)?,
        nursing_home_id: r.get(5)?,
        nursing_home_name: r.get(6)?,
        start_on: r.get(7)?,
        end_on: r.get(8)?,
        items: json(9, r.get(9)?)?,
        methods: json(10, r.get(10)?)?,
        file_within_days: r.get(11)?,
        note: r.get(12)?,
        status: parse_code(r.get(13)?)?,
        activated_on: r.get(14)?,
        terminated_on: r.get(15)?,
        termination_reason: r.get(16)?,
        residents: r.get(17)?,
        amends: r.get(18)?,
        amends_number: r.get(19)?,
        amended_by: r.get(20)?,
    })
}

pub(crate) fn read_agreement(conn: &Connection, id: &str) -> Result<Agreement> {
    conn.query_row(
        &format!("SELECT {COLUMNS} {FROM} WHERE a.id = ?1 AND a.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "合作协议",
        id: id.to_owned(),
    })
}

/// Activation inside the caller's transaction (also used when signing the agreement's document).
pub(crate) fn activate_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&crate::session::Session>,
    step: &AgreementStep,
) -> Result<()> {
    let current = load_current(tx, &step.id, step.version)?;
    require_status(&current, AgreementStatus::Draft, "生效")?;
    let term = Term {
        start: date(&current.fields, "startOn")?,
        end: date(&current.fields, "endOn")?,
    };
    let on = validate_activation(&step.on, term, ctx.today)?;
    let other: Option<String> = tx
        .query_row(
            "SELECT number FROM agreements
             WHERE clinic_id = ?1 AND nursing_home_id = ?2 AND status = 'active'
               AND deleted_at IS NULL AND id <> ?3",
            params![
                text(&current.fields, "clinicId"),
                text(&current.fields, "nursingHomeId"),
                step.id
            ],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = other {
        return Err(StoreError::InvalidState {
            code: "agreement.active_exists",
            message: format!(
                "该养老机构已有生效的协议 {other}，请先终止该协议，再使协议 {} 生效",
                text(&current.fields, "number")
            ),
        });
    }
    let mut after = current.fields.clone();
    after.insert("status", code(&AgreementStatus::Active));
    after.insert("activatedOn", on.to_string().into());
    write_changes(
        tx,
        ctx,
        TABLE,
        &step.id,
        &current,
        &after,
        Action::StatusChanged,
    )?;
    append_for(
        tx,
        ctx,
        session,
        AuditAction::ActivateAgreement,
        KIND,
        &step.id,
        &format!("{} 生效日期 {on}", text(&current.fields, "number")),
    )?;
    Ok(())
}

/// Termination inside the caller's transaction (also used when an amendment is signed).
pub(crate) fn terminate_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&crate::session::Session>,
    step: &AgreementStep,
) -> Result<()> {
    let current = load_current(tx, &step.id, step.version)?;
    require_status(&current, AgreementStatus::Active, "终止")?;
    let activated = date(&current.fields, "activatedOn")?;
    let valid = validate_agreement_termination(&step.on, &step.reason, activated, ctx.today)?;
    let mut after = current.fields.clone();
    after.insert("status", code(&AgreementStatus::Terminated));
    after.insert("terminatedOn", valid.on.to_string().into());
    after.insert("terminationReason", valid.reason.clone().into());
    write_changes(
        tx,
        ctx,
        TABLE,
        &step.id,
        &current,
        &after,
        Action::StatusChanged,
    )?;
    append_for(
        tx,
        ctx,
        session,
        AuditAction::TerminateAgreement,
        KIND,
        &step.id,
        &format!(
            "{} 终止于 {}：{}",
            text(&current.fields, "number"),
            valid.on,
            valid.reason
        ),
    )?;
    Ok(())
}

impl Store {
    /// Drafts a cooperation agreement between the clinic (甲方) and a 敬老院/养老机构 (乙方). An
    /// empty number is assigned (`XY2026-001`, a serial per year); a given one must be unused.
    pub fn create_agreement(
        &mut self,
        ctx: &WriteCtx,
        input: &AgreementInput,
    ) -> Result<Agreement> {
        self.require(Permission::ManageAgreements)?;
        let valid = validate_agreement(input)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let home_name = check_home(&tx, &valid.nursing_home_id)?;
        let clinic_id = own_institution_id(&tx)?;
        let number = match &valid.number {
            Some(n) => {
                check_number_free(&tx, n, None)?;
                n.clone()
            }
            None => next_number(&tx, TABLE, NUMBER_PREFIX, ctx.today.year(), NUMBER_DIGITS)?,
        };
        let id = ctx.new_id();
        let mut fields = form_fields(&valid);
        fields.insert("number", number.clone().into());
        fields.insert("clinicId", clinic_id.into());
        fields.insert("status", code(&AgreementStatus::Draft));
        fields.insert("activatedOn", Value::Null);
        fields.insert("terminatedOn", Value::Null);
        fields.insert("terminationReason", "".into());
        fields.insert("amends", Value::Null);
        create_row(&tx, ctx, TABLE, &id, &fields, &[])?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateAgreement,
            KIND,
            &id,
            &format!("{number} {home_name}"),
        )?;
        tx.commit()?;
        read_agreement(&self.conn, &id)
    }

    /// Edits a draft. An active or terminated agreement is refused: it is a signed record. An
    /// empty number keeps the current one.
    pub fn update_agreement(&mut self, ctx: &WriteCtx, u: &UpdateAgreement) -> Result<Agreement> {
        self.require(Permission::ManageAgreements)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_current(&tx, &u.id, u.version)?;
        require_status(&current, AgreementStatus::Draft, "修改")?;
        let valid = validate_agreement(&u.input)?;
        check_home(&tx, &valid.nursing_home_id)?;
        let mut after = current.fields.clone();
        after.extend(form_fields(&valid));
        if let Some(n) = valid.number.as_deref() {
            if n != text(&current.fields, "number") {
                check_number_free(&tx, n, Some(&u.id))?;
                after.insert("number", n.into());
            }
        }
        let changed = write_changes(&tx, ctx, TABLE, &u.id, &current, &after, Action::Updated)?;
        if !changed.is_empty() {
            append_for(
                &tx,
                ctx,
                self.session.as_ref(),
                AuditAction::UpdateAgreement,
                KIND,
                &u.id,
                &changed.join("、"),
            )?;
        }
        tx.commit()?;
        read_agreement(&self.conn, &u.id)
    }

    /// Puts a draft into force on `step.on` (not after today nor after the term's end). Refused
    /// while another agreement of the clinic with the same home is active.
    pub fn activate_agreement(
        &mut self,
        ctx: &WriteCtx,
        step: &AgreementStep,
    ) -> Result<Agreement> {
        self.require(Permission::ManageAgreements)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        activate_in(&tx, ctx, self.session.as_ref(), step)?;
        tx.commit()?;
        read_agreement(&self.conn, &step.id)
    }

    /// Ends an active agreement on `step.on` (not after today, not before its activation) for the
    /// reason given (required).
    pub fn terminate_agreement(
        &mut self,
        ctx: &WriteCtx,
        step: &AgreementStep,
    ) -> Result<Agreement> {
        self.require(Permission::ManageAgreements)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        terminate_in(&tx, ctx, self.session.as_ref(), step)?;
        tx.commit()?;
        read_agreement(&self.conn, &step.id)
    }

    /// 变更: a new draft copying an active agreement (same home, term, items, methods and
    /// note) that points at it. Signing the draft puts it into force and ends the old one in the
    /// same transaction; until then the old one stays in force. One open amendment at a time.
    pub fn amend_agreement(&mut self, ctx: &WriteCtx, step: &AgreementStep) -> Result<Agreement> {
        self.require(Permission::ManageAgreements)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_current(&tx, &step.id, step.version)?;
        require_status(&current, AgreementStatus::Active, "变更")?;
        let old_number = text(&current.fields, "number").to_owned();
        let open: Option<String> = tx
            .query_row(
                "SELECT number FROM agreements
                 WHERE amends = ?1 AND deleted_at IS NULL AND status = 'draft'",
                [&step.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(open) = open {
            return Err(StoreError::InvalidState {
                code: "agreement.amendment_open",
                message: format!("协议 {old_number} 已有变更草稿 {open}，请在该草稿上修改后签署"),
            });
        }
        let number = next_number(&tx, TABLE, NUMBER_PREFIX, ctx.today.year(), NUMBER_DIGITS)?;
        let id = ctx.new_id();
        let mut fields = current.fields.clone();
        fields.insert("number", number.clone().into());
        fields.insert("status", code(&AgreementStatus::Draft));
        fields.insert("activatedOn", Value::Null);
        fields.insert("terminatedOn", Value::Null);
        fields.insert("terminationReason", "".into());
        fields.insert("amends", step.id.clone().into());
        create_row(&tx, ctx, TABLE, &id, &fields, &[])?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateAgreement,
            KIND,
            &id,
            &format!("{number}：变更协议 {old_number}"),
        )?;
        tx.commit()?;
        read_agreement(&self.conn, &id)
    }

    /// The clinic's agreements: active first, then drafts, then terminated, by number. A
    /// 养老机构管理员 sees only their own home's.
    pub fn list_agreements(&self) -> Result<Vec<Agreement>> {
        self.require(Permission::ViewResidents)?;
        let scope = self.resident_scope()?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} {FROM}
             WHERE a.deleted_at IS NULL AND (?1 IS NULL OR a.nursing_home_id = ?1)
             ORDER BY CASE a.status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END,
                      a.number"
        ))?;
        let rows = stmt
            .query_map([scope], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// One agreement. A 养老机构管理员 sees only their own home's.
    pub fn get_agreement(&self, id: &str) -> Result<Agreement> {
        self.require(Permission::ViewResidents)?;
        let agreement = read_agreement(&self.conn, id)?;
        if let Some(own) = self.resident_scope()? {
            if agreement.nursing_home_id != own {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        Ok(agreement)
    }
}
