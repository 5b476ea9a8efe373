//! Benchmark of issue 7: Excel import of a generated resident list (default 10 000 rows, every
//! 20th row bad) — overview, preview and import — and the indicators of a store of 100 000
//! residents with a year of contracts, health checks, assessments and rounds (`--no-history`:
//! residents only). Real encrypted data file, the store's public API. Prints a Markdown table.
//!
//!   cargo run --release -p yiyang-e2e --bin bench_reports -- [--rows 10000] [--residents 100000]
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_xlsxwriter::Workbook;
use yiyang_e2e::bench_data::{ctx_on, weekly_rounds_agreement};
use yiyang_protocol::*;
use yiyang_store::{demo, indicator_report_xlsx, KdfParams, Store, Vault, VaultState};

struct Args {
    rows: u32,
    residents: usize,
    history: bool,
    /// Keep the indicator store here, and reuse it when it is already there.
    data: Option<std::path::PathBuf>,
    /// Skip the import part.
    indicators_only: bool,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        rows: 10_000,
        residents: 100_000,
        history: true,
        data: None,
        indicators_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rows" => a.rows = it.next().context("--rows N")?.parse()?,
            "--residents" => a.residents = it.next().context("--residents N")?.parse()?,
            "--no-history" => a.history = false,
            "--data" => a.data = Some(it.next().context("--data DIR")?.into()),
            "--indicators-only" => a.indicators_only = true,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(a)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// A valid 身份证号, distinct for every `n` below 20 million.
fn id_number(n: u32) -> String {
    let birth = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap_or_default()
        + chrono::Duration::days(i64::from(n % 20_000));
    let first17 = format!("330122{}{:03}", birth.format("%Y%m%d"), (n / 20_000) % 1000);
    let check = yiyang_domain::id_number::check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

/// A list as clinics keep them: title row, header, then one row per resident; every 20th row
/// has a wrong check character.
fn sheet(rows: u32) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "城南镇居民名单")?;
    for (c, h) in [
        "序号",
        "姓名",
        "身份证号",
        "联系电话",
        "家庭住址",
        "出生日期",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h)?;
    }
    for i in 1..=rows {
        let r = i + 1;
        let mut id = id_number(i);
        if i % 20 == 0 {
            let wrong = if id.ends_with('9') {
                'X'
            } else if id.ends_with('X') {
                '0'
            } else {
                '9'
            };
            id = format!("{}{wrong}", &id[..17]);
        }
        ws.write_number(r, 0, f64::from(i))?;
        ws.write_string(
            r,
            1,
            ["王秀英", "李建国", "张玉兰", "刘德明"][(i % 4) as usize],
        )?;
        ws.write_string(r, 2, &id)?;
        ws.write_string(r, 3, format!("139{:08}", i))?;
        ws.write_string(r, 4, "城南镇王家村")?;
        ws.write_string(
            r,
            5,
            format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]),
        )?;
    }
    Ok(book.save_to_buffer()?)
}

/// A year of work in a county clinic's store, through the store's API as the app writes it:
/// three nursing homes under agreements (weekly rounds), about three quarters of the elderly
/// signed for 2026, seven in ten with this year's health check, every home resident assessed
/// once and rounded weekly, and one round in a hundred voided (superseded).
struct History {
    contracts: usize,
    records: usize,
    voided: usize,
}

fn day(y: i32, m: u32, d: u32) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).context("date")
}

/// Staff, a care team, the homes and their agreements; returns the doctor's store.
fn clinic_staff(vault: &Vault, admin: &mut Store) -> anyhow::Result<(Store, String)> {
    let ctx = ctx_on(admin, day(2025, 12, 1)?)?;
    let clinic = admin.session()?.institution_id.clone();
    let doctor = admin.create_user(
        &ctx,
        &UserInput {
            login: "doctor".into(),
            name: "陈立明".into(),
            role: Some(Role::Doctor),
            institution_id: clinic,
            password: demo::DEMO_PASSWORD.into(),
            password_again: demo::DEMO_PASSWORD.into(),
        },
    )?;
    let team = admin.create_team(
        &ctx,
        &TeamInput {
            name: "城南家庭医生一队".into(),
            members: vec![TeamMember {
                user_id: Some(doctor.id.clone()),
                name: "陈立明".into(),
                role: TeamRole::Doctor,
                leader: true,
            }],
        },
    )?;
    for home in demo::nursing_homes() {
        let home = admin.create_institution(&ctx, &home)?;
        weekly_rounds_agreement(
            admin,
            &ctx,
            &home.id,
            (day(2026, 1, 1)?, day(2027, 12, 31)?),
            day(2025, 12, 1)?,
        )?;
    }
    let doctor = vault.log_in(
        &LogInInput {
            login: "doctor".into(),
            password: demo::DEMO_PASSWORD.into(),
        },
        Utc::now(),
    )?;
    Ok((doctor, team.id))
}

fn record(resident: &str, on: NaiveDate, detail: RecordInputDetail) -> RecordInput {
    RecordInput {
        resident_id: resident.to_owned(),
        occurred_on: on.to_string(),
        place: "城南镇卫生院".into(),
        detail,
    }
}

fn health_check(on: NaiveDate) -> RecordInputDetail {
    RecordInputDetail::HealthCheck(Box::new(HealthCheckInput {
        checked_on: on.to_string(),
        left_systolic: "132".into(),
        left_diastolic: "82".into(),
        height: "160".into(),
        weight: "62".into(),
        fasting_glucose: "6.1".into(),
        health_evaluation: Some(ExamResult::Normal),
        ..HealthCheckInput::default()
    }))
}

fn history(doctor: &mut Store, team_id: &str) -> anyhow::Result<History> {
    let mut h = History {
        contracts: 0,
        records: 0,
        voided: 0,
    };
    let residents: Vec<(String, String, bool)> = {
        let conn = doctor.raw_connection_for_tests();
        let mut stmt =
            conn.prepare("SELECT id, birth_date, nursing_home_id IS NOT NULL FROM residents")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let jan = day(2026, 1, 2)?;
    let contract_ctx = ctx_on(doctor, jan)?;
    let doctor_id = doctor.session()?.user_id.clone();
    let last_day = today();
    for (n, (id, birth, in_home)) in residents.iter().enumerate() {
        let elderly = birth.as_str() <= "1961-11-22";
        if elderly && n % 4 != 0 {
            let c = doctor.create_contract(
                &contract_ctx,
                &ContractInput {
                    resident_id: id.clone(),
                    team_id: team_id.to_owned(),
                    doctor_id: doctor_id.clone(),
                    categories: vec![PopulationCategory::Elderly],
                    package_kind: PackageKind::Basic,
                    package_items: Vec::new(),
                    price: "0".into(),
                    insurance_part: "0".into(),
                    self_paid: "0".into(),
                    start_on: "2026-01-02".into(),
                    end_on: "2027-01-01".into(),
                },
            )?;
            doctor.sign_contract(
                &contract_ctx,
                &SignContract {
                    contract_id: c.id,
                    version: c.version,
                    signed_on: "2026-01-02".into(),
                },
            )?;
            h.contracts += 1;
        }
        if elderly && n % 10 < 7 {
            // Spread over the year up to mid-November.
            let on = jan + chrono::Duration::days((n % 315) as i64);
            let ctx = ctx_on(doctor, on)?;
            doctor.add_record(&ctx, &record(id, on, health_check(on)))?;
            h.records += 1;
        }
        if *in_home {
            let ctx = ctx_on(doctor, jan)?;
            doctor.add_record(
                &ctx,
                &record(
                    id,
                    jan,
                    RecordInputDetail::Assessment(AssessmentAnswers {
                        scale: Scale::Barthel,
                        answers: vec![10, 5, 5, 10, 10, 10, 10, 10, 5, 5],
                        ability_factors: None,
                    }),
                ),
            )?;
            h.records += 1;
            let mut on = day(2026, 1, 5)?;
            let mut week = 0usize;
            while on <= last_day {
                let ctx = ctx_on(doctor, on)?;
                let r = doctor.add_record(
                    &ctx,
                    &record(
                        id,
                        on,
                        RecordInputDetail::Round(RoundInput {
                            systolic: format!("{}", 118 + (n + week) % 40),
                            diastolic: "80".into(),
                            pulse: "72".into(),
                            glucose: String::new(),
                            note: String::new(),
                        }),
                    ),
                )?;
                h.records += 1;
                if (n + week).is_multiple_of(100) {
                    doctor.void_record(
                        &ctx,
                        &VoidRecord {
                            record_id: r.id,
                            reason: "录错了居民".into(),
                        },
                    )?;
                    h.voided += 1;
                }
                on += chrono::Duration::days(7);
                week += 1;
            }
        }
    }
    Ok(h)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let mut table: Vec<Row> = Vec::new();
    if !args.indicators_only {
        import(args.rows, &mut table)?;
    }
    indicators(&args, &mut table)?;
    println!("| step | time | size |\n|---|---:|---|");
    for (a, b, c) in table {
        println!("| {a} | {b} | {c} |");
    }
    Ok(())
}

type Row = (String, String, String);

fn now() -> anyhow::Result<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0)
        .single()
        .context("time")
}

/// Import of a generated sheet: overview, preview, import, report of the rejected rows.
fn import(rows: u32, table: &mut Vec<Row>) -> anyhow::Result<()> {
    let now = now()?;
    let dir = tempfile::TempDir::new()?;
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let (mut store, _) = vault.set_up(&demo::clinic_setup(), now, today())?;
    let t = Instant::now();
    let bytes = sheet(rows)?;
    let generate = t.elapsed();
    let t = Instant::now();
    let overview = store.import_overview(&bytes, None, 0, None)?;
    let read = t.elapsed();
    let options = ImportOptions {
        mapping: overview.mapping.clone(),
        ..ImportOptions::default()
    };
    let ctx = store.ctx(now, today())?;
    let t = Instant::now();
    let preview = store.preview_import(&ctx, &bytes, &options, 100, &mut |_| {})?;
    let preview_time = t.elapsed();
    let t = Instant::now();
    let done = store.import_residents(&ctx, &bytes, &options, &mut |_| {})?;
    let import_time = t.elapsed();
    let t = Instant::now();
    let report = store.export_rejected_rows_xlsx(&ctx, &done.rejected_rows)?;
    let report_time = t.elapsed();
    let size = format!("{} rows, {} KB", rows, bytes.len() / 1024);
    table.push((
        "generate the sheet (not measured against a target)".into(),
        ms(generate),
        size,
    ));
    table.push((
        "open + find header + guess mapping".into(),
        ms(read),
        format!("{} data rows", overview.data_rows),
    ));
    table.push((
        "preview (whole run, rolled back)".into(),
        ms(preview_time),
        format!("{} new, {} rejected", preview.new, preview.rejected),
    ));
    table.push((
        "**import (one transaction)** — target ≤ 5 s".into(),
        ms(import_time),
        format!("{} new, {} rejected", done.new, done.rejected),
    ));
    table.push((
        "rejected-row report (.xlsx)".into(),
        ms(report_time),
        format!("{} KB", report.len() / 1024),
    ));
    Ok(())
}

/// A store of `args.residents` residents (with a year of history unless `--no-history`),
/// logged in as the clinic's administrator: made in a temporary folder, or in `--data DIR`
/// (kept; reused when already there, so the indicators can be measured again in seconds).
fn indicator_store(
    args: &Args,
    table: &mut Vec<Row>,
) -> anyhow::Result<(Store, Option<tempfile::TempDir>)> {
    let (dir, temp) = match &args.data {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            (d.clone(), None)
        }
        None => {
            let t = tempfile::TempDir::new()?;
            (t.path().to_path_buf(), Some(t))
        }
    };
    let vault = Vault::new(&dir, KdfParams::insecure_for_tests());
    if !matches!(vault.state()?, VaultState::Empty) {
        let setup = demo::clinic_setup();
        let store = vault.log_in(
            &LogInInput {
                login: setup.login,
                password: setup.password,
            },
            now()?,
        )?;
        table.push((
            format!("reuse the store in {}", dir.display()),
            String::new(),
            String::new(),
        ));
        return Ok((store, temp));
    }
    let residents = args.residents;
    let (mut store, _) = vault.set_up(&demo::clinic_setup(), now()?, today())?;
    // The files date from before the year, so every resident counts in every month of 2026.
    let ctx = ctx_on(&store, day(2025, 12, 1)?)?;
    let t = Instant::now();
    if args.history {
        let (mut doctor, team_id) = clinic_staff(&vault, &mut store)?;
        // The generator puts a quarter of its residents in the homes; a county clinic has far
        // fewer there, so only those of the last 8 % stay (≈ 2 %, 2 000 of 100 000).
        let homes = store
            .list_nursing_homes()?
            .into_iter()
            .map(|h| h.id)
            .collect();
        let mut generator = demo::ResidentGenerator::new(7, ctx.today, homes);
        let at_home = residents * 92 / 100;
        let mut made = 0;
        while made < residents {
            let batch: Vec<ResidentInput> = (made..residents.min(made + 1000))
                .map(|n| {
                    let mut r = generator.next_resident();
                    if n < at_home && r.nursing_home_id.is_some() {
                        r.nursing_home_id = None;
                        r.living_kind = LivingKind::Home;
                        r.room.clear();
                        r.bed.clear();
                    }
                    r
                })
                .collect();
            made += batch.len();
            store.create_residents_batch(&ctx, &batch)?;
        }
        table.push((
            format!("seed {residents} residents (set-up, not measured)"),
            ms(t.elapsed()),
            String::new(),
        ));
        // Generating a year one fsync at a time would take an hour; what is measured below
        // runs with the store's normal durability.
        doctor
            .raw_connection_for_tests()
            .execute_batch("PRAGMA synchronous = OFF")?;
        let t = Instant::now();
        let h = history(&mut doctor, &team_id)?;
        doctor
            .raw_connection_for_tests()
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);")?;
        table.push((
            "a year of history (set-up, not measured)".into(),
            ms(t.elapsed()),
            format!(
                "{} signed contracts, {} service-log entries, {} voided",
                h.contracts, h.records, h.voided
            ),
        ));
        drop(doctor);
    } else {
        demo::seed_residents(&mut store, &ctx, residents, 7)?;
        table.push((
            format!("seed {residents} residents (set-up, not measured)"),
            ms(t.elapsed()),
            String::new(),
        ));
    }
    Ok((store, temp))
}

/// The indicators of 2026, of November and of June, three runs each: the first reads a store
/// just opened (its pages not yet in the page cache), the others after it.
fn indicators(args: &Args, table: &mut Vec<Row>) -> anyhow::Result<()> {
    let (mut store, _temp) = indicator_store(args, table)?;
    let residents = args.residents;
    let ctx = ctx_on(&store, day(2025, 12, 1)?)?;
    let mut last = None;
    for month in [None, Some(11), Some(6)] {
        let mut runs = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            last = Some(store.indicators(IndicatorPeriod { year: 2026, month }, today())?);
            runs.push(t.elapsed());
        }
        let what = month.map_or("2026 年".to_string(), |m| format!("2026 年 {m} 月"));
        table.push((
            format!("**indicators, {what}** (first · second · third run) — target ≤ 1 s"),
            runs.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(" · "),
            format!("{residents} residents"),
        ));
    }
    if let Some(r) = last {
        let t = Instant::now();
        let x = indicator_report_xlsx(&r)?;
        table.push((
            "indicator report (.xlsx)".into(),
            ms(t.elapsed()),
            format!("{} units, {} KB", r.units.len(), x.len() / 1024),
        ));
        let t = Instant::now();
        let list = store.export_residents_xlsx(&ctx)?;
        table.push((
            "resident list export (.xlsx)".into(),
            ms(t.elapsed()),
            format!("{residents} rows, {} KB", list.len() / 1024),
        ));
    }
    Ok(())
}
