//! Store errors, each with a stable [`ErrorCode`] and a Chinese message for people.
use yiyang_domain::access::permission_label;
use yiyang_domain::error::ValidationErrors;
use yiyang_protocol::{ErrorCode, FieldIssue, IpcError, Permission};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("输入有误，请按提示修改")]
    Validation(ValidationErrors),
    #[error("身份证号 {id_number} 已有档案：{name}（健康档案编号 {health_file_no}）")]
    DuplicateIdNumber {
        id_number: String,
        existing_id: String,
        name: String,
        health_file_no: String,
    },
    #[error("健康档案编号 {0} 已被其他居民使用")]
    DuplicateHealthFileNo(String),
    #[error("该居民已有当前的家庭医生签约（签约编号 {number}），请在原签约上续约，或先解约再新签")]
    ContractExists { existing_id: String, number: String },
    /// The step does not fit the record's current state (editing an active agreement, renewing a
    /// terminated contract, correcting a superseded entry …). `code` is the stable rule code
    /// (e.g. `agreement.not_draft`); `message` the whole Chinese message.
    #[error("{message}")]
    InvalidState { code: &'static str, message: String },
    #[error("找不到{what}（{id}）")]
    NotFound { what: &'static str, id: String },
    #[error("该档案已被修改（当前版本 {current}，打开时为 {base}），请重新打开后再改")]
    VersionConflict { base: i64, current: i64 },
    #[error("尚未完成首次设置")]
    NotSetUp,
    #[error("本机已完成首次设置")]
    AlreadySetUp,
    #[error("数据文件不是医养通的数据文件或已损坏：{0}")]
    Corrupt(String),
    #[error("数据文件的结构版本 {found} 比本程序支持的 {known} 新，请升级医养通")]
    NewerSchema { found: u32, known: u32 },
    #[error("数据文件中的第 {0} 号结构迁移与本程序不一致（校验和不同），已停止以免损坏数据")]
    MigrationMismatch(u32),
    #[error("读写数据文件失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("数据格式错误：{0}")]
    Json(#[from] serde_json::Error),
    #[error("请先登录")]
    NotLoggedIn,
    #[error("当前角色无权{}", permission_label(*permission))]
    Forbidden { permission: Permission },
    #[error("登录名或密码错误")]
    WrongPassword,
    #[error("密码错误次数过多，请 {wait_seconds} 秒后再试")]
    TooManyAttempts { wait_seconds: u64 },
    #[error("数据文件是旧版本的未加密文件，请先设置密码完成加密")]
    NeedsUpgrade,
    #[error("{0}")]
    KeyFile(String),
    #[error("备份无效：{0}")]
    BackupInvalid(String),
    #[error("此备份来自另一个安装（{0}），不能恢复到本机")]
    BackupForeign(String),
    /// A row pulled from the county does not have the shape the table expects.
    #[error("县级平台发来的数据无效（{table} {id}）：{reason}")]
    SyncData {
        table: &'static str,
        id: String,
        reason: String,
    },
    /// Making, signing or storing a document's PDF failed (`code` is the PDF crate's).
    #[error("{message}")]
    Document { code: &'static str, message: String },
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation(_) => ErrorCode::Validation,
            Self::DuplicateIdNumber { .. } => ErrorCode::DuplicateIdNumber,
            Self::DuplicateHealthFileNo(_) => ErrorCode::DuplicateHealthFileNo,
            // A form problem on `residentId` whose issues link to the existing contract (see
            // `field_issues`), until the UI gets a code of its own for it.
            Self::ContractExists { .. } => ErrorCode::Validation,
            Self::InvalidState { .. } => ErrorCode::InvalidState,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::VersionConflict { .. } => ErrorCode::VersionConflict,
            Self::NotSetUp => ErrorCode::NotSetUp,
            Self::AlreadySetUp => ErrorCode::AlreadySetUp,
            Self::Corrupt(_) => ErrorCode::StoreCorrupt,
            Self::NewerSchema { .. } => ErrorCode::NewerSchema,
            Self::MigrationMismatch(_) => ErrorCode::MigrationMismatch,
            Self::Io(_) => ErrorCode::Io,
            Self::Sqlite(e) if is_corruption(e) => ErrorCode::StoreCorrupt,
            Self::Sqlite(_) | Self::Json(_) => ErrorCode::Internal,
            Self::NotLoggedIn => ErrorCode::NotLoggedIn,
            Self::Forbidden { .. } => ErrorCode::Forbidden,
            Self::WrongPassword => ErrorCode::WrongPassword,
            Self::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Self::NeedsUpgrade => ErrorCode::NotSetUp,
            Self::KeyFile(_) => ErrorCode::KeyFileInvalid,
            Self::BackupInvalid(_) => ErrorCode::BackupInvalid,
            Self::BackupForeign(_) => ErrorCode::BackupForeign,
            Self::SyncData { .. } => ErrorCode::SyncDataInvalid,
            Self::Document { .. } => ErrorCode::DocumentFailed,
        }
    }

    /// The field problems this error concerns, for marking a form.
    pub fn field_issues(&self) -> Vec<FieldIssue> {
        match self {
            Self::Validation(errors) => errors.clone().into(),
            Self::DuplicateIdNumber { existing_id, .. } => vec![
                FieldIssue {
                    field: "idNumber".into(),
                    code: "id_number.duplicate".into(),
                    message: self.to_string(),
                },
                // Lets the form link to the existing file without parsing the message.
                FieldIssue {
                    field: "existingResidentId".into(),
                    code: "resident.existing".into(),
                    message: existing_id.clone(),
                },
            ],
            Self::DuplicateHealthFileNo(_) => vec![FieldIssue {
                field: "healthFileNo".into(),
                code: "health_file_no.duplicate".into(),
                message: self.to_string(),
            }],
            Self::ContractExists { existing_id, .. } => vec![
                FieldIssue {
                    field: "residentId".into(),
                    code: "contract.current_exists".into(),
                    message: self.to_string(),
                },
                // Lets the form link to the existing contract without parsing the message.
                FieldIssue {
                    field: "existingContractId".into(),
                    code: "contract.existing".into(),
                    message: existing_id.clone(),
                },
            ],
            // The rule code, so the UI and tests can tell the refusals apart.
            Self::InvalidState { code, message } => vec![FieldIssue {
                field: "status".into(),
                code: (*code).into(),
                message: message.clone(),
            }],
            Self::Document { code, message } => vec![FieldIssue {
                field: "document".into(),
                code: (*code).into(),
                message: message.clone(),
            }],
            _ => Vec::new(),
        }
    }

    /// A one-field validation error found by a store check (a duplicate, an unknown reference).
    pub(crate) fn field(field: &'static str, code: &'static str, message: String) -> Self {
        Self::Validation(ValidationErrors(vec![yiyang_domain::FieldError {
            field,
            code,
            message,
        }]))
    }
}

/// A damaged page can surface from any query, not only at log-in: say so in the same words.
fn sqlite_message(e: &rusqlite::Error) -> String {
    if is_corruption(e) {
        format!("数据文件已损坏（{e}），请从备份恢复")
    } else {
        format!("数据库错误：{e}")
    }
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

impl From<ValidationErrors> for StoreError {
    fn from(e: ValidationErrors) -> Self {
        Self::Validation(e)
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
            fields: e.field_issues(),
        }
    }
}
