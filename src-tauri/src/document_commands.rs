//! Adapters for signed documents: they call the store, then do what only the shell can — write a
//! PDF to a file, open it in the system's PDF viewer (for printing) and ask where to save a copy.
//! The Chinese font is loaded once, on first use.
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tauri::State;
use tauri_plugin_opener::OpenerExt;
use yiyang_pdf::Font;
use yiyang_protocol::*;
use yiyang_store::PreviewPdf;

use crate::dialogs;
use crate::state::{clock, AppState};

type Reply<T> = Result<T, IpcError>;

static FONT: OnceLock<Font> = OnceLock::new();

/// The PDF font, parsed once (a 20 MB collection: about a second on an old laptop).
fn font() -> Reply<&'static Font> {
    if let Some(font) = FONT.get() {
        return Ok(font);
    }
    let font =
        Font::locate().map_err(|e| IpcError::new(ErrorCode::DocumentFailed, e.to_string()))?;
    Ok(FONT.get_or_init(|| font))
}

fn io_error(e: std::io::Error) -> IpcError {
    IpcError::new(ErrorCode::Io, format!("写入 PDF 文件失败：{e}"))
}

/// Where previews and copies for printing go: a folder of this app's own in the temp directory,
/// emptied at start-up ([`clear_temp_documents`]) because the PDFs hold personal data.
fn temp_folder() -> PathBuf {
    std::env::temp_dir().join("yiyang-documents")
}

/// Removes PDFs written for viewing by an earlier run.
pub fn clear_temp_documents() {
    let dir = temp_folder();
    if dir.exists() {
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            tracing::warn!(error = %e, dir = %dir.display(), "could not clear old document copies");
        }
    }
}

fn write_temp(name: &str, bytes: &[u8]) -> Reply<PathBuf> {
    let dir = temp_folder();
    std::fs::create_dir_all(&dir).map_err(io_error)?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(io_error)?;
    Ok(path)
}

/// Opens `path` in the system PDF viewer. Having no viewer is not an error of the document: the
/// file is there and its path is shown.
fn open_in_viewer(app: &tauri::AppHandle, path: &Path) {
    if let Err(e) = app
        .opener()
        .open_path(path.display().to_string(), None::<&str>)
    {
        tracing::warn!(error = %e, path = %path.display(), "no PDF viewer opened the document");
    }
}

fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn show_preview(app: &tauri::AppHandle, name: &str, p: PreviewPdf) -> Reply<DocumentPreview> {
    let path = write_temp(&format!("{}-预览.pdf", file_safe(name)), &p.bytes)?;
    open_in_viewer(app, &path);
    Ok(DocumentPreview {
        path: path.display().to_string(),
        pages: p.pages,
        missing_chars: p.missing_chars.iter().map(char::to_string).collect(),
    })
}

#[tauri::command]
pub async fn preview_agreement_document(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Reply<DocumentPreview> {
    let font = font()?;
    let p = state.with(|s| s.preview_agreement_document(&id, font))?;
    show_preview(&app, &format!("合作协议-{id}"), p)
}

#[tauri::command]
pub async fn sign_agreement_document(
    state: State<'_, AppState>,
    input: SignAgreementDocument,
) -> Reply<SignedDocument> {
    let font = font()?;
    state.write(|s, ctx| s.sign_agreement_document(ctx, &input, font))
}

#[tauri::command]
pub async fn last_licence_no(state: State<'_, AppState>) -> Reply<String> {
    state.with(|s| s.last_licence_no())
}

#[tauri::command]
pub async fn preview_contract_document(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    contract_id: String,
) -> Reply<DocumentPreview> {
    let font = font()?;
    let today = clock().1;
    let p = state.with(|s| s.preview_contract_document(&contract_id, today, font))?;
    show_preview(&app, &format!("签约协议-{contract_id}"), p)
}

#[tauri::command]
pub async fn sign_contract_document(
    state: State<'_, AppState>,
    input: SignContractDocument,
) -> Reply<SignedDocument> {
    let font = font()?;
    state.write(|s, ctx| s.sign_contract_document(ctx, &input, font))
}

#[tauri::command]
pub async fn get_signed_document(
    state: State<'_, AppState>,
    kind: DocumentKind,
    record_id: String,
) -> Reply<Option<SignedDocument>> {
    state.with(|s| s.signed_document(kind, &record_id))
}

fn file_name(d: &SignedDocument) -> String {
    format!("{}-{}.pdf", d.title, file_safe(&d.number))
}

#[tauri::command]
pub async fn open_signed_document(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Reply<()> {
    let (doc, bytes) = state.with(|s| s.signed_document_pdf(&id))?;
    let path = write_temp(&file_name(&doc), &bytes)?;
    state.with(|s| {
        s.record_output(
            clock().0,
            AuditAction::Print,
            "document",
            &doc.record_id,
            &format!("{} {}", doc.title, doc.number),
        )
    })?;
    open_in_viewer(&app, &path);
    Ok(())
}

#[tauri::command]
pub async fn save_signed_document_as(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Reply<Option<String>> {
    let (doc, bytes) = state.with(|s| s.signed_document_pdf(&id))?;
    let Some(path) = dialogs::save_path(&app, &file_name(&doc), ("PDF", &["pdf"])) else {
        return Ok(None);
    };
    dialogs::write_chosen(&path, &bytes).map_err(io_error)?;
    let shown = path.display().to_string();
    state.with(|s| {
        s.record_output(
            clock().0,
            AuditAction::Export,
            "document",
            &doc.record_id,
            &format!("{} {} → {shown}", doc.title, doc.number),
        )
    })?;
    Ok(Some(shown))
}

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Reply<Vec<TemplateSummary>> {
    state.with(|s| s.list_templates())
}

#[tauri::command]
pub async fn install_template(state: State<'_, AppState>, json: String) -> Reply<TemplateSummary> {
    state.write(|s, ctx| s.install_template(ctx, &json))
}

#[tauri::command]
pub async fn expiring_items(state: State<'_, AppState>) -> Reply<Vec<ExpiringItem>> {
    state.with(|s| s.expiring_items(clock().1))
}
