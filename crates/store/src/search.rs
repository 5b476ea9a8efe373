//! The one search box: name (1 and 2 characters too), pinyin initials, full pinyin, and number
//! fragments — the end or start of a 身份证号 or phone, a birth date, the start of a 档案编号.
//! Ranked in tiers — exact, then prefix, then contains — each tier answered from an index so a
//! query stays fast at 100k residents.
use chrono::NaiveDate;
use rusqlite::params;
use yiyang_domain::search_keys::{classify_query, name_keys, SearchQuery as Query};
use yiyang_protocol::{MatchKind, SearchHit, SearchQuery};

use crate::residents::read::{mask_row, row_from_sql, ROW_COLUMNS};
use crate::search_index::MAX_TOKEN_CHARS;
use crate::{Result, Store};

/// Most hits a search returns.
const MAX_HITS: u32 = 100;

const FROM: &str = "FROM residents r LEFT JOIN institutions nh ON nh.id = r.nursing_home_id";

/// An FTS5 string literal.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A MATCH expression for `resident_terms`: the query split like names are indexed (on anything
/// not a letter or digit, e.g. the · in 阿依古丽·买买提), every part required. The index keeps no
/// positions, so parts are ANDed rather than matched as a phrase. None when a part is longer than
/// the stored substrings (or there is none): such queries need a scan.
fn terms_match(s: &str, prefix: bool) -> Option<String> {
    let parts: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let q = quoted(&p.to_lowercase());
            if prefix {
                format!("{q}*")
            } else {
                q
            }
        })
        .collect();
    let too_long = s
        .split(|c: char| !c.is_alphanumeric())
        .any(|p| p.chars().count() > MAX_TOKEN_CHARS);
    (!parts.is_empty() && !too_long).then(|| parts.join(" AND "))
}

struct Hits {
    today: NaiveDate,
    /// A nursing-home admin's own home: every tier sees only its residents.
    scope: Option<String>,
    limit: usize,
    out: Vec<SearchHit>,
}

impl Hits {
    fn full(&self) -> bool {
        self.out.len() >= self.limit
    }

    /// Runs one tier's query and appends its rows not seen in an earlier tier.
    fn tier(
        &mut self,
        store: &Store,
        sql: &str,
        params: impl rusqlite::Params,
        kind: impl Fn(&yiyang_protocol::ResidentRow) -> MatchKind,
    ) -> Result<()> {
        if self.full() {
            return Ok(());
        }
        let scoped;
        let sql = match &self.scope {
            Some(home) => {
                scoped = sql.replace(
                    "r.deleted_at IS NULL",
                    &format!(
                        "r.deleted_at IS NULL AND r.nursing_home_id = '{}'",
                        home.replace('\'', "''")
                    ),
                );
                scoped.as_str()
            }
            None => sql,
        };
        let mut stmt = store.conn.prepare_cached(sql)?;
        let today = self.today;
        let rows = stmt.query_map(params, |r| row_from_sql(r, today))?;
        for row in rows {
            let row = row?;
            if self.out.iter().any(|h| h.resident.id == row.id) {
                continue;
            }
            let matched_by = kind(&row);
            self.out.push(SearchHit {
                resident: mask_row(row),
                matched_by,
            });
            if self.full() {
                break;
            }
        }
        Ok(())
    }
}

fn pinyin_kind(query: &str) -> impl Fn(&yiyang_protocol::ResidentRow) -> MatchKind + '_ {
    move |row| {
        if name_keys(&row.name)
            .initials
            .iter()
            .any(|i| i.starts_with(query))
        {
            MatchKind::PinyinInitials
        } else {
            MatchKind::Pinyin
        }
    }
}

fn digits_kind(query: &str) -> impl Fn(&yiyang_protocol::ResidentRow) -> MatchKind + '_ {
    move |row| {
        if row.id_number.contains(query) {
            MatchKind::IdNumber
        } else if row.phone.replace('-', "").contains(query) {
            MatchKind::Phone
        } else {
            MatchKind::HealthFileNo
        }
    }
}

impl Store {
    /// Residents matching the search box text, best first.
    pub fn search_residents(&self, q: &SearchQuery, today: NaiveDate) -> Result<Vec<SearchHit>> {
        let limit = q.limit.clamp(1, MAX_HITS);
        let scope = self.resident_scope()?;
        let mut hits = Hits {
            today,
            scope,
            limit: limit as usize,
            out: Vec::new(),
        };
        let alive = "r.deleted_at IS NULL";
        let active_first = "(r.status = 'active') DESC";
        match classify_query(&q.text) {
            None => {}
            Some(Query::Han(s)) => {
                let name = |_: &_| MatchKind::Name;
                hits.tier(
                    self,
                    &format!("SELECT {ROW_COLUMNS} {FROM} WHERE r.name = ?1 AND {alive} ORDER BY {active_first} LIMIT ?2"),
                    params![s, limit],
                    name,
                )?;
                hits.tier(
                    self,
                    &format!(
                        "SELECT {ROW_COLUMNS} {FROM} WHERE r.name > ?1 AND r.name < ?1 || char(1114111)
                         AND {alive} ORDER BY {active_first}, r.name LIMIT ?2"
                    ),
                    params![s, limit],
                    name,
                )?;
                if let Some(expr) = terms_match(&s, false) {
                    hits.tier(
                        self,
                        &format!(
                            "SELECT {ROW_COLUMNS} {FROM} WHERE r.rid IN
                               (SELECT rowid FROM resident_terms WHERE resident_terms MATCH ?1)
                             AND {alive} ORDER BY {active_first}, r.name_sort LIMIT ?2"
                        ),
                        params![expr, limit],
                        name,
                    )?;
                } else {
                    self.scan_names(&mut hits, &s, limit)?;
                }
            }
            Some(Query::Latin(s)) => {
                hits.tier(
                    self,
                    &format!(
                        "SELECT {ROW_COLUMNS} {FROM} WHERE r.pinyin_initials = ?1 AND {alive}
                         ORDER BY {active_first}, r.name_sort LIMIT ?2"
                    ),
                    params![s, limit],
                    pinyin_kind(&s),
                )?;
                // Initials starting with the query, in index order: answers one- and two-letter
                // queries (thousands of matches) without sorting them.
                hits.tier(
                    self,
                    &format!(
                        "SELECT {ROW_COLUMNS} {FROM} WHERE r.pinyin_initials > ?1
                         AND r.pinyin_initials < ?1 || '~' AND {alive}
                         ORDER BY r.pinyin_initials, r.name_sort LIMIT ?2"
                    ),
                    params![s, limit],
                    pinyin_kind(&s),
                )?;
                hits.tier(
                    self,
                    &format!(
                        "SELECT {ROW_COLUMNS} {FROM} WHERE r.rid IN
                           (SELECT rowid FROM resident_terms WHERE resident_terms MATCH ?1)
                         AND {alive}
                         ORDER BY (r.pinyin_initials LIKE ?3 || '%') DESC, {active_first}, r.name_sort
                         LIMIT ?2"
                    ),
                    params![format!("{}*", quoted(&s)), limit, s],
                    pinyin_kind(&s),
                )?;
            }
            Some(Query::Digits(s)) => {
                // One query per column: SQLite does not combine partial indexes for an OR.
                for column in ["r.id_number", "r.phone_digits", "r.health_file_no"] {
                    hits.tier(
                        self,
                        &format!(
                            "SELECT {ROW_COLUMNS} {FROM} WHERE {column} = ?1 AND {alive} LIMIT ?2"
                        ),
                        params![s, limit],
                        digits_kind(&s),
                    )?;
                }
                // Shorter numbers match too much to be useful.
                if s.chars().count() >= 3 {
                    let reversed: String = s.chars().rev().collect();
                    // People type the end of a number (last digits of a 身份证号 or phone) most,
                    // then its start, then a birth date: each is a range on an index.
                    for (column, key) in [
                        ("r.id_rev", &reversed),
                        ("r.phone_rev", &reversed),
                        ("r.phone_digits", &s),
                        ("substr(r.id_number, 7)", &s),
                        ("r.id_number", &s),
                        ("r.health_file_no", &s),
                    ] {
                        hits.tier(
                            self,
                            &format!(
                                "SELECT {ROW_COLUMNS} {FROM} WHERE {column} >= ?1 AND {column} < ?1 || '~'
                                 AND {alive} ORDER BY {column} LIMIT ?2"
                            ),
                            params![key, limit],
                            digits_kind(&s),
                        )?;
                    }
                }
            }
            Some(Query::Mixed(s)) => {
                hits.tier(
                    self,
                    &format!("SELECT {ROW_COLUMNS} {FROM} WHERE r.name = ?1 AND {alive} LIMIT ?2"),
                    params![s, limit],
                    |_| MatchKind::Name,
                )?;
                self.scan_names(&mut hits, &s, limit)?;
            }
        }
        Ok(hits.out)
    }

    /// Names containing `s` by a scan: only for unusual queries (long or mixed scripts).
    fn scan_names(&self, hits: &mut Hits, s: &str, limit: u32) -> Result<()> {
        hits.tier(
            self,
            &format!(
                "SELECT {ROW_COLUMNS} {FROM} WHERE instr(r.name, ?1) > 0 AND r.deleted_at IS NULL
                 ORDER BY r.name_sort LIMIT ?2"
            ),
            params![s, limit],
            |_| MatchKind::Name,
        )
    }
}
