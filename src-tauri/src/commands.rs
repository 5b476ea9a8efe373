//! One adapter per command of `yiyang_protocol::commands::COMMANDS`: parse, call the store, map
//! the error. No rules here. `async` so the store work runs off the UI thread.
use tauri::State;
use yiyang_protocol::*;

use crate::state::{clock, AppState};

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn get_setup_state(state: State<'_, AppState>) -> Reply<SetupState> {
    state.with(|s| s.setup_state())
}

#[tauri::command]
pub async fn complete_setup(state: State<'_, AppState>, input: SetupInput) -> Reply<SetupState> {
    let (now, today) = clock();
    state.with(|s| s.complete_setup(&input, now, today))
}

#[tauri::command]
pub async fn list_nursing_homes(state: State<'_, AppState>) -> Reply<Vec<Institution>> {
    state.with(|s| s.list_nursing_homes())
}

#[tauri::command]
pub async fn create_institution(
    state: State<'_, AppState>,
    input: InstitutionInput,
) -> Reply<Institution> {
    state.write(|s, ctx| s.create_institution(ctx, &input))
}

#[tauri::command]
pub async fn list_residents(
    state: State<'_, AppState>,
    query: ResidentListQuery,
) -> Reply<ResidentPage> {
    state.with(|s| s.list_residents(&query, clock().1))
}

#[tauri::command]
pub async fn search_residents(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> Reply<Vec<SearchHit>> {
    state.with(|s| s.search_residents(&query, clock().1))
}

#[tauri::command]
pub async fn get_resident(state: State<'_, AppState>, id: String) -> Reply<Resident> {
    state.with(|s| s.get_resident(&id, clock().1))
}

#[tauri::command]
pub async fn validate_resident(
    state: State<'_, AppState>,
    input: ResidentInput,
    except_id: Option<String>,
) -> Reply<ResidentCheck> {
    state.with(|s| s.validate_resident(&input, except_id.as_deref(), clock().1))
}

#[tauri::command]
pub async fn create_resident(state: State<'_, AppState>, input: ResidentInput) -> Reply<Resident> {
    state.write(|s, ctx| s.create_resident(ctx, &input))
}

#[tauri::command]
pub async fn update_resident(
    state: State<'_, AppState>,
    update: UpdateResident,
) -> Reply<Resident> {
    state.write(|s, ctx| s.update_resident(ctx, &update))
}

#[tauri::command]
pub async fn change_resident_status(
    state: State<'_, AppState>,
    change: ChangeStatus,
) -> Reply<Resident> {
    state.write(|s, ctx| s.change_resident_status(ctx, &change))
}

#[tauri::command]
pub async fn resident_history(state: State<'_, AppState>, id: String) -> Reply<Vec<HistoryEntry>> {
    state.with(|s| s.resident_history(&id))
}

/// Prints the time from process start to the UI's first paint (read by the cold-start bench).
#[tauri::command]
pub async fn report_first_paint(app: tauri::AppHandle, state: State<'_, AppState>) -> Reply<()> {
    println!("first-paint-ms={}", state.started.elapsed().as_millis());
    if state.exit_after_first_paint {
        app.exit(0);
    }
    Ok(())
}

/// Names registered below; a test checks they are exactly the protocol's command list.
#[cfg(test)]
pub const REGISTERED: &[&str] = &[
    "get_setup_state",
    "complete_setup",
    "list_nursing_homes",
    "create_institution",
    "list_residents",
    "search_residents",
    "get_resident",
    "validate_resident",
    "create_resident",
    "update_resident",
    "change_resident_status",
    "resident_history",
    "report_first_paint",
];

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        get_setup_state,
        complete_setup,
        list_nursing_homes,
        create_institution,
        list_residents,
        search_residents,
        get_resident,
        validate_resident,
        create_resident,
        update_resident,
        change_resident_status,
        resident_history,
        report_first_paint,
    ]
}

#[cfg(test)]
mod tests {
    use super::REGISTERED;

    #[test]
    fn every_protocol_command_is_registered() {
        let protocol: Vec<&str> = yiyang_protocol::commands::COMMANDS
            .iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(protocol, REGISTERED);
    }
}
