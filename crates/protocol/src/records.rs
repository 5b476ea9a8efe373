//! Care records (the 7+3+4 service log): what a nurse or doctor records for a resident. Every
//! entry is append-only; a correction is a new entry that supersedes the old one with a reason.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    AssessmentAnswers, AssessmentResult, BedVisitInput, DisabilityGrade, DueCell,
    FamilyBedEndInput, FamilyBedInput, Frequency, HealthCheck, HealthCheckInput, HomeCarePlanInput,
    HomeService, HomeServiceInput, ItemCoverage, ServiceItem, Vitals,
};

/// A free-text entry (intervention, guidance, consultation, visit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteInput {
    pub note: String,
}

/// 年度健康管理方案.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    /// 主要健康问题
    pub problems: String,
    /// 管理目标
    pub goals: String,
    /// 干预措施（用药、饮食、运动、随访）
    pub measures: String,
}

/// One line of a long prescription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrugLine {
    pub name: String,
    /// e.g. "5 mg"
    pub dose: String,
    /// e.g. "每日一次 口服"
    pub usage: String,
}

/// 慢性病长处方 (doctors only; at most 12 weeks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrescriptionInput {
    pub diagnosis: String,
    pub drugs: Vec<DrugLine>,
    /// 1–12 weeks, as typed.
    pub weeks: String,
}

/// 优先转诊.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralInput {
    /// 转往医院及科室
    pub destination: String,
    pub reason: String,
}

/// 优先预约专家.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingInput {
    pub hospital: String,
    pub department: String,
    /// `YYYY-MM-DD`, may be empty when not yet fixed.
    pub appointment_on: String,
    pub note: String,
}

/// A round's vitals as typed (BP, pulse, optional glucose) and a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundInput {
    pub systolic: String,
    pub diastolic: String,
    pub pulse: String,
    /// mmol/L; empty when not measured.
    pub glucose: String,
    pub note: String,
}

/// 上门出诊.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitInput {
    pub reason: String,
    pub note: String,
}

/// A care plan (长期护理康复 or 安宁疗护): what is done and how often visits are due.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CarePlanInput {
    pub content: String,
    pub frequency: Option<Frequency>,
}

/// Why a resident was not seen on a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceReason {
    /// 不在（外出）
    Away,
    /// 住院
    InHospital,
    /// 拒绝
    Refused,
    /// 其他
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceInput {
    pub reason: AbsenceReason,
    pub note: String,
}

/// What kind of entry, with what the form typed. The kind decides the 7+3+4 item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "input", rename_all = "snake_case")]
pub enum RecordInputDetail {
    /// G3 (boxed: the form has about fifty fields, every other kind a handful)
    HealthCheck(Box<HealthCheckInput>),
    /// G6 (PHQ-9, GDS-15, Mini-Cog), G7 (self-care, Barthel, ability); TCM has no item.
    Assessment(AssessmentAnswers),
    /// G4
    HealthPlan(PlanInput),
    /// G5
    LongPrescription(PrescriptionInput),
    /// G6
    PsychIntervention(NoteInput),
    /// G7
    RehabGuidance(NoteInput),
    /// P1
    Consultation(NoteInput),
    /// P2
    Referral(ReferralInput),
    /// P3
    SpecialistBooking(BookingInput),
    /// S1
    Round(RoundInput),
    /// Not seen on a round (counts for nothing; the rounds sheet shows it).
    RoundAbsence(AbsenceInput),
    /// S2
    BedsideVisit(VisitInput),
    /// S3
    NursingPlan(CarePlanInput),
    /// S3
    NursingVisit(NoteInput),
    /// S4
    HospicePlan(CarePlanInput),
    /// S4
    HospiceVisit(NoteInput),
    /// 居家照护计划 (no 7+3+4 item; the home-care due list reads it).
    HomeCarePlan(HomeCarePlanInput),
    /// A home-care delivery (助餐, 助洁 …).
    HomeService(HomeServiceInput),
    /// 家庭养老床位 registration or re-registration.
    FamilyBed(FamilyBedInput),
    /// 家庭养老床位 ended.
    FamilyBedEnd(FamilyBedEndInput),
    /// A check or visit at a family care bed.
    BedVisit(BedVisitInput),
}

/// A new entry for one resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordInput {
    pub resident_id: String,
    /// `YYYY-MM-DD`; not in the future.
    pub occurred_on: String,
    /// 地点, e.g. the nursing home's name or "卫生院".
    pub place: String,
    pub detail: RecordInputDetail,
}

/// Replaces `record_id` by `replacement` (same resident), keeping both; `reason` is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectRecord {
    pub record_id: String,
    pub reason: String,
    pub replacement: RecordInput,
}

/// Marks `record_id` as entered in error (e.g. wrong resident): a superseding void entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoidRecord {
    pub record_id: String,
    pub reason: String,
}

/// A stored, validated entry's detail (what the form typed, normalised, plus what the app
/// computed: BMI and flags, scores and bands).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RecordDetail {
    HealthCheck(Box<HealthCheck>),
    Assessment {
        answers: AssessmentAnswers,
        result: AssessmentResult,
    },
    HealthPlan(PlanInput),
    LongPrescription {
        diagnosis: String,
        drugs: Vec<DrugLine>,
        weeks: u8,
        /// Last day the prescription covers (`YYYY-MM-DD`).
        until: String,
    },
    PsychIntervention(NoteInput),
    RehabGuidance(NoteInput),
    Consultation(NoteInput),
    Referral(ReferralInput),
    SpecialistBooking(BookingInput),
    Round {
        vitals: Vitals,
        note: String,
    },
    RoundAbsence(AbsenceInput),
    BedsideVisit(VisitInput),
    NursingPlan(CarePlanInput),
    NursingVisit(NoteInput),
    HospicePlan(CarePlanInput),
    HospiceVisit(NoteInput),
    HomeCarePlan(HomeCarePlanInput),
    HomeService(HomeService),
    FamilyBed(FamilyBedInput),
    FamilyBedEnd(FamilyBedEndInput),
    BedVisit(BedVisitInput),
    /// Entered in error; `reason` says why.
    Void {
        reason: String,
    },
}

/// One stored entry, as lists and the resident page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareRecord {
    pub id: String,
    pub resident_id: String,
    /// The 7+3+4 item this entry counts for, if any.
    pub item: Option<ServiceItem>,
    pub occurred_on: String,
    pub place: String,
    /// One line in Chinese, e.g. "血压 132/84 mmHg，脉搏 72 次/分".
    pub summary: String,
    pub detail: RecordDetail,
    pub recorded_by: String,
    pub recorded_by_name: String,
    /// RFC 3339 UTC.
    pub recorded_at: String,
    /// The entry this one corrects.
    pub supersedes: Option<String>,
    /// Why it was corrected (on the correcting entry).
    pub correction_reason: String,
    /// The entry that replaced this one, if any: then it no longer counts.
    pub superseded_by: Option<String>,
}

/// The record list of one resident (newest first), optionally one item's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordQuery {
    pub resident_id: String,
    pub item: Option<ServiceItem>,
    /// Include superseded entries (the correction history).
    pub include_superseded: bool,
}

/// The resident page's 7+3+4 grid for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentDue {
    pub resident_id: String,
    pub year: i32,
    pub cells: Vec<DueCell>,
    /// From the latest ability / Barthel / self-care assessment.
    pub disability: Option<DisabilityGrade>,
    pub rule_version: String,
}

/// One resident's row in a nursing home's due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueRow {
    pub resident_id: String,
    pub name: String,
    pub room: String,
    pub bed: String,
    pub age: u32,
    pub disability: Option<DisabilityGrade>,
    pub cells: Vec<DueCell>,
}

/// A nursing home's due list and coverage for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeDue {
    pub nursing_home_id: String,
    pub nursing_home_name: String,
    pub year: i32,
    pub rows: Vec<DueRow>,
    pub coverage: Vec<ItemCoverage>,
}

/// One line of 今日待办: an item due or overdue for a resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskRow {
    pub resident_id: String,
    pub name: String,
    pub nursing_home_name: String,
    pub room: String,
    pub bed: String,
    pub cell: DueCell,
}

/// One resident on a round, in bed order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundRow {
    pub resident_id: String,
    pub name: String,
    pub room: String,
    pub bed: String,
    pub age: u32,
    pub sex: crate::Sex,
    pub disability: Option<DisabilityGrade>,
    /// The S1 cell (whether a round is due).
    pub due: DueCell,
    /// Today's round or absence entry, when already recorded.
    pub today: Option<CareRecord>,
}

/// A nursing home's round sheet for today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundSheet {
    pub nursing_home_id: String,
    pub nursing_home_name: String,
    pub date: String,
    pub rows: Vec<RoundRow>,
}

/// One resident's round as typed in rounds mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundEntry {
    pub resident_id: String,
    pub nursing_home_id: String,
    pub round: RoundInput,
}

/// One resident not seen on a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundAbsenceEntry {
    pub resident_id: String,
    pub nursing_home_id: String,
    pub absence: AbsenceInput,
}
