//! Benchmark: N generated residents (default 100,000) in a real data file — insert time, search
//! p50/p95 per query kind, list page latency, file size, and (with `--app` and a display) the
//! app's cold start to first paint. Runs everything on the encrypted store (SQLCipher) and, with
//! `--plain`, again on an unencrypted one, so the table shows what encryption costs. Prints a
//! Markdown table. Not a test: it asserts nothing.
//!
//!   cargo run --release -p yiyang-e2e --bin bench -- [--residents N] [--plain] [--app target/release/yiyang-desktop]
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{Local, Utc};
use yiyang_protocol::{ResidentListQuery, ResidentSort, SearchQuery, SortOrder};
use yiyang_store::{demo, KdfParams, Vault};

struct Args {
    residents: usize,
    plain: bool,
    app: Option<PathBuf>,
}

fn args() -> anyhow::Result<Args> {
    let mut out = Args {
        residents: 100_000,
        plain: false,
        app: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--residents" => out.residents = it.next().context("--residents N")?.parse()?,
            "--app" => out.app = Some(it.next().context("--app PATH")?.into()),
            "--plain" => out.plain = true,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(out)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Times `f` once per input; returns (p50, p95, average hits).
fn time_each<T>(inputs: &[T], mut f: impl FnMut(&T) -> usize) -> (Duration, Duration, f64) {
    let mut times = Vec::with_capacity(inputs.len());
    let mut hits = 0;
    for input in inputs {
        let t = Instant::now();
        hits += f(input);
        times.push(t.elapsed());
    }
    times.sort();
    (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        hits as f64 / inputs.len() as f64,
    )
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Spawns the app and waits for its first-paint report; returns wall time from spawn.
fn cold_start(app: &Path, data_dir: &Path) -> anyhow::Result<Duration> {
    let t = Instant::now();
    let mut child = Command::new(app)
        .args(["--data-dir"])
        .arg(data_dir)
        .arg("--exit-after-first-paint")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().context("no stdout")?;
    for line in BufReader::new(stdout).lines() {
        if line?.starts_with("first-paint-ms=") {
            let elapsed = t.elapsed();
            let _ = child.wait();
            return Ok(elapsed);
        }
    }
    let _ = child.kill();
    bail!("the app exited without reporting its first paint")
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let encrypted = measure(&args, true)?;
    let plain = if args.plain {
        Some(measure(&args, false)?)
    } else {
        None
    };
    println!("\n## 医养通 benchmark: {} residents\n", args.residents);
    match &plain {
        Some(plain) => {
            println!("| measure | encrypted (SQLCipher) | plain SQLite |");
            println!("|---|---|---|");
            for ((k, v), (_, p)) in encrypted.iter().zip(plain) {
                println!("| {k} | {v} | {p} |");
            }
        }
        None => {
            println!("| measure | value |");
            println!("|---|---|");
            for (k, v) in &encrypted {
                println!("| {k} | {v} |");
            }
        }
    }
    Ok(())
}

/// Fills a fresh data folder (encrypted or not) and measures it; rows of (measure, value).
fn measure(args: &Args, encrypted: bool) -> anyhow::Result<Vec<(String, String)>> {
    let dir = tempfile::TempDir::new()?;
    let today = Local::now().date_naive();
    let vault = Vault::new(dir.path(), KdfParams::default());
    let mut rows: Vec<(String, String)> = Vec::new();

    let t = Instant::now();
    let store = if encrypted {
        demo::seed_demo(&vault, args.residents, Utc::now(), today)?.0
    } else {
        let mut store =
            vault.set_up_unencrypted_for_benchmark(&demo::clinic_setup(), Utc::now(), today)?;
        let ctx = store.ctx(Utc::now(), today)?;
        for home in demo::nursing_homes() {
            store.create_institution(&ctx, &home)?;
        }
        demo::seed_residents(&mut store, &ctx, args.residents, 2026)?;
        store
    };
    let insert = t.elapsed();

    // Query material drawn from the stored residents, every 97th.
    let page = |p: u32| ResidentListQuery {
        page: p,
        page_size: 200,
        sort: ResidentSort::Name,
        order: SortOrder::Asc,
        status: None,
    };
    let pages = (args.residents as u32).div_ceil(200);
    let mut sample = Vec::new();
    for p in (1..=pages).step_by(97.max(pages as usize / 40)) {
        for row in store
            .list_residents(&page(p), today)?
            .items
            .into_iter()
            .step_by(50)
        {
            // Lists are masked; the file itself has the whole numbers to search for.
            sample.push(store.get_resident(&row.id, Utc::now(), today)?);
        }
    }
    let q = |text: String| SearchQuery { text, limit: 50 };
    let mut kinds: Vec<(&str, Vec<SearchQuery>)> = vec![
        (
            "name, full",
            sample.iter().map(|r| q(r.name.clone())).collect(),
        ),
        (
            "name, 2 chars",
            sample
                .iter()
                .map(|r| q(r.name.chars().take(2).collect()))
                .collect(),
        ),
        (
            "name, 1 char (surname)",
            sample
                .iter()
                .map(|r| q(r.name.chars().take(1).collect()))
                .collect(),
        ),
        (
            "pinyin initials",
            sample
                .iter()
                .map(|r| {
                    q(yiyang_domain::search_keys::name_keys(&r.name)
                        .initials
                        .into_iter()
                        .next()
                        .unwrap_or_default())
                })
                .collect(),
        ),
        (
            "pinyin, 1 letter",
            sample
                .iter()
                .map(|r| {
                    q(r.name
                        .chars()
                        .take(1)
                        .flat_map(|c| {
                            yiyang_domain::search_keys::name_keys(&c.to_string())
                                .initials
                                .into_iter()
                                .next()
                        })
                        .collect())
                })
                .collect(),
        ),
        (
            "full pinyin",
            sample
                .iter()
                .map(|r| {
                    q(yiyang_domain::search_keys::name_keys(&r.name)
                        .full
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                        .replace(' ', ""))
                })
                .collect(),
        ),
        (
            "身份证号 last 6",
            sample
                .iter()
                .map(|r| q(r.id_number[12..].to_owned()))
                .collect(),
        ),
        (
            "身份证号 full",
            sample.iter().map(|r| q(r.id_number.clone())).collect(),
        ),
        (
            "phone last 4+",
            sample
                .iter()
                .filter(|r| r.phone.len() >= 11)
                .map(|r| q(r.phone[6..].to_owned()))
                .collect(),
        ),
    ];
    for (_, queries) in &mut kinds {
        queries.retain(|q| !q.text.is_empty());
    }
    rows.push((
        format!(
            "insert {} residents (batches of 1,000, with outbox, history, search index, audit)",
            args.residents
        ),
        format!(
            "{:.1} s ({:.0} rows/s)",
            insert.as_secs_f64(),
            args.residents as f64 / insert.as_secs_f64()
        ),
    ));
    for (kind, queries) in &kinds {
        let (p50, p95, hits) = time_each(queries, |q| {
            store
                .search_residents(q, today)
                .map(|h| h.len())
                .unwrap_or(0)
        });
        rows.push((
            format!(
                "search: {kind} ({} queries, {hits:.1} hits avg)",
                queries.len()
            ),
            format!("p50 {} · p95 {}", ms(p50), ms(p95)),
        ));
    }
    let statuses = [None, Some(yiyang_protocol::ResidentStatus::Active)];
    for (status, (label, sort)) in statuses.into_iter().flat_map(|st| {
        [
            ("name", ResidentSort::Name),
            ("age", ResidentSort::Age),
            ("档案编号", ResidentSort::HealthFileNo),
            ("updated", ResidentSort::UpdatedAt),
        ]
        .into_iter()
        .map(move |s| (st, s))
    }) {
        let pages: Vec<u32> = (0..50)
            .map(|i| 1 + (i * 37) % (args.residents as u32 / 20).max(1))
            .collect();
        let (p50, p95, _) = time_each(&pages, |p| {
            let query = ResidentListQuery {
                page: *p,
                page_size: 20,
                sort,
                order: SortOrder::Asc,
                status,
            };
            store
                .list_residents(&query, today)
                .map(|r| r.items.len())
                .unwrap_or(0)
        });
        let filter = if status.is_some() {
            ", only 在档"
        } else {
            ""
        };
        rows.push((
            format!("list page of 20, by {label}{filter} (50 random pages)"),
            format!("p50 {} · p95 {}", ms(p50), ms(p95)),
        ));
    }
    drop(store);
    rows.push((
        "store file size (db + wal)".into(),
        format!("{:.1} MB", dir_size(dir.path()) as f64 / 1e6),
    ));
    if let (Some(app), true) = (&args.app, encrypted) {
        let mut starts = Vec::new();
        for _ in 0..5 {
            starts.push(cold_start(app, dir.path())?);
        }
        starts.sort();
        rows.push((
            format!(
                "app cold start to first paint, log-in screen (5 runs, {} residents)",
                args.residents
            ),
            format!("median {} · max {}", ms(starts[2]), ms(starts[4])),
        ));
    }
    Ok(rows)
}
