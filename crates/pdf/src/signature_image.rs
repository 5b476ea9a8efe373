//! Handwritten signatures: a PNG from an HTML canvas (any colour type, usually RGBA with a
//! transparent background) decoded into 8-bit RGBA pixels, shrunk when far larger than the
//! printed box needs, and handed to printpdf, which writes the alpha channel as an /SMask.

use printpdf::{RawImage, RawImageData, RawImageFormat};

use crate::RenderError;

/// Wider or taller images are shrunk by an integer factor: 45 mm at 600 dpi is about 1060 px.
const MAX_SIDE: usize = 1200;
/// Refuse absurd sizes before allocating.
const MAX_DECODED_BYTES: usize = 64 * 1024 * 1024;

/// A decoded signature, ready for the PDF.
#[derive(Debug, Clone)]
pub struct SignatureImage {
    pub width: usize,
    pub height: usize,
    /// RGBA, row by row.
    pub rgba: Vec<u8>,
}

impl SignatureImage {
    /// Decodes the PNG of the signatory whose role is `role` (named in errors).
    pub fn decode(png_bytes: &[u8], role: &str) -> Result<SignatureImage, RenderError> {
        let fail = |reason: String| RenderError::SignatureImage {
            signatory: role.to_string(),
            reason,
        };
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        decoder.set_limits(png::Limits {
            bytes: MAX_DECODED_BYTES,
        });
        let mut reader = decoder.read_info().map_err(|e| fail(e.to_string()))?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| fail("图片尺寸过大".into()))?;
        let mut buffer = vec![0; size];
        let info = reader
            .next_frame(&mut buffer)
            .map_err(|e| fail(e.to_string()))?;
        let (width, height) = (info.width as usize, info.height as usize);
        if width == 0 || height == 0 {
            return Err(fail("图片为空".into()));
        }
        let pixels = width * height;
        let data = &buffer[..info.buffer_size()];
        let rgba: Vec<u8> = match info.color_type {
            png::ColorType::Rgba => data.to_vec(),
            png::ColorType::Rgb => data
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect(),
            png::ColorType::GrayscaleAlpha => data
                .chunks_exact(2)
                .flat_map(|p| [p[0], p[0], p[0], p[1]])
                .collect(),
            png::ColorType::Grayscale => data.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            png::ColorType::Indexed => return Err(fail("调色板图片未展开".into())),
        };
        if rgba.len() != pixels * 4 {
            return Err(fail("图片数据不完整".into()));
        }
        Ok(SignatureImage {
            width,
            height,
            rgba,
        }
        .shrunk())
    }

    /// For the PDF: RGBA, which printpdf splits into DeviceRGB and an /SMask.
    pub fn to_raw_image(&self) -> RawImage {
        RawImage {
            pixels: RawImageData::U8(self.rgba.clone()),
            width: self.width,
            height: self.height,
            data_format: RawImageFormat::RGBA8,
            tag: Vec::new(),
        }
    }

    /// Averages `factor`×`factor` squares (colour weighted by alpha) while a side exceeds
    /// [`MAX_SIDE`].
    fn shrunk(self) -> SignatureImage {
        let factor = self.width.max(self.height).div_ceil(MAX_SIDE);
        if factor <= 1 {
            return self;
        }
        let (w, h) = (self.width / factor, self.height / factor);
        let (w, h) = (w.max(1), h.max(1));
        let mut out = Vec::with_capacity(w * h * 4);
        for y in 0..h {
            for x in 0..w {
                let mut sum = [0u64; 4];
                let mut count = 0u64;
                for sy in y * factor..((y + 1) * factor).min(self.height) {
                    for sx in x * factor..((x + 1) * factor).min(self.width) {
                        let p = &self.rgba[(sy * self.width + sx) * 4..][..4];
                        let a = u64::from(p[3]);
                        for (c, s) in sum.iter_mut().take(3).enumerate() {
                            *s += u64::from(p[c]) * a;
                        }
                        sum[3] += a;
                        count += 1;
                    }
                }
                let alpha = sum[3];
                for s in &sum[..3] {
                    out.push(s.checked_div(alpha).unwrap_or(0) as u8);
                }
                out.push((alpha / count.max(1)) as u8);
            }
        }
        SignatureImage {
            width: w,
            height: h,
            rgba: out,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::sample::sample_signature_png;

    #[test]
    fn decodes_the_sample_scribble() {
        let image = SignatureImage::decode(&sample_signature_png(1), "甲方").unwrap();
        assert_eq!(image.rgba.len(), image.width * image.height * 4);
        assert!(
            image.rgba.chunks(4).any(|p| p[3] == 0),
            "transparent background"
        );
        assert!(image.rgba.chunks(4).any(|p| p[3] == 255), "opaque ink");
    }

    #[test]
    fn rejects_what_is_not_a_png() {
        let err = SignatureImage::decode(b"GIF89a", "乙方（盖章）").unwrap_err();
        assert_eq!(err.code(), "pdf.signature_image");
        assert!(
            err.to_string()
                .starts_with("签名图片无法读取：乙方（盖章）："),
            "{err}"
        );
    }

    #[test]
    fn large_canvases_are_shrunk() {
        let image = SignatureImage {
            width: 2500,
            height: 1000,
            rgba: vec![255; 2500 * 1000 * 4],
        }
        .shrunk();
        assert_eq!((image.width, image.height), (833, 333));
        assert_eq!(image.rgba.len(), 833 * 333 * 4);
        assert!(image.rgba.iter().all(|v| *v == 255));
    }
}
