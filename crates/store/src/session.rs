//! Who is logged in, and the check every facade call makes against the role table.
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use yiyang_domain::access::{permissions, permits, resident_scope, ResidentScope};
use yiyang_protocol::{Permission, Role, SessionInfo};

use crate::users::role_from_code;
use crate::{Result, Store, StoreError, WriteCtx};

/// The logged-in user, read from the store when the session starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user_id: String,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub institution_id: String,
    pub institution_name: String,
}

impl Session {
    /// The live user `user_id`; None when removed (a removed user cannot log in).
    pub(crate) fn load(conn: &Connection, user_id: &str) -> Result<Option<Self>> {
        let row = conn
            .query_row(
                "SELECT u.id, coalesce(u.login, ''), u.name, u.role, u.institution_id, i.name
                 FROM users u JOIN institutions i ON i.id = u.institution_id
                 WHERE u.id = ?1 AND u.deleted_at IS NULL",
                [user_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(
            |(user_id, login, name, role, institution_id, institution_name)| {
                Ok(Self {
                    user_id,
                    login,
                    name,
                    role: role_from_code(&role)?,
                    institution_id,
                    institution_name,
                })
            },
        )
        .transpose()
    }
}

impl Store {
    /// The session, or [`StoreError::NotLoggedIn`].
    pub fn session(&self) -> Result<&Session> {
        self.session.as_ref().ok_or(StoreError::NotLoggedIn)
    }

    pub fn session_info(&self) -> Result<SessionInfo> {
        let s = self.session()?;
        Ok(SessionInfo {
            user_id: s.user_id.clone(),
            login: s.login.clone(),
            name: s.name.clone(),
            role: s.role,
            institution_id: s.institution_id.clone(),
            institution_name: s.institution_name.clone(),
            permissions: permissions(s.role),
        })
    }

    /// Refuses unless the session's role has `permission` (the role table in the domain).
    pub(crate) fn require(&self, permission: Permission) -> Result<&Session> {
        let s = self.session()?;
        if permits(s.role, permission) {
            Ok(s)
        } else {
            Err(StoreError::Forbidden { permission })
        }
    }

    /// The nursing home whose residents alone the session may see, if its role is limited so.
    pub(crate) fn resident_scope(&self) -> Result<Option<String>> {
        let s = self.require(Permission::ViewResidents)?;
        Ok(match resident_scope(s.role) {
            ResidentScope::All => None,
            ResidentScope::OwnCareHome => Some(s.institution_id.clone()),
        })
    }

    /// A write context for the logged-in user at `now` / `today`.
    pub fn ctx(&self, now: DateTime<Utc>, today: NaiveDate) -> Result<WriteCtx> {
        Ok(WriteCtx::new(self.session()?.user_id.clone(), now, today))
    }

    /// Ends the session (log-out); the store stays open only until the caller drops it.
    pub fn end_session(
        &mut self,
        now: DateTime<Utc>,
        action: yiyang_protocol::AuditAction,
    ) -> Result<()> {
        if let Some(s) = self.session.clone() {
            self.audit(now, action, "user", &s.user_id, "")?;
        }
        self.session = None;
        Ok(())
    }
}
