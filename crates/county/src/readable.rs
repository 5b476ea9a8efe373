//! Which residents an institution (`$1` in every statement) may read: its own, those living in
//! it, and those living in a home it has an active agreement with. One rule, in the shapes push,
//! pull and merge ask it in.

/// The homes `$1` has an active agreement with (a handful of rows).
pub const PARTNER_HOMES: &str = "SELECT a.home FROM rows a
    WHERE a.tbl = 'agreements' AND a.owner = $1 AND NOT a.deleted
      AND a.fields->>'status' = 'active' AND a.home IS NOT NULL";

/// Whether the resident row `alias` is readable by `$1`, `homes` being a query of the partner
/// homes ([`PARTNER_HOMES`] itself or a CTE made of it).
pub fn resident_readable(alias: &str, homes: &str) -> String {
    format!("({alias}.owner = $1 OR {alias}.home = $1 OR {alias}.home IN ({homes}))")
}

/// The ids of every resident `$1` may read (for membership tests over a batch).
pub fn readable_residents() -> String {
    format!(
        "SELECT p.id FROM rows p WHERE p.tbl = 'residents' AND {}",
        resident_readable("p", PARTNER_HOMES)
    )
}
