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

/// The county administrator, for the routes only the county may call (the indicators of every
/// clinic). Authenticated by a bearer token the server was started with; a device token is not
/// one, and with no token configured nobody is.
#[derive(Debug, Clone, Copy)]
pub struct AuthAdmin;

/// Shortest administrator token the server accepts at start.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 32;

/// Equal without an early exit, so the time taken says nothing about where two hashes differ.
fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl FromRequestParts<AppState> for AuthAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(expected) = state.admin_token_hash.as_deref() else {
            return Err(AppError::AdminUnauthorized(
                "县级服务器未设置管理员令牌（启动时的 YIYANG_COUNTY_ADMIN_TOKEN），此接口不可用",
            ));
        };
        match bearer(&parts.headers) {
            Some(token) if same_hash(&secret_hash(token), expected) => Ok(Self),
            _ => Err(AppError::AdminUnauthorized(
                "需要县级管理员令牌（Authorization: Bearer <管理员令牌>）；设备令牌不能查看全县统计",
            )),
        }
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

    #[test]
    fn hashes_compare_in_full() {
        let a = secret_hash("a");
        assert!(same_hash(&a, &secret_hash("a")));
        assert!(!same_hash(&a, &secret_hash("b")));
        assert!(!same_hash(&a, &a[..10]));
        assert!(!same_hash("", &a));
    }
}
