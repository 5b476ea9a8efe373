//! One adapter per command of `yiyang_protocol::commands::COMMANDS`: parse, call the vault or the
//! store, map the error. No rules here (roles are checked by the store). `async` so the store work
//! runs off the UI thread.
use std::path::PathBuf;

use chrono::SecondsFormat;
use tauri::State;
use yiyang_protocol::sync::{
    ConflictView, EnrolInput, ResolveConflictInput, SyncActivity, SyncPhase, SyncStatus,
    WireErrorCode,
};
use yiyang_protocol::*;
use yiyang_store::StoreError;
use yiyang_sync::{ActivityPhase, SyncError, Trigger};

use crate::dialogs;
use crate::document_commands::*;
use crate::homecare_commands::*;
use crate::report_commands::*;
use crate::state::{clock, local_offset, AppState};
use crate::sync_bridge::{self, WindowStore};

type Reply<T> = Result<T, IpcError>;

fn io_error(e: std::io::Error) -> IpcError {
    IpcError::new(ErrorCode::Io, format!("读写文件失败：{e}"))
}

#[tauri::command]
pub async fn get_app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    state.status()
}

#[tauri::command]
pub async fn get_setup_state(state: State<'_, AppState>) -> Reply<SetupState> {
    state.with(|s| s.setup_state())
}

#[tauri::command]
pub async fn complete_setup(state: State<'_, AppState>, input: SetupInput) -> Reply<SetupDone> {
    let (now, today) = clock();
    let mut inner = state.lock_inner()?;
    let (store, done) = state.vault.set_up(&input, now, today)?;
    state.install(&mut inner, store);
    Ok(done)
}

#[tauri::command]
pub async fn upgrade_store(state: State<'_, AppState>, input: UpgradeInput) -> Reply<SetupDone> {
    let (now, today) = clock();
    let mut inner = state.lock_inner()?;
    let (store, done) = state.vault.upgrade(&input, now, today)?;
    state.install(&mut inner, store);
    Ok(done)
}

/// A damaged data file found at log-in switches the window to the restore screen.
fn opened(
    state: &AppState,
    inner: &mut crate::state::Inner,
    result: yiyang_store::Result<yiyang_store::Store>,
) -> Reply<SessionInfo> {
    match result {
        Ok(store) => {
            let info = store.session_info()?;
            state.install(inner, store);
            // The loop paused while the store was closed: catch up now.
            crate::sync_bridge::trigger(Trigger::SyncNow);
            Ok(info)
        }
        Err(e) => {
            let e: IpcError = e.into();
            if e.code == ErrorCode::StoreCorrupt {
                inner.broken = Some(e.clone());
            }
            Err(e)
        }
    }
}

#[tauri::command]
pub async fn log_in(state: State<'_, AppState>, input: LogInInput) -> Reply<SessionInfo> {
    let mut inner = state.lock_inner()?;
    let result = state.vault.log_in(&input, clock().0);
    opened(&state, &mut inner, result)
}

#[tauri::command]
pub async fn log_out(state: State<'_, AppState>) -> Reply<()> {
    let mut inner = state.lock_inner()?;
    if let Some(mut store) = inner.store.take() {
        store.end_session(clock().0, AuditAction::LogOut)?;
    }
    inner.locked = None;
    Ok(())
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Reply<()> {
    let mut inner = state.lock_inner()?;
    state.lock_now(&mut inner);
    Ok(())
}

/// Typing a long form calls no command; the UI reports that the user is still there, so the
/// shell's own idle check does not lock (and lose the form) at the next save.
#[tauri::command]
pub async fn keep_alive(state: State<'_, AppState>) -> Reply<()> {
    state.with(|_| Ok(()))
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, password: String) -> Reply<SessionInfo> {
    let mut inner = state.lock_inner()?;
    let Some(locked) = inner.locked.clone() else {
        return Err(IpcError::new(ErrorCode::NotLoggedIn, "窗口未锁定，请登录"));
    };
    let result = state.vault.unlock(&locked.user_id, &password, clock().0);
    opened(&state, &mut inner, result)
}

#[tauri::command]
pub async fn recover_access(state: State<'_, AppState>, input: RecoverInput) -> Reply<SessionInfo> {
    let mut inner = state.lock_inner()?;
    let result = state.vault.recover(&input, clock().0);
    opened(&state, &mut inner, result)
}

#[tauri::command]
pub async fn change_password(state: State<'_, AppState>, input: ChangePasswordInput) -> Reply<()> {
    state.with(|s| s.change_password(clock().0, &input))
}

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Reply<Vec<UserRow>> {
    state.with(|s| s.list_users())
}

#[tauri::command]
pub async fn create_user(state: State<'_, AppState>, input: UserInput) -> Reply<UserRow> {
    state.write(|s, ctx| s.create_user(ctx, &input))
}

#[tauri::command]
pub async fn remove_user(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.write(|s, ctx| s.remove_user(ctx, &id))
}

#[tauri::command]
pub async fn reset_user_password(
    state: State<'_, AppState>,
    input: ResetPasswordInput,
) -> Reply<()> {
    state.write(|s, ctx| s.reset_user_password(ctx, &input))
}

#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>, query: AuditQuery) -> Reply<AuditPage> {
    state.with(|s| s.list_audit(&query, local_offset()))
}

#[tauri::command]
pub async fn verify_audit(state: State<'_, AppState>) -> Reply<AuditVerification> {
    state.with(|s| s.verify_audit())
}

#[tauri::command]
pub async fn export_audit(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Reply<Option<String>> {
    // Checked before the dialog, so a user without the right never sees it.
    state.with(|s| {
        s.list_audit(
            &AuditQuery {
                page: 1,
                page_size: 1,
                ..query.clone()
            },
            local_offset(),
        )
    })?;
    let name = format!(
        "医养通审计日志-{}.csv",
        chrono::Local::now().format("%Y%m%d-%H%M")
    );
    let Some(path) = dialogs::save_path(&app, &name, ("CSV", &["csv"])) else {
        return Ok(None);
    };
    let mut file = std::fs::File::create(&path).map_err(io_error)?;
    let shown = path.display().to_string();
    state.with(|s| s.export_audit_csv(&query, local_offset(), &mut file, clock().0, &shown))?;
    Ok(Some(shown))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.with(|s| s.settings())
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Reply<Settings> {
    let saved = state.with(|s| s.save_settings(clock().0, &settings))?;
    let mut inner = state.lock_inner()?;
    if let Some(store) = inner.store.as_ref() {
        let limit = state.idle_limit(store);
        inner.idle_limit = limit;
    }
    Ok(saved)
}

#[tauri::command]
pub async fn choose_folder(app: tauri::AppHandle) -> Reply<Option<String>> {
    Ok(dialogs::pick_folder(&app).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn choose_backup_file(app: tauri::AppHandle) -> Reply<Option<String>> {
    Ok(dialogs::pick_file(&app, ("医养通备份", &["sqlite3"])).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Reply<BackupInfo> {
    state.with(|s| s.backup_now(clock().0))
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<Vec<BackupInfo>> {
    state.with(|s| s.list_backups())
}

#[tauri::command]
pub async fn preview_backup(state: State<'_, AppState>, path: String) -> Reply<BackupInfo> {
    state.with(|s| s.preview_backup(&PathBuf::from(&path)))
}

#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> Reply<RestoreDone> {
    // Checked (and idle-locked) through `with` first; then the store is taken out to be replaced.
    state.with(|s| s.preview_backup(&PathBuf::from(&path)))?;
    let mut inner = state.lock_inner()?;
    let store = inner
        .store
        .take()
        .ok_or_else(|| IpcError::new(ErrorCode::NotLoggedIn, "请先登录"))?;
    match store.restore_backup(&PathBuf::from(&path), clock().0) {
        Ok((store, done)) => {
            state.install(&mut inner, store);
            Ok(done)
        }
        Err(e) => Err(e.into()),
    }
}

#[tauri::command]
pub async fn restore_broken(
    state: State<'_, AppState>,
    input: RestoreBrokenInput,
) -> Reply<RestoreDone> {
    let mut inner = state.lock_inner()?;
    let (store, done) = state.vault.restore_broken(
        &PathBuf::from(&input.path),
        &input.login,
        &input.password,
        clock().0,
    )?;
    state.install(&mut inner, store);
    Ok(done)
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
    let (now, today) = clock();
    state.with(|s| s.get_resident(&id, now, today))
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

#[tauri::command]
pub async fn scale_spec(state: State<'_, AppState>, scale: Scale) -> Reply<ScaleSpec> {
    state.with(|s| s.scale_spec(scale))
}

#[tauri::command]
pub async fn preview_assessment(
    state: State<'_, AppState>,
    answers: AssessmentAnswers,
) -> Reply<AssessmentResult> {
    state.with(|s| s.preview_assessment(&answers))
}

#[tauri::command]
pub async fn add_record(state: State<'_, AppState>, input: RecordInput) -> Reply<CareRecord> {
    state.write(|s, ctx| s.add_record(ctx, &input))
}

#[tauri::command]
pub async fn correct_record(state: State<'_, AppState>, input: CorrectRecord) -> Reply<CareRecord> {
    state.write(|s, ctx| s.correct_record(ctx, &input))
}

#[tauri::command]
pub async fn void_record(state: State<'_, AppState>, input: VoidRecord) -> Reply<CareRecord> {
    state.write(|s, ctx| s.void_record(ctx, &input))
}

#[tauri::command]
pub async fn list_records(
    state: State<'_, AppState>,
    query: RecordQuery,
) -> Reply<Vec<CareRecord>> {
    state.with(|s| s.list_records(&query))
}

#[tauri::command]
pub async fn resident_due(
    state: State<'_, AppState>,
    resident_id: String,
    year: i32,
) -> Reply<ResidentDue> {
    state.with(|s| s.resident_due(&resident_id, year, clock().1))
}

#[tauri::command]
pub async fn home_due(
    state: State<'_, AppState>,
    nursing_home_id: String,
    year: i32,
) -> Reply<HomeDue> {
    state.with(|s| s.home_due(&nursing_home_id, year, clock().1))
}

#[tauri::command]
pub async fn today_tasks(state: State<'_, AppState>) -> Reply<Vec<TaskRow>> {
    state.with(|s| s.today_tasks(clock().1))
}

#[tauri::command]
pub async fn round_sheet(state: State<'_, AppState>, nursing_home_id: String) -> Reply<RoundSheet> {
    state.with(|s| s.round_sheet(&nursing_home_id, clock().1))
}

#[tauri::command]
pub async fn record_round(state: State<'_, AppState>, entry: RoundEntry) -> Reply<RoundRow> {
    state.write(|s, ctx| s.record_round(ctx, &entry))
}

#[tauri::command]
pub async fn record_round_absence(
    state: State<'_, AppState>,
    entry: RoundAbsenceEntry,
) -> Reply<RoundRow> {
    state.write(|s, ctx| s.record_round_absence(ctx, &entry))
}

#[tauri::command]
pub async fn list_staff(state: State<'_, AppState>) -> Reply<Vec<StaffMember>> {
    state.with(|s| s.list_staff())
}

#[tauri::command]
pub async fn list_teams(state: State<'_, AppState>) -> Reply<Vec<CareTeam>> {
    state.with(|s| s.list_teams())
}

#[tauri::command]
pub async fn create_team(state: State<'_, AppState>, input: TeamInput) -> Reply<CareTeam> {
    state.write(|s, ctx| s.create_team(ctx, &input))
}

#[tauri::command]
pub async fn update_team(state: State<'_, AppState>, update: UpdateTeam) -> Reply<CareTeam> {
    state.write(|s, ctx| s.update_team(ctx, &update))
}

#[tauri::command]
pub async fn list_contracts(
    state: State<'_, AppState>,
    query: ContractQuery,
) -> Reply<Vec<Contract>> {
    state.with(|s| s.list_contracts(&query, clock().1))
}

#[tauri::command]
pub async fn create_contract(state: State<'_, AppState>, input: ContractInput) -> Reply<Contract> {
    state.write(|s, ctx| s.create_contract(ctx, &input))
}

#[tauri::command]
pub async fn sign_contract(state: State<'_, AppState>, input: SignContract) -> Reply<Contract> {
    state.write(|s, ctx| s.sign_contract(ctx, &input))
}

#[tauri::command]
pub async fn renew_contract(state: State<'_, AppState>, input: RenewContract) -> Reply<Contract> {
    state.write(|s, ctx| s.renew_contract(ctx, &input))
}

#[tauri::command]
pub async fn terminate_contract(
    state: State<'_, AppState>,
    input: TerminateContract,
) -> Reply<Contract> {
    state.write(|s, ctx| s.terminate_contract(ctx, &input))
}

#[tauri::command]
pub async fn list_agreements(state: State<'_, AppState>) -> Reply<Vec<Agreement>> {
    state.with(|s| s.list_agreements())
}

#[tauri::command]
pub async fn create_agreement(
    state: State<'_, AppState>,
    input: AgreementInput,
) -> Reply<Agreement> {
    state.write(|s, ctx| s.create_agreement(ctx, &input))
}

#[tauri::command]
pub async fn update_agreement(
    state: State<'_, AppState>,
    update: UpdateAgreement,
) -> Reply<Agreement> {
    state.write(|s, ctx| s.update_agreement(ctx, &update))
}

#[tauri::command]
pub async fn activate_agreement(
    state: State<'_, AppState>,
    step: AgreementStep,
) -> Reply<Agreement> {
    state.write(|s, ctx| s.activate_agreement(ctx, &step))
}

#[tauri::command]
pub async fn terminate_agreement(
    state: State<'_, AppState>,
    step: AgreementStep,
) -> Reply<Agreement> {
    state.write(|s, ctx| s.terminate_agreement(ctx, &step))
}

#[tauri::command]
pub async fn amend_agreement(state: State<'_, AppState>, step: AgreementStep) -> Reply<Agreement> {
    state.write(|s, ctx| s.amend_agreement(ctx, &step))
}

#[tauri::command]
pub async fn record_output(
    state: State<'_, AppState>,
    action: AuditAction,
    record_kind: String,
    record_id: String,
    detail: String,
) -> Reply<()> {
    state.with(|s| s.record_output(clock().0, action, &record_kind, &record_id, &detail))
}

/// What the sync loop is doing (idle before it started).
fn sync_activity() -> SyncActivity {
    let a = sync_bridge::handle()
        .map(yiyang_sync::SyncHandle::activity)
        .unwrap_or_default();
    let (last_error_code, last_error_message) = a.last_error.unzip();
    SyncActivity {
        phase: match a.phase {
            ActivityPhase::Idle => SyncPhase::Idle,
            ActivityPhase::Pushing => SyncPhase::Pushing,
            ActivityPhase::Pulling => SyncPhase::Pulling,
            ActivityPhase::Backoff => SyncPhase::Backoff,
            ActivityPhase::Halted => SyncPhase::Halted,
        },
        pushed: a.pushed,
        to_push: a.to_push,
        pulled: a.pulled,
        consecutive_failures: a.consecutive_failures,
        last_error_code,
        last_error_message,
        last_success_at: a
            .last_success
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true)),
        next_attempt_in_seconds: a
            .next_attempt_in_ms
            .map(|ms| u32::try_from(ms.div_ceil(1000)).unwrap_or(u32::MAX)),
    }
}

/// The stored sync state and the loop's activity. `passive`: a poll, not the user acting.
fn sync_status(state: &AppState, passive: bool) -> Reply<SyncStatus> {
    let read = |s: &mut yiyang_store::Store| {
        // The store answers without a session (the background loop reads it too); the window
        // shows it only to someone logged in.
        s.session()?;
        s.sync_overview()
    };
    let overview = if passive {
        state.with_passive(read)?
    } else {
        state.with(read)?
    };
    Ok(SyncStatus {
        overview,
        activity: sync_activity(),
    })
}

/// Polled by the 同步 page and the header badge; does not postpone the idle lock.
#[tauri::command]
pub async fn get_sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    sync_status(&state, true)
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> Reply<SyncStatus> {
    let status = sync_status(&state, false)?;
    sync_bridge::trigger(Trigger::SyncNow);
    Ok(status)
}

/// A failed enrolment as the form shows it: the field at fault where there is one.
fn enrol_error(e: SyncError) -> IpcError {
    let field = |field: &str, code: &str, message: String| IpcError {
        code: ErrorCode::Validation,
        message: message.clone(),
        fields: vec![FieldIssue {
            field: field.into(),
            code: code.into(),
            message,
        }],
    };
    match e {
        SyncError::Store(e) => e.into(),
        SyncError::StoreClosed => IpcError::new(ErrorCode::NotLoggedIn, "请先登录"),
        SyncError::BadServerUrl(_) => field("serverUrl", "sync.server_url", e.to_string()),
        SyncError::County { ref error, .. } if error.code == WireErrorCode::EnrolCodeInvalid => {
            field("code", "sync.enrol_code", error.message.clone())
        }
        e => IpcError::new(ErrorCode::SyncFailed, format!("注册失败：{e}")),
    }
}

/// Enrols with the county. The window's state is locked only for the store's own reads and
/// writes, never while waiting for the county, so the rest of the window keeps working.
#[tauri::command]
pub async fn enrol_device(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: EnrolInput,
) -> Reply<SyncStatus> {
    // Refuse before the one-time code is spent on the county (the store checks again on save).
    state.with(|s| {
        if s.session_info()?
            .permissions
            .contains(&Permission::ManageSync)
        {
            Ok(())
        } else {
            Err(StoreError::Forbidden {
                permission: Permission::ManageSync,
            })
        }
    })?;
    yiyang_sync::enrol(
        &WindowStore::new(app),
        &input.server_url,
        &input.code,
        &input.device_name,
    )
    .await
    .map_err(|e| {
        tracing::warn!(code = e.code(), error = %e, "enrolment failed");
        enrol_error(e)
    })?;
    sync_bridge::trigger(Trigger::SyncNow);
    sync_status(&state, false)
}

#[tauri::command]
pub async fn list_sync_conflicts(
    state: State<'_, AppState>,
    include_resolved: bool,
) -> Reply<Vec<ConflictView>> {
    state.with(|s| {
        s.session()?;
        s.list_conflicts(include_resolved)
    })
}

#[tauri::command]
pub async fn resolve_sync_conflict(
    state: State<'_, AppState>,
    input: ResolveConflictInput,
) -> Reply<()> {
    state.write(|s, ctx| s.resolve_conflict(ctx, &input.conflict_id, input.value))
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

/// Generates the handler and, for the test below, the list of names it registers.
macro_rules! handlers {
    ($($name:ident),* $(,)?) => {
        /// Names registered below; a test checks they are exactly the protocol's command list.
        #[cfg(test)]
        pub const REGISTERED: &[&str] = &[$(stringify!($name)),*];

        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

handlers![
    get_app_status,
    get_setup_state,
    complete_setup,
    upgrade_store,
    log_in,
    log_out,
    lock,
    keep_alive,
    unlock,
    recover_access,
    change_password,
    list_users,
    create_user,
    remove_user,
    reset_user_password,
    list_audit,
    verify_audit,
    export_audit,
    get_settings,
    save_settings,
    choose_folder,
    backup_now,
    list_backups,
    choose_backup_file,
    preview_backup,
    restore_backup,
    restore_broken,
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
    scale_spec,
    preview_assessment,
    add_record,
    correct_record,
    void_record,
    list_records,
    resident_due,
    home_due,
    today_tasks,
    round_sheet,
    record_round,
    record_round_absence,
    home_care_catalogue,
    save_catalogue_item,
    ltc_settings,
    save_ltc_settings,
    home_care_overview,
    family_beds,
    home_care_tasks,
    home_care_statement,
    home_care_indicators,
    list_staff,
    list_teams,
    create_team,
    update_team,
    list_contracts,
    create_contract,
    sign_contract,
    renew_contract,
    terminate_contract,
    list_agreements,
    create_agreement,
    update_agreement,
    activate_agreement,
    terminate_agreement,
    amend_agreement,
    preview_agreement_document,
    sign_agreement_document,
    last_licence_no,
    preview_contract_document,
    sign_contract_document,
    get_signed_document,
    open_signed_document,
    save_signed_document_as,
    list_templates,
    install_template,
    expiring_items,
    choose_import_file,
    import_overview,
    preview_import,
    import_residents,
    indicators,
    export_residents_xlsx,
    rejected_rows_xlsx,
    indicator_report_xlsx,
    save_chart_png,
    get_sync_status,
    sync_now,
    enrol_device,
    list_sync_conflicts,
    resolve_sync_conflict,
    record_output,
    report_first_paint,
];

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
