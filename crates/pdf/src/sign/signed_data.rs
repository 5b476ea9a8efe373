//! The CMS SignedData of a PAdES baseline-B signature: detached, SHA-256, signed attributes
//! content-type, message-digest and ESS signing-certificate-v2 (no signing-time: the PDF's /M
//! carries the claimed time), and the signer's certificate.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::{Any, OctetString, SetOfVec};
use der::{Encode, Sequence};
use p256::ecdsa::{DerSignature, SigningKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::{SignError, SigningIdentity};

/// `SigningCertificateV2` of RFC 5035 (policies left out).
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// `ESSCertIDv2` with the default hash algorithm (SHA-256), so `hashAlgorithm` is omitted.
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// `IssuerSerial` of RFC 5035.
#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// DER `ContentInfo` of a detached SignedData over content whose SHA-256 is `content_digest`.
pub(crate) fn detached_signed_data(
    identity: &SigningIdentity,
    content_digest: &[u8],
) -> Result<Vec<u8>, SignError> {
    let cms_error = |e: &dyn std::fmt::Display| SignError::Cms(e.to_string());
    let certificate = identity.certificate();
    let tbs = &certificate.tbs_certificate;
    let sha256 = AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    };
    let content = EncapsulatedContentInfo {
        econtent_type: rfc5911::ID_DATA,
        econtent: None,
    };
    let signer_id = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: tbs.issuer.clone(),
        serial_number: tbs.serial_number.clone(),
    });

    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(identity.certificate_der()).to_vec())
                .map_err(|e| cms_error(&e))?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer.clone())],
                serial_number: tbs.serial_number.clone(),
            },
        }],
    };
    let ess_attribute = Attribute {
        oid: rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2,
        values: SetOfVec::try_from(vec![Any::encode_from(&ess).map_err(|e| cms_error(&e))?])
            .map_err(|e| cms_error(&e))?,
    };

    let mut signer_info = SignerInfoBuilder::new(
        identity.key(),
        signer_id,
        sha256.clone(),
        &content,
        Some(content_digest),
    )
    .map_err(|e| cms_error(&e))?;
    signer_info
        .add_signed_attribute(ess_attribute)
        .map_err(|e| cms_error(&e))?;

    let mut signed_data = SignedDataBuilder::new(&content);
    signed_data
        .add_digest_algorithm(sha256)
        .and_then(|b| b.add_certificate(CertificateChoices::Certificate(certificate.clone())))
        .and_then(|b| b.add_signer_info::<SigningKey, DerSignature>(signer_info))
        .map_err(|e| cms_error(&e))?;
    let content_info = signed_data.build().map_err(|e| cms_error(&e))?;
    content_info.to_der().map_err(|e| cms_error(&e))
}
