//! What the shell keeps between commands: the vault (data folder), the open store while someone
//! is logged in, who locked the window, and when the user last did something.
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Offset, Utc};
use yiyang_protocol::{AppStatus, AuditAction, ErrorCode, IpcError, Phase};
use yiyang_store::{Store, Vault, VaultState, WriteCtx};
use yiyang_sync::Trigger;

pub struct AppState {
    pub vault: Vault,
    pub inner: Mutex<Inner>,
    pub started: Instant,
    pub exit_after_first_paint: bool,
    pub demo: bool,
    pub idle_lock_seconds: Option<u32>,
}

/// Who locked the window: only their password unlocks it.
#[derive(Debug, Clone)]
pub struct LockedUser {
    pub user_id: String,
    pub name: String,
}

pub struct Inner {
    /// Open only while someone is logged in and the window is not locked: locking drops it,
    /// which closes the connection and zeroes the data key.
    pub store: Option<Store>,
    pub locked: Option<LockedUser>,
    /// Why the data folder could not be opened at start (phase `broken`).
    pub broken: Option<IpcError>,
    pub last_activity: Instant,
    pub idle_limit: Duration,
}

impl Inner {
    pub fn new(broken: Option<IpcError>) -> Self {
        Self {
            store: None,
            locked: None,
            broken,
            last_activity: Instant::now(),
            idle_limit: Duration::from_secs(10 * 60),
        }
    }
}

/// The wall clock, read only here at the edge and passed into the store.
pub fn clock() -> (DateTime<Utc>, NaiveDate) {
    (Utc::now(), Local::now().date_naive())
}

/// The user's time zone, for turning local dates into UTC ranges.
pub fn local_offset() -> FixedOffset {
    Local::now().offset().fix()
}

fn locked_error() -> IpcError {
    IpcError::new(ErrorCode::Locked, "窗口已锁定，请输入密码解锁")
}

fn not_logged_in() -> IpcError {
    IpcError::new(ErrorCode::NotLoggedIn, "请先登录")
}

impl AppState {
    pub fn lock_inner(&self) -> Result<MutexGuard<'_, Inner>, IpcError> {
        self.inner.lock().map_err(|_| {
            IpcError::new(
                ErrorCode::Internal,
                "数据存储在一次失败后被锁定，请重启医养通",
            )
        })
    }

    /// The idle limit for the logged-in user's settings (or the test override).
    pub fn idle_limit(&self, store: &Store) -> Duration {
        if let Some(s) = self.idle_lock_seconds {
            return Duration::from_secs(u64::from(s));
        }
        let minutes = store.settings().map(|s| s.idle_lock_minutes).unwrap_or(10);
        Duration::from_secs(u64::from(minutes) * 60)
    }

    /// Locks: records it, remembers whose password unlocks, and drops the store.
    pub fn lock_now(&self, inner: &mut Inner) {
        if let Some(mut store) = inner.store.take() {
            if let Ok(session) = store.session().cloned() {
                inner.locked = Some(LockedUser {
                    user_id: session.user_id,
                    name: session.name,
                });
            }
            if let Err(e) = store.end_session(Utc::now(), AuditAction::Lock) {
                tracing::warn!(error = %e, "could not record the lock");
            }
        }
    }

    /// Runs `f` on the logged-in store, turning every failure into the IPC error shape. Locks
    /// first if the user has been idle too long, so a forgotten window cannot be used even if
    /// the UI's own timer did not fire.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> yiyang_store::Result<T>,
    ) -> Result<T, IpcError> {
        self.run(true, f)
    }

    /// Like [`Self::with`] for reads the UI makes on its own (polling the sync status): they do
    /// not count as the user doing something, so they never keep an idle window unlocked.
    pub fn with_passive<T>(
        &self,
        f: impl FnOnce(&mut Store) -> yiyang_store::Result<T>,
    ) -> Result<T, IpcError> {
        self.run(false, f)
    }

    fn run<T>(
        &self,
        user_action: bool,
        f: impl FnOnce(&mut Store) -> yiyang_store::Result<T>,
    ) -> Result<T, IpcError> {
        let mut inner = self.lock_inner()?;
        if inner.store.is_some() && inner.last_activity.elapsed() > inner.idle_limit {
            self.lock_now(&mut inner);
        }
        if inner.locked.is_some() {
            return Err(locked_error());
        }
        if user_action {
            inner.last_activity = Instant::now();
        }
        let store = inner.store.as_mut().ok_or_else(not_logged_in)?;
        f(store).map_err(|e| {
            tracing::warn!(error = %e, "command failed");
            let e: IpcError = e.into();
            if e.code == ErrorCode::Forbidden {
                // A refusal is worth knowing about: someone tried what their role may not do.
                if let Err(audit) = store.audit(Utc::now(), AuditAction::Denied, "", "", &e.message)
                {
                    tracing::warn!(error = %audit, "could not record a refusal");
                }
            }
            e
        })
    }

    /// Like [`Self::with`] for writes: the logged-in user and the clock as a write context. A
    /// successful write tells the sync loop (which pushes it after a short pause).
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Store, &WriteCtx) -> yiyang_store::Result<T>,
    ) -> Result<T, IpcError> {
        let result = self.with(|store| {
            let (now, today) = clock();
            let ctx = store.ctx(now, today)?;
            f(store, &ctx)
        });
        if result.is_ok() {
            crate::sync_bridge::trigger(Trigger::LocalWrite);
        }
        result
    }

    /// Puts a freshly opened (logged-in) store in place.
    pub fn install(&self, inner: &mut Inner, store: Store) {
        inner.idle_limit = self.idle_limit(&store);
        inner.last_activity = Instant::now();
        inner.locked = None;
        inner.broken = None;
        inner.store = Some(store);
    }

    pub fn status(&self) -> Result<AppStatus, IpcError> {
        let inner = self.lock_inner()?;
        let session = inner.store.as_ref().and_then(|s| s.session_info().ok());
        let settings = inner.store.as_ref().and_then(|s| s.settings().ok());
        let (phase, error) = if let Some(e) = &inner.broken {
            (Phase::Broken, Some(e.clone()))
        } else if session.is_some() {
            (Phase::Ready, None)
        } else if inner.locked.is_some() {
            (Phase::Locked, None)
        } else {
            match self.vault.state() {
                Ok(VaultState::Empty) => (Phase::Setup, None),
                Ok(VaultState::Plain) => (Phase::Upgrade, None),
                Ok(VaultState::Encrypted) => (Phase::LogIn, None),
                Err(e) => (Phase::Broken, Some(e.into())),
            }
        };
        Ok(AppStatus {
            phase,
            session,
            locked_user: inner.locked.as_ref().map(|l| l.name.clone()),
            error,
            idle_lock_minutes: settings.map_or(10, |s| s.idle_lock_minutes),
            idle_lock_seconds_override: self.idle_lock_seconds,
            demo: self.demo,
            data_path: self.vault.data_path().display().to_string(),
        })
    }
}
