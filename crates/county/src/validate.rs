//! Whole-row validation: the same rules as the laptop's forms (`yiyang_domain::wire_rows`).
pub use yiyang_domain::wire_rows::{validate_row, RowRefs};
