//! Why a document could not be laid out and written as PDF: one enum with stable codes for the UI
//! and Chinese messages for people.

use std::path::PathBuf;

/// Everything that can stop [`crate::render`] or loading a [`crate::Font`].
///
/// The UI branches on [`RenderError::code`], never on the message text.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No font file was found in any of the places [`crate::Font::locate`] looks.
    #[error("找不到中文字体：已查找 {}", display_paths(.searched))]
    FontNotFound {
        /// Every place that was tried, in order.
        searched: Vec<PathBuf>,
    },
    /// A font file exists but could not be read or parsed.
    #[error("中文字体无法使用（{source_name}）：{reason}")]
    FontInvalid {
        /// The file (or "内存中的字体" for bytes) that was rejected.
        source_name: String,
        /// What went wrong.
        reason: String,
    },
    /// Some characters of the document have no glyph in the font; they would print as boxes.
    #[error("字体中缺少以下字符，无法正确打印：{}", display_chars(.chars))]
    MissingGlyphs {
        /// The missing characters, sorted and without duplicates.
        chars: Vec<char>,
    },
    /// A signatory's handwritten signature is not a usable PNG image.
    #[error("签名图片无法读取：{signatory}：{reason}")]
    SignatureImage {
        /// The signatory's role, e.g. "甲方（盖章）".
        signatory: String,
        /// What went wrong.
        reason: String,
    },
    /// The PDF could not be assembled or written.
    #[error("PDF 文件生成失败：{0}")]
    Write(String),
}

impl RenderError {
    /// A stable code for the UI and logs, e.g. `"pdf.missing_glyphs"`.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::FontNotFound { .. } => "pdf.font_not_found",
            RenderError::FontInvalid { .. } => "pdf.font_invalid",
            RenderError::MissingGlyphs { .. } => "pdf.missing_glyphs",
            RenderError::SignatureImage { .. } => "pdf.signature_image",
            RenderError::Write(_) => "pdf.write",
        }
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("、")
}

fn display_chars(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("“{c}”(U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_messages() {
        let cases = [
            (
                RenderError::FontNotFound {
                    searched: vec![PathBuf::from("/a.ttc"), PathBuf::from("/b.ttc")],
                },
                "pdf.font_not_found",
                "找不到中文字体：已查找 /a.ttc、/b.ttc",
            ),
            (
                RenderError::MissingGlyphs {
                    chars: vec!['\u{2A6A5}'],
                },
                "pdf.missing_glyphs",
                "字体中缺少以下字符，无法正确打印：“\u{2A6A5}”(U+2A6A5)",
            ),
            (
                RenderError::SignatureImage {
                    signatory: "甲方（盖章）".into(),
                    reason: "不是 PNG".into(),
                },
                "pdf.signature_image",
                "签名图片无法读取：甲方（盖章）：不是 PNG",
            ),
        ];
        for (err, code, message) in cases {
            assert_eq!(err.code(), code);
            assert_eq!(err.to_string(), message);
        }
    }
}
