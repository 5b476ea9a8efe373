//! Bearer-token authentication of a device and the protocol-version gate.
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;
use yiyang_protocol::sync::{PROTOCOL_HEADER, PROTOCOL_VERSION};

use crate::db::{secret_hash, AppState};
use crate::error::AppError;

/// The device a request comes from. Its institution is taken from the county's records only:
/// nothing the device says about its scope is trusted.
#[derive(Debug, Clone, Copy)]
pub struct AuthDevice {
    pub id: Uuid,
    pub institution_id: Uuid,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for AuthDevice {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer(&parts.headers).ok_or(AppError::Unauthorized)?;
        let client = state.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT id, institution_id, revoked_at IS NOT NULL FROM devices
                 WHERE token_hash = $1",
                &[&secret_hash(token)],
            )
            .await?
            .ok_or(AppError::Unauthorized)?;
        if row.get::<_, bool>(2) {
            return Err(AppError::Revoked);
        }
        Ok(Self {
            id: row.get(0),
            institution_id: row.get(1),
        })
    }
}

/// The version a request declares, checked before anything else so an older or newer laptop
/// gets 426 rather than a misleading 400 about a body shape it cannot know.
pub fn check_version(declared: u32) -> Result<(), AppError> {
    if declared == PROTOCOL_VERSION {
        Ok(())
    } else {
        Err(AppError::ProtocolVersion(declared.to_string()))
    }
}

/// Middleware: every `/v1` request except health must carry `x-yiyang-protocol: 1`.
pub async fn require_protocol_header(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(PROTOCOL_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    match declared {
        Some(v) if v == PROTOCOL_VERSION.to_string() => next.run(request).await,
        Some(v) => AppError::ProtocolVersion(v.chars().take(20).collect()).into_response(),
        None => AppError::ProtocolVersion("（缺少）".to_owned()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_token_is_parsed() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer(&h), None);
    }
}
