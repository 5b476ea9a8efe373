//! Signed documents of 医养通 as PDF files: the document model filled from a template, A4 Chinese
//! typesetting with an embedded subset font, a QR code with the number and content hash, and a
//! PAdES (CMS detached, SHA-256) signature with the institution's self-issued certificate.
//! No database and no UI: callers pass the document and the key, and get bytes back.

// --- layout: document model, font, typesetting, QR ---
mod document;
mod error;
mod font;
mod layout;
mod render;
#[doc(hidden)]
pub mod sample;
mod signature_image;
mod wording;

pub use document::{qr_payload, Clause, Document, Field, Party, Signatory};
pub use error::RenderError;
pub use font::Font;
pub use render::{render, Rendered};
// --- end layout ---

// --- sign: PAdES signature with the institution certificate ---
pub mod sign;
// --- end sign ---
