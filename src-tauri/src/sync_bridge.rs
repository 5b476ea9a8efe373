//! Runs the sync loop (`yiyang-sync`) in the background of the window: gives it the open store
//! (only while someone is logged in and the window is not locked) and tells it about local
//! writes and 「立即同步」.
use std::sync::OnceLock;

use tauri::{AppHandle, Manager};
use yiyang_store::Store;
use yiyang_sync::{Schedule, StoreAccess, SyncHandle, Trigger};

use crate::state::AppState;

static HANDLE: OnceLock<SyncHandle> = OnceLock::new();

/// The store as the sync loop sees it: never touches the idle timer, so background syncing
/// cannot keep an unattended window unlocked. Locks the window's state per call, never across an
/// await, so a command may hold one while it waits for the county (see `enrol_device`).
pub(crate) struct WindowStore(AppHandle);

impl WindowStore {
    pub(crate) fn new(app: AppHandle) -> Self {
        Self(app)
    }
}

impl StoreAccess for WindowStore {
    fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> Option<R> {
        let state = self.0.state::<AppState>();
        let mut inner = state.inner.lock().ok()?;
        if inner.locked.is_some() {
            return None;
        }
        inner.store.as_mut().map(f)
    }
}

/// Starts the loop once, on Tauri's tokio runtime.
pub fn start(app: AppHandle) {
    let handle = tauri::async_runtime::block_on(async move {
        yiyang_sync::spawn(WindowStore(app), Schedule::default())
    });
    if HANDLE.set(handle).is_err() {
        tracing::warn!("the sync loop was started twice");
    }
}

/// Tells the loop something happened (a write, a log-in, the button).
pub fn trigger(t: Trigger) {
    if let Some(h) = HANDLE.get() {
        h.trigger(t);
    }
}

pub fn handle() -> Option<&'static SyncHandle> {
    HANDLE.get()
}
