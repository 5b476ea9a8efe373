//! PAdES baseline-B signatures: an institution's key and certificate ([`SigningIdentity`]) sign a
//! PDF in an incremental update, as an invisible field whose /Sig dictionary holds a detached CMS
//! SignedData (SHA-256, ECDSA P-256) with /SubFilter /ETSI.CAdES.detached.
//!
//! Signing is deterministic: the same PDF, identity and request give the same bytes (RFC 6979
//! nonces; the time comes from the request). Each signature is a new incremental update, so a
//! signed PDF can be signed again (e.g. by the other party) and both signatures stay valid.

mod error;
mod identity;
mod incremental;
mod signed_data;
mod syntax;
mod xref;

use chrono::{DateTime, Utc};

pub use error::SignError;
pub use identity::{SigningIdentity, Subject};
pub use incremental::CONTENTS_RESERVED;

/// What the signature says about itself, shown by PDF readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignRequest {
    /// The person or institution signing (/Name), any UTF-8.
    pub signer_name: String,
    /// Why (/Reason), e.g. "签署医养服务合作协议".
    pub reason: String,
    /// Where (/Location), e.g. the institution's town.
    pub location: Option<String>,
    /// The claimed signing time (/M); must lie within the certificate's validity.
    pub signing_time: DateTime<Utc>,
}

/// Returns the signed PDF: `pdf` unchanged, followed by an incremental update that adds an
/// invisible signature field on the first page whose /V is a /Sig dictionary (/Filter
/// /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /M, /ByteRange, /Contents = DER CMS
/// SignedData, detached, SHA-256, signed attributes content-type, message-digest and
/// signing-certificate-v2, no signing-time; the certificate included).
pub fn sign_pdf(
    pdf: &[u8],
    identity: &SigningIdentity,
    request: &SignRequest,
) -> Result<Vec<u8>, SignError> {
    let time = request.signing_time;
    if time < identity.not_before() || time > identity.not_after() {
        return Err(SignError::OutsideValidity {
            signing_time: time.to_rfc3339(),
            not_before: identity.not_before().to_rfc3339(),
            not_after: identity.not_after().to_rfc3339(),
        });
    }
    let prepared = incremental::prepare(pdf, request)?;
    let cms = signed_data::detached_signed_data(identity, &prepared.signed_digest())?;
    prepared.finish(&cms)
}
