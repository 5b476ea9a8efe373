//! The installation row (device id) and what the settings page shows about it.
use rusqlite::{Connection, OptionalExtension};
use yiyang_protocol::{SetupState, UserSummary};

use crate::institutions::read_institution;
use crate::{Result, Store};

/// Creates the installation row with a fresh device id the first time a file is opened.
pub(crate) fn ensure_installation(conn: &Connection) -> Result<()> {
    let device_id = uuid::Uuid::now_v7().to_string();
    conn.execute(
        "INSERT OR IGNORE INTO installation (singleton, device_id, created_at)
         VALUES (1, ?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        [device_id],
    )?;
    Ok(())
}

impl Store {
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
            data_path: self.path().display().to_string(),
        })
    }
}
