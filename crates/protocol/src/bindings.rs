//! Generates `ui/src/ipc/bindings.ts`: every IPC type and one typed wrapper per command.
use ts_rs::{Config, TS};

use crate::commands::COMMANDS;
use crate::sync::{
    ConflictRecord, ConflictStatus, ConflictView, EnrolInput, LocalConflictStatus,
    RejectedMutation, ResolveConflictInput, SyncActivity, SyncOverview, SyncPhase, SyncStatus,
    SyncTable,
};
use crate::*;

/// Path of the generated file, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

fn declarations(cfg: &Config) -> Vec<String> {
    vec![
        ErrorCode::decl(cfg),
        FieldIssue::decl(cfg),
        IpcError::decl(cfg),
        InstitutionKind::decl(cfg),
        InstitutionInput::decl(cfg),
        Institution::decl(cfg),
        SetupInput::decl(cfg),
        UserSummary::decl(cfg),
        SetupState::decl(cfg),
        Sex::decl(cfg),
        LivingKind::decl(cfg),
        MedicalInsurance::decl(cfg),
        SpecialCategory::decl(cfg),
        ResidentStatus::decl(cfg),
        ResidentInput::decl(cfg),
        Resident::decl(cfg),
        ResidentSort::decl(cfg),
        SortOrder::decl(cfg),
        ResidentListQuery::decl(cfg),
        ResidentRow::decl(cfg),
        ResidentPage::decl(cfg),
        MatchKind::decl(cfg),
        SearchQuery::decl(cfg),
        SearchHit::decl(cfg),
        IdNumberFacts::decl(cfg),
        ResidentCheck::decl(cfg),
        UpdateResident::decl(cfg),
        ChangeStatus::decl(cfg),
        ChangeAction::decl(cfg),
        FieldChange::decl(cfg),
        HistoryEntry::decl(cfg),
        Role::decl(cfg),
        Permission::decl(cfg),
        Phase::decl(cfg),
        SessionInfo::decl(cfg),
        AppStatus::decl(cfg),
        LogInInput::decl(cfg),
        UpgradeInput::decl(cfg),
        SetupDone::decl(cfg),
        RecoverInput::decl(cfg),
        ChangePasswordInput::decl(cfg),
        UserInput::decl(cfg),
        UserRow::decl(cfg),
        ResetPasswordInput::decl(cfg),
        AuditAction::decl(cfg),
        AuditQuery::decl(cfg),
        AuditEntry::decl(cfg),
        AuditPage::decl(cfg),
        AuditVerification::decl(cfg),
        ServiceItem::decl(cfg),
        FrequencyUnit::decl(cfg),
        Frequency::decl(cfg),
        DueState::decl(cfg),
        DueCell::decl(cfg),
        ItemCoverage::decl(cfg),
        NoteInput::decl(cfg),
        PlanInput::decl(cfg),
        DrugLine::decl(cfg),
        PrescriptionInput::decl(cfg),
        ReferralInput::decl(cfg),
        BookingInput::decl(cfg),
        RoundInput::decl(cfg),
        VisitInput::decl(cfg),
        CarePlanInput::decl(cfg),
        AbsenceReason::decl(cfg),
        AbsenceInput::decl(cfg),
        ServiceUnit::decl(cfg),
        Payer::decl(cfg),
        EntitledGroup::decl(cfg),
        CatalogueItem::decl(cfg),
        CatalogueItemInput::decl(cfg),
        PlannedService::decl(cfg),
        HomeCarePlanInput::decl(cfg),
        Confirmation::decl(cfg),
        HomeServiceInput::decl(cfg),
        HomeService::decl(cfg),
        BedLevel::decl(cfg),
        FamilyBedInput::decl(cfg),
        FamilyBedEndInput::decl(cfg),
        BedVisitInput::decl(cfg),
        CareLevel::decl(cfg),
        LtcEligibility::decl(cfg),
        StatementLine::decl(cfg),
        MonthlyStatement::decl(cfg),
        BedVisitState::decl(cfg),
        FamilyBedRow::decl(cfg),
        HomeCareDue::decl(cfg),
        HomeCareOverview::decl(cfg),
        HomeCareTask::decl(cfg),
        LtcSettings::decl(cfg),
        LtcSettingsInput::decl(cfg),
        StatementQuery::decl(cfg),
        ServiceMonthCount::decl(cfg),
        HomeCareIndicators::decl(cfg),
        RecordInputDetail::decl(cfg),
        RecordInput::decl(cfg),
        CorrectRecord::decl(cfg),
        VoidRecord::decl(cfg),
        RecordDetail::decl(cfg),
        CareRecord::decl(cfg),
        RecordQuery::decl(cfg),
        ResidentDue::decl(cfg),
        DueRow::decl(cfg),
        HomeDue::decl(cfg),
        TaskRow::decl(cfg),
        RoundRow::decl(cfg),
        RoundSheet::decl(cfg),
        RoundEntry::decl(cfg),
        RoundAbsenceEntry::decl(cfg),
        StaffMember::decl(cfg),
        TeamRole::decl(cfg),
        TeamMember::decl(cfg),
        TeamInput::decl(cfg),
        CareTeam::decl(cfg),
        UpdateTeam::decl(cfg),
        PopulationCategory::decl(cfg),
        PackageKind::decl(cfg),
        PackageItemInput::decl(cfg),
        PackageItem::decl(cfg),
        ContractStatus::decl(cfg),
        TerminationReason::decl(cfg),
        ContractInput::decl(cfg),
        SignContract::decl(cfg),
        RenewContract::decl(cfg),
        TerminateContract::decl(cfg),
        Contract::decl(cfg),
        ContractQuery::decl(cfg),
        ServiceMethod::decl(cfg),
        AgreementItem::decl(cfg),
        AgreementStatus::decl(cfg),
        AgreementInput::decl(cfg),
        UpdateAgreement::decl(cfg),
        AgreementStep::decl(cfg),
        DocumentKind::decl(cfg),
        DrawnSignature::decl(cfg),
        SignAgreementDocument::decl(cfg),
        SignContractDocument::decl(cfg),
        SignedDocument::decl(cfg),
        DocumentPreview::decl(cfg),
        TemplateSummary::decl(cfg),
        ExpiringItem::decl(cfg),
        Agreement::decl(cfg),
        Scale::decl(cfg),
        DisabilityGrade::decl(cfg),
        AbilityFactors::decl(cfg),
        AssessmentAnswers::decl(cfg),
        DomainScore::decl(cfg),
        TcmConstitution::decl(cfg),
        TcmVerdict::decl(cfg),
        TcmTypeResult::decl(cfg),
        AssessmentResult::decl(cfg),
        OptionSpec::decl(cfg),
        ItemSpec::decl(cfg),
        ScaleSpec::decl(cfg),
        ExerciseFrequency::decl(cfg),
        DietHabit::decl(cfg),
        SmokingStatus::decl(cfg),
        DrinkingFrequency::decl(cfg),
        ExamResult::decl(cfg),
        ExamFinding::decl(cfg),
        Hearing::decl(cfg),
        MotorFunction::decl(cfg),
        UrineDipstick::decl(cfg),
        HealthGuidance::decl(cfg),
        HealthCheckInput::decl(cfg),
        FlagDirection::decl(cfg),
        HealthFlag::decl(cfg),
        HealthCheck::decl(cfg),
        Vitals::decl(cfg),
        Settings::decl(cfg),
        BackupCounts::decl(cfg),
        BackupInfo::decl(cfg),
        RestoreDone::decl(cfg),
        RestoreBrokenInput::decl(cfg),
        ImportField::decl(cfg),
        MappedColumn::decl(cfg),
        SheetOverview::decl(cfg),
        ImportOptions::decl(cfg),
        RowOutcome::decl(cfg),
        ImportRow::decl(cfg),
        RejectedIssue::decl(cfg),
        RejectedRow::decl(cfg),
        ImportSummary::decl(cfg),
        ImportProgress::decl(cfg),
        IndicatorPeriod::decl(cfg),
        Rate::decl(cfg),
        ItemRate::decl(cfg),
        GradeCount::decl(cfg),
        IndicatorUnitKind::decl(cfg),
        UnitIndicators::decl(cfg),
        IndicatorReport::decl(cfg),
        SyncTable::decl(cfg),
        ConflictStatus::decl(cfg),
        ConflictRecord::decl(cfg),
        LocalConflictStatus::decl(cfg),
        ConflictView::decl(cfg),
        RejectedMutation::decl(cfg),
        SyncOverview::decl(cfg),
        SyncPhase::decl(cfg),
        SyncActivity::decl(cfg),
        SyncStatus::decl(cfg),
        EnrolInput::decl(cfg),
        ResolveConflictInput::decl(cfg),
    ]
}

fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole generated TypeScript file.
pub fn typescript() -> String {
    let cfg = Config::default();
    let mut out = String::from(
        "// 由 crates/protocol 生成，请勿手工修改。\n\
         // Generated by `cargo run -p yiyang-protocol --bin gen-bindings`; do not edit.\n\n\
         import { call } from \"./call\";\n\n",
    );
    for decl in declarations(&cfg) {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    for c in COMMANDS {
        let params: Vec<String> = c
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {}", camel(name), ty(&cfg)))
            .collect();
        let payload: Vec<String> = c.args.iter().map(|(name, _)| camel(name)).collect();
        let ret = (c.ret)(&cfg);
        let ret = if ret == "null" {
            "void".to_owned()
        } else {
            ret
        };
        out.push_str(&format!(
            "/** {} */\nexport function {}({}): Promise<{}> {{\n  return call(\"{}\", {{ {} }});\n}}\n\n",
            c.doc.trim(),
            camel(c.name),
            params.join(", "),
            ret,
            c.name,
            payload.join(", ")
        ));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when a Rust type or command changed and the committed TypeScript was not regenerated.
    #[test]
    fn committed_bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(BINDINGS_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == typescript(),
            "{BINDINGS_PATH} is stale: run `cargo run -p yiyang-protocol --bin gen-bindings`"
        );
    }

    #[test]
    fn every_command_has_a_wrapper() {
        let ts = typescript();
        for c in COMMANDS {
            assert!(ts.contains(&format!("call(\"{}\"", c.name)), "{}", c.name);
        }
    }

    #[test]
    fn error_code_is_a_string_union() {
        let ts = typescript();
        assert!(
            ts.contains("export type ErrorCode = \"validation\""),
            "{ts}"
        );
    }
}
