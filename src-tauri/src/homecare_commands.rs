//! Adapters of the 居家照护 commands (issue 8): catalogue, overview, family beds, tasks,
//! 长护险 statements and indicators. Entries themselves go through `add_record`.
use tauri::State;
use yiyang_protocol::{
    CatalogueItem, CatalogueItemInput, FamilyBedRow, HomeCareIndicators, HomeCareOverview,
    HomeCareTask, IndicatorPeriod, IpcError, LtcSettings, LtcSettingsInput, MonthlyStatement,
    StatementQuery,
};

use crate::state::{clock, AppState};

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn home_care_catalogue(state: State<'_, AppState>) -> Reply<Vec<CatalogueItem>> {
    state.with(|s| s.home_care_catalogue())
}

#[tauri::command]
pub async fn save_catalogue_item(
    state: State<'_, AppState>,
    input: CatalogueItemInput,
) -> Reply<Vec<CatalogueItem>> {
    state.with(|s| s.save_catalogue_item(clock().0, &input))
}

#[tauri::command]
pub async fn ltc_settings(state: State<'_, AppState>) -> Reply<LtcSettings> {
    state.with(|s| s.ltc_settings())
}

#[tauri::command]
pub async fn save_ltc_settings(
    state: State<'_, AppState>,
    input: LtcSettingsInput,
) -> Reply<LtcSettings> {
    state.with(|s| s.save_ltc_settings(clock().0, &input))
}

#[tauri::command]
pub async fn home_care_overview(
    state: State<'_, AppState>,
    resident_id: String,
) -> Reply<HomeCareOverview> {
    state.with(|s| s.home_care_overview(&resident_id, clock().1))
}

#[tauri::command]
pub async fn family_beds(state: State<'_, AppState>) -> Reply<Vec<FamilyBedRow>> {
    state.with(|s| s.family_beds(clock().1))
}

#[tauri::command]
pub async fn home_care_tasks(state: State<'_, AppState>) -> Reply<Vec<HomeCareTask>> {
    state.with(|s| s.home_care_tasks(clock().1))
}

#[tauri::command]
pub async fn home_care_statement(
    state: State<'_, AppState>,
    query: StatementQuery,
) -> Reply<MonthlyStatement> {
    state.with(|s| s.home_care_statement(&query, clock().1))
}

#[tauri::command]
pub async fn home_care_indicators(
    state: State<'_, AppState>,
    period: IndicatorPeriod,
) -> Reply<HomeCareIndicators> {
    state.with(|s| s.home_care_indicators(period, clock().1))
}
