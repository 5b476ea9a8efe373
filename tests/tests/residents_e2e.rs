//! End to end, on the real app in a real WebKit window under Xvfb: first-run set-up, a resident
//! entered with a wrong 身份证号 (the error names the field and nothing typed is lost), corrected,
//! saved, found by pinyin initials and by a two-character name, and found again after a restart
//! and log-in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use yiyang_e2e::TauriDriver;

const PASSWORD: &str = "yiyang2026";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_correct_find_and_find_again_after_restart() {
    let data = tempfile::TempDir::new().unwrap();
    let driver = TauriDriver::start().unwrap();

    let c = launch(&driver, data.path(), &[]).await;
    // First run: the installation's clinic and first user.
    let clinic = yiyang_store::demo::clinic_setup();
    type_into(&c, "setup-name", &clinic.institution.name).await;
    type_into(&c, "setup-credit-code", &clinic.institution.credit_code).await;
    type_into(&c, "setup-county-code", "330122").await;
    type_into(&c, "setup-township-code", "101").await;
    type_into(&c, "setup-village-code", "001").await;
    type_into(&c, "setup-user-name", "林晓燕").await;
    type_into(&c, "setup-login", "linxy").await;
    type_into(&c, "setup-password", PASSWORD).await;
    type_into(&c, "setup-password-again", PASSWORD).await;
    shot(&c, "01-setup").await;
    find(&c, "setup-submit").await.click().await.unwrap();
    // The recovery code is shown once; going on needs the box ticked.
    let code = text(&c, "recovery-code").await;
    assert_eq!(code.trim().len(), 35, "six groups of five: {code}");
    shot(&c, "01b-recovery-code").await;
    find(&c, "recovery-confirm").await.click().await.unwrap();
    find(&c, "recovery-continue").await.click().await.unwrap();

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

    // Restart on the same data folder: log in; the file is still there and still found.
    let c = launch(&driver, data.path(), &[]).await;
    log_in(&c, "linxy", PASSWORD).await;
    find(&c, "nav-residents").await.click().await.unwrap();
    search_finds(&c, "zsf", "张三丰").await;
    search_finds(&c, "张三", "张三丰").await;
    c.close().await.unwrap();
}
