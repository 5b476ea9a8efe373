//! The institution's signing key and self-issued certificate: made on the first signature and
//! kept in the encrypted store, so every later PDF is signed by the same certificate.
use rusqlite::{params, OptionalExtension, Transaction};
use yiyang_pdf::sign::{SigningIdentity, Subject};
use yiyang_protocol::Institution;

use super::pdf_error;
use crate::{Result, WriteCtx};

/// Years a self-issued certificate is valid (the county may issue proper ones later).
const CERTIFICATE_YEARS: u32 = 10;

pub(super) fn identity_of(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    institution: &Institution,
) -> Result<SigningIdentity> {
    let stored: Option<(Vec<u8>, Vec<u8>)> = tx
        .query_row(
            "SELECT key_der, cert_der FROM signing_keys WHERE institution_id = ?1",
            [&institution.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((key, cert)) = stored {
        return SigningIdentity::from_der(&key, &cert).map_err(|e| pdf_error(e.code(), e));
    }
    let subject = Subject {
        organisation: institution.name.clone(),
        credit_code: institution.credit_code.clone(),
        common_name: institution.name.clone(),
    };
    let identity = SigningIdentity::generate(&subject, ctx.now, CERTIFICATE_YEARS)
        .map_err(|e| pdf_error(e.code(), e))?;
    tx.execute(
        "INSERT INTO signing_keys (institution_id, key_der, cert_der, fingerprint, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            institution.id,
            identity.key_pkcs8_der(),
            identity.certificate_der(),
            identity.fingerprint(),
            ctx.now.to_rfc3339()
        ],
    )?;
    Ok(identity)
}
