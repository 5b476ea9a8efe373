//! End to end on the real app (demo county): a nurse registers a family care bed for 陈桂兰 (who
//! lives at home, is enrolled in 长护险 and was assessed as severely disabled), plans two
//! services, logs a delivery of each, and sees the plan done and the month's 长护险 statement;
//! the 居家照护 page lists her bed beside 王德福's overdue one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use fantoccini::key::Key;
use fantoccini::Client;
use yiyang_e2e::TauriDriver;
use yiyang_store::demo::DEMO_PASSWORD;

/// Opens the form of a home-care entry from the panel.
async fn add_entry(c: &Client, kind: &str) {
    click(c, &format!("home-care-add-{kind}")).await;
    find(c, "record-form").await;
}

/// Saves the open form with Ctrl+S from the input `field` (the drawer's shortcut: a long form's
/// 保存 button may lie below the window's edge) and waits until the drawer has closed, that is
/// until Rust accepted the entry.
async fn save(c: &Client, field: &str) {
    let ctrl_s = format!("{}s{}", char::from(Key::Control), char::from(Key::Null));
    find(c, field).await.send_keys(&ctrl_s).await.unwrap();
    gone(c, "record-form").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_bed_a_plan_and_deliveries_give_the_monthly_statement() {
    let data = tempfile::TempDir::new().unwrap();
    let driver = TauriDriver::start().unwrap();
    let c = launch(&driver, data.path(), &["--demo"]).await;
    log_in(&c, "zhaohs", DEMO_PASSWORD).await;

    click(&c, "nav-residents").await;
    search_finds(&c, "陈桂兰", "陈桂兰").await;
    open_first_resident(&c).await;
    find(&c, "home-care-panel").await;
    wait_text(&c, "home-care-level", "照护三级").await;
    wait_text(&c, "home-care-ltc", "符合长护险待遇").await;
    shot(&c, "60-home-care-before").await;

    // 登记家庭养老床位 (24 小时照护 is the form's default level).
    add_entry(&c, "family_bed").await;
    type_into(&c, "rec-address", "城南镇王家村3组8号").await;
    type_into(&c, "rec-centre", "城南镇养老服务中心").await;
    type_into(&c, "rec-devices", "紧急呼叫器").await;
    save(&c, "rec-devices").await;
    wait_text(&c, "home-care-bed", "24 小时照护").await;

    // A plan of two services, each weekly.
    add_entry(&c, "home_care_plan").await;
    pick(&c, "plan-service-0", "助浴（¥60.00/次，长护险）").await;
    type_into(&c, "plan-frequency-0-every", "1").await;
    type_into(&c, "plan-provider-0", "李护理员").await;
    click(&c, "plan-add-service").await;
    pick(&c, "plan-service-1", "康复护理（¥80.00/小时，长护险）").await;
    type_into(&c, "plan-frequency-1-every", "1").await;
    type_into(&c, "plan-provider-1", "李护理员").await;
    save(&c, "plan-provider-1").await;
    find(&c, "home-care-due").await;
    wait_text(&c, "home-care-due", "待完成").await;

    // A delivery of each: a bath, and two hours of 康复护理, confirmed by the person.
    for (service, quantity) in [
        ("助浴（¥60.00/次，长护险）", "1"),
        ("康复护理（¥80.00/小时，长护险）", "2"),
    ] {
        add_entry(&c, "home_service").await;
        pick(&c, "rec-service", service).await;
        retype(&c, "rec-quantity", quantity).await;
        type_into(&c, "rec-provider", "李护理员").await;
        type_into(&c, "rec-confirmedBy", "陈桂兰").await;
        save(&c, "rec-confirmedBy").await;
    }

    // Both planned services are done, and the month's statement charges ¥220 to 长护险.
    wait_for(&c, "home-care-due", Read::Text, |t| {
        !t.contains("待完成") && t.contains("已完成")
    })
    .await;
    wait_text(&c, "statement", "助浴").await;
    wait_text(&c, "statement", "康复护理").await;
    wait_text(&c, "statement-ltc-paid", "¥220.00").await;
    assert_eq!(text(&c, "statement-uncovered").await, "¥0.00");

    // 居家照护: both beds, 王德福's visit overdue.
    click(&c, "nav-homecare").await;
    wait_text(&c, "beds-table", "陈桂兰").await;
    let beds = wait_text(&c, "beds-table", "王德福").await;
    assert!(beds.contains("巡访逾期"), "{beds}");
    shot(&c, "62-family-beds").await;
}
