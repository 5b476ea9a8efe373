//! Errors of the PDF signer, each with a stable code for the UI and a Chinese message for people.

use thiserror::Error;

/// Why an identity could not be made or loaded, or a PDF could not be signed.
#[derive(Error, Debug)]
pub enum SignError {
    /// The private key is not a PKCS#8 ECDSA P-256 key, or could not be made.
    #[error("机构签名密钥无效：{0}")]
    KeyInvalid(String),
    /// The private key does not belong to the certificate's public key.
    #[error("机构签名密钥与证书不匹配：证书中的公钥不是该密钥的公钥")]
    KeyMismatch,
    /// The certificate cannot be parsed or built.
    #[error("机构签名证书无效：{0}")]
    Certificate(String),
    /// The organisation, credit code or common name cannot go into a certificate.
    #[error("证书主体信息无效：{0}")]
    Subject(String),
    /// The signing time lies outside the certificate's validity period.
    #[error("签名时间 {signing_time} 不在机构签名证书有效期（{not_before} 至 {not_after}）内")]
    OutsideValidity {
        signing_time: String,
        not_before: String,
        not_after: String,
    },
    /// The input is not a PDF this signer can read.
    #[error("PDF 文件无法解析：{0}")]
    PdfInvalid(String),
    /// The input is an encrypted PDF.
    #[error("PDF 文件已加密，无法签名")]
    PdfEncrypted,
    /// The CMS signature does not fit in the space reserved in the PDF.
    #[error("签名数据过大：{size} 字节，超过预留的 {reserved} 字节")]
    ContentsTooLarge { size: usize, reserved: usize },
    /// The CMS signature could not be built.
    #[error("签名数据生成失败：{0}")]
    Cms(String),
}

impl SignError {
    /// The stable code of this error, for the UI to branch on (never on the message).
    pub fn code(&self) -> &'static str {
        match self {
            SignError::KeyInvalid(_) => "sign.key_invalid",
            SignError::KeyMismatch => "sign.key_mismatch",
            SignError::Certificate(_) => "sign.certificate",
            SignError::Subject(_) => "sign.subject_invalid",
            SignError::OutsideValidity { .. } => "sign.outside_validity",
            SignError::PdfInvalid(_) => "sign.pdf_invalid",
            SignError::PdfEncrypted => "sign.pdf_encrypted",
            SignError::ContentsTooLarge { .. } => "sign.contents_too_large",
            SignError::Cms(_) => "sign.cms",
        }
    }
}
