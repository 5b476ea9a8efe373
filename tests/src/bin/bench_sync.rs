//! Benchmark of sync (issue 5), with the real county binary on a fresh PostgreSQL database and
//! real encrypted laptop stores over HTTP on loopback:
//! - initial sync: one laptop holding N residents (default 99 000: a clinic's 健康档案编号 has a
//!   5-digit serial, so 99 999 is the most one clinic can file) and R care records per
//!   resident (default 11, so about 1.1 M rows in all) uploads everything; a second laptop of
//!   the clinic downloads it. Rows per second, next to a plain `COPY` of the same rows into
//!   PostgreSQL in the same run;
//! - incremental sync: 100 changes on one laptop, pushed and pulled by the other (20 runs);
//! - 30 clinics pushing at once: latency of each push batch (p50 / p99).
//!
//! Prints a Markdown table; asserts nothing. Build the county first:
//!   cargo build --release -p yiyang-county
//!   YIYANG_COUNTY=target/release/yiyang-county cargo run --release -p yiyang-e2e --bin bench_sync -- [--residents 99000] [--records 11]
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use yiyang_e2e::county_server::{County, TestDatabase, ADMIN_TOKEN};
use yiyang_protocol::*;
use yiyang_store::{demo, KdfParams, Store, Vault};
use yiyang_sync::{CountyClient, Schedule};

type Shared = Arc<Mutex<Store>>;

struct Args {
    residents: usize,
    records: usize,
    clinics: usize,
    /// Rows per pull page (default: the app's).
    pull_page: Option<u32>,
    /// Mutations per push request (default: the app's).
    push_batch: Option<usize>,
    /// Stop after the initial upload and download (for profiling them).
    initial_only: bool,
}

fn args() -> anyhow::Result<Args> {
    let mut out = Args {
        residents: 99_000,
        records: 11,
        clinics: 30,
        pull_page: None,
        push_batch: None,
        initial_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--residents" => out.residents = it.next().context("--residents N")?.parse()?,
            "--records" => out.records = it.next().context("--records N")?.parse()?,
            "--clinics" => out.clinics = it.next().context("--clinics N")?.parse()?,
            "--pull-page" => out.pull_page = Some(it.next().context("--pull-page N")?.parse()?),
            "--push-batch" => {
                out.push_batch = Some(it.next().context("--push-batch N")?.parse()?);
            }
            "--initial-only" => out.initial_only = true,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(out)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn check(body: &str, weights: &[u32], map: &[u8], modulo: u32) -> char {
    let sum: u32 = body
        .chars()
        .zip(weights)
        .map(|(c, w)| c.to_digit(36).unwrap_or(0) * w)
        .sum();
    map[(sum % modulo) as usize] as char
}

/// A valid 身份证号 for serial `n` (unique below 7 million; born 1930–1959).
fn id_number(n: usize) -> String {
    let year = 1930 + (n / 1000) % 30;
    let body = format!(
        "330122{year}{:02}{:02}{:03}",
        1 + (n / 30_000) % 12,
        1 + (n / 360_000) % 28,
        n % 1000
    );
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    format!("{body}{}", check(&body, &weights, b"10X98765432", 11))
}

fn clinic_setup(c: usize, login: &str) -> SetupInput {
    let mut s = demo::clinic_setup();
    let body = format!("12330122MB1{c:06}");
    s.institution.credit_code = format!(
        "{body}{}",
        yiyang_domain::credit_code::check_char(&body).unwrap_or('0')
    );
    s.institution.name = format!("基准测试第{c}卫生院");
    s.login = login.into();
    s
}

fn new_laptop(c: usize, login: &str, dir: &tempfile::TempDir) -> anyhow::Result<Shared> {
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let setup = clinic_setup(c, login);
    let (store, _) = vault.set_up(&setup, Utc::now(), today())?;
    Ok(Arc::new(Mutex::new(store)))
}

async fn enrol(county: &County, store: &Shared, c: usize, name: &str) -> anyhow::Result<()> {
    let credit = clinic_setup(c, "x").institution.credit_code;
    let code = county.issue_code(&credit)?;
    yiyang_sync::enrol(store, &county.url(), &code, name).await?;
    Ok(())
}

fn lock(store: &Shared) -> anyhow::Result<std::sync::MutexGuard<'_, Store>> {
    store
        .lock()
        .map_err(|_| anyhow::anyhow!("store mutex poisoned"))
}

/// Residents (by the admin) and care records (by a nurse: admins may not record care), written
/// through the store's public API; the admin's store is handed back.
fn generate(
    store: Shared,
    dir: &tempfile::TempDir,
    residents: usize,
    per: usize,
) -> anyhow::Result<(Shared, Vec<String>)> {
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let mut s = lock(&store)?;
    s.raw_connection_for_tests()
        .execute_batch("PRAGMA synchronous = OFF")?;
    let ctx = s.ctx(Utc::now(), today())?;
    let mut ids = Vec::with_capacity(residents);
    for n in 0..residents {
        let input = ResidentInput {
            name: format!(
                "{}{}",
                ["王", "李", "张", "刘", "陈"][n % 5],
                ["秀英", "桂兰", "建国", "玉兰"][(n / 5) % 4]
            ),
            id_number: id_number(n),
            phone: format!("139{n:08}"),
            address: "城南镇".into(),
            ..ResidentInput::default()
        };
        ids.push(s.create_resident(&ctx, &input)?.id);
    }
    let institution_id = s.session()?.institution_id.clone();
    s.create_user(
        &ctx,
        &UserInput {
            login: "nurse".into(),
            name: "赵慧珊".into(),
            role: Some(Role::Nurse),
            institution_id,
            password: demo::DEMO_PASSWORD.into(),
            password_again: demo::DEMO_PASSWORD.into(),
        },
    )?;
    let admin_login = s.session()?.login.clone();
    drop(s);
    drop(store);
    let mut s = vault.log_in(
        &LogInInput {
            login: "nurse".into(),
            password: demo::DEMO_PASSWORD.into(),
        },
        Utc::now(),
    )?;
    s.raw_connection_for_tests()
        .execute_batch("PRAGMA synchronous = OFF")?;
    let first = NaiveDate::from_ymd_opt(2025, 1, 6).context("date")?;
    for k in 0..per {
        let day = first
            .checked_add_days(Days::new(7 * k as u64))
            .context("date")?;
        let at = Utc
            .from_local_datetime(&day.and_hms_opt(2, 0, 0).context("time")?)
            .single()
            .context("time")?;
        let ctx = s.ctx(at, day)?;
        for (i, r) in ids.iter().enumerate() {
            s.add_record(
                &ctx,
                &RecordInput {
                    resident_id: r.clone(),
                    occurred_on: day.to_string(),
                    place: "卫生院".into(),
                    detail: RecordInputDetail::Round(RoundInput {
                        systolic: format!("{}", 118 + (i + k) % 40),
                        diastolic: format!("{}", 70 + i % 20),
                        pulse: format!("{}", 62 + k % 30),
                        glucose: String::new(),
                        note: String::new(),
                    }),
                },
            )?;
        }
    }
    s.raw_connection_for_tests()
        .execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);")?;
    drop(s);
    let admin = vault.log_in(
        &LogInInput {
            login: admin_login,
            password: demo::DEMO_PASSWORD.into(),
        },
        Utc::now(),
    )?;
    Ok((Arc::new(Mutex::new(admin)), ids))
}

/// The laptop's store as the sync steps see it, adding up the time spent inside it (the rest of
/// a step is HTTP and the county).
struct Timed {
    store: Shared,
    spent: Mutex<Duration>,
}

impl Timed {
    fn new(store: &Shared) -> Self {
        Self {
            store: store.clone(),
            spent: Mutex::new(Duration::ZERO),
        }
    }

    fn spent(&self) -> Duration {
        self.spent.lock().map(|d| *d).unwrap_or_default()
    }
}

impl yiyang_sync::StoreAccess for Timed {
    fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> Option<R> {
        let t = Instant::now();
        let out = self.store.with_store(f);
        if let Ok(mut d) = self.spent.lock() {
            *d += t.elapsed();
        }
        out
    }
}

/// Pushes everything; returns the time spent in the laptop's store.
async fn push_all(store: &Shared, client: &CountyClient, batch: usize) -> anyhow::Result<Duration> {
    let timed = Timed::new(store);
    let mut ahead = yiyang_sync::PushAhead::default();
    loop {
        if yiyang_sync::push_step_ahead(&timed, client, batch, &mut ahead)
            .await?
            .empty
        {
            return Ok(timed.spent());
        }
    }
}

/// Pulls everything; returns the rows and the time spent in the laptop's store.
async fn pull_all(
    store: &Shared,
    client: &CountyClient,
    page: u32,
) -> anyhow::Result<(usize, Duration)> {
    let timed = Timed::new(store);
    let mut rows = 0;
    let mut ahead = yiyang_sync::PullAhead::default();
    loop {
        let p = yiyang_sync::pull_step_ahead(&timed, client, page, &mut ahead).await?;
        rows += p.rows;
        if !p.more {
            return Ok((rows, timed.spent()));
        }
    }
}

/// Progress on stderr (the table goes to stdout): a full run takes a quarter of an hour, and a
/// profiler can be attached when a phase starts.
fn phase(name: &str) {
    eprintln!("[{}] {name}", Utc::now().format("%H:%M:%S"));
}

fn client_of(store: &Shared) -> anyhow::Result<CountyClient> {
    Ok(yiyang_sync::cycle::enrolled_client(store)?)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    let mut schedule = Schedule::default();
    if let Some(page) = args.pull_page {
        schedule.pull_page = page;
    }
    if let Some(batch) = args.push_batch {
        schedule.push_batch = batch;
    }
    let db = TestDatabase::create("yiyang_bench")?;
    let county = County::start(&db.url())?;
    for c in 0..=args.clinics {
        let setup = clinic_setup(c, "x");
        county.add_clinic(&setup.institution)?;
    }

    // Initial sync.
    let dir_a = tempfile::TempDir::new()?;
    let a = new_laptop(0, "adminA", &dir_a)?;
    phase("generate");
    let t = Instant::now();
    let (a, ids) = generate(a, &dir_a, args.residents, args.records)?;
    let generated = t.elapsed();
    let total_rows = lock(&a)?.pending_count()?;
    enrol(&county, &a, 0, "A").await?;
    let client_a = client_of(&a)?;
    phase("upload");
    let t = Instant::now();
    let upload_store = push_all(&a, &client_a, schedule.push_batch).await?;
    let upload = t.elapsed();

    let dir_b = tempfile::TempDir::new()?;
    let b = new_laptop(0, "adminB", &dir_b)?;
    enrol(&county, &b, 0, "B").await?;
    let client_b = client_of(&b)?;
    phase("download");
    let t = Instant::now();
    let (pulled, download_store) = pull_all(&b, &client_b, schedule.pull_page).await?;
    let download = t.elapsed();
    phase("downloaded");
    if args.initial_only {
        println!(
            "upload {total_rows} rows: {:.1} s (store {:.1} s) · download {pulled} rows: {:.1} s (store {:.1} s)",
            upload.as_secs_f64(),
            upload_store.as_secs_f64(),
            download.as_secs_f64(),
            download_store.as_secs_f64()
        );
        return Ok(());
    }
    // A pulls B's own few rows (its user), so both are level before the incremental runs.
    pull_all(&a, &client_a, schedule.pull_page).await?;
    push_all(&b, &client_b, schedule.push_batch).await?;
    pull_all(&a, &client_a, schedule.pull_page).await?;

    // The same rows through a plain COPY, in the same run.
    let dump = dir_a.path().join("rows.copy");
    db.query("CREATE TABLE bench_copy (LIKE rows INCLUDING ALL)")?;
    db.query(&format!(
        "\\copy (SELECT * FROM rows) TO '{}'",
        dump.display()
    ))?;
    let t = Instant::now();
    db.query(&format!("\\copy bench_copy FROM '{}'", dump.display()))?;
    let copy = t.elapsed();

    // Indicators (issue 7) over the whole clinic: on laptop B, from its downloaded store, and
    // on the county server over HTTP. 2025 is the year the generated care records fall in (all
    // of them are read; the files, created today, count only in 2026); 2026 counts every file.
    let mut laptop_indicators = Vec::new();
    for year in [2025, 2026] {
        let mut times = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            lock(&b)?.indicators(IndicatorPeriod { year, month: None }, today())?;
            times.push(t.elapsed());
        }
        times.sort();
        laptop_indicators.push((year, times));
    }
    let http = reqwest::Client::new();
    let mut county_indicators = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let res = http
            .get(format!("{}/v1/indicators?year=2025", county.url()))
            .header("x-yiyang-protocol", "1")
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await?;
        let status = res.status();
        let body = res.bytes().await?;
        county_indicators.push(t.elapsed());
        if !status.is_success() {
            bail!(
                "county indicators: {status} {}",
                String::from_utf8_lossy(&body)
            );
        }
    }
    county_indicators.sort();

    // Incremental: 100 changes on A, pushed, then pulled by B.
    let mut incremental = Vec::new();
    for run in 0..20 {
        {
            let mut s = lock(&a)?;
            let ctx = s.ctx(Utc::now(), today())?;
            for (i, id) in ids.iter().skip(run * 100).take(100).enumerate() {
                let r = s.get_resident(id, Utc::now(), today())?;
                s.update_resident(
                    &ctx,
                    &UpdateResident {
                        id: id.clone(),
                        base_version: r.version,
                        input: ResidentInput {
                            name: r.name.clone(),
                            id_number: r.id_number.clone(),
                            phone: format!("137{:08}", run * 1000 + i),
                            address: r.address.clone(),
                            ..ResidentInput::default()
                        },
                    },
                )?;
            }
        }
        let t = Instant::now();
        push_all(&a, &client_a, schedule.push_batch).await?;
        let (got, _) = pull_all(&b, &client_b, schedule.pull_page).await?;
        incremental.push(t.elapsed());
        if got < 100 {
            bail!("incremental run {run}: B pulled {got} rows, expected ≥ 100");
        }
    }
    incremental.sort();

    // 30 clinics pushing at once, each 5 batches of 100 new residents.
    let mut laptops = Vec::new();
    let mut dirs = Vec::new();
    for c in 1..=args.clinics {
        let dir = tempfile::TempDir::new()?;
        let s = new_laptop(c, "admin", &dir)?;
        enrol(&county, &s, c, "笔记本").await?;
        push_all(&s, &client_of(&s)?, 500).await?;
        {
            let mut st = lock(&s)?;
            let ctx = st.ctx(Utc::now(), today())?;
            for n in 0..500 {
                st.create_resident(
                    &ctx,
                    &ResidentInput {
                        name: "周桂英".into(),
                        id_number: id_number(5_000_000 + c * 1000 + n),
                        address: "城南镇".into(),
                        ..ResidentInput::default()
                    },
                )?;
            }
        }
        laptops.push(s);
        dirs.push(dir);
    }
    // Each clinic's laptop is its own machine: it runs on its own thread with its own runtime,
    // so one laptop's disk writes (a FULL commit per batch's results) never hold up another's
    // HTTP. They all still share this machine's two cores with the county and PostgreSQL.
    let start = Arc::new(std::sync::Barrier::new(laptops.len() + 1));
    let tasks: Vec<_> = laptops
        .iter()
        .map(|s| {
            let (s, start) = (Arc::clone(s), Arc::clone(&start));
            tokio::task::spawn_blocking(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                rt.block_on(async move {
                    // Waits even on an error, so the others are not held at the barrier.
                    let client = client_of(&s);
                    start.wait();
                    let client = client?;
                    let mut times = Vec::new();
                    loop {
                        let t = Instant::now();
                        let step = yiyang_sync::push_step(&s, &client, 100).await?;
                        if step.settled > 0 {
                            times.push(t.elapsed());
                        }
                        if step.empty {
                            return Ok::<_, anyhow::Error>(times);
                        }
                    }
                })
            })
        })
        .collect();
    tokio::task::block_in_place(|| start.wait());
    let t = Instant::now();
    let mut batches = Vec::new();
    for task in tasks {
        batches.extend(task.await??);
    }
    let concurrent_total = t.elapsed();
    batches.sort();

    let rate = |rows: f64, d: Duration| rows / d.as_secs_f64();
    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| generated on laptop A: {} residents + {} care records ({} mutations, synchronous=OFF) | {:.1} s | — |",
        args.residents,
        args.residents * args.records,
        total_rows,
        generated.as_secs_f64()
    );
    println!(
        "| initial upload A → county ({} mutations, batches of {}; laptop store {:.1} s of it) | {:.1} s · {:.0} rows/s | ≥ 20 000 rows/s |",
        total_rows,
        schedule.push_batch,
        upload_store.as_secs_f64(),
        upload.as_secs_f64(),
        rate(total_rows as f64, upload)
    );
    println!(
        "| initial download county → laptop B ({} rows, pages of {}; laptop store {:.1} s of it) | {:.1} s · {:.0} rows/s | ≥ 20 000 rows/s |",
        pulled,
        schedule.pull_page,
        download_store.as_secs_f64(),
        download.as_secs_f64(),
        rate(pulled as f64, download)
    );
    println!(
        "| plain COPY of the same {} county rows into PostgreSQL | {:.1} s · {:.0} rows/s | (reference) |",
        pulled,
        copy.as_secs_f64(),
        rate(pulled as f64, copy)
    );
    for (year, times) in &laptop_indicators {
        println!(
            "| indicators of {year} on laptop B ({} residents, {} care records; 3 runs) | median {} · max {} | ≤ 1 s |",
            args.residents,
            args.residents * args.records,
            ms(percentile(times, 0.5)),
            ms(percentile(times, 1.0))
        );
    }
    println!(
        "| county indicators of 2025 over HTTP (`GET /v1/indicators`, the same rows; 3 runs) | median {} · max {} | — |",
        ms(percentile(&county_indicators, 0.5)),
        ms(percentile(&county_indicators, 1.0))
    );
    println!(
        "| incremental: 100 changes pushed by A and pulled by B (20 runs) | p50 {} · max {} | ≤ 300 ms |",
        ms(percentile(&incremental, 0.5)),
        ms(percentile(&incremental, 1.0))
    );
    println!(
        "| {} clinics pushing at once, 5 batches of 100 each ({} batches, {:.1} s in all) | p50 {} · p99 {} | p99 ≤ 500 ms |",
        laptops.len(),
        batches.len(),
        concurrent_total.as_secs_f64(),
        ms(percentile(&batches, 0.5)),
        ms(percentile(&batches, 0.99))
    );
    Ok(())
}
