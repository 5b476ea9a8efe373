//! The county's error type: every failure of a request maps to one protocol [`WireError`] with
//! a stable code and status. Internal causes are logged, never sent (they could leak schema or
//! data of other institutions).
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use yiyang_protocol::sync::{WireError, WireErrorCode, PROTOCOL_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("协议版本不受支持：县级服务器使用协议 {PROTOCOL_VERSION}，请求为 {0}")]
    ProtocolVersion(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("缺少或无法识别的设备令牌，请重新登记设备")]
    Unauthorized,
    #[error("此设备已被县级管理员停用，请重新登记")]
    Revoked,
    #[error("登记码无效：未知、已使用、已过期或不属于本机构")]
    EnrolCodeInvalid,
    #[error("同步序号不连续：县级服务器期望下一条为第 {expected} 条")]
    SequenceGap { expected: i64 },
    #[error("第 {seq} 条修改与县级服务器记录的不同（本机数据可能从旧备份恢复），请联系管理员")]
    DeviceDiverged { seq: i64 },
    #[error("统计期间无效：{0}")]
    InvalidPeriod(String),
    #[error("{0}")]
    AdminUnauthorized(&'static str),
    #[error("database: {0}")]
    Db(#[from] tokio_postgres::Error),
    #[error("pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("internal: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// The protocol code; stable, clients branch on it.
    pub fn code(&self) -> WireErrorCode {
        match self {
            Self::ProtocolVersion(_) => WireErrorCode::ProtocolVersion,
            Self::BadRequest(_) => WireErrorCode::BadRequest,
            Self::PayloadTooLarge(_) => WireErrorCode::PayloadTooLarge,
            Self::Unauthorized => WireErrorCode::Unauthorized,
            Self::Revoked => WireErrorCode::Revoked,
            Self::EnrolCodeInvalid => WireErrorCode::EnrolCodeInvalid,
            Self::SequenceGap { .. } => WireErrorCode::SequenceGap,
            Self::DeviceDiverged { .. } => WireErrorCode::DeviceDiverged,
            Self::InvalidPeriod(_) => WireErrorCode::InvalidPeriod,
            Self::AdminUnauthorized(_) => WireErrorCode::Unauthorized,
            Self::Db(_) | Self::Pool(_) | Self::Internal(_) => WireErrorCode::Internal,
        }
    }

    pub fn status(&self) -> StatusCode {
        status_of(self.code())
    }

    /// The body sent to the client: internal causes become a generic message.
    pub fn wire(&self) -> WireError {
        let code = self.code();
        let message = if code == WireErrorCode::Internal {
            "县级服务器内部错误，本次请求未生效，请稍后重试".to_owned()
        } else {
            self.to_string()
        };
        WireError {
            code,
            message,
            expected_seq: match self {
                Self::SequenceGap { expected } => Some(*expected),
                _ => None,
            },
        }
    }
}

pub fn status_of(code: WireErrorCode) -> StatusCode {
    match code {
        WireErrorCode::ProtocolVersion => StatusCode::UPGRADE_REQUIRED,
        WireErrorCode::BadRequest
        | WireErrorCode::EnrolCodeInvalid
        | WireErrorCode::InvalidPeriod => StatusCode::BAD_REQUEST,
        WireErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        WireErrorCode::Unauthorized | WireErrorCode::Revoked => StatusCode::UNAUTHORIZED,
        WireErrorCode::SequenceGap | WireErrorCode::DeviceDiverged => StatusCode::CONFLICT,
        WireErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.code() == WireErrorCode::Internal {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::info!(code = ?self.code(), message = %self, "request refused");
        }
        (self.status(), Json(self.wire())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_causes_are_not_sent() {
        let e = AppError::Internal("relation \"rows\" secret".into());
        assert!(!e.wire().message.contains("rows"));
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn gap_carries_expected_seq() {
        let e = AppError::SequenceGap { expected: 4 };
        assert_eq!(e.wire().expected_seq, Some(4));
        assert_eq!(e.status(), StatusCode::CONFLICT);
    }
}
