//! First run: the installation row (device id), its institution and first user.
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use yiyang_domain::error::ValidationErrors;
use yiyang_domain::institution::{validate_institution, validate_user_name};
use yiyang_protocol::{SetupInput, SetupState, UserSummary};

use crate::institutions::{insert_institution, read_institution};
use crate::synced::{create_row, Fields};
use crate::{Result, Store, StoreError, WriteCtx};

impl Store {
    /// Creates the installation row with a fresh device id the first time a file is opened.
    pub(crate) fn ensure_installation(&self) -> Result<()> {
        let device_id = uuid::Uuid::now_v7().to_string();
        self.conn.execute(
            "INSERT OR IGNORE INTO installation (singleton, device_id, created_at)
             VALUES (1, ?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            [device_id],
        )?;
        Ok(())
    }

    pub fn device_id(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT device_id FROM installation", [], |r| r.get(0))?)
    }

    pub fn setup_state(&self) -> Result<SetupState> {
        let (device_id, institution_id, user_id): (String, Option<String>, Option<String>) =
            self.conn.query_row(
                "SELECT device_id, institution_id, user_id FROM installation",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        let institution = match institution_id {
            Some(id) => Some(read_institution(&self.conn, &id)?),
            None => None,
        };
        let user = match user_id {
            Some(id) => self
                .conn
                .query_row("SELECT id, name FROM users WHERE id = ?1", [id], |r| {
                    Ok(UserSummary {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                })
                .optional()?,
            None => None,
        };
        Ok(SetupState {
            set_up: institution.is_some() && user.is_some(),
            device_id,
            institution,
            user,
            data_path: self.path.display().to_string(),
        })
    }

    /// The user the app acts as until log-in arrives with the security work.
    pub fn current_user_id(&self) -> Result<String> {
        self.conn
            .query_row("SELECT user_id FROM installation", [], |r| {
                r.get::<_, Option<String>>(0)
            })?
            .ok_or(StoreError::NotSetUp)
    }

    /// A write context for the current user at `now` / `today`.
    pub fn ctx(&self, now: DateTime<Utc>, today: NaiveDate) -> Result<WriteCtx> {
        Ok(WriteCtx::new(self.current_user_id()?, now, today))
    }

    /// First run: registers this installation's institution and first user, in one transaction.
    pub fn complete_setup(
        &mut self,
        input: &SetupInput,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<SetupState> {
        if self.setup_state()?.set_up {
            return Err(StoreError::AlreadySetUp);
        }
        let mut errors = ValidationErrors::new();
        let institution =
            validate_institution(&input.institution).map_err(|e| errors.0.extend(e.0));
        let user_name = validate_user_name(&input.user_name).map_err(|e| errors.0.extend(e.0));
        let (Ok(institution), Ok(user_name)) = (institution, user_name) else {
            return Err(StoreError::Validation(errors));
        };
        let user_id = WriteCtx::new("", now, today).new_id();
        let ctx = WriteCtx::new(user_id.clone(), now, today);
        let tx = self.conn.transaction()?;
        let institution_id = insert_institution(&tx, &ctx, &institution)?;
        let fields: Fields = [
            ("institutionId", institution_id.clone().into()),
            ("name", user_name.as_str().into()),
        ]
        .into_iter()
        .collect();
        // The first user creates themself: they are the actor of their own record.
        create_row(&tx, &ctx, "users", &user_id, &fields, &[])?;
        tx.execute(
            "UPDATE installation SET institution_id = ?1, user_id = ?2",
            params![institution_id, user_id],
        )?;
        tx.commit()?;
        self.setup_state()
    }
}
