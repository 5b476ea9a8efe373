//! What can go wrong while syncing, by what the loop does about it (retry or stop for a person).
use yiyang_protocol::sync::{WireError, WireErrorCode};

use crate::machine::FailureKind;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No connection, a timeout, a dropped connection or a county that is restarting.
    #[error("无法连接县级服务器：{0}")]
    Network(String),
    /// The county answered with a reason.
    #[error("{}", .error.message)]
    County { status: u16, error: WireError },
    /// The county answered something this version cannot read.
    #[error("县级服务器的应答无法识别：{0}")]
    BadAnswer(String),
    #[error("服务器地址须以 https:// 或 http:// 开头：{0}")]
    BadServerUrl(String),
    #[error("本机尚未注册到县级服务器，请先在「同步」页输入注册码")]
    NotEnrolled,
    /// Nobody is logged in: the store is closed, so there is nothing to sync with.
    #[error("未登录，暂停同步")]
    StoreClosed,
    #[error(transparent)]
    Store(#[from] yiyang_store::StoreError),
    #[error("同步内部错误：{0}")]
    Internal(String),
}

impl SyncError {
    /// A stable code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Network(_) => "network",
            Self::County { error, .. } => match error.code {
                WireErrorCode::ProtocolVersion => "protocol_version",
                WireErrorCode::BadRequest => "bad_request",
                WireErrorCode::PayloadTooLarge => "payload_too_large",
                WireErrorCode::Unauthorized => "unauthorized",
                WireErrorCode::Revoked => "revoked",
                WireErrorCode::EnrolCodeInvalid => "enrol_code_invalid",
                WireErrorCode::SequenceGap => "sequence_gap",
                WireErrorCode::DeviceDiverged => "device_diverged",
                WireErrorCode::Internal => "county_internal",
                WireErrorCode::InvalidPeriod => "invalid_period",
            },
            Self::BadAnswer(_) => "bad_answer",
            Self::BadServerUrl(_) => "bad_server_url",
            Self::NotEnrolled => "not_enrolled",
            Self::StoreClosed => "store_closed",
            Self::Store(_) => "store",
            Self::Internal(_) => "internal",
        }
    }

    /// Whether waiting and trying again can help.
    pub fn kind(&self) -> FailureKind {
        match self {
            Self::Network(_) | Self::BadAnswer(_) | Self::Store(_) | Self::StoreClosed => {
                FailureKind::Transient
            }
            Self::County { error, .. } => match error.code {
                WireErrorCode::Internal => FailureKind::Transient,
                // A gap means the county lost what this laptop saw settled (a county restored
                // from a backup): resending blindly could apply things twice, so a person looks.
                _ => FailureKind::Permanent,
            },
            Self::BadServerUrl(_) | Self::NotEnrolled | Self::Internal(_) => FailureKind::Permanent,
        }
    }
}
