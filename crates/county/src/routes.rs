//! The HTTP surface: routes, body limit, zstd or gzip both ways, and the mapping of every non-2xx
//! answer (also those axum and tower-http produce themselves) to a protocol `WireError`.
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use serde_json::json;
use serde_json::value::RawValue;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::decompression::RequestDecompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;
use yiyang_protocol::sync::{
    EnrolRequest, EnrolResponse, PullResponse, PushRequest, PushResponse, WireError, WireErrorCode,
    MAX_BODY_BYTES, PROTOCOL_VERSION,
};
use yiyang_protocol::IndicatorReport;

use crate::auth::{require_protocol_header, AuthAdmin, AuthDevice};
use crate::db::AppState;
use crate::error::{status_of, AppError, AppResult};
use crate::indicators::IndicatorQuery;
use crate::pull::PullQuery;

pub const ENROL: &str = "/v1/enrol";
pub const PUSH: &str = "/v1/push";
pub const PULL: &str = "/v1/pull";
pub const HEALTH: &str = "/v1/health";
pub const INDICATORS: &str = "/v1/indicators";
pub const OPENAPI: &str = "/openapi.json";

/// Every route as (method, path); a test checks each is described in the OpenAPI document.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", ENROL),
    ("post", PUSH),
    ("get", PULL),
    ("get", INDICATORS),
    ("get", HEALTH),
    ("get", OPENAPI),
];

pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route(ENROL, post(enrol))
        .route(PUSH, post(push))
        .route(PULL, get(pull))
        .route(INDICATORS, get(indicators))
        .route_layer(middleware::from_fn(require_protocol_header));
    // Layers run outside-in from the last one added: trace, compress the answer, turn error
    // answers into WireErrors, cap the body as sent, then decompress and cap it again as read
    // (so a small compressed body cannot expand past the limit either). Bodies may be zstd
    // (laptops from this version on) or gzip (older laptops); answers use the better one the
    // laptop accepts, zstd first.
    Router::new()
        .merge(v1)
        .route(HEALTH, get(health))
        .route(OPENAPI, get(openapi))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestDecompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::map_response(wire_errors))
        // The fastest level: a pulled page of 2000 rows is about a megabyte of JSON, and at the
        // default gzip level compressing an initial download cost the county more CPU than
        // reading it.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A JSON body that did not parse: 400 with axum's explanation (it names the field and the
/// position), or 413 when it was too large to read.
fn json_rejection(r: JsonRejection) -> AppError {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge(format!("请求体超过 {} MiB 上限", MAX_BODY_BYTES >> 20))
    } else {
        AppError::BadRequest(format!("请求内容格式不正确：{}", r.body_text()))
    }
}

async fn enrol(
    State(state): State<AppState>,
    body: Result<Json<EnrolRequest>, JsonRejection>,
) -> AppResult<Json<EnrolResponse>> {
    let Json(req) = body.map_err(json_rejection)?;
    Ok(Json(crate::enrol::enrol(&state, req).await?))
}

async fn push(
    State(state): State<AppState>,
    device: AuthDevice,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> AppResult<Json<PushResponse>> {
    let Json(req) = body.map_err(json_rejection)?;
    Ok(Json(crate::push::push(&state, device, req).await?))
}

async fn pull(
    State(state): State<AppState>,
    device: AuthDevice,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> AppResult<Json<PullResponse<Box<RawValue>>>> {
    let Query(q) =
        query.map_err(|r| AppError::BadRequest(format!("查询参数不正确：{}", r.body_text())))?;
    Ok(Json(crate::pull::pull(&state, device, q).await?))
}

/// The county administrator's report; the administrator is checked before the period.
async fn indicators(
    State(state): State<AppState>,
    _admin: AuthAdmin,
    query: Result<Query<IndicatorQuery>, QueryRejection>,
) -> AppResult<Json<IndicatorReport>> {
    let Query(q) =
        query.map_err(|r| AppError::InvalidPeriod(format!("查询参数不正确：{}", r.body_text())))?;
    let today = crate::indicators::county_today();
    let period = crate::indicators::parse_period(q.year.as_deref(), q.month.as_deref(), today)?;
    Ok(Json(
        crate::indicators::indicators(&state, period, today).await?,
    ))
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok", "protocol": PROTOCOL_VERSION }))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::DOCUMENT,
    )
        .into_response()
}

async fn not_found() -> AppError {
    AppError::BadRequest("没有这个地址".to_owned())
}

/// Error answers made outside our handlers (tower-http's 413, axum's 405, decompression's 415)
/// become WireErrors too, so the laptop parses every non-2xx answer the same way.
async fn wire_errors(response: Response) -> Response {
    let status = response.status();
    if status.is_success() || status.is_redirection() {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            WireErrorCode::PayloadTooLarge,
            format!("请求体超过 {} MiB 上限", MAX_BODY_BYTES >> 20),
        ),
        StatusCode::UNAUTHORIZED => (WireErrorCode::Unauthorized, "需要设备令牌".to_owned()),
        s if s.is_server_error() => (
            WireErrorCode::Internal,
            "县级服务器内部错误，本次请求未生效，请稍后重试".to_owned(),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            WireErrorCode::BadRequest,
            "这个地址不支持该请求方法".to_owned(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            WireErrorCode::BadRequest,
            "不支持的请求内容编码或类型（仅支持 JSON，可用 zstd 或 gzip 压缩）".to_owned(),
        ),
        _ => (WireErrorCode::BadRequest, "请求无效".to_owned()),
    };
    let body = WireError {
        code,
        message,
        expected_seq: None,
    };
    (status_of(code), Json(body)).into_response()
}
