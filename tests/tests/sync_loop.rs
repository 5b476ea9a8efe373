//! The background sync loop against the real county binary: it syncs at start-up, after a local
//! write (debounced), retries by itself after the county went away (backoff, no new write needed),
//! and never reports a success that did not happen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use tempfile::TempDir;
use yiyang_e2e::county_server::{County, TestDatabase};
use yiyang_protocol::ResidentInput;
use yiyang_store::{demo, KdfParams, Store, Vault};
use yiyang_sync::{Activity, ActivityPhase, Schedule, Trigger};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Waits (on the loop's own notifications, not a timer) until `cond` holds, or fails.
async fn until(
    rx: &mut tokio::sync::watch::Receiver<Activity>,
    what: &str,
    cond: impl Fn(&Activity) -> bool,
) -> Activity {
    let waited = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            {
                let a = rx.borrow_and_update();
                if cond(&a) {
                    return a.clone();
                }
            }
            rx.changed().await.expect("the loop ended");
        }
    })
    .await;
    match waited {
        Ok(a) => a,
        Err(_) => panic!(
            "timed out waiting for {what}; last activity {:?}",
            rx.borrow()
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loop_syncs_on_start_after_writes_and_after_the_county_returns() {
    let db = TestDatabase::create("yiyang_loop").unwrap();
    let mut county = County::start(&db.url()).unwrap();
    let setup = demo::clinic_setup();
    county.add_clinic(&setup.institution).unwrap();
    let dir = TempDir::new().unwrap();
    let vault = Vault::new(dir.path(), KdfParams::insecure_for_tests());
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
    let (store, _) = vault.set_up(&setup, now, today()).unwrap();
    let store: Arc<Mutex<Store>> = Arc::new(Mutex::new(store));
    let code = county.issue_code(&setup.institution.credit_code).unwrap();
    yiyang_sync::enrol(&store, &county.url(), &code, "护士站")
        .await
        .unwrap();

    let schedule = Schedule {
        interval: Duration::from_secs(3600),
        debounce: Duration::from_millis(100),
        backoff_base: Duration::from_millis(200),
        backoff_max: Duration::from_secs(2),
        ..Schedule::default()
    };
    let handle = yiyang_sync::spawn(Arc::clone(&store), schedule);
    let mut rx = handle.watch();

    // Start-up: the set-up's rows (institution, admin) go up, and a success is recorded.
    let first = until(&mut rx, "the start-up sync", |a| a.last_success.is_some()).await;
    assert!(
        first.pushed >= 2,
        "start-up pushed {} mutations",
        first.pushed
    );
    assert_eq!(store.lock().unwrap().pending_count().unwrap(), 0);

    // A local write is pushed after the debounce, without pressing anything.
    {
        let mut s = store.lock().unwrap();
        let ctx = s.ctx(now, today()).unwrap();
        s.create_resident(
            &ctx,
            &ResidentInput {
                name: "张三丰".into(),
                id_number: "11010519491231002X".into(),
                address: "城南镇王家村".into(),
                ..ResidentInput::default()
            },
        )
        .unwrap();
    }
    handle.trigger(Trigger::LocalWrite);
    let previous = first.last_success;
    let after_write = until(&mut rx, "the write's sync", |a| {
        a.last_success > previous && a.phase == ActivityPhase::Idle
    })
    .await;
    assert_eq!(store.lock().unwrap().pending_count().unwrap(), 0);
    let rows: u64 = db
        .query("SELECT count(*) FROM rows WHERE tbl = 'residents'")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(rows, 1, "the county holds the new resident");

    // The county goes away: "sync now" fails, says why, and reports no success.
    county.kill();
    handle.trigger(Trigger::SyncNow);
    let failed = until(&mut rx, "a failure", |a| a.phase == ActivityPhase::Backoff).await;
    assert_eq!(failed.last_success, after_write.last_success);
    assert_eq!(
        failed.last_error.as_ref().map(|e| e.0.as_str()),
        Some("network")
    );
    assert!(failed.consecutive_failures >= 1);
    let overview = store.lock().unwrap().sync_overview().unwrap();
    assert!(
        overview.last_error.is_some(),
        "the failure is recorded in the store"
    );

    // It comes back: the loop retries on its own (backoff) and succeeds.
    county.restart().unwrap();
    let back = until(&mut rx, "the retry after the county returned", |a| {
        a.last_success > after_write.last_success
    })
    .await;
    assert!(back.last_error.is_none());
    assert_eq!(back.consecutive_failures, 0);
    handle.shutdown();
}
