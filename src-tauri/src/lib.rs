//! 医养通 desktop shell: parses the command line, opens the store, and exposes the commands listed
//! in `yiyang_protocol::commands` as one-line adapters over `yiyang_store::{Vault, Store}`.
mod args;
mod backup_schedule;
mod commands;
mod dialogs;
mod document_commands;
mod homecare_commands;
mod report_commands;
mod state;
mod sync_bridge;

use std::sync::Mutex;

use anyhow::Context as _;
use chrono::{Local, Utc};
use yiyang_store::{demo, KdfParams, Vault, VaultState};

pub use args::Args;
use state::{AppState, Inner};

/// Residents in the demo county (`--demo`).
const DEMO_RESIDENTS: usize = 600;

pub fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let started = std::time::Instant::now();
    let args = Args::parse(std::env::args().skip(1))?;
    let data_dir = args.data_dir()?;
    let vault = Vault::new(&data_dir, KdfParams::default());
    let mut broken = None;
    if args.demo && matches!(vault.state(), Ok(VaultState::Empty)) {
        // The demo county starts at the log-in screen, like a real installation.
        let today = Local::now().date_naive();
        let seeded = demo::seed_demo(&vault, DEMO_RESIDENTS, Utc::now(), today).and_then(
            |(store, summary)| {
                drop(store);
                demo::seed_care(&vault, Utc::now(), today).map(|()| ((), summary))
            },
        );
        match seeded {
            Ok((_, summary)) => tracing::info!(?summary, "filled a fresh store with demo data"),
            Err(e) => broken = Some(e.into()),
        }
    }
    if let Err(e) = vault.state() {
        // The window still opens and shows this error, with a way to restore a backup.
        tracing::error!(error = %e, dir = %data_dir.display(), "cannot open the data folder");
        broken = Some(e.into());
    }
    document_commands::clear_temp_documents();
    let state = AppState {
        vault,
        inner: Mutex::new(Inner::new(broken)),
        started,
        exit_after_first_paint: args.exit_after_first_paint,
        demo: args.demo,
        idle_lock_seconds: args.idle_lock_seconds,
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(dialogs::DialogDir(args.dialog_dir.clone()))
        .setup(|app| {
            backup_schedule::start(app.handle().clone());
            sync_bridge::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .context("Tauri 运行失败")
}
