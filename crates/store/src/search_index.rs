//! Keeps the name search index in step with residents: name substrings and pinyin keys as tokens,
//! written in the row's transaction. (Number fragments use plain indexes; see `search.rs`.)
use rusqlite::{params, Transaction};
use yiyang_domain::search_keys::{name_keys, syllables};

use crate::Result;

/// Longest name substring stored as a token; longer queries fall back to a scan.
pub(crate) const MAX_TOKEN_CHARS: usize = 8;

/// Every substring (up to [`MAX_TOKEN_CHARS`]) of each run of letters in the name, plus its
/// pinyin initials and full pinyin (all readings of polyphonic characters) and the full pinyin
/// from each syllable on, so 张三丰 is found by 张, 三丰, zsf, zhang, sanfeng.
pub(crate) fn name_terms(name: &str) -> String {
    let mut terms: Vec<String> = Vec::new();
    for segment in name.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = segment.chars().flat_map(char::to_lowercase).collect();
        for start in 0..chars.len() {
            for end in start + 1..=chars.len().min(start + MAX_TOKEN_CHARS) {
                terms.push(chars[start..end].iter().collect());
            }
        }
    }
    let keys = name_keys(name);
    terms.extend(keys.initials);
    terms.extend(keys.full);
    // Given names by pinyin (sanfeng for 张三丰): full pinyin from each later syllable on.
    let syllables = syllables(name);
    for start in 1..syllables.len() {
        terms.push(syllables[start..].concat());
    }
    terms.sort();
    terms.dedup();
    terms.join(" ")
}

/// (Re)indexes the name of resident `rid`.
pub(crate) fn index_resident(
    tx: &Transaction<'_>,
    rid: i64,
    name: &str,
    replace: bool,
) -> Result<()> {
    if replace {
        tx.execute("DELETE FROM resident_terms WHERE rowid = ?1", [rid])?;
    }
    tx.execute(
        "INSERT INTO resident_terms (rowid, terms) VALUES (?1, ?2)",
        params![rid, name_terms(name)],
    )?;
    Ok(())
}
