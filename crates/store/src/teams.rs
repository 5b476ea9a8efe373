//! 家庭医生团队: create, edit and list the clinic's family-doctor teams.
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;
use yiyang_domain::team::{validate_team, ValidTeam};
use yiyang_protocol::{AuditAction, CareTeam, Permission, TeamInput, TeamMember, UpdateTeam};

use crate::audit::append_for;
use crate::institutions::own_institution_id;
use crate::synced::{create_row, load_versioned, write_changes, Action, Fields, Kind, StoredRow};
use crate::{Result, Store, StoreError, WriteCtx};

pub(crate) const TABLE: &str = "care_teams";
/// `record_kind` of audit entries about teams.
const KIND: &str = "care_team";

pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("institutionId", Kind::Text),
    ("name", Kind::Text),
    ("members", Kind::Json),
];

fn form_fields(v: &ValidTeam) -> Result<Fields> {
    Ok([
        ("name", v.name.clone().into()),
        ("members", serde_json::to_value(&v.members)?),
    ]
    .into_iter()
    .collect())
}

/// Every member with a user account must be a live user of the clinic.
fn check_members(tx: &Transaction<'_>, clinic_id: &str, members: &[TeamMember]) -> Result<()> {
    for (i, m) in members.iter().enumerate() {
        let Some(user_id) = &m.user_id else { continue };
        let institution: Option<String> = tx
            .query_row(
                "SELECT institution_id FROM users WHERE id = ?1 AND deleted_at IS NULL",
                [user_id],
                |r| r.get(0),
            )
            .optional()?;
        if institution.as_deref() != Some(clinic_id) {
            return Err(StoreError::field(
                "members",
                "team.member_unknown",
                format!(
                    "第 {} 位成员「{}」的用户账号不存在、已停用或不属于本机构",
                    i + 1,
                    m.name
                ),
            ));
        }
    }
    Ok(())
}

fn check_name_free(
    tx: &Transaction<'_>,
    clinic_id: &str,
    name: &str,
    except: Option<&str>,
) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM care_teams
             WHERE institution_id = ?1 AND name = ?2 AND deleted_at IS NULL AND id IS NOT ?3",
            params![clinic_id, name, except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::field(
            "name",
            "team.name_duplicate",
            format!("团队名称「{name}」已被本机构的其他团队使用"),
        )),
        None => Ok(()),
    }
}

fn load_current(tx: &Transaction<'_>, id: &str, version: i64) -> Result<StoredRow> {
    load_versioned(tx, TABLE, FIELDS, id, version, "家庭医生团队")
}

const COLUMNS: &str = "t.id, t.version, t.name, t.members,
     (SELECT count(*) FROM contracts c
      WHERE c.team_id = t.id AND c.deleted_at IS NULL AND c.status IN ('signed', 'renewed')
        AND c.renewed_by IS NULL)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CareTeam> {
    let members: String = r.get(3)?;
    Ok(CareTeam {
        id: r.get(0)?,
        version: r.get(1)?,
        name: r.get(2)?,
        members: serde_json::from_str(&members).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?,
        active_contracts: r.get(4)?,
    })
}

pub(crate) fn read_team(conn: &Connection, id: &str) -> Result<CareTeam> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM care_teams t WHERE t.id = ?1 AND t.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "家庭医生团队",
        id: id.to_owned(),
    })
}

impl Store {
    /// Sets up a family-doctor team of the clinic.
    pub fn create_team(&mut self, ctx: &WriteCtx, input: &TeamInput) -> Result<CareTeam> {
        self.require(Permission::ManageTeams)?;
        let valid = validate_team(input)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let clinic_id = own_institution_id(&tx)?;
        check_name_free(&tx, &clinic_id, &valid.name, None)?;
        check_members(&tx, &clinic_id, &valid.members)?;
        let id = ctx.new_id();
        let mut fields = form_fields(&valid)?;
        fields.insert("institutionId", Value::String(clinic_id));
        create_row(&tx, ctx, TABLE, &id, &fields, &[])?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateTeam,
            KIND,
            &id,
            &valid.name,
        )?;
        tx.commit()?;
        read_team(&self.conn, &id)
    }

    /// Edits a team's name and members. `version` must be the current version.
    pub fn update_team(&mut self, ctx: &WriteCtx, u: &UpdateTeam) -> Result<CareTeam> {
        self.require(Permission::ManageTeams)?;
        let valid = validate_team(&u.input)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = load_current(&tx, &u.id, u.version)?;
        let clinic_id = own_institution_id(&tx)?;
        check_name_free(&tx, &clinic_id, &valid.name, Some(&u.id))?;
        check_members(&tx, &clinic_id, &valid.members)?;
        let mut after = current.fields.clone();
        after.extend(form_fields(&valid)?);
        let changed = write_changes(&tx, ctx, TABLE, &u.id, &current, &after, Action::Updated)?;
        if !changed.is_empty() {
            append_for(
                &tx,
                ctx,
                self.session.as_ref(),
                AuditAction::UpdateTeam,
                KIND,
                &u.id,
                &changed.join("、"),
            )?;
        }
        tx.commit()?;
        read_team(&self.conn, &u.id)
    }

    /// The clinic's teams by name, each with its number of current signed contracts.
    pub fn list_teams(&self) -> Result<Vec<CareTeam>> {
        self.require(Permission::ViewResidents)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM care_teams t WHERE t.deleted_at IS NULL ORDER BY t.name, t.rid"
        ))?;
        let teams = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
        Ok(teams)
    }
}
