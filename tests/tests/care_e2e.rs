//! End to end on the real app (demo county): a nurse records a round for three residents of a
//! nursing home in rounds mode, with the keyboard only, and the home's due list shows their round
//! done where it was due before; then a family-doctor contract is made, signed and later
//! terminated with a reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use yiyang_e2e::TauriDriver;
use yiyang_store::demo::DEMO_PASSWORD;

const HOME: &str = "城南镇中心敬老院";

/// The resident ids of the round list with `status` (recorded / absent / pending), in order.
async fn round_rows(c: &Client, status: &str) -> Vec<String> {
    let css = format!("[data-testid^='round-row-'][data-status='{status}']");
    let mut ids = Vec::new();
    for el in c.find_all(Locator::Css(&css)).await.unwrap() {
        let id = el.attr("data-testid").await.unwrap().unwrap_or_default();
        ids.push(id.trim_start_matches("round-row-").to_owned());
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_updates_the_due_list_and_a_contract_is_signed_then_terminated() {
    let data = tempfile::TempDir::new().unwrap();
    let driver = TauriDriver::start().unwrap();
    let c = launch(&driver, data.path(), &["--demo"]).await;
    log_in(&c, "zhaohs", DEMO_PASSWORD).await;

    // 服务与巡诊 → 巡诊: choose the home and start.
    click(&c, "nav-services").await;
    click(&c, "services-tab-rounds").await;
    pick(&c, "rounds-home-select", HOME).await;
    // The select's dropdown fades out over the button; a click that lands on it is repeated.
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        // Still on the start tab (not on the way to the round sheet): click (again).
        if let Ok(start) = c.find(Locator::Css(&tid("rounds-start"))).await {
            let _ = start.click().await;
        }
        let shown = c
            .wait()
            .at_most(std::time::Duration::from_secs(3))
            .for_element(Locator::Css(&tid("rounds-page")))
            .await;
        if shown.is_ok() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "rounds mode did not open"
        );
    }
    let progress = wait_text(&c, "rounds-progress", "已完成 0").await;
    shot(&c, "30-rounds-start").await;

    // Three residents, keyboard only: type, Tab, Enter saves and moves on.
    let mut seen = Vec::new();
    for (i, (sbp, dbp, pulse)) in [
        ("132", "84", "76"),
        ("118", "72", "68"),
        ("146", "90", "80"),
    ]
    .into_iter()
    .enumerate()
    {
        let name = wait_for(&c, "round-name", Read::Text, |t| !t.is_empty()).await;
        seen.push(name.clone());
        let tab = char::from(Key::Tab).to_string();
        let enter = char::from(Key::Enter).to_string();
        let systolic = find(&c, "round-systolic").await;
        systolic
            .send_keys(&format!("{sbp}{tab}{dbp}{tab}{pulse}{enter}"))
            .await
            .unwrap();
        wait_text(&c, "rounds-progress", &format!("已完成 {}", i + 1)).await;
        if i < 2 {
            // The next resident is shown, with the cursor back in 收缩压.
            wait_for(&c, "round-name", Read::Text, |t| t != name).await;
        }
    }
    let recorded = round_rows(&c, "recorded").await;
    assert_eq!(
        recorded.len(),
        3,
        "three rounds recorded: {recorded:?} ({progress})"
    );
    shot(&c, "31-rounds-three-done").await;

    // The home's due list: the three have S1 done, the others still not.
    click(&c, "rounds-done").await;
    find(&c, "home-due-table").await;
    for id in &recorded {
        wait_attr(&c, &format!("due-{id}-S1"), "data-state", "done").await;
    }
    let others = c
        .find_all(Locator::Css("[data-testid$='-S1'][data-state='due']"))
        .await
        .unwrap();
    assert!(
        !others.is_empty(),
        "residents without today's round still have it due"
    );
    shot(&c, "32-home-due-after-round").await;

    // The first of them: the resident page's 14-cell grid says the same.
    click_css(
        &c,
        "resident link",
        &format!("{} a[href$='{}']", tid("home-due-table"), recorded[0]),
    )
    .await;
    find(&c, "due-grid").await;
    wait_attr(&c, "due-cell-S1", "data-state", "done").await;
    c.execute(
        "document.querySelector(\"[data-testid='due-grid']\").scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    shot(&c, "35-resident-grid").await;

    // 签约: a new contract for the first resident of the round.
    click(&c, "nav-contracts").await;
    click(&c, "contract-new").await;
    let resident = seen[0].trim().to_owned();
    type_into(&c, "contract-resident", &resident).await;
    click_css(&c, "resident option", "[data-testid='resident-option']").await;
    find(&c, "contract-resident-picked").await;
    pick(&c, "contract-team", "城南家庭医生一队").await;
    pick(&c, "contract-categories", "65岁及以上老年人").await;
    retype(&c, "contract-price", "120").await;
    retype(&c, "contract-insurance", "100").await;
    retype(&c, "contract-self-paid", "20").await;
    shot(&c, "33-contract-form").await;
    click(&c, "contract-save").await;
    gone(&c, "contract-save").await;
    let row = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//tr[@data-testid='contract-row'][contains(., '{resident}')]"
        )))
        .await
        .unwrap();
    let number = row.attr("data-number").await.unwrap().unwrap();
    let status = format!("contract-status-{number}");
    wait_attr(&c, &status, "data-status", "pending").await;
    assert_eq!(text(&c, &status).await, "待签约");

    click(&c, &format!("contract-sign-{number}")).await;
    click(&c, "sign-confirm").await;
    wait_attr(&c, &status, "data-status", "signed").await;
    gone(&c, &format!("contract-sign-{number}")).await;
    // The signing dialog is removed once it has faded out; until then its mask takes clicks.
    gone(&c, "sign-confirm").await;

    // Later: terminated, with a reason that shows in the list.
    click(&c, &format!("contract-terminate-{number}")).await;
    pick(&c, "terminate-reason", "迁出").await;
    type_into(&c, "terminate-note", "随子女迁往杭州").await;
    click(&c, "terminate-confirm").await;
    gone(&c, "terminate-confirm").await;
    // A terminated contract leaves the current list; 显示已解约 brings it back with its status.
    gone(&c, &status).await;
    click(&c, "contracts-show-closed").await;
    wait_attr(&c, &status, "data-status", "terminated").await;
    assert_eq!(wait_text(&c, &status, "解约").await, "解约");
    shot(&c, "34-contract-terminated").await;

    // The store agrees: the contract is terminated with its reason (asked over IPC, as the UI does).
    let reply = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__
               .invoke('list_contracts', { query: { residentId: null, expiringWithinDays: null, includeClosed: true } })
               .then((ok) => done({ ok }), (err) => done({ err }));",
            vec![],
        )
        .await
        .unwrap();
    let contract = reply["ok"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["number"] == number.as_str())
        .unwrap_or_else(|| panic!("{number} in {reply}"))
        .clone();
    assert_eq!(contract["status"], "terminated");
    assert_eq!(contract["terminationReason"], "moved_out");
    assert_eq!(contract["terminationNote"], "随子女迁往杭州");
    assert!(contract["signedOn"].is_string());
    c.close().await.unwrap();
}
