//! What the shell keeps between commands: the open store (or why it could not be opened).
use std::sync::Mutex;
use std::time::Instant;

use chrono::{DateTime, Local, NaiveDate, Utc};
use yiyang_protocol::{ErrorCode, IpcError};
use yiyang_store::{Store, WriteCtx};

pub struct AppState {
    pub store: Result<Mutex<Store>, IpcError>,
    pub started: Instant,
    pub exit_after_first_paint: bool,
}

/// The wall clock, read only here at the edge and passed into the store.
pub fn clock() -> (DateTime<Utc>, NaiveDate) {
    (Utc::now(), Local::now().date_naive())
}

impl AppState {
    /// Runs `f` on the store, turning every failure into the IPC error shape.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> yiyang_store::Result<T>,
    ) -> Result<T, IpcError> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = store.lock().map_err(|_| {
            IpcError::new(
                ErrorCode::Internal,
                "数据存储在一次失败后被锁定，请重启医养通",
            )
        })?;
        f(&mut store).map_err(|e| {
            tracing::warn!(error = %e, "command failed");
            e.into()
        })
    }

    /// Like [`Self::with`] for writes: the current user and the clock as a write context.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Store, &WriteCtx) -> yiyang_store::Result<T>,
    ) -> Result<T, IpcError> {
        self.with(|store| {
            let (now, today) = clock();
            let ctx = store.ctx(now, today)?;
            f(store, &ctx)
        })
    }
}
