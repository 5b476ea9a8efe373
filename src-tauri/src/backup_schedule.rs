//! Automatic backups: once a minute, if someone is logged in and a backup is due (a folder is
//! set and the interval has passed), back up. Failures are in the audit log and the app log; the
//! next minute tries again, so plugging the USB disk back in is enough.
use std::time::Duration;

use tauri::Manager;

use crate::state::{clock, AppState};

const CHECK_EVERY: Duration = Duration::from_secs(60);

pub fn start(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut ticker = tokio_interval();
        loop {
            ticker.tick().await;
            let state = app.state::<AppState>();
            let Ok(mut inner) = state.lock_inner() else {
                continue;
            };
            let Some(store) = inner.store.as_mut() else {
                continue;
            };
            // Whoever is logged in: the schedule is the installation's, not the user's role.
            match store.backup_scheduled(clock().0) {
                Ok(Some(info)) => tracing::info!(path = %info.path, "automatic backup written"),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "automatic backup failed"),
            }
        }
    });
}

fn tokio_interval() -> tokio::time::Interval {
    let mut i = tokio::time::interval(CHECK_EVERY);
    i.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    i
}
