//! End to end on the real app (demo county, idle lock after 15 s): a wrong password is refused, a
//! doctor logs in, sees masked 身份证号 in the list and the full number on the detail page, the
//! window locks itself when idle and hides the data, the password unlocks it; a nursing-home admin
//! sees the number masked even on the detail page, and calling a forbidden command directly
//! through the IPC layer is refused by the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use fantoccini::Locator;
use serde_json::{json, Value};
use yiyang_e2e::TauriDriver;
use yiyang_store::demo::DEMO_PASSWORD;

fn is_masked(id: &str) -> bool {
    id.len() == 18 && id.contains("**********")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_in_mask_idle_lock_unlock_and_roles() {
    let data = tempfile::TempDir::new().unwrap();
    let driver = TauriDriver::start().unwrap();
    let c = launch(
        &driver,
        data.path(),
        &["--demo", "--idle-lock-seconds", "15"],
    )
    .await;

    // A wrong password is refused with a message, and nothing opens.
    type_into(&c, "login-login", "wangys").await;
    type_into(&c, "login-password", "wrong-password-1").await;
    find(&c, "login-submit").await.click().await.unwrap();
    let error = text(&c, "login-error").await;
    assert!(
        error.contains("密码"),
        "says the password is wrong: {error}"
    );
    shot(&c, "10-login-wrong-password").await;
    retype(&c, "login-password", DEMO_PASSWORD).await;
    find(&c, "login-submit").await.click().await.unwrap();
    assert!(text(&c, "user-menu-name").await.contains("王一山"));

    // The list masks every 身份证号; the doctor's detail page shows it whole.
    click(&c, "nav-residents").await;
    let row = find(&c, "resident-row").await;
    let row_text = row.text().await.unwrap();
    assert!(
        row_text.contains("**********"),
        "the list shows a masked 身份证号: {row_text}"
    );
    shot(&c, "11-list-masked").await;
    open_first_resident(&c).await;
    let id = text(&c, "detail-idNumber").await;
    let id = id.trim();
    assert_eq!(id.len(), 18, "whole 身份证号 for a doctor: {id}");
    assert!(!id.contains('*'), "not masked for a doctor: {id}");
    shot(&c, "12-detail-full-id").await;

    // Idle: the window locks itself and no resident data stays on screen.
    find(&c, "lock-screen").await;
    gone(&c, "resident-detail").await;
    let page = c.source().await.unwrap();
    assert!(
        !page.contains(id),
        "the locked window still shows the 身份证号"
    );
    shot(&c, "13-locked").await;
    type_into(&c, "lock-password", DEMO_PASSWORD).await;
    find(&c, "lock-submit").await.click().await.unwrap();
    gone(&c, "lock-screen").await;
    find(&c, "user-menu").await;

    // Switch to the nursing-home admin.
    click(&c, "user-menu").await;
    click_menu_item(&c, "menu-logout").await;
    log_in(&c, "chenyl", DEMO_PASSWORD).await;
    click(&c, "nav-residents").await;
    open_first_resident(&c).await;
    let id = text(&c, "detail-idNumber").await;
    assert!(
        is_masked(id.trim()),
        "masked for a nursing-home admin: {id}"
    );
    find(&c, "masked-tag").await;
    shot(&c, "14-care-home-admin-masked").await;

    // Going around the UI: the store itself refuses what the role may not do.
    let reply = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__
               .invoke('list_audit', { query: { page: 1, pageSize: 10 } })
               .then((ok) => done({ ok }), (err) => done({ err }));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        reply["err"]["code"],
        json!("forbidden"),
        "list_audit as a nursing-home admin: {reply}"
    );
    let reply: Value = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__
               .invoke('remove_user', { id: 'anyone' })
               .then((ok) => done({ ok }), (err) => done({ err }));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(reply["err"]["code"], json!("forbidden"), "{reply}");
    assert!(c
        .find_all(Locator::Css(&tid("nav-audit")))
        .await
        .unwrap()
        .is_empty());
    c.close().await.unwrap();
}
