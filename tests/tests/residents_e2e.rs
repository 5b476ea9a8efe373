//! End to end, on the real app in a real WebKit window under Xvfb: first-run set-up, a resident
//! entered with a wrong 身份证号 (the error names the field and nothing typed is lost), corrected,
//! saved, found by pinyin initials and by a two-character name, and found again after a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use yiyang_e2e::{app_binary, artifacts_dir, TauriDriver};

const WAIT: Duration = Duration::from_secs(20);

async fn launch(driver: &TauriDriver, data_dir: &Path) -> Client {
    let caps = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": app_binary().unwrap(),
            "args": ["--data-dir", data_dir],
        }
    });
    let caps = caps.as_object().unwrap().clone();
    ClientBuilder::rustls()
        .expect("rustls")
        .capabilities(caps)
        .connect(&driver.url())
        .await
        .expect("WebDriver session with the app")
}

fn tid(id: &str) -> String {
    format!("[data-testid='{id}']")
}

async fn find(c: &Client, id: &str) -> Element {
    let css = tid(id);
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("{id} did not appear: {e}"))
}

async fn type_into(c: &Client, id: &str, text: &str) {
    find(c, id).await.send_keys(text).await.unwrap();
}

/// Replaces an input's text the way a person does (select all, type), so React sees it.
async fn retype(c: &Client, id: &str, text: &str) {
    let el = find(c, id).await;
    let select_all = format!(
        "{}a{}{}",
        char::from(Key::Control),
        char::from(Key::Null),
        char::from(Key::Backspace)
    );
    el.send_keys(&select_all).await.unwrap();
    el.send_keys(text).await.unwrap();
}

async fn value(c: &Client, id: &str) -> String {
    find(c, id)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn shot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(artifacts_dir().join(format!("{name}.png")), png);
    }
}

/// Types a query in the search box, waits for the results of that very query (not the previous
/// one still on screen) and for a row containing `name` among them.
async fn search_finds(c: &Client, query: &str, name: &str) {
    retype(c, "resident-search", query).await;
    let xpath = format!(
        "//div[@data-testid='resident-table'][@data-results-for='{query}']\
         //tr[@data-testid='resident-row'][contains(., '{name}')]"
    );
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("searching {query:?} did not show {name}: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_correct_find_and_find_again_after_restart() {
    let data = tempfile::TempDir::new().unwrap();
    let driver = TauriDriver::start().unwrap();

    let c = launch(&driver, data.path()).await;
    // First run: the installation's clinic and first user.
    let clinic = yiyang_store::demo::clinic_setup();
    type_into(&c, "setup-name", &clinic.institution.name).await;
    type_into(&c, "setup-credit-code", &clinic.institution.credit_code).await;
    type_into(&c, "setup-county-code", "330122").await;
    type_into(&c, "setup-township-code", "101").await;
    type_into(&c, "setup-village-code", "001").await;
    type_into(&c, "setup-user-name", "林晓燕").await;
    shot(&c, "01-setup").await;
    find(&c, "setup-submit").await.click().await.unwrap();

    find(&c, "nav-residents").await.click().await.unwrap();
    find(&c, "resident-new").await.click().await.unwrap();
    type_into(&c, "rf-name", "张三丰").await;
    type_into(&c, "rf-idNumber", "110105194912310021").await; // wrong check character
    type_into(&c, "rf-phone", "13812345678").await;
    type_into(&c, "rf-address", "城南镇王家村3组12号").await;
    find(&c, "rf-save").await.click().await.unwrap();
    // The save was refused (not just the on-leave check of the field): the banner says so.
    find(&c, "form-error").await;

    let error = find(&c, "error-idNumber").await.text().await.unwrap();
    assert!(
        error.contains("身份证号"),
        "the error names the field: {error}"
    );
    shot(&c, "02-wrong-id-number").await;
    assert_eq!(
        value(&c, "rf-name").await,
        "张三丰",
        "nothing typed is lost"
    );
    assert_eq!(value(&c, "rf-idNumber").await, "110105194912310021");
    assert_eq!(value(&c, "rf-phone").await, "13812345678");
    assert_eq!(value(&c, "rf-address").await, "城南镇王家村3组12号");

    retype(&c, "rf-idNumber", "11010519491231002x").await;
    find(&c, "rf-phone").await.click().await.unwrap(); // leaving the field checks it
    let facts = find(&c, "id-number-facts").await.text().await.unwrap();
    assert!(
        facts.contains("女 · 1949-12-31"),
        "sex and birth date read from the number: {facts}"
    );
    find(&c, "rf-save").await.click().await.unwrap();
    find(&c, "resident-detail").await;
    assert_eq!(
        find(&c, "detail-name").await.text().await.unwrap(),
        "张三丰"
    );
    shot(&c, "03-detail").await;

    find(&c, "nav-residents").await.click().await.unwrap();
    search_finds(&c, "zsf", "张三丰").await;
    search_finds(&c, "三丰", "张三丰").await;
    shot(&c, "04-search").await;
    c.close().await.unwrap();

    // Restart on the same data folder: the file is still there and still found.
    let c = launch(&driver, data.path()).await;
    find(&c, "nav-residents").await.click().await.unwrap();
    search_finds(&c, "zsf", "张三丰").await;
    search_finds(&c, "张三", "张三丰").await;
    c.close().await.unwrap();
}
