//! Benchmark of the care records (issue 4): the due list of a nursing home with N residents
//! (default 300) and Y years (default 5) of history — weekly rounds, yearly health checks,
//! assessments and plans — and a whole round of a 30-resident home saved resident by resident.
//! Real encrypted data file, the store's public API. Prints a Markdown table; asserts nothing.
//!
//!   cargo run --release -p yiyang-e2e --bin bench_care -- [--residents 300] [--years 5]
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{Days, NaiveDate, Utc};
use yiyang_e2e::bench_data::{ctx_on, weekly_rounds_agreement};
use yiyang_protocol::*;
use yiyang_store::{demo, KdfParams, Store, Vault};

struct Args {
    residents: usize,
    years: i32,
}

fn args() -> anyhow::Result<Args> {
    let mut out = Args {
        residents: 300,
        years: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--residents" => out.residents = it.next().context("--residents N")?.parse()?,
            "--years" => out.years = it.next().context("--years N")?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(out)
}

const TODAY: (i32, u32, u32) = (2026, 11, 22);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A valid 身份证号 for serial `n` (born 1930–1959), with its check character.
fn id_number(n: usize) -> String {
    let year = 1930 + (n % 30);
    let body = format!(
        "330122{year}{:02}{:02}{:03}",
        1 + n % 12,
        1 + n % 28,
        n % 1000
    );
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(weights)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: &[&str] = &[
    "秀英", "桂兰", "建国", "玉兰", "德明", "淑珍", "志强", "凤英",
];

fn add_residents(
    admin: &mut Store,
    home_id: &str,
    count: usize,
    offset: usize,
) -> anyhow::Result<Vec<String>> {
    let ctx = ctx_on(admin, today())?;
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let n = offset + i;
        let input = ResidentInput {
            name: format!("{}{}", SURNAMES[n % 10], GIVEN[(n / 10) % 8]),
            id_number: id_number(n),
            phone: format!("139{:08}", n),
            address: "城南镇".into(),
            living_kind: LivingKind::NursingHome,
            nursing_home_id: Some(home_id.to_owned()),
            room: format!("{}", 101 + i / 2),
            bed: format!("{}", 1 + i % 2),
            ..ResidentInput::default()
        };
        ids.push(admin.create_resident(&ctx, &input)?.id);
    }
    Ok(ids)
}

fn agreement(admin: &mut Store, home_id: &str, years: i32) -> anyhow::Result<()> {
    let start = NaiveDate::from_ymd_opt(TODAY.0 - years, 1, 1).context("date")?;
    let end = NaiveDate::from_ymd_opt(2030, 12, 31).context("date")?;
    let ctx = ctx_on(admin, today())?;
    weekly_rounds_agreement(admin, &ctx, home_id, (start, end), start)
}

fn rec(resident: &str, on: NaiveDate, detail: RecordInputDetail) -> RecordInput {
    RecordInput {
        resident_id: resident.to_owned(),
        occurred_on: on.to_string(),
        place: "城南镇中心敬老院".into(),
        detail,
    }
}

fn round(n: usize) -> RoundInput {
    RoundInput {
        systolic: format!("{}", 118 + n % 40),
        diastolic: format!("{}", 70 + n % 20),
        pulse: format!("{}", 62 + n % 30),
        glucose: if n.is_multiple_of(3) {
            "6.4".into()
        } else {
            String::new()
        },
        note: String::new(),
    }
}

/// Weekly rounds, a yearly health check, PHQ-9, Barthel and plan for each resident and year.
fn history(nurse: &mut Store, residents: &[String], years: i32) -> anyhow::Result<usize> {
    let mut written = 0;
    let first = NaiveDate::from_ymd_opt(TODAY.0 - years, 1, 3).context("date")?;
    let mut day = first;
    let mut week = 0;
    while day <= today() {
        let ctx = ctx_on(nurse, day)?;
        for (i, r) in residents.iter().enumerate() {
            nurse.add_record(
                &ctx,
                &rec(r, day, RecordInputDetail::Round(round(i + week))),
            )?;
            written += 1;
            // Once a year (a different week per resident): the yearly records.
            if week % 52 == i % 40 {
                let check = HealthCheckInput {
                    checked_on: day.to_string(),
                    left_systolic: "132".into(),
                    left_diastolic: "82".into(),
                    height: "160".into(),
                    weight: "62".into(),
                    fasting_glucose: "6.8".into(),
                    health_evaluation: Some(ExamResult::Normal),
                    ..HealthCheckInput::default()
                };
                let yearly = [
                    RecordInputDetail::HealthCheck(Box::new(check)),
                    RecordInputDetail::Assessment(AssessmentAnswers {
                        scale: Scale::Phq9,
                        answers: vec![1, 0, 1, 0, 0, 1, 0, 0, 0],
                        ability_factors: None,
                    }),
                    RecordInputDetail::Assessment(AssessmentAnswers {
                        scale: Scale::Barthel,
                        answers: vec![10, 5, 5, 10, 10, 10, 10, 10, 5, 5],
                        ability_factors: None,
                    }),
                    RecordInputDetail::RehabGuidance(NoteInput {
                        note: "床旁站立训练每日两次".into(),
                    }),
                    RecordInputDetail::HealthPlan(PlanInput {
                        problems: "高血压".into(),
                        goals: "血压控制在 140/90 以下".into(),
                        measures: "低盐饮食，规律服药，每周测血压".into(),
                    }),
                ];
                for detail in yearly {
                    nurse.add_record(&ctx, &rec(r, day, detail))?;
                    written += 1;
                }
            }
        }
        day = day.checked_add_days(Days::new(7)).context("date")?;
        week += 1;
    }
    Ok(written)
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let dir = tempfile::TempDir::new()?;
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let now = Utc::now();
    let (mut admin, _) = vault.set_up(&demo::clinic_setup(), now, today())?;
    let ctx = ctx_on(&admin, today())?;
    let homes = demo::nursing_homes();
    let big = admin.create_institution(&ctx, &homes[0])?.id;
    let small = admin.create_institution(&ctx, &homes[1])?.id;
    let big_residents = add_residents(&mut admin, &big, args.residents, 0)?;
    let small_residents = add_residents(&mut admin, &small, 30, args.residents)?;
    agreement(&mut admin, &big, args.years)?;
    agreement(&mut admin, &small, args.years)?;
    admin.create_user(
        &ctx,
        &UserInput {
            login: "nurse".into(),
            name: "赵慧珊".into(),
            role: Some(Role::Nurse),
            institution_id: admin.session()?.institution_id.clone(),
            password: demo::DEMO_PASSWORD.into(),
            password_again: demo::DEMO_PASSWORD.into(),
        },
    )?;
    drop(admin);
    let mut nurse = vault.log_in(
        &LogInInput {
            login: "nurse".into(),
            password: demo::DEMO_PASSWORD.into(),
        },
        now,
    )?;

    // Generating years of history one fsync at a time would take most of an hour; the measured
    // parts below run with the store's normal durability.
    nurse
        .raw_connection_for_tests()
        .execute_batch("PRAGMA synchronous = OFF")?;
    let t = Instant::now();
    let written = history(&mut nurse, &big_residents, args.years)?;
    let generated = t.elapsed();
    // Fold the generated history into the data file, so the figures below are the steady state of
    // a store in use rather than one first checkpoint of 100k generated entries.
    nurse
        .raw_connection_for_tests()
        .execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);")?;

    let mut due_times = Vec::new();
    let mut cells = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let due = nurse.home_due(&big, TODAY.0, today())?;
        due_times.push(t.elapsed());
        cells = due.rows.len() * due.rows.first().map_or(0, |r| r.cells.len());
    }
    due_times.sort();
    let mut grid_times = Vec::new();
    for r in big_residents.iter().take(50) {
        let t = Instant::now();
        nurse.resident_due(r, TODAY.0, today())?;
        grid_times.push(t.elapsed());
    }
    grid_times.sort();

    let t = Instant::now();
    let sheet = nurse.round_sheet(&small, today())?;
    let sheet_time = t.elapsed();
    let ctx = ctx_on(&nurse, today())?;
    let mut each = Vec::new();
    let t = Instant::now();
    for (i, row) in sheet.rows.iter().enumerate() {
        let s = Instant::now();
        nurse.record_round(
            &ctx,
            &RoundEntry {
                resident_id: row.resident_id.clone(),
                nursing_home_id: small.clone(),
                round: round(i),
            },
        )?;
        each.push(s.elapsed());
    }
    let round_total = t.elapsed();
    each.sort();
    let _ = &small_residents;

    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| history generated: {} residents × {} years ({} entries, synchronous=OFF) | {:.1} s | — |",
        args.residents,
        args.years,
        written,
        generated.as_secs_f64()
    );
    println!(
        "| due list of the {}-resident home, {} cells (20 runs) | p50 {} · p95 {} | ≤ 50 ms |",
        args.residents,
        cells,
        ms(percentile(&due_times, 0.5)),
        ms(percentile(&due_times, 0.95))
    );
    println!(
        "| one resident's 14-cell grid (50 residents) | p50 {} · p95 {} | — |",
        ms(percentile(&grid_times, 0.5)),
        ms(percentile(&grid_times, 0.95))
    );
    println!(
        "| round sheet of a 30-resident home | {} | — |",
        ms(sheet_time)
    );
    println!(
        "| a 30-resident round saved resident by resident (each its own transaction, synchronous=FULL) | {} in total · p50 {} · max {} each | ≤ 50 ms total |",
        ms(round_total),
        ms(percentile(&each, 0.5)),
        ms(percentile(&each, 1.0))
    );
    Ok(())
}
