//! Benchmark of issue 7: Excel import of a generated resident list (default 10 000 rows, every
//! 20th row bad) — overview, preview and import — and the indicators of a store of 100 000
//! residents. Real encrypted data file, the store's public API. Prints a Markdown table.
//!
//!   cargo run --release -p yiyang-e2e --bin bench_reports -- [--rows 10000] [--residents 100000]
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_xlsxwriter::Workbook;
use yiyang_protocol::*;
use yiyang_store::{demo, indicator_report_xlsx, KdfParams, Vault};

fn args() -> anyhow::Result<(u32, usize)> {
    let (mut rows, mut residents) = (10_000u32, 100_000usize);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rows" => rows = it.next().context("--rows N")?.parse()?,
            "--residents" => residents = it.next().context("--residents N")?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok((rows, residents))
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

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> anyhow::Result<()> {
    let (rows, residents) = args()?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 22, 2, 0, 0)
        .single()
        .context("time")?;
    let mut table: Vec<(String, String, String)> = Vec::new();

    // Import.
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
    let report = yiyang_store::rejected_rows_xlsx(&done.rejected_rows)?;
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
    drop(store);

    // Indicators over a large store.
    let dir = tempfile::TempDir::new()?;
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let (mut store, _) = vault.set_up(&demo::clinic_setup(), now, today())?;
    let ctx = store.ctx(now, today())?;
    let t = Instant::now();
    demo::seed_residents(&mut store, &ctx, residents, 7)?;
    let seed = t.elapsed();
    table.push((
        format!("seed {residents} residents (set-up, not measured)"),
        ms(seed),
        String::new(),
    ));
    let mut times = Vec::new();
    let mut last = None;
    for month in [None, Some(11), Some(6)] {
        let t = Instant::now();
        let r = store.indicators(IndicatorPeriod { year: 2026, month }, today())?;
        times.push((month, t.elapsed()));
        last = Some(r);
    }
    for (month, d) in &times {
        let what = month.map_or("2026 年".to_string(), |m| format!("2026 年 {m} 月"));
        table.push((
            format!("**indicators, {what}** — target ≤ 1 s"),
            ms(*d),
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

    println!("| step | time | size |\n|---|---:|---|");
    for (a, b, c) in table {
        println!("| {a} | {b} | {c} |");
    }
    Ok(())
}
