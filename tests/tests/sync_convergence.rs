//! Convergence under bad weather: 3 clinics × 2 laptops (real encrypted stores in temp folders)
//! make random changes offline — new residents, edits, moves (the resident file's "delete"),
//! and deliberate concurrent edits of the same field on both laptops of a clinic — and sync in
//! random order through a proxy that drops, cuts, duplicates and delays requests, while the
//! county server (the real binary on a fresh PostgreSQL database) is killed and restarted.
//!
//! At the end every laptop holds exactly what the county holds for its institution, both
//! laptops of a clinic hold the same, every mutation was settled once, and every concurrent
//! field edit is in the conflict queue with both values.
//!
//! Seeded and repeatable: `YIYANG_SYNC_SEEDS=1,2,3` and `YIYANG_SYNC_ROUNDS=12` choose the runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use chrono::{Duration as ChronoDuration, NaiveDate, TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use tempfile::TempDir;
use yiyang_e2e::county_server::{County, TestDatabase};
use yiyang_e2e::faulty_proxy::{Fault, FaultRates, FaultyProxy};
use yiyang_protocol::{
    ChangeStatus, Resident, ResidentInput, ResidentStatus, SetupInput, UpdateResident,
};
use yiyang_store::{demo, KdfParams, Store, Vault};

type Shared = Arc<Mutex<Store>>;

struct Laptop {
    name: String,
    clinic: usize,
    _dir: TempDir,
    store: Shared,
    /// Residents this laptop created (ids), for edits.
    created: usize,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn clinic_setup(c: usize) -> SetupInput {
    let mut s = demo::clinic_setup();
    let body = format!("12330122MB12345{c:02}");
    s.institution.credit_code = format!(
        "{body}{}",
        yiyang_domain::credit_code::check_char(&body).unwrap()
    );
    s.institution.name = format!("测试第{}卫生院", ["一", "二", "三"][c]);
    s.institution.village_code = format!("{:03}", c + 1);
    s
}

fn id_number(n: u32) -> String {
    // Born 1940-1959 in 桐庐 (330122); (date, sequence) differs for every n below 6.7 million.
    let year = 1940 + (n / 1000) % 20;
    let month = 1 + (n / 20_000) % 12;
    let day = 1 + (n / 240_000) % 28;
    let body = format!("330122{year}{month:02}{day:02}{:03}", n % 1000);
    format!(
        "{body}{}",
        yiyang_domain::id_number::check_char(&body).unwrap()
    )
}

fn input_of(r: &Resident) -> ResidentInput {
    ResidentInput {
        name: r.name.clone(),
        id_number: r.id_number.clone(),
        sex: Some(r.sex),
        birth_date: r.birth_date.clone(),
        phone: r.phone.clone(),
        address: r.address.clone(),
        hukou_address: r.hukou_address.clone(),
        living_kind: r.living_kind,
        nursing_home_id: r.nursing_home_id.clone(),
        room: r.room.clone(),
        bed: r.bed.clone(),
        emergency_contact_name: r.emergency_contact_name.clone(),
        emergency_contact_phone: r.emergency_contact_phone.clone(),
        medical_insurance: r.medical_insurance,
        ltc_insurance: r.ltc_insurance,
        special_categories: r.special_categories.clone(),
        chronic_conditions: r.chronic_conditions.clone(),
        allergies: r.allergies.clone(),
        health_file_no: r.health_file_no.clone(),
        village_code: String::new(),
    }
}

/// Ids of the live residents this laptop holds, in a stable order.
fn resident_ids(store: &Store) -> Vec<String> {
    store
        .synced_snapshot()
        .unwrap()
        .into_keys()
        .filter(|(t, _)| t == "residents")
        .map(|(_, id)| id)
        .collect()
}

/// Syncs one laptop until its outbox is empty and the county has nothing more for it, retrying
/// through faults; gives up (fails the test) after many attempts.
async fn sync_fully(laptop: &Laptop) {
    let client = yiyang_sync::cycle::enrolled_client(&laptop.store).unwrap();
    let mut failures = 0;
    // As the app's loop does: the next batch is sent while one's results are stored and the
    // next page asked for while one is stored, across retries, so a batch sent ahead and a page
    // fetched ahead through a fault are exercised too.
    let mut push_ahead = yiyang_sync::PushAhead::default();
    let mut ahead = yiyang_sync::PullAhead::default();
    loop {
        let step = async {
            loop {
                let p = yiyang_sync::push_step_ahead(&laptop.store, &client, 50, &mut push_ahead)
                    .await?;
                if p.empty {
                    break;
                }
            }
            loop {
                let p =
                    yiyang_sync::pull_step_ahead(&laptop.store, &client, 200, &mut ahead).await?;
                if !p.more {
                    break;
                }
            }
            Ok::<_, yiyang_sync::SyncError>(())
        };
        match step.await {
            Ok(()) => return,
            Err(e) => {
                assert_eq!(
                    e.kind(),
                    yiyang_sync::FailureKind::Transient,
                    "{}: a fault must only ever cause a retry, got {e} ({})",
                    laptop.name,
                    e.code()
                );
                failures += 1;
                assert!(
                    failures < 200,
                    "{}: still failing after 200 tries: {e}",
                    laptop.name
                );
            }
        }
    }
}

struct Concurrent {
    row_id: String,
    values: BTreeSet<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_clinics_two_laptops_converge_through_faults_and_restarts() {
    let seeds: Vec<u64> = std::env::var("YIYANG_SYNC_SEEDS")
        .unwrap_or_else(|_| "1,2,3".into())
        .split(',')
        .map(|s| s.trim().parse().unwrap())
        .collect();
    let rounds: usize = std::env::var("YIYANG_SYNC_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    for seed in seeds {
        run(seed, rounds).await;
    }
}

async fn run(seed: u64, rounds: usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let db = TestDatabase::create("yiyang_converge").unwrap();
    let mut county = County::start(&db.url()).unwrap();
    let proxy = FaultyProxy::start(&county.addr(), seed, FaultRates::NONE)
        .await
        .unwrap();

    // Institutions at the county, then 2 laptops per clinic, each enrolled with its own code.
    let mut laptops = Vec::new();
    for c in 0..3 {
        let setup = clinic_setup(c);
        county.add_clinic(&setup.institution).unwrap();
        for l in 0..2 {
            let dir = TempDir::new().unwrap();
            let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
            let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
            // Each laptop's first admin gets their own log-in: log-ins are unique in a clinic.
            let mut setup = setup.clone();
            setup.login = format!("admin{l}");
            setup.user_name = ["林晓燕", "周建华"][l].into();
            let (store, _) = vault.set_up(&setup, now, today()).unwrap();
            let store: Shared = Arc::new(Mutex::new(store));
            let code = county.issue_code(&setup.institution.credit_code).unwrap();
            yiyang_sync::enrol(&store, &proxy.url(), &code, &format!("笔记本{l}"))
                .await
                .unwrap();
            laptops.push(Laptop {
                name: format!("clinic{c}/laptop{l}"),
                clinic: c,
                _dir: dir,
                store,
                created: 0,
            });
        }
    }
    // A first calm sync so both laptops of a clinic share the clinic's rows.
    for l in &laptops {
        sync_fully(l).await;
    }
    proxy.set_rates(FaultRates::STORMY);

    let mut next_id = u32::try_from(seed % 50).unwrap() * 1000;
    let mut concurrent: Vec<Concurrent> = Vec::new();
    let mut clock = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    let mut restarts = 0;
    for round in 0..rounds {
        // Offline work on every laptop.
        for (li, laptop) in laptops.iter_mut().enumerate() {
            let mut store = laptop.store.lock().unwrap();
            for _ in 0..rng.gen_range(1..6) {
                clock += ChronoDuration::seconds(30);
                let ctx = store.ctx(clock, today()).unwrap();
                let ids = resident_ids(&store);
                match rng.gen_range(0..10) {
                    0..=3 => {
                        next_id += 1;
                        laptop.created += 1;
                        let setup = clinic_setup(laptop.clinic);
                        let input = ResidentInput {
                            name: format!(
                                "{}{}",
                                ["王", "李", "张", "刘"][li % 4],
                                ["秀英", "桂兰", "建国", "玉珍"][round % 4]
                            ),
                            id_number: id_number(next_id),
                            phone: format!("138{:08}", next_id),
                            address: format!("城南镇{}号", next_id),
                            health_file_no: format!(
                                "{}{}{}{}{:04}",
                                setup.institution.county_code,
                                setup.institution.township_code,
                                setup.institution.village_code,
                                li % 2,
                                laptop.created
                            ),
                            ..ResidentInput::default()
                        };
                        store.create_resident(&ctx, &input).unwrap();
                    }
                    4..=7 if !ids.is_empty() => {
                        let id = ids.choose(&mut rng).unwrap();
                        let r = store.get_resident(id, clock, today()).unwrap();
                        if r.status != ResidentStatus::Active {
                            continue;
                        }
                        let mut input = input_of(&r);
                        if rng.gen_bool(0.5) {
                            input.phone = format!("139{:08}", rng.gen_range(0..100_000_000));
                        } else {
                            input.allergies = format!("青霉素{}", rng.gen_range(0..100));
                        }
                        store
                            .update_resident(
                                &ctx,
                                &UpdateResident {
                                    id: id.clone(),
                                    base_version: r.version,
                                    input,
                                },
                            )
                            .unwrap();
                    }
                    8 if !ids.is_empty() => {
                        let id = ids.choose(&mut rng).unwrap();
                        let r = store.get_resident(id, clock, today()).unwrap();
                        if r.status != ResidentStatus::Active {
                            continue;
                        }
                        store
                            .change_resident_status(
                                &ctx,
                                &ChangeStatus {
                                    id: id.clone(),
                                    base_version: r.version,
                                    status: ResidentStatus::Moved,
                                    date: "2026-11-20".into(),
                                    note: "迁往县城".into(),
                                },
                            )
                            .unwrap();
                    }
                    _ => {}
                }
            }
        }
        // A deliberate concurrent edit: both laptops of one clinic change the same resident's
        // address to different values before either syncs.
        let c = rng.gen_range(0..3);
        let (a, b) = (2 * c, 2 * c + 1);
        let shared_ids: Vec<String> = {
            let sa = laptops[a].store.lock().unwrap();
            let sb = laptops[b].store.lock().unwrap();
            let ib: BTreeSet<String> = resident_ids(&sb).into_iter().collect();
            resident_ids(&sa)
                .into_iter()
                .filter(|i| ib.contains(i))
                .collect()
        };
        if let Some(id) = shared_ids.choose(&mut rng) {
            let mut values = BTreeSet::new();
            for (k, li) in [a, b].into_iter().enumerate() {
                let mut store = laptops[li].store.lock().unwrap();
                clock += ChronoDuration::seconds(5);
                let ctx = store.ctx(clock, today()).unwrap();
                let r = store.get_resident(id, clock, today()).unwrap();
                if r.status != ResidentStatus::Active {
                    break;
                }
                let mut input = input_of(&r);
                input.address = format!("第{round}轮地址{k}");
                values.insert(input.address.clone());
                store
                    .update_resident(
                        &ctx,
                        &UpdateResident {
                            id: id.clone(),
                            base_version: r.version,
                            input,
                        },
                    )
                    .unwrap();
            }
            if values.len() == 2 {
                concurrent.push(Concurrent {
                    row_id: id.clone(),
                    values,
                });
            }
        }
        // Sync in random order, some laptops at the same time; sometimes the county dies.
        let mut order: Vec<usize> = (0..laptops.len()).collect();
        order.shuffle(&mut rng);
        for pair in order.chunks(2) {
            let sync = async {
                if pair.len() == 2 {
                    tokio::join!(sync_fully(&laptops[pair[0]]), sync_fully(&laptops[pair[1]]));
                } else {
                    sync_fully(&laptops[pair[0]]).await;
                }
            };
            if rng.gen_bool(0.3) {
                // Kill -9 the county at a random moment while the laptops are talking to it.
                restarts += 1;
                let after = std::time::Duration::from_millis(rng.gen_range(0..300));
                let restart = tokio::task::spawn_blocking(move || {
                    std::thread::sleep(after);
                    county.restart().map(|()| county)
                });
                let (restarted, ()) = tokio::join!(restart, sync);
                county = restarted.unwrap().unwrap();
            } else {
                sync.await;
            }
        }
    }

    // Calm weather: two full passes so everyone has seen everyone's last changes.
    proxy.set_rates(FaultRates::NONE);
    for _ in 0..2 {
        for l in &laptops {
            sync_fully(l).await;
        }
    }

    let faults: u64 = [
        Fault::DropRequest,
        Fault::CutRequest,
        Fault::DropResponse,
        Fault::CutResponse,
        Fault::Duplicate,
        Fault::Delay,
    ]
    .iter()
    .map(|f| proxy.counts().get(*f))
    .sum();
    assert!(
        proxy.counts().get(Fault::DropResponse) > 0 && proxy.counts().get(Fault::Duplicate) > 0,
        "seed {seed}: the weather was not bad enough to prove anything"
    );

    // The county's rows, as JSON lines.
    let county_rows: BTreeMap<(String, String), serde_json::Map<String, Value>> = db
        .query("SELECT json_build_object('t', tbl, 'id', id, 'f', fields) FROM rows")
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                (
                    v["t"].as_str().unwrap().to_owned(),
                    v["id"].as_str().unwrap().to_owned(),
                ),
                v["f"].as_object().unwrap().clone(),
            )
        })
        .collect();

    let mut total_mutations = 0_u64;
    for (c, pair) in laptops.chunks(2).enumerate() {
        let snaps: Vec<_> = pair
            .iter()
            .map(|l| {
                let s = l.store.lock().unwrap();
                assert!(
                    s.next_push_batch(1).unwrap().is_empty(),
                    "{}: mutations still pending",
                    l.name
                );
                let overview = s.sync_overview().unwrap();
                assert!(
                    overview.rejected.is_empty(),
                    "{}: rejected mutations: {:?}",
                    l.name,
                    overview.rejected
                );
                s.synced_snapshot().unwrap()
            })
            .collect();
        assert_eq!(
            snaps[0].keys().collect::<Vec<_>>(),
            snaps[1].keys().collect::<Vec<_>>(),
            "seed {seed}: the two laptops of clinic {c} hold different rows"
        );
        for (key, fields) in &snaps[0] {
            let county_fields = county_rows.get(key).unwrap_or_else(|| {
                panic!("seed {seed}: {key:?} of clinic {c} never reached the county")
            });
            for (name, value) in fields {
                // The county stores a field only once it was ever set; absent is null.
                assert_eq!(
                    county_fields.get(name).unwrap_or(&Value::Null),
                    value,
                    "seed {seed}: {key:?}.{name} differs between clinic {c} laptop 0 and the county"
                );
            }
            assert_eq!(
                snaps[1].get(key),
                Some(fields),
                "seed {seed}: {key:?} differs between the laptops of clinic {c}"
            );
        }
        let residents = snaps[0].keys().filter(|(t, _)| t == "residents").count();
        let created: usize = pair.iter().map(|l| l.created).sum();
        assert_eq!(
            residents, created,
            "seed {seed}: clinic {c} created {created} residents but holds {residents}"
        );
        for l in pair {
            let s = l.store.lock().unwrap();
            let device = s.device_id().unwrap();
            let local = s.outbox_total().unwrap();
            let settled: u64 = db
                .query(&format!(
                    "SELECT count(*) FROM mutations WHERE device_id = '{device}'"
                ))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            assert_eq!(
                settled, local,
                "seed {seed}: {} wrote {local} mutations, the county settled {settled}",
                l.name
            );
            total_mutations += local;
        }
    }
    // Clinics never see each other's residents.
    let per_clinic: Vec<BTreeSet<String>> = laptops
        .chunks(2)
        .map(|p| {
            resident_ids(&p[0].store.lock().unwrap())
                .into_iter()
                .collect()
        })
        .collect();
    for i in 0..3 {
        for j in (i + 1)..3 {
            assert!(
                per_clinic[i].is_disjoint(&per_clinic[j]),
                "seed {seed}: clinics {i} and {j} share residents"
            );
        }
    }

    // Every deliberate concurrent edit is in the conflict queue with both values.
    let conflicts = db
        .query("SELECT json_build_object('row', row_id, 'field', field, 'kept', kept_value, 'other', other_value) FROM conflicts")
        .unwrap();
    let conflicts: Vec<Value> = conflicts
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for c in &concurrent {
        let found = conflicts.iter().any(|k| {
            k["row"].as_str() == Some(c.row_id.as_str())
                && k["field"] == "address"
                && [k["kept"].as_str(), k["other"].as_str()]
                    .into_iter()
                    .flatten()
                    .map(str::to_owned)
                    .collect::<BTreeSet<_>>()
                    == c.values
        });
        assert!(
            found,
            "seed {seed}: concurrent edit of {} {:?} is not in the conflict queue",
            c.row_id, c.values
        );
    }
    // And the laptops of that clinic show it.
    for l in &laptops {
        let s = l.store.lock().unwrap();
        let open = s.list_conflicts(true).unwrap();
        let expected = concurrent
            .iter()
            .filter(|c| resident_ids(&s).contains(&c.row_id))
            .count();
        assert!(
            open.len() >= expected,
            "{}: {} conflicts shown, {expected} expected",
            l.name,
            open.len()
        );
    }
    println!(
        "seed {seed}: {rounds} rounds, {total_mutations} mutations, {} requests, {faults} faults, {restarts} county restarts, {} concurrent edits → conflicts",
        proxy.requests(),
        concurrent.len()
    );
    county.kill();
}
