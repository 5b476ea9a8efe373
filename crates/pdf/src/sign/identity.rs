//! An institution's signing identity: an ECDSA P-256 key and its X.509 certificate (self-issued
//! for now; one issued by the county loads the same way through [`SigningIdentity::from_der`]).

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Months, Utc};
use der::asn1::{Any, GeneralizedTime, PrintableStringRef, SetOfVec, UtcTime, Utf8StringRef};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Tag};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::SignError;

const ID_AT_COUNTRY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");
const ID_AT_ORGANIZATION_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const ID_AT_SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
const ID_AT_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");

/// Who a certificate is issued to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// 机构名称, any UTF-8 (e.g. "𠮷祥镇中心卫生院"); the certificate's O.
    pub organisation: String,
    /// 统一社会信用代码; the certificate's serialNumber (a PrintableString: digits and capitals).
    pub credit_code: String,
    /// The certificate's CN, shown by PDF readers as the signer (e.g. the institution's name).
    pub common_name: String,
}

/// An institution's signing key and X.509 certificate.
///
/// The key is zeroised when the identity is dropped; `Debug` shows only the fingerprint.
#[derive(Clone)]
pub struct SigningIdentity {
    key: SigningKey,
    key_der: Zeroizing<Vec<u8>>,
    certificate: Certificate,
    certificate_der: Vec<u8>,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
}

impl fmt::Debug for SigningIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningIdentity")
            .field("fingerprint", &self.fingerprint())
            .field("not_after", &self.not_after)
            .finish_non_exhaustive()
    }
}

impl SigningIdentity {
    /// A new ECDSA P-256 key and a self-signed certificate for `subject`, valid for `years` calendar
    /// years from `not_before`, with keyUsage digitalSignature + nonRepudiation (critical) and
    /// basicConstraints CA:FALSE. The serial number is random (16 bytes).
    pub fn generate(
        subject: &Subject,
        not_before: DateTime<Utc>,
        years: u32,
    ) -> Result<Self, SignError> {
        if years == 0 {
            return Err(SignError::Certificate("有效期年数必须大于 0".into()));
        }
        let not_after = years
            .checked_mul(12)
            .and_then(|months| not_before.checked_add_months(Months::new(months)))
            .ok_or_else(|| SignError::Certificate(format!("有效期 {years} 年超出范围")))?;
        let name = subject_name(subject)?;
        let key = SigningKey::random(&mut OsRng);
        let key_der = key
            .to_pkcs8_der()
            .map_err(|e| SignError::KeyInvalid(format!("无法编码密钥：{e}")))?;
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
            .map_err(|e| SignError::KeyInvalid(format!("无法编码公钥：{e}")))?;
        let validity = Validity {
            not_before: x509_time(not_before)?,
            not_after: x509_time(not_after)?,
        };
        let profile = Profile::Leaf {
            issuer: name.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let certificate =
            CertificateBuilder::new(profile, random_serial()?, validity, name, spki, &key)
                .and_then(|builder| builder.build::<DerSignature>())
                .map_err(|e| SignError::Certificate(format!("无法生成证书：{e}")))?;
        let certificate_der = certificate
            .to_der()
            .map_err(|e| SignError::Certificate(format!("无法编码证书：{e}")))?;
        Self::from_der(key_der.as_bytes(), &certificate_der)
    }

    /// Loads a stored identity: a PKCS#8 DER ECDSA P-256 private key and a DER certificate whose
    /// public key must be that key's.
    pub fn from_der(key_pkcs8_der: &[u8], cert_der: &[u8]) -> Result<Self, SignError> {
        let key = SigningKey::from_pkcs8_der(key_pkcs8_der).map_err(|e| {
            SignError::KeyInvalid(format!("不是 PKCS#8 格式的 ECDSA P-256 私钥（{e}）"))
        })?;
        let certificate = Certificate::from_der(cert_der)
            .map_err(|e| SignError::Certificate(format!("不是 DER 格式的 X.509 证书（{e}）")))?;
        let key_spki = key
            .verifying_key()
            .to_public_key_der()
            .map_err(|e| SignError::KeyInvalid(format!("无法编码公钥：{e}")))?;
        let cert_spki = certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| SignError::Certificate(format!("无法编码证书公钥：{e}")))?;
        if key_spki.as_bytes() != cert_spki.as_slice() {
            return Err(SignError::KeyMismatch);
        }
        let validity = &certificate.tbs_certificate.validity;
        let not_before = chrono_time(validity.not_before)?;
        let not_after = chrono_time(validity.not_after)?;
        Ok(Self {
            key,
            key_der: Zeroizing::new(key_pkcs8_der.to_vec()),
            certificate,
            certificate_der: cert_der.to_vec(),
            not_before,
            not_after,
        })
    }

    /// The private key as PKCS#8 DER, for storage in the app's encrypted database.
    pub fn key_pkcs8_der(&self) -> &[u8] {
        &self.key_der
    }

    /// The certificate as DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    /// Lower-case hex SHA-256 of the certificate DER.
    pub fn fingerprint(&self) -> String {
        hex::encode(Sha256::digest(&self.certificate_der))
    }

    /// Start of the certificate's validity.
    pub fn not_before(&self) -> DateTime<Utc> {
        self.not_before
    }

    /// End of the certificate's validity.
    pub fn not_after(&self) -> DateTime<Utc> {
        self.not_after
    }

    pub(crate) fn key(&self) -> &SigningKey {
        &self.key
    }

    pub(crate) fn certificate(&self) -> &Certificate {
        &self.certificate
    }
}

/// C=CN, O=organisation, serialNumber=credit code, CN=common name.
fn subject_name(subject: &Subject) -> Result<Name, SignError> {
    let organisation = subject.organisation.trim();
    let common_name = subject.common_name.trim();
    let credit_code = subject.credit_code.trim();
    if organisation.is_empty() || common_name.is_empty() || credit_code.is_empty() {
        return Err(SignError::Subject(
            "机构名称、统一社会信用代码和通用名称都不能为空".into(),
        ));
    }
    if !credit_code
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return Err(SignError::Subject(format!(
            "统一社会信用代码「{credit_code}」只能包含数字和大写字母"
        )));
    }
    let rdns = [
        (ID_AT_COUNTRY_NAME, printable("CN")?),
        (ID_AT_ORGANIZATION_NAME, utf8(organisation)?),
        (ID_AT_SERIAL_NUMBER, printable(credit_code)?),
        (ID_AT_COMMON_NAME, utf8(common_name)?),
    ];
    let mut sequence = Vec::with_capacity(rdns.len());
    for (oid, value) in rdns {
        let set = SetOfVec::try_from(vec![AttributeTypeAndValue { oid, value }])
            .map_err(|e| SignError::Subject(e.to_string()))?;
        sequence.push(RelativeDistinguishedName::from(set));
    }
    Ok(RdnSequence(sequence))
}

fn utf8(text: &str) -> Result<Any, SignError> {
    Utf8StringRef::new(text)
        .and_then(|value| Any::encode_from(&value))
        .map_err(|e| SignError::Subject(format!("「{text}」无法写入证书（{e}）")))
}

fn printable(text: &str) -> Result<Any, SignError> {
    PrintableStringRef::new(text)
        .and_then(|value| Any::new(Tag::PrintableString, value.as_bytes()))
        .map_err(|e| SignError::Subject(format!("「{text}」无法写入证书（{e}）")))
}

/// 16 random bytes, positive, without a leading zero byte.
fn random_serial() -> Result<SerialNumber, SignError> {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::new(&bytes).map_err(|e| SignError::Certificate(format!("证书序列号无效：{e}")))
}

fn x509_time(time: DateTime<Utc>) -> Result<Time, SignError> {
    let out_of_range = || SignError::Certificate(format!("证书时间 {time} 超出范围"));
    let seconds = u64::try_from(time.timestamp()).map_err(|_| out_of_range())?;
    let date_time = der::DateTime::from_unix_duration(Duration::from_secs(seconds))
        .map_err(|_| out_of_range())?;
    if date_time.year() < 2050 {
        UtcTime::from_date_time(date_time)
            .map(Time::UtcTime)
            .map_err(|_| out_of_range())
    } else {
        Ok(Time::GeneralTime(GeneralizedTime::from_date_time(
            date_time,
        )))
    }
}

fn chrono_time(time: Time) -> Result<DateTime<Utc>, SignError> {
    i64::try_from(time.to_unix_duration().as_secs())
        .ok()
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .ok_or_else(|| SignError::Certificate(format!("证书有效期 {time} 超出范围")))
}
