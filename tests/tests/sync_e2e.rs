//! The 同步 page of the real app against the real county server: an 机构管理员 of the demo clinic
//! enrols the laptop with a one-time code from the county, the loop uploads the demo county's
//! files, and the page reports success only once the county holds them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use fantoccini::{Client, Locator};
use yiyang_e2e::county_server::{County, TestDatabase};
use yiyang_e2e::TauriDriver;
use yiyang_store::demo::{self, DEMO_PASSWORD};

/// Waits until the element's text satisfies `done` (the first upload of the demo county takes a
/// while on two cores, so this waits longer than the usual 30 s).
async fn wait_text(c: &Client, id: &str, limit: Duration, done: impl Fn(&str) -> bool) -> String {
    let css = tid(id);
    let deadline = Instant::now() + limit;
    let mut last = String::new();
    loop {
        if let Ok(el) = c.find(Locator::Css(&css)).await {
            if let Ok(t) = el.text().await {
                if done(&t) {
                    return t;
                }
                last = t;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{id} did not get there; last seen {last:?}"
        );
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_enrols_the_laptop_and_the_county_receives_the_files() {
    let db = TestDatabase::create("yiyang_sync_e2e").unwrap();
    let county = County::start(&db.url()).unwrap();
    let clinic = demo::clinic_setup().institution;
    county.add_clinic(&clinic).unwrap();
    let code = county.issue_code(&clinic.credit_code).unwrap();

    let data = tempfile::TempDir::new().unwrap();
    let driver = TauriDriver::start().unwrap();
    let c = launch(&driver, data.path(), &["--demo"]).await;
    log_in(&c, "linxy", DEMO_PASSWORD).await;

    click(&c, "nav-sync").await;
    find(&c, "sync-enrol-form").await;
    type_into(&c, "sync-server-url", &county.url()).await;
    type_into(&c, "sync-enrol-code", &code).await;
    type_into(&c, "sync-device-name", "护士站笔记本").await;
    click(&c, "sync-enrol-submit").await;

    // Enrolled: the page names the county and, once push and pull both finished, says so.
    wait_text(&c, "sync-server", WAIT, |t| t.contains(&county.url())).await;
    wait_text(&c, "sync-last-success", Duration::from_secs(300), |t| {
        t.contains("上次成功同步")
    })
    .await;
    find(&c, "sync-ok").await;
    wait_text(&c, "sync-pending", WAIT, |t| t.contains("待上传 0 条")).await;
    shot(&c, "40-sync-status").await;

    let residents: u64 = db
        .query("SELECT count(*) FROM rows WHERE tbl = 'residents'")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(
        residents, 602,
        "the county holds the demo county's 600 generated files and its two people at home"
    );
    // Home-care entries travel as care records and pass the county's re-validation (priced
    // deliveries, the bed, the plan, the visits): 王德福's 14 deliveries are all there.
    let deliveries: u64 = db
        .query(
            "SELECT count(*) FROM rows WHERE tbl = 'care_records' \
             AND fields->>'kind' = 'home_service'",
        )
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(deliveries, 14, "home-care deliveries on the county");
    // A first sync of a consistent store is clean: nothing refused, nothing in conflict.
    for table in ["quarantine", "conflicts"] {
        let n = db.query(&format!("SELECT count(*) FROM {table}")).unwrap();
        assert_eq!(
            n.trim(),
            "0",
            "{table} after the first sync of the demo county"
        );
    }
    let devices = county.admin(&["device", "list"]).unwrap();
    assert!(devices.contains("护士站笔记本"), "device list: {devices}");
    c.close().await.unwrap();
}
