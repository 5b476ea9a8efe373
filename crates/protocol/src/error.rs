//! The one error shape that crosses the IPC boundary: a stable code the UI branches on, a Chinese
//! message for people, and the fields it concerns so a form can mark them.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable error codes. The UI switches on these, never on message text; never renumber or rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields break a rule; see `fields`.
    Validation,
    /// The 身份证号 is already on file: a `FieldIssue` for `idNumber` names the existing file and one
    /// with field `existingResidentId` carries its id in `message`, so the form can link to it.
    DuplicateIdNumber,
    /// The 健康档案编号 is already used by another resident.
    DuplicateHealthFileNo,
    NotFound,
    /// The record changed since the form was opened (optimistic concurrency).
    VersionConflict,
    /// The installation has not been set up yet (first run).
    NotSetUp,
    AlreadySetUp,
    /// The data file is not a 医养通 store or is damaged.
    StoreCorrupt,
    /// An applied migration differs from the one this build carries.
    MigrationMismatch,
    /// The data file was written by a newer version of the app.
    NewerSchema,
    Io,
    Internal,
    /// Nobody is logged in (or the session ended).
    NotLoggedIn,
    /// The user's role may not do this.
    Forbidden,
    /// Wrong log-in name, password or recovery code.
    WrongPassword,
    /// Too many wrong passwords: wait (the message says how long).
    TooManyAttempts,
    /// The window is locked after idling: unlock first.
    Locked,
    /// The backup file is damaged, was changed after it was written, or is not a backup.
    BackupInvalid,
    /// The backup belongs to another installation.
    BackupForeign,
    /// The key file next to the data file is missing or damaged.
    KeyFileInvalid,
    /// The action does not fit the record's current state (e.g. correcting an entry that was
    /// already corrected, recording a service for a resident who has died); the message says why.
    InvalidState,
    /// Data pulled from the county does not have the shape this build expects (a field missing
    /// or of the wrong type): nothing of that page was stored; an update of the app may be needed.
    SyncDataInvalid,
    /// Talking to the county failed (no connection, the county refused the enrolment code, an
    /// answer this version cannot read); the message says why.
    SyncFailed,
    /// A document could not be made, signed or saved (no Chinese font, a broken signing key, a
    /// file that could not be written); the message says why.
    DocumentFailed,
}

/// A problem with one input field. `field` is the camelCase field name of the input DTO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldIssue {
    pub field: String,
    /// Stable machine code of the rule that failed, e.g. `id_number.check_char`.
    pub code: String,
    /// Chinese message naming the field and the rule.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldIssue>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}
