//! 县级统计指标 (`GET /v1/indicators`): the indicators of every clinic's synced data. The facts
//! are read from the jsonb row store in a handful of set-wise queries, the same facts
//! `crates/store/src/indicators.rs` reads from a laptop's SQLite, and handed per clinic to
//! `yiyang_domain::indicators::compute`, the function the laptop runs: no rule lives here. A
//! county, and a nursing home served by several clinics, is the sum of those units
//! (`yiyang_domain::indicators::total`), so a county's figures always add up to its clinics'.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use serde_json::Value;
use tokio_postgres::{IsolationLevel, Transaction};
use uuid::Uuid;
use yiyang_domain::indicators::{
    compute, left_on, period_bounds, services_since, stored_date, total, AgreementSpan,
    ContractSpan, Facts, Person, Service, RULE_VERSION,
};
use yiyang_domain::is_care_home;
use yiyang_domain::records::{decode_facts, RecordFacts};
use yiyang_protocol::{
    AgreementItem, DisabilityGrade, IndicatorPeriod, IndicatorReport, IndicatorUnitKind,
    InstitutionKind, ServiceItem, UnitIndicators,
};

use crate::db::AppState;
use crate::error::{AppError, AppResult};

/// Years a period may name.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// `?year=2026&month=11` as sent; parsed by [`parse_period`] so every mistake gets its own
/// Chinese message and the `invalid_period` code.
#[derive(Debug, Default, Deserialize)]
pub struct IndicatorQuery {
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub month: Option<String>,
}

/// Today in China (UTC+8), where the county's days begin and end.
pub fn county_today() -> NaiveDate {
    crate::resident_merge::china_day(Utc::now())
}

fn shorten(raw: &str) -> String {
    raw.chars().take(20).collect()
}

/// The period asked for: a year in [`YEARS`], optionally a month 1–12, begun by `today`.
pub fn parse_period(
    year: Option<&str>,
    month: Option<&str>,
    today: NaiveDate,
) -> AppResult<IndicatorPeriod> {
    let year = year
        .map(str::trim)
        .filter(|y| !y.is_empty())
        .ok_or_else(|| {
            AppError::InvalidPeriod("缺少年份 year，例如 ?year=2026&month=11".to_owned())
        })?;
    let year = year
        .parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            AppError::InvalidPeriod(format!(
                "年份 year「{}」应为 {}–{} 之间的整数",
                shorten(year),
                YEARS.start(),
                YEARS.end()
            ))
        })?;
    let month = match month.map(str::trim).filter(|m| !m.is_empty()) {
        None => None,
        Some(m) => Some(
            m.parse::<u32>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| {
                    AppError::InvalidPeriod(format!(
                        "月份 month「{}」应为 1–12 之间的整数（不填为全年）",
                        shorten(m)
                    ))
                })?,
        ),
    };
    let period = IndicatorPeriod { year, month };
    let (from, _) = period_bounds(period)
        .ok_or_else(|| AppError::InvalidPeriod("月份 month 应为 1–12".to_owned()))?;
    if from > today {
        let name = match month {
            Some(m) => format!("{year}年{m}月"),
            None => format!("{year}年"),
        };
        return Err(AppError::InvalidPeriod(format!("{name}尚未开始")));
    }
    Ok(period)
}

/// The report of `period` evaluated on `today` (see `yiyang_domain::indicators`): each county,
/// each clinic and each nursing home, in one snapshot of the database.
pub async fn indicators(
    state: &AppState,
    period: IndicatorPeriod,
    today: NaiveDate,
) -> AppResult<IndicatorReport> {
    let mut client = state.pool.get().await?;
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let report = report(&tx, period, today).await?;
    tx.commit().await?;
    Ok(report)
}

/// A registered institution.
struct Institution {
    id: String,
    name: String,
    county_code: String,
}

/// The report, read within `tx`.
pub async fn report(
    tx: &Transaction<'_>,
    period: IndicatorPeriod,
    today: NaiveDate,
) -> AppResult<IndicatorReport> {
    let (from, last) = period_bounds(period)
        .ok_or_else(|| AppError::InvalidPeriod("月份 month 应为 1–12".to_owned()))?;
    let as_of = last.min(today);
    let (clinics, homes) = institutions(tx).await?;
    let mut facts = read_facts(tx, from, as_of).await?;
    let home_list: Vec<(String, String)> = homes
        .iter()
        .map(|h| (h.id.clone(), h.name.clone()))
        .collect();

    let mut clinic_units: Vec<(&Institution, UnitIndicators)> = Vec::new();
    let mut home_parts: HashMap<String, Vec<UnitIndicators>> = HashMap::new();
    for clinic in &clinics {
        let f = facts.remove(&clinic.id).unwrap_or_default();
        let (_, _, units) = compute(&f, (&clinic.id, &clinic.name), &home_list, period, today)
            .ok_or_else(|| AppError::InvalidPeriod("月份 month 应为 1–12".to_owned()))?;
        let mut units = units.into_iter();
        let Some(first) = units.next() else {
            continue;
        };
        clinic_units.push((clinic, first));
        for u in units {
            home_parts.entry(u.unit_id.clone()).or_default().push(u);
        }
    }

    let mut counties: Vec<&str> = clinics.iter().map(|c| c.county_code.as_str()).collect();
    counties.sort_unstable();
    counties.dedup();
    let mut units: Vec<UnitIndicators> = counties
        .iter()
        .map(|code| {
            total(
                code,
                &county_name(code),
                IndicatorUnitKind::County,
                clinic_units
                    .iter()
                    .filter(|(c, _)| c.county_code == *code)
                    .map(|(_, u)| u),
            )
        })
        .collect();
    units.extend(clinic_units.into_iter().map(|(_, u)| u));
    for h in &homes {
        let parts = home_parts.remove(&h.id).unwrap_or_default();
        units.push(total(
            &h.id,
            &h.name,
            IndicatorUnitKind::NursingHome,
            &parts,
        ));
    }
    Ok(IndicatorReport {
        period,
        from: from.to_string(),
        as_of: as_of.to_string(),
        units,
        rule_version: RULE_VERSION,
    })
}

/// How a county unit is named: the county server knows its division code, not its name.
pub fn county_name(code: &str) -> String {
    if code.is_empty() {
        "未填县级区划代码".to_owned()
    } else {
        format!("全县（{code}）")
    }
}

/// The clinics (every institution that is not a nursing home) and the nursing homes, by name.
async fn institutions(tx: &Transaction<'_>) -> AppResult<(Vec<Institution>, Vec<Institution>)> {
    let rows = tx
        .query(
            "SELECT id, fields->>'kind', COALESCE(fields->>'name', ''),
                    COALESCE(fields->>'countyCode', '')
             FROM rows WHERE tbl = 'institutions' AND NOT deleted
             ORDER BY fields->>'name', id",
            &[],
        )
        .await?;
    let (mut clinics, mut homes) = (Vec::new(), Vec::new());
    for r in rows {
        let Some(kind) = r
            .get::<_, Option<String>>(1)
            .and_then(|k| serde_json::from_value::<InstitutionKind>(Value::String(k)).ok())
        else {
            continue;
        };
        let i = Institution {
            id: r.get::<_, Uuid>(0).to_string(),
            name: r.get(2),
            county_code: r.get(3),
        };
        if is_care_home(kind) {
            homes.push(i);
        } else {
            clinics.push(i);
        }
    }
    Ok((clinics, homes))
}

fn date(raw: Option<String>) -> Option<NaiveDate> {
    raw.as_deref().and_then(stored_date)
}

/// An entry is current unless another entry (a correction or a void) supersedes it.
const CURRENT: &str = "NOT EXISTS (SELECT 1 FROM rows n
                   WHERE n.tbl = 'care_records' AND n.fields->>'supersedes' = c.id::text)";

/// Everything `compute` reads, as of `as_of`, per clinic (the owner of the resident files):
/// the same facts, with the same filters, as `crates/store/src/indicators.rs` reads on a laptop.
async fn read_facts(
    tx: &Transaction<'_>,
    from: NaiveDate,
    as_of: NaiveDate,
) -> AppResult<HashMap<String, Facts>> {
    let (from_s, as_of_s) = (from.to_string(), as_of.to_string());
    let grades = latest_grades(tx, &as_of_s).await?;

    let mut facts: HashMap<String, Facts> = HashMap::new();
    let mut clinic_of: HashMap<Uuid, String> = HashMap::new();
    let rows = tx
        .query(
            "SELECT owner, id, home, fields->>'birthDate', created_at, fields->>'status',
                    fields->>'statusDate'
             FROM rows WHERE tbl = 'residents' AND NOT deleted AND owner IS NOT NULL",
            &[],
        )
        .await?;
    for r in rows {
        let (Some(birth), Some(since)) = (date(r.get(3)), date(Some(r.get(4)))) else {
            continue;
        };
        let owner = r.get::<_, Uuid>(0).to_string();
        let id: Uuid = r.get(1);
        let left_on = left_on(
            r.get::<_, Option<String>>(5).as_deref().unwrap_or_default(),
            r.get::<_, Option<String>>(6).as_deref(),
        );
        clinic_of.insert(id, owner.clone());
        facts.entry(owner).or_default().persons.push(Person {
            disability: grades.get(&id).copied(),
            id: id.to_string(),
            home: r.get::<_, Option<Uuid>>(2).map(|h| h.to_string()),
            birth,
            since,
            left_on,
        });
    }

    let rows = tx
        .query(
            "SELECT resident, fields->>'startOn', fields->>'endOn', fields->>'signedOn',
                    fields->>'terminatedOn'
             FROM rows
             WHERE tbl = 'contracts' AND NOT deleted AND resident IS NOT NULL
               AND fields->>'signedOn' IS NOT NULL
               AND fields->>'startOn' <= $1 AND fields->>'endOn' >= $2",
            &[&as_of_s, &from_s],
        )
        .await?;
    let mut earliest_contract = None::<NaiveDate>;
    for r in rows {
        let resident: Uuid = r.get(0);
        let (Some(start), Some(end)) = (date(r.get(1)), date(r.get(2))) else {
            continue;
        };
        let Some(clinic) = clinic_of.get(&resident) else {
            continue;
        };
        earliest_contract = Some(earliest_contract.map_or(start, |e| e.min(start)));
        if let Some(f) = facts.get_mut(clinic) {
            f.contracts.push(ContractSpan {
                resident: resident.to_string(),
                start,
                end,
                signed_on: date(r.get(3)),
                terminated_on: date(r.get(4)),
            });
        }
    }

    let rows = tx
        .query(
            "SELECT owner, home, fields->>'startOn', fields->>'endOn', fields->>'terminatedOn',
                    fields->'items'
             FROM rows
             WHERE tbl = 'agreements' AND NOT deleted AND owner IS NOT NULL
               AND home IS NOT NULL AND fields->>'status' <> 'draft'",
            &[],
        )
        .await?;
    for r in rows {
        let (Some(start), Some(end)) = (date(r.get(2)), date(r.get(3))) else {
            continue;
        };
        let items: Vec<AgreementItem> =
            serde_json::from_value(r.get::<_, Option<Value>>(5).unwrap_or(Value::Null))
                .map_err(|e| AppError::Internal(format!("agreement items: {e}")))?;
        facts
            .entry(r.get::<_, Uuid>(0).to_string())
            .or_default()
            .agreements
            .push(AgreementSpan::signed(
                r.get::<_, Uuid>(1).to_string(),
                start,
                end,
                date(r.get(4)),
                &items,
            ));
    }

    let since = services_since(earliest_contract, from, as_of);
    let rows = tx
        .query(
            &format!(
                "SELECT c.resident, c.fields->>'item', c.fields->>'occurredOn'
                 FROM rows c
                 WHERE c.tbl = 'care_records' AND NOT c.deleted AND c.resident IS NOT NULL
                   AND c.fields->>'item' IS NOT NULL
                   AND c.fields->>'occurredOn' BETWEEN $1 AND $2
                   AND {CURRENT}"
            ),
            &[&since.to_string(), &as_of_s],
        )
        .await?;
    for r in rows {
        let resident: Uuid = r.get(0);
        let Some(clinic) = clinic_of.get(&resident) else {
            continue;
        };
        let item = r
            .get::<_, Option<String>>(1)
            .and_then(|i| serde_json::from_value::<ServiceItem>(Value::String(i)).ok());
        let (Some(item), Some(on)) = (item, date(r.get(2))) else {
            continue;
        };
        if let Some(f) = facts.get_mut(clinic) {
            f.services.push(Service {
                resident: resident.to_string(),
                item,
                on,
            });
        }
    }
    Ok(facts)
}

/// Each resident's latest disability grade recorded on or before `as_of`.
async fn latest_grades(
    tx: &Transaction<'_>,
    as_of: &str,
) -> AppResult<HashMap<Uuid, DisabilityGrade>> {
    let rows = tx
        .query(
            &format!(
                "SELECT c.resident, c.fields->>'facts' FROM rows c
                 WHERE c.tbl = 'care_records' AND NOT c.deleted AND c.resident IS NOT NULL
                   AND c.fields->>'item' = 'G7' AND c.fields->>'facts' LIKE 'grade:%'
                   AND c.fields->>'occurredOn' <= $1 AND {CURRENT}
                 ORDER BY c.fields->>'occurredOn', c.created_at"
            ),
            &[&as_of],
        )
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        let facts: Option<String> = r.get(1);
        if let RecordFacts::Disability { grade } = decode_facts(facts.as_deref().unwrap_or("")) {
            out.insert(r.get(0), grade);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yiyang_protocol::sync::WireErrorCode;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn periods_parse_or_say_what_is_wrong() {
        let today = d("2026-11-23");
        let ok = |y: u32, m: Option<u32>| {
            Ok::<_, String>(IndicatorPeriod {
                year: i32::try_from(y).unwrap_or_default(),
                month: m,
            })
        };
        // (year, month, the period or a part of the message)
        type Case<'a> = (
            Option<&'a str>,
            Option<&'a str>,
            Result<IndicatorPeriod, String>,
        );
        let cases: &[Case] = &[
            (Some("2026"), Some("11"), ok(2026, Some(11))),
            (Some(" 2026 "), None, ok(2026, None)),
            (Some("2026"), Some(""), ok(2026, None)),
            (Some("2025"), Some("1"), ok(2025, Some(1))),
            (None, Some("11"), Err("缺少年份 year".into())),
            (Some(""), None, Err("缺少年份 year".into())),
            (Some("二〇二六"), None, Err("年份 year「二〇二六」".into())),
            (Some("1999"), None, Err("应为 2000–2100".into())),
            (Some("2026"), Some("13"), Err("月份 month「13」".into())),
            (Some("2026"), Some("0"), Err("月份 month「0」".into())),
            (Some("2026"), Some("-1"), Err("月份 month「-1」".into())),
            (Some("2026"), Some("12"), Err("2026年12月尚未开始".into())),
            (Some("2027"), None, Err("2027年尚未开始".into())),
        ];
        for (year, month, want) in cases {
            let got = parse_period(*year, *month, today);
            match (got, want) {
                (Ok(p), Ok(w)) => assert_eq!(p, *w, "{year:?} {month:?}"),
                (Err(e), Err(w)) => {
                    assert_eq!(e.code(), WireErrorCode::InvalidPeriod);
                    assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
                    let msg = e.wire().message;
                    assert!(msg.starts_with("统计期间无效："), "{msg}");
                    assert!(msg.contains(w.as_str()), "{year:?} {month:?}: {msg}");
                }
                (got, want) => panic!("{year:?} {month:?}: {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn wire_dates_are_read_by_their_first_ten_characters() {
        assert_eq!(
            date(Some("2026-03-01T08:00:00+08:00".into())),
            Some(d("2026-03-01"))
        );
        assert_eq!(date(Some("2026-3-1".into())), None);
        assert_eq!(date(None), None);
    }
}
