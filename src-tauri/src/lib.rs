//! 医养通 desktop shell: parses the command line, opens the store, and exposes the commands listed
//! in `yiyang_protocol::commands` as one-line adapters over `yiyang_store::Store`.
mod args;
mod commands;
mod state;

use std::sync::Mutex;

use anyhow::Context as _;
use chrono::{Local, Utc};
use yiyang_store::{demo, OpenOptions, Store};

pub use args::Args;
use state::AppState;

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
    let store = Store::open_in_dir(&data_dir, &OpenOptions::default()).and_then(|mut store| {
        if args.demo && !store.setup_state()?.set_up {
            let summary = demo::seed_demo(
                &mut store,
                DEMO_RESIDENTS,
                Utc::now(),
                Local::now().date_naive(),
            )?;
            tracing::info!(?summary, "filled a fresh store with demo data");
        }
        Ok(store)
    });
    if let Err(e) = &store {
        // The window still opens and shows this error instead of the app.
        tracing::error!(error = %e, dir = %data_dir.display(), "cannot open the data file");
    }
    let state = AppState {
        store: store.map(Mutex::new).map_err(Into::into),
        started,
        exit_after_first_paint: args.exit_after_first_paint,
    };
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .context("Tauri 运行失败")
}
