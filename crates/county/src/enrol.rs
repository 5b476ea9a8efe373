//! Enrolment: a laptop trades a one-time code for a bearer token, and the administrator issues
//! those codes.
use chrono::{Duration, Utc};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use tokio_postgres::Transaction;
use uuid::Uuid;
use yiyang_protocol::sync::{EnrolRequest, EnrolResponse};

use crate::db::{secret_hash, AppState};
use crate::error::{AppError, AppResult};
use crate::institution::institution_id;

/// No 0/O, 1/I/L: codes are read aloud and typed by hand.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LEN: usize = 12;

/// A fresh enrolment code (12 characters of [`CODE_ALPHABET`], from the OS random source).
pub fn new_code() -> String {
    let mut rng = OsRng;
    (0..CODE_LEN)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// The form a code is hashed in: people type it in lower case, with spaces or dashes.
pub fn normalise_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Stores a code for `institution` valid for `days`; returns the code in clear (shown once).
pub async fn issue_code(
    tx: &Transaction<'_>,
    institution: Uuid,
    days: i64,
) -> anyhow::Result<String> {
    let code = new_code();
    let expires = Utc::now() + Duration::days(days);
    tx.execute(
        "INSERT INTO enrol_codes (code_hash, institution_id, expires_at) VALUES ($1, $2, $3)",
        &[&secret_hash(&code), &institution, &expires],
    )
    .await?;
    Ok(code)
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub async fn enrol(state: &AppState, req: EnrolRequest) -> AppResult<EnrolResponse> {
    crate::auth::check_version(req.protocol)?;
    let device_id = Uuid::parse_str(req.device_id.trim()).map_err(|_| {
        AppError::BadRequest(format!("设备编号 deviceId「{}」不是 UUID", req.device_id))
    })?;
    let name = req.device_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "设备名称 deviceName 不能为空，且不超过 100 个字".to_owned(),
        ));
    }
    let institution = institution_id(&req.credit_code)
        .map_err(|e| AppError::Internal(format!("institution id: {e}")))?;
    let mut client = state.pool.get().await?;
    let tx = client.transaction().await?;
    // Locked so two laptops racing with the same code cannot both use it.
    let code = tx
        .query_opt(
            "SELECT institution_id FROM enrol_codes
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE",
            &[&secret_hash(&normalise_code(&req.code))],
        )
        .await?;
    match code {
        Some(row) if row.get::<_, Uuid>(0) == institution => {}
        _ => return Err(AppError::EnrolCodeInvalid),
    }
    let institution_name: String = tx
        .query_opt(
            "SELECT fields->>'name' FROM rows WHERE tbl = 'institutions' AND id = $1",
            &[&institution],
        )
        .await?
        .and_then(|r| r.get::<_, Option<String>>(0))
        .unwrap_or_default();
    let token = new_token();
    // Re-enrolling (after a revocation) keeps the high-water mark: the laptop's outbox sequence
    // continues, and its settled mutations must stay settled.
    tx.execute(
        "INSERT INTO devices (id, institution_id, name, token_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET institution_id = $2, name = $3, token_hash = $4,
             enrolled_at = now(), revoked_at = NULL",
        &[&device_id, &institution, &name, &secret_hash(&token)],
    )
    .await?;
    tx.execute(
        "UPDATE enrol_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1",
        &[&secret_hash(&normalise_code(&req.code)), &device_id],
    )
    .await?;
    tx.commit().await?;
    tracing::info!(device = %device_id, institution = %institution, "device enrolled");
    Ok(EnrolResponse {
        device_id: device_id.to_string(),
        token,
        institution_id: institution.to_string(),
        institution_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_unambiguous_alphabet() {
        let code = new_code();
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert_ne!(code, new_code());
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalise_code(" abcd-efgh 2345 "), "ABCDEFGH2345");
    }
}
