//! Adapters for Excel in and out and the indicators (issue 7): the shell picks and reads the
//! file, reports import progress to the window and writes what the store produced where the
//! user chose — the webview never touches the file system.
use base64::Engine as _;
use tauri::{Emitter, State};
use yiyang_protocol::*;

use crate::dialogs;
use crate::state::{clock, AppState};

type Reply<T> = Result<T, IpcError>;

/// The window event carrying an [`ImportProgress`].
pub const IMPORT_PROGRESS_EVENT: &str = "import-progress";

/// Rows shown in the preview table: enough to check the mapping, few enough to send at once.
const PREVIEW_ROWS: u32 = 50;

/// A sheet far larger than any township's resident list is refused before it is read into memory.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

fn read_error(e: std::io::Error) -> IpcError {
    IpcError::new(ErrorCode::Io, format!("读取 Excel 文件失败：{e}"))
}

fn write_error(e: std::io::Error) -> IpcError {
    IpcError::new(ErrorCode::Io, format!("写入文件失败：{e}"))
}

fn read_sheet(path: &str) -> Reply<Vec<u8>> {
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(IpcError::new(
            ErrorCode::Validation,
            format!(
                "文件过大（{} MB），请拆分后再导入（每个文件不超过 64 MB）",
                size / 1024 / 1024
            ),
        ));
    }
    std::fs::read(path).map_err(read_error)
}

fn stamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M").to_string()
}

const EXCEL: (&str, &[&str]) = ("Excel 工作簿", &["xlsx"]);

fn period_label(period: &IndicatorPeriod) -> String {
    match period.month {
        Some(m) => format!("{}年{m}月", period.year),
        None => format!("{}年", period.year),
    }
}

#[tauri::command]
pub async fn choose_import_file(app: tauri::AppHandle) -> Reply<Option<String>> {
    Ok(
        dialogs::pick_file(&app, ("Excel 工作簿", &["xlsx", "xls", "xlsm"]))
            .map(|p| p.display().to_string()),
    )
}

#[tauri::command]
pub async fn import_overview(
    state: State<'_, AppState>,
    path: String,
    sheet: Option<String>,
    header_row: u32,
    nursing_home_id: Option<String>,
) -> Reply<SheetOverview> {
    let bytes = read_sheet(&path)?;
    state.with(|s| {
        s.import_overview(
            &bytes,
            sheet.as_deref(),
            header_row,
            nursing_home_id.as_deref(),
        )
    })
}

#[tauri::command]
pub async fn preview_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<ImportSummary> {
    let bytes = read_sheet(&path)?;
    let mut progress = progress_to(app);
    state.with(|s| {
        let (now, today) = clock();
        let ctx = s.ctx(now, today)?;
        s.preview_import(&ctx, &bytes, &options, PREVIEW_ROWS, &mut progress)
    })
}

#[tauri::command]
pub async fn import_residents(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<ImportSummary> {
    let bytes = read_sheet(&path)?;
    let mut progress = progress_to(app);
    state.write(|s, ctx| s.import_residents(ctx, &bytes, &options, &mut progress))
}

/// Sends each progress report to the window; a window that is gone misses nothing it needs.
fn progress_to(app: tauri::AppHandle) -> impl FnMut(ImportProgress) {
    move |p| {
        if let Err(e) = app.emit(IMPORT_PROGRESS_EVENT, p) {
            tracing::warn!(error = %e, "could not send import progress to the window");
        }
    }
}

#[tauri::command]
pub async fn indicators(
    state: State<'_, AppState>,
    period: IndicatorPeriod,
) -> Reply<IndicatorReport> {
    state.with(|s| s.indicators(period, clock().1))
}

#[tauri::command]
pub async fn export_residents_xlsx(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<String>> {
    // Checked before the dialog, so a user without the right never sees it.
    state.with(|s| s.list_nursing_homes().map(drop))?;
    let Some(path) = dialogs::save_path(&app, &format!("居民名单-{}.xlsx", stamp()), EXCEL)
    else {
        return Ok(None);
    };
    let bytes = state.write(|s, ctx| s.export_residents_xlsx(ctx))?;
    dialogs::write_chosen(&path, &bytes).map_err(write_error)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn rejected_rows_xlsx(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    rows: Vec<RejectedRow>,
) -> Reply<Option<String>> {
    let Some(path) = dialogs::save_path(&app, &format!("导入错误报告-{}.xlsx", stamp()), EXCEL)
    else {
        return Ok(None);
    };
    // Only the wizard of a user who may import holds rows; the store checks and audits anyway.
    let bytes = state.write(|s, ctx| s.export_rejected_rows_xlsx(ctx, &rows))?;
    dialogs::write_chosen(&path, &bytes).map_err(write_error)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn indicator_report_xlsx(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    period: IndicatorPeriod,
) -> Reply<Option<String>> {
    let report = state.with(|s| s.indicators(period, clock().1))?;
    let bytes = yiyang_store::indicator_report_xlsx(&report)?;
    let label = period_label(&period);
    let Some(path) = dialogs::save_path(&app, &format!("统计指标-{label}.xlsx"), EXCEL) else {
        return Ok(None);
    };
    dialogs::write_chosen(&path, &bytes).map_err(write_error)?;
    let shown = path.display().to_string();
    state.with(|s| {
        s.record_output(
            clock().0,
            AuditAction::Export,
            "report",
            "",
            &format!("导出统计指标 {label}（Excel）→ {shown}"),
        )
    })?;
    Ok(Some(shown))
}

#[tauri::command]
pub async fn save_chart_png(
    app: tauri::AppHandle,
    file_name: String,
    png_base64: String,
) -> Reply<Option<String>> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png_base64.trim())
        .map_err(|e| IpcError::new(ErrorCode::Validation, format!("图片数据无效：{e}")))?;
    // A PNG starts with these eight bytes; anything else is not what the chart produced.
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(IpcError::new(ErrorCode::Validation, "图片数据不是 PNG"));
    }
    let name = if file_name.ends_with(".png") {
        file_name
    } else {
        format!("{file_name}.png")
    };
    let Some(path) = dialogs::save_path(&app, &name, ("PNG 图片", &["png"])) else {
        return Ok(None);
    };
    dialogs::write_chosen(&path, &bytes).map_err(write_error)?;
    Ok(Some(path.display().to_string()))
}
