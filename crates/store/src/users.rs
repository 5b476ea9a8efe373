//! Users of this installation: log-in names, roles, and their password wraps in the key file.
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;
use yiyang_domain::access::belongs_to_care_home;
use yiyang_domain::credentials::{validate_new_login, validate_new_password};
use yiyang_domain::error::{FieldError, ValidationErrors};
use yiyang_domain::institution::{is_care_home, validate_user_name};
use yiyang_protocol::{
    AuditAction, ChangePasswordInput, Permission, ResetPasswordInput, Role, UserInput, UserRow,
};

use crate::institutions::kind_from_code;
use crate::keys::Holder;
use crate::synced::{
    create_row, load_row, record_change, update_row, Action, Fields, Kind, RowChange,
};
use crate::{Result, Store, StoreError, WriteCtx};

pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("institutionId", Kind::Text),
    ("name", Kind::Text),
    ("login", Kind::OptText),
    ("role", Kind::Text),
];

pub(crate) fn role_code(role: Role) -> &'static str {
    match role {
        Role::Doctor => "doctor",
        Role::Nurse => "nurse",
        Role::PublicHealth => "public_health",
        Role::ClinicAdmin => "clinic_admin",
        Role::CareHomeAdmin => "care_home_admin",
    }
}

pub(crate) fn role_from_code(code: &str) -> Result<Role> {
    Role::ALL
        .into_iter()
        .find(|r| role_code(*r) == code)
        .ok_or_else(|| StoreError::Corrupt(format!("未知角色 {code}")))
}

pub(crate) fn user_fields(institution_id: &str, name: &str, login: &str, role: Role) -> Fields {
    [
        ("institutionId", institution_id.into()),
        ("name", name.into()),
        ("login", login.into()),
        ("role", role_code(role).into()),
    ]
    .into_iter()
    .collect()
}

/// Changes some fields of a user in `tx`, with its outbox mutation and revision.
pub(crate) fn update_user(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    user_id: &str,
    changes: &[(&'static str, Value)],
) -> Result<()> {
    let current = load_row(tx, "users", FIELDS, user_id)?.ok_or_else(|| StoreError::NotFound {
        what: "用户",
        id: user_id.to_owned(),
    })?;
    let mut after = current.fields.clone();
    for (k, v) in changes {
        after.insert(k, v.clone());
    }
    let changed: Fields = after
        .iter()
        .filter(|(k, v)| current.fields.get(*k) != Some(*v))
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let version = current.version + 1;
    update_row(tx, ctx, "users", user_id, version, &changed, &[])?;
    record_change(
        tx,
        ctx,
        RowChange {
            table: "users",
            row_id: user_id,
            action: Action::Updated,
            before: Some(&current.fields),
            after: &after,
            new_version: version,
        },
    )?;
    Ok(())
}

fn field_error(field: &'static str, code: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::Validation(ValidationErrors(vec![FieldError {
        field,
        code,
        message: message.into(),
    }]))
}

impl Store {
    /// This clinic's care staff (not nursing-home users), for team and doctor pickers.
    pub fn list_staff(&self) -> Result<Vec<yiyang_protocol::StaffMember>> {
        self.require(Permission::ViewResidents)?;
        let mut stmt = self.conn.prepare(
            "SELECT u.id, u.name, u.role FROM users u JOIN installation i
               ON i.institution_id = u.institution_id
             WHERE u.deleted_at IS NULL ORDER BY u.role, u.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, role) = row?;
            out.push(yiyang_protocol::StaffMember {
                id,
                name,
                role: role_from_code(&role)?,
            });
        }
        Ok(out)
    }

    pub fn list_users(&self) -> Result<Vec<UserRow>> {
        self.require(Permission::ManageUsers)?;
        let keys = self.vault.load_keys()?;
        let mut stmt = self.conn.prepare(
            "SELECT u.id, coalesce(u.login, ''), u.name, u.role, u.institution_id, i.name
             FROM users u JOIN institutions i ON i.id = u.institution_id
             WHERE u.deleted_at IS NULL ORDER BY u.role, u.login",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, login, name, role, institution_id, institution_name) = row?;
            out.push(UserRow {
                can_log_in: keys.user_wrap_by_id(&id).is_some(),
                id,
                login,
                name,
                role: role_from_code(&role)?,
                institution_id,
                institution_name,
            });
        }
        Ok(out)
    }

    /// A new user with a password on this computer. A 养老机构管理员 belongs to a nursing home;
    /// every other role to this clinic.
    pub fn create_user(&mut self, ctx: &WriteCtx, input: &UserInput) -> Result<UserRow> {
        self.require(Permission::ManageUsers)?;
        let mut errors = ValidationErrors::new();
        let name = validate_user_name(&input.name).map_err(|e| {
            errors.0.extend(e.0.into_iter().map(|mut f| {
                f.field = "name";
                f
            }))
        });
        let login = validate_new_login(
            &input.login,
            &input.password,
            &input.password_again,
            &mut errors,
        );
        if input.role.is_none() {
            errors.0.push(FieldError {
                field: "role",
                code: "role.required",
                message: "请选择角色".into(),
            });
        }
        let (Ok(name), Some(login), Some(role), true) =
            (name, login, input.role, errors.is_empty())
        else {
            return Err(StoreError::Validation(errors));
        };
        let own: String = self
            .conn
            .query_row("SELECT institution_id FROM installation", [], |r| {
                r.get::<_, Option<String>>(0)
            })?
            .ok_or(StoreError::NotSetUp)?;
        let institution_kind: Option<String> = self
            .conn
            .query_row(
                "SELECT kind FROM institutions WHERE id = ?1 AND deleted_at IS NULL",
                [&input.institution_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(kind) = institution_kind else {
            return Err(field_error(
                "institutionId",
                "institution.required",
                "请选择所属机构",
            ));
        };
        let care_home = is_care_home(kind_from_code(&kind)?);
        if belongs_to_care_home(role) != care_home || (!care_home && input.institution_id != own) {
            return Err(field_error(
                "institutionId",
                "institution.role_mismatch",
                if belongs_to_care_home(role) {
                    "养老机构管理员的所属机构须是一家养老机构/敬老院"
                } else {
                    "医生、护士、公卫人员和机构管理员的所属机构须是本机构"
                },
            ));
        }
        let taken: Option<String> = self
            .conn
            .query_row(
                "SELECT name FROM users WHERE login = ?1 AND deleted_at IS NULL",
                [login.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = taken {
            return Err(field_error(
                "login",
                "login.duplicate",
                format!("登录名 {} 已被 {other} 使用", login.as_str()),
            ));
        }
        let user_id = ctx.new_id();
        let mut keys = self.vault.load_keys()?;
        keys.add_wrap(
            &self.key,
            Holder::User {
                user_id: user_id.clone(),
                login: login.as_str().to_owned(),
            },
            &input.password,
            self.vault.kdf(),
        )?;
        let tx = self.conn.transaction()?;
        let fields = user_fields(&input.institution_id, name.as_str(), login.as_str(), role);
        create_row(&tx, ctx, "users", &user_id, &fields, &[])?;
        crate::audit::append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateUser,
            "user",
            &user_id,
            login.as_str(),
        )?;
        // The wrap is saved inside the transaction's life: if saving fails, the user is not
        // created either; if the commit fails, an orphan wrap opens nothing new.
        self.vault.save_keys(&keys)?;
        tx.commit()?;
        self.list_users()?
            .into_iter()
            .find(|u| u.id == user_id)
            .ok_or(StoreError::NotFound {
                what: "用户",
                id: user_id,
            })
    }

    /// Removes a user: a tombstone on the row (their history stays) and their wrap from the key
    /// file, so their password no longer opens anything. One cannot remove oneself.
    pub fn remove_user(&mut self, ctx: &WriteCtx, user_id: &str) -> Result<()> {
        let me = self.require(Permission::ManageUsers)?.user_id.clone();
        if me == user_id {
            return Err(StoreError::Forbidden {
                permission: Permission::ManageUsers,
            });
        }
        let tx = self.conn.transaction()?;
        let current =
            load_row(&tx, "users", FIELDS, user_id)?.ok_or_else(|| StoreError::NotFound {
                what: "用户",
                id: user_id.to_owned(),
            })?;
        tx.execute(
            "UPDATE users SET deleted_at = ?1, updated_at = ?1, updated_by = ?2, version = ?3 WHERE id = ?4",
            params![ctx.stamp(), ctx.actor_id, current.version + 1, user_id],
        )?;
        tx.execute(
            "INSERT INTO outbox (mutation_id, device_id, table_name, row_id, op, fields, prior,
                                 base_version, actor_id, local_time)
             SELECT ?1, device_id, 'users', ?2, 'update', json_object('deletedAt', ?5),
                    json_object('deletedAt', NULL), ?3, ?4, ?5 FROM installation",
            params![
                ctx.new_id(),
                user_id,
                current.version,
                ctx.actor_id,
                ctx.stamp()
            ],
        )?;
        crate::audit::append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::RemoveUser,
            "user",
            user_id,
            "",
        )?;
        let mut keys = self.vault.load_keys()?;
        keys.remove_user_wrap(user_id);
        self.vault.save_keys(&keys)?;
        tx.commit()?;
        Ok(())
    }

    /// An admin sets another user's password (e.g. forgotten).
    pub fn reset_user_password(
        &mut self,
        ctx: &WriteCtx,
        input: &ResetPasswordInput,
    ) -> Result<()> {
        self.require(Permission::ManageUsers)?;
        let mut errors = ValidationErrors::new();
        if !validate_new_password(
            &input.password,
            &input.password_again,
            "password",
            "passwordAgain",
            &mut errors,
        ) {
            return Err(StoreError::Validation(errors));
        }
        let login: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT login FROM users WHERE id = ?1 AND deleted_at IS NULL",
                [&input.user_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(Some(login)) = login else {
            return Err(StoreError::NotFound {
                what: "用户",
                id: input.user_id.clone(),
            });
        };
        let mut keys = self.vault.load_keys()?;
        keys.add_wrap(
            &self.key,
            Holder::User {
                user_id: input.user_id.clone(),
                login,
            },
            &input.password,
            self.vault.kdf(),
        )?;
        self.vault.save_keys(&keys)?;
        let tx = self.conn.transaction()?;
        crate::audit::append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::ResetPassword,
            "user",
            &input.user_id,
            "",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The logged-in user changes their own password: the old one must open their wrap.
    pub fn change_password(
        &mut self,
        now: DateTime<Utc>,
        input: &ChangePasswordInput,
    ) -> Result<()> {
        let session = self.session()?.clone();
        let mut errors = ValidationErrors::new();
        if !validate_new_password(
            &input.new_password,
            &input.new_password_again,
            "newPassword",
            "newPasswordAgain",
            &mut errors,
        ) {
            return Err(StoreError::Validation(errors));
        }
        let mut keys = self.vault.load_keys()?;
        let wrap = keys.user_wrap_by_id(&session.user_id).cloned();
        let opens = match wrap {
            Some(w) => keys.unwrap_key(&w, &input.old_password)?.is_some(),
            None => false,
        };
        if !opens {
            return Err(field_error("oldPassword", "password.wrong", "原密码不正确"));
        }
        keys.add_wrap(
            &self.key,
            Holder::User {
                user_id: session.user_id.clone(),
                login: session.login.clone(),
            },
            &input.new_password,
            self.vault.kdf(),
        )?;
        self.vault.save_keys(&keys)?;
        self.audit(
            now,
            AuditAction::ChangePassword,
            "user",
            &session.user_id,
            "",
        )?;
        Ok(())
    }
}
