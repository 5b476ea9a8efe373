//! The QR code as vector data: the payload encoded with the `qrcode` crate, dark modules merged
//! into horizontal runs so that the page draws a few dozen rectangles instead of a raster image.

use qrcode::{Color, EcLevel, QrCode};

use crate::RenderError;

/// A QR code's dark modules as runs along each row.
#[derive(Debug, Clone, PartialEq)]
pub struct QrMatrix {
    /// Modules per side (without quiet zone).
    pub size: usize,
    /// `(row, column, length)` of every horizontal run of dark modules.
    pub runs: Vec<(u16, u16, u16)>,
}

impl QrMatrix {
    /// Encodes `payload` with error correction level M.
    pub fn encode(payload: &str) -> Result<QrMatrix, RenderError> {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
            .map_err(|e| RenderError::Write(format!("二维码内容无法编码：{e}")))?;
        let size = code.width();
        let colors = code.to_colors();
        let mut runs = Vec::new();
        for (row, cells) in colors.chunks(size).enumerate() {
            let mut col = 0;
            while col < size {
                if cells[col] == Color::Dark {
                    let start = col;
                    while col < size && cells[col] == Color::Dark {
                        col += 1;
                    }
                    runs.push((to_u16(row), to_u16(start), to_u16(col - start)));
                } else {
                    col += 1;
                }
            }
        }
        Ok(QrMatrix { size, runs })
    }
}

/// QR codes have at most 177 modules per side.
fn to_u16(v: usize) -> u16 {
    u16::try_from(v).unwrap_or(u16::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_the_finder_patterns() {
        let qr = QrMatrix::encode("YYT1|XY2026-001|sha256:00").unwrap();
        assert!(qr.size >= 21);
        // The top-left finder pattern starts with a run of 7 dark modules on row 0.
        assert!(qr.runs.contains(&(0, 0, 7)));
        assert!(qr.runs.iter().all(
            |&(r, c, l)| usize::from(r) < qr.size && usize::from(c) + usize::from(l) <= qr.size
        ));
    }
}
