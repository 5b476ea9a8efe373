//! Helpers of the document tests: the PDF font (loaded once per test process) and a drawn
//! signature as the signing pad sends it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use base64::Engine;
use yiyang_pdf::Font;
use yiyang_protocol::{Agreement, DrawnSignature, SignAgreementDocument};

pub fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| Font::locate().expect("the Noto CJK font (fonts-noto-cjk) is installed"))
}

/// A scribble as the pad's `data:image/png;base64,…` URL.
pub fn pad() -> String {
    let png = yiyang_pdf::sample::sample_signature_png(7);
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

pub fn drawn(name: &str) -> DrawnSignature {
    DrawnSignature {
        name: name.into(),
        png: pad(),
    }
}

pub fn sign_input(a: &Agreement, clinic: &str, home: &str) -> SignAgreementDocument {
    SignAgreementDocument {
        id: a.id.clone(),
        version: a.version,
        on: "2026-11-20".into(),
        licence_no: "PDY00001X33010217D1202".into(),
        clinic: drawn(clinic),
        home: drawn(home),
    }
}
