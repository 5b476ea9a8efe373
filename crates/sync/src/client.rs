//! The county's HTTP API as async calls: zstd-compressed JSON bodies, the protocol header, the
//! bearer token, and every answer turned into either the wire type or a [`SyncError`] that says
//! whether to retry.
use std::time::Duration;

use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde::Serialize;
use yiyang_protocol::sync::{
    EnrolRequest, EnrolResponse, OutgoingMutation, PullResponse, PushRequest, PushResponse,
    WireError, PROTOCOL_HEADER, PROTOCOL_VERSION,
};

use crate::error::SyncError;

/// zstd's fastest standard level.
const ZSTD_LEVEL: i32 = 1;

/// One county server, as this laptop talks to it.
#[derive(Debug, Clone)]
pub struct CountyClient {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl CountyClient {
    /// `base` is the server address as the administrator gave it (e.g.
    /// `https://county.example.cn:8700`); a trailing slash is ignored.
    pub fn new(base: &str, token: Option<String>) -> Result<Self, SyncError> {
        let base = base.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(SyncError::BadServerUrl(base));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            // A page of 2000 rows on a weak line: generous, but never hangs forever.
            .timeout(Duration::from_secs(120))
            .use_rustls_tls()
            .build()
            .map_err(|e| SyncError::Network(e.to_string()))?;
        Ok(Self { http, base, token })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub async fn enrol(&self, req: &EnrolRequest) -> Result<EnrolResponse, SyncError> {
        self.post("/v1/enrol", req).await
    }

    pub async fn push(&self, mutations: Vec<OutgoingMutation>) -> Result<PushResponse, SyncError> {
        let body = PushRequest {
            protocol: PROTOCOL_VERSION,
            mutations,
        };
        self.post("/v1/push", &body).await
    }

    pub async fn pull(&self, cursor: Option<&str>, limit: u32) -> Result<PullResponse, SyncError> {
        let mut req = self
            .http
            .get(format!("{}/v1/pull", self.base))
            .query(&[("limit", limit.to_string())]);
        if let Some(c) = cursor {
            req = req.query(&[("cursor", c)]);
        }
        self.send(req).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, SyncError> {
        let json = serde_json::to_vec(body).map_err(|e| SyncError::Internal(e.to_string()))?;
        // zstd at its fastest level, not gzip: an initial upload compresses a million mutations
        // on the laptop's CPU. For a batch of 1 000 (600 KB of JSON) zstd took a fifth of gzip's
        // time both ways (0.85 against 4.3 ms; unpacking 0.27 against 1.3 ms) and came out 26 %
        // smaller.
        let compressed = zstd::bulk::compress(&json, ZSTD_LEVEL)
            .map_err(|e| SyncError::Internal(e.to_string()))?;
        let req = self
            .http
            .post(format!("{}{path}", self.base))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(CONTENT_ENCODING, HeaderValue::from_static("zstd"))
            .body(compressed);
        self.send(req).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        mut req: reqwest::RequestBuilder,
    ) -> Result<T, SyncError> {
        req = req.header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string());
        if let Some(token) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        let resp = req.send().await.map_err(network)?;
        let status = resp.status();
        // Read the whole body before deciding: a connection dropped mid-answer is a network
        // failure (retry), never a success.
        let bytes = resp.bytes().await.map_err(network)?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| SyncError::BadAnswer(format!("{status}: {e}")));
        }
        match serde_json::from_slice::<WireError>(&bytes) {
            Ok(err) => Err(SyncError::County {
                status: status.as_u16(),
                error: err,
            }),
            Err(_) if status.is_server_error() || status.as_u16() == 429 => Err(
                SyncError::Network(format!("县级服务器暂时不可用（{status}）")),
            ),
            Err(_) => Err(SyncError::BadAnswer(format!(
                "{status}: {}",
                String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(200)
                    .collect::<String>()
            ))),
        }
    }
}

fn network(e: reqwest::Error) -> SyncError {
    SyncError::Network(e.to_string())
}
