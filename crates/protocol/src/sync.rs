//! The sync wire between a laptop (`crates/sync`) and the county server (`crates/county`).
//! JSON over HTTP(S), zstd (or gzip) bodies. docs/sync-protocol.md describes every message and
//! guarantee.
//!
//! Every request carries [`PROTOCOL_VERSION`] (in the body for POSTs and in the
//! [`PROTOCOL_HEADER`] header for all); the server refuses a version it does not speak with
//! [`WireErrorCode::ProtocolVersion`], so a newer laptop never half-talks to an older county.
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use ts_rs::TS;

/// The version of this wire format. Bump it for any change an older peer would misread.
pub const PROTOCOL_VERSION: u32 = 1;
/// Header that carries the protocol version on every request.
pub const PROTOCOL_HEADER: &str = "x-yiyang-protocol";
/// Largest request body the county accepts (compressed or not); bigger is 413.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Most mutations in one push batch.
pub const MAX_PUSH_BATCH: usize = 1000;
/// Most rows in one pull page.
pub const MAX_PULL_PAGE: u32 = 5000;

/// The synced tables. An unknown name fails to deserialize, so the server answers 400 naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncTable {
    Institutions,
    Users,
    CareTeams,
    Residents,
    Contracts,
    Agreements,
    CareRecords,
}

impl SyncTable {
    /// In reference order: a row only points at rows of tables before it (apply pages in this order).
    pub const ALL: [Self; 7] = [
        Self::Institutions,
        Self::Users,
        Self::CareTeams,
        Self::Residents,
        Self::Contracts,
        Self::Agreements,
        Self::CareRecords,
    ];

    /// The table's name, the same in SQLite, PostgreSQL and on the wire.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Institutions => "institutions",
            Self::Users => "users",
            Self::CareTeams => "care_teams",
            Self::Residents => "residents",
            Self::Contracts => "contracts",
            Self::Agreements => "agreements",
            Self::CareRecords => "care_records",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Append-only tables: a row is written once and never changes, so it can never conflict.
    pub const fn append_only(self) -> bool {
        matches!(self, Self::CareRecords)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MutationOp {
    Insert,
    Update,
}

/// `POST /v1/enrol`: a laptop joins the county with a one-time code an administrator issued for
/// its institution. Not authenticated (the code is the credential).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolRequest {
    pub protocol: u32,
    pub code: String,
    /// The installation's device id (UUID).
    pub device_id: String,
    /// Shown to the county administrator in the device list (e.g. "护士站笔记本").
    pub device_name: String,
    /// The 统一社会信用代码 of the laptop's own institution: must be the code's institution.
    pub credit_code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolResponse {
    pub device_id: String,
    /// Bearer token for every later request; the county keeps only its hash. Revocable.
    pub token: String,
    pub institution_id: String,
    pub institution_name: String,
}

/// One local change, as the outbox holds it. `seq` is the device's mutation sequence number:
/// contiguous from 1, the key of exactly-once apply.
///
/// `F` is how the two field maps are held: parsed (the county, and whoever reads them), or as
/// the outbox's JSON text ([`OutgoingMutation`]). The wire form is the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mutation<F = Map<String, Value>> {
    pub seq: i64,
    pub mutation_id: String,
    pub table: SyncTable,
    pub row_id: String,
    pub op: MutationOp,
    /// The changed fields' new values, by camelCase wire name (all fields for an insert).
    pub fields: F,
    /// The values those fields had on the laptop before the change (empty for an insert). The
    /// county merges field by field: a field whose county value is no longer `prior` was changed
    /// concurrently, and a different new value there is a conflict.
    #[serde(default)]
    pub prior: F,
    /// When this change settles an open conflict (同步 → 冲突), that conflict's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolves: Option<String>,
    pub actor_id: String,
    /// The laptop's clock when the change was made: shown to people, never used to decide.
    pub local_time: String,
}

/// A mutation as the laptop sends it: its field maps are the outbox's JSON objects, passed on
/// as they are stored. An initial upload sends a million of them, and parsing each into a map
/// only to write it out again was a visible part of the laptop's share of the upload.
pub type OutgoingMutation = Mutation<Box<RawValue>>;

/// `POST /v1/push`: the next mutations of the device's outbox, contiguous and in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    bound(deserialize = "Mutation<F>: Deserialize<'de>")
)]
pub struct PushRequest<F = Map<String, Value>> {
    pub protocol: u32,
    pub mutations: Vec<Mutation<F>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    /// One result per mutation of the request, in order (a retried mutation gets the result it
    /// got the first time).
    pub results: Vec<MutationResult>,
    /// The highest seq the county has now settled for this device.
    pub high_water: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MutationResult {
    pub seq: i64,
    pub mutation_id: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What the county did with one mutation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Every field was applied; the row is now at `version` on the county.
    Applied { version: i64 },
    /// The fields without a concurrent change were applied; each field in `conflicts` kept the
    /// county's value and waits in the conflict queue for a person.
    Conflict {
        version: i64,
        conflicts: Vec<String>,
    },
    /// Nothing of it was applied; it is quarantined with the reason (Chinese, names the field and
    /// the rule). It does not block later mutations.
    Rejected {
        code: String,
        field: Option<String>,
        message: String,
    },
}

/// `GET /v1/pull?cursor=…&limit=…`: rows changed after `cursor` that the institution may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullResponse<F = Map<String, Value>> {
    /// Rows in commit order of their last change (each row at most once per page).
    pub rows: Vec<PulledRow<F>>,
    /// Conflicts of this institution's rows that opened or were resolved after `cursor`.
    pub conflicts: Vec<ConflictRecord>,
    /// Where the next pull starts. Opaque to the client; store it with the page's rows.
    pub cursor: String,
    /// More changes are waiting: pull again at once.
    pub more: bool,
}

/// A row as the county holds it now (not a diff). `F` is how its fields are held: parsed (the
/// laptop), or as JSON text ([`OutgoingRow`]). The wire form is the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PulledRow<F = Map<String, Value>> {
    pub table: SyncTable,
    pub id: String,
    /// The county's version of the row (informational: the laptop's own versions are local).
    pub version: i64,
    /// Every synced field by camelCase wire name, plus the standard stamps
    /// (`createdAt`, `updatedAt`, `createdBy`, `updatedBy`, `deletedAt`).
    pub fields: F,
}

/// A row as the county sends it: its fields are the JSON text PostgreSQL writes, passed on
/// without being parsed into a map and written out again.
pub type OutgoingRow = PulledRow<Box<RawValue>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictStatus {
    Open,
    Resolved,
}

/// Two concurrent different values of one field of one row. Also an IPC type (inside
/// [`ConflictView`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictRecord {
    pub id: String,
    pub table: SyncTable,
    pub row_id: String,
    pub field: String,
    /// The value the county kept (what every laptop shows until a person decides).
    #[ts(type = "unknown")]
    pub kept_value: Value,
    /// The concurrent value that was not applied.
    #[ts(type = "unknown")]
    pub other_value: Value,
    /// Device and user that sent `other_value`, and when (laptop clock).
    pub other_device_id: String,
    pub other_actor_id: String,
    pub other_local_time: String,
    pub status: ConflictStatus,
    /// The value a person chose, once resolved.
    #[serde(default)]
    #[ts(type = "unknown")]
    pub resolved_value: Option<Value>,
    #[serde(default)]
    pub resolved_by: Option<String>,
    pub opened_at: String,
    #[serde(default)]
    pub resolved_at: Option<String>,
}

/// Every non-2xx answer of the county.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireError {
    pub code: WireErrorCode,
    /// Chinese, for the person at the laptop; names the field and the rule where there is one.
    pub message: String,
    /// For `sequence_gap`: the seq the county expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireErrorCode {
    /// 426: the request's protocol version is not one the county speaks.
    ProtocolVersion,
    /// 400: the body is not valid JSON of the expected shape (unknown table, wrong type, …).
    BadRequest,
    /// 413: the body is larger than [`MAX_BODY_BYTES`] or the batch than [`MAX_PUSH_BATCH`].
    PayloadTooLarge,
    /// 401: no token, or a token the county does not know.
    Unauthorized,
    /// 401: the device was revoked (a lost laptop); it must enrol again.
    Revoked,
    /// 400: the enrolment code is unknown, used, expired or for another institution.
    EnrolCodeInvalid,
    /// 409: the batch does not start right after the device's high-water mark.
    SequenceGap,
    /// 409: a seq the county already has arrived with a different mutation id (the laptop's
    /// store was restored from an old backup); pushing stops until an administrator looks.
    DeviceDiverged,
    /// 500: the county failed; nothing of the request was applied.
    Internal,
    /// 400: the statistics period (`year`, `month`) of an indicators request is missing, not a
    /// number, out of range or not begun yet.
    InvalidPeriod,
}

// ---- IPC: what the 同步 page shows (the laptop's store answers these) ----

/// The state of sync on this computer: the 同步 page and the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncOverview {
    /// This computer was enrolled with the county.
    pub enrolled: bool,
    pub server_url: Option<String>,
    /// The institution the county enrolled this computer for.
    pub institution_name: Option<String>,
    pub device_id: String,
    /// Local changes not yet accepted by the county.
    pub pending: u32,
    /// Changes the county refused (quarantined), newest first.
    pub rejected: Vec<RejectedMutation>,
    /// Conflicts waiting for a person to choose a value.
    pub open_conflicts: u32,
    /// Pulled rows waiting for a row they point at (stored as soon as it arrives).
    pub parked: u32,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    /// Why the last attempt failed (Chinese); None after a success.
    pub last_error: Option<String>,
}

/// A local change the county refused, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RejectedMutation {
    #[ts(type = "number")]
    pub seq: i64,
    pub table: SyncTable,
    pub row_id: String,
    /// What kind of record (e.g. 居民档案).
    pub table_label: String,
    /// Which record (e.g. the resident's name), or the id when it cannot be named.
    pub row_label: String,
    pub code: String,
    pub field: Option<String>,
    /// The field's Chinese name, when the refusal names a field.
    pub field_label: Option<String>,
    pub message: String,
    /// When the change was made (laptop clock).
    pub local_time: String,
}

/// A conflict as the 同步 → 冲突 page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    pub record: ConflictRecord,
    /// `resolving`: a choice was made here and waits to be pushed.
    pub local_status: LocalConflictStatus,
    /// What kind of record (e.g. 居民档案).
    pub table_label: String,
    /// Which record (e.g. the resident's name), or the id when it cannot be named.
    pub row_label: String,
    /// The field's Chinese name (e.g. 联系电话).
    pub field_label: String,
}

/// A conflict's state on this computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LocalConflictStatus {
    /// Waiting for a person.
    Open,
    /// A person chose a value here; the choice waits in the outbox.
    Resolving,
    Resolved,
}

/// What the background sync loop is doing now (the 同步 page polls it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// 空闲：waiting for the next cycle.
    Idle,
    /// 正在上传
    Pushing,
    /// 正在下载
    Pulling,
    /// 等待重试：the last attempt failed; the loop tries again after a pause.
    Backoff,
    /// 已暂停：a failure a person must look at (revoked device, bad address…); 「立即同步」 retries.
    Halted,
}

/// The loop's live state. Figures count only what the county confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncActivity {
    pub phase: SyncPhase,
    /// Changes the county settled in the current (or last) cycle, of `to_push` pending when it
    /// started.
    #[ts(type = "number")]
    pub pushed: u64,
    #[ts(type = "number")]
    pub to_push: u64,
    /// Rows stored from the county in the current (or last) cycle.
    #[ts(type = "number")]
    pub pulled: u64,
    pub consecutive_failures: u32,
    /// The last failure's stable code and Chinese message; cleared by a complete cycle.
    pub last_error_code: Option<String>,
    pub last_error_message: Option<String>,
    /// When the last complete cycle (push and pull both finished) ended, RFC 3339, since start.
    pub last_success_at: Option<String>,
    /// Seconds until the next attempt, when waiting.
    pub next_attempt_in_seconds: Option<u32>,
}

/// Everything the 同步 page shows: the stored state and what the loop is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub overview: SyncOverview,
    pub activity: SyncActivity,
}

/// 注册到县级平台: the address, the one-time code an administrator issued, and a name for this
/// computer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnrolInput {
    pub server_url: String,
    pub code: String,
    pub device_name: String,
}

/// A person's choice for a conflict: one of its two values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResolveConflictInput {
    pub conflict_id: String,
    #[ts(type = "unknown")]
    pub value: Value,
}
