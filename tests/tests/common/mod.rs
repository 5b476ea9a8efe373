//! WebDriver helpers shared by the end-to-end tests: launching the app, finding elements by
//! `data-testid`, typing like a person, screenshots, and logging in.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use yiyang_e2e::{app_binary, artifacts_dir, TauriDriver};

pub const WAIT: Duration = Duration::from_secs(30);

/// Starts the app on `data_dir` with extra command-line `args`.
pub async fn launch(driver: &TauriDriver, data_dir: &Path, args: &[&str]) -> Client {
    // fantoccini's rustls and reqwest's (the sync client, ring) both reach this binary: name the
    // provider, or rustls refuses to guess. A second install in the same process is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut all = vec!["--data-dir".to_owned(), data_dir.display().to_string()];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let caps = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": app_binary().unwrap(),
            "args": all,
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

pub fn tid(id: &str) -> String {
    format!("[data-testid='{id}']")
}

pub async fn find(c: &Client, id: &str) -> Element {
    appear(c, id, &tid(id)).await
}

/// Waits for an element by CSS selector (`what` names it in messages); one that does not
/// appear fails with a screenshot and what is on screen instead.
async fn appear(c: &Client, what: &str, css: &str) -> Element {
    match c.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
        Ok(el) => el,
        Err(e) => {
            shot(c, &format!("failed-{what}-missing")).await;
            panic!(
                "{what} did not appear: {e}; on screen: {}",
                on_screen(c).await
            )
        }
    }
}

/// Waits until no element with `id` is in the page.
pub async fn gone(c: &Client, id: &str) {
    let css = tid(id);
    let deadline = std::time::Instant::now() + WAIT;
    // A node replaced while it is being listed reads as stale: that is "not gone yet", try again.
    while c
        .find_all(Locator::Css(&css))
        .await
        .map_or(true, |found| !found.is_empty())
    {
        if std::time::Instant::now() >= deadline {
            shot(c, &format!("failed-{id}-still-there")).await;
            panic!("{id} did not go away; on screen: {}", on_screen(c).await);
        }
        // Polling WebDriver for a condition, not sleeping for a guess.
        tokio::task::yield_now().await;
    }
}

/// Which screen is up (log-in, lock screen, the main window at which route) and the dialogs,
/// alerts, messages and field errors on it: what a failed wait reports, so a test that fails once
/// on CI says why.
pub async fn on_screen(c: &Client) -> String {
    let script = r#"
        const screens = ['login-form', 'lock-screen', 'app-header']
          .filter((id) => document.querySelector(`[data-testid='${id}']`));
        const shown = Array.from(document.querySelectorAll(
            '.ant-modal-wrap:not([style*="display: none"]) .ant-modal, .ant-alert, ' +
            '.ant-message-notice, .ant-form-item-explain-error, .ant-spin-spinning'))
          .map((e) => e.className.split(' ')[0] + ': ' + (e.innerText || '').replace(/\s+/g, ' '));
        return [`${screens.join(', ') || 'no known screen'} at ${location.hash || location.pathname}`, ...shown]
          .join(' | ');"#;
    match c.execute(script, vec![]).await {
        Ok(v) => v.as_str().unwrap_or_default().to_owned(),
        Err(e) => format!("(could not read the page: {e})"),
    }
}

pub async fn type_into(c: &Client, id: &str, text: &str) {
    find(c, id).await.send_keys(text).await.unwrap();
}

/// Replaces an input's text the way a person does (select all, type), so React sees it.
pub async fn retype(c: &Client, id: &str, text: &str) {
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

pub async fn value(c: &Client, id: &str) -> String {
    find(c, id)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

pub async fn text(c: &Client, id: &str) -> String {
    find(c, id).await.text().await.unwrap()
}

pub async fn shot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(artifacts_dir().join(format!("{name}.png")), png);
    }
}

/// Logs in from the log-in screen and waits for the main window.
pub async fn log_in(c: &Client, login: &str, password: &str) {
    type_into(c, "login-login", login).await;
    type_into(c, "login-password", password).await;
    find(c, "login-submit").await.click().await.unwrap();
    find(c, "user-menu").await;
}

/// Types a query in the search box, waits for the results of that very query (not the previous
/// one still on screen) and for a row containing `name` among them.
pub async fn search_finds(c: &Client, query: &str, name: &str) -> Element {
    retype(c, "resident-search", query).await;
    let xpath = format!(
        "//div[@data-testid='resident-table'][@data-results-for='{query}']\
         //tr[@data-testid='resident-row'][contains(., '{name}')]"
    );
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("searching {query:?} did not show {name}: {e}"))
}

/// Clicks the first element with `id` once it can be clicked: a table still loading lies under a
/// spinner overlay, and WebDriver refuses the click until it is gone.
pub async fn click(c: &Client, id: &str) {
    click_css(c, id, &tid(id)).await;
}

/// [`click`] by CSS selector (`what` names it in messages). A table row is clicked through its
/// first cell: WebKitWebDriver finds no clickable point on a `<tr>` itself.
pub async fn click_css(c: &Client, what: &str, css: &str) {
    let id = what;
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let el = appear(c, what, css).await;
        match el.click().await {
            Ok(()) => return,
            Err(e) if std::time::Instant::now() < deadline => {
                eprintln!("clicking {id} failed, retrying: {e}");
                tokio::task::yield_now().await;
            }
            Err(e) => panic!("{id} could not be clicked: {e}"),
        }
    }
}

/// An antd overlay (dropdown menu, select list) no longer in its opening or closing animation.
/// While it animates, it is first placed, then moved and scaled into place: a WebDriver click
/// aimed at an item's centre then lands on whatever lay there a frame later (seen: a home-page
/// link under 退出登录).
const SETTLED: &str = ":not([class*='-appear']):not([class*='-enter']):not([class*='-leave'])";

/// Clicks item `id` of the dropdown menu that is open, once the menu has stopped moving.
pub async fn click_menu_item(c: &Client, id: &str) {
    let css = format!(
        ".ant-dropdown:not(.ant-dropdown-hidden){SETTLED} {}",
        tid(id)
    );
    click_css(c, id, &css).await;
}

/// Opens the first resident of the list or search results.
pub async fn open_first_resident(c: &Client) {
    click_css(
        c,
        "first resident row",
        &format!("{} td", tid("resident-row")),
    )
    .await;
    find(c, "resident-detail").await;
}

/// Reads `read` of element `id` until `done` holds (polling WebDriver, not sleeping). A re-render
/// between finding and reading the element only means: read again.
pub async fn wait_for(c: &Client, id: &str, read: Read<'_>, done: impl Fn(&str) -> bool) -> String {
    let css = tid(id);
    let deadline = std::time::Instant::now() + WAIT;
    let mut last = String::new();
    loop {
        if let Ok(el) = c.find(Locator::Css(&css)).await {
            let value = match read {
                Read::Text => el.text().await.ok(),
                Read::Attr(name) => el.attr(name).await.ok().flatten(),
            };
            if let Some(v) = value {
                if done(&v) {
                    return v;
                }
                last = v;
            }
        }
        if std::time::Instant::now() >= deadline {
            shot(c, &format!("failed-{id}-wait")).await;
            panic!(
                "{id} did not get there; last seen {last:?}; on screen: {}",
                on_screen(c).await
            );
        }
        tokio::task::yield_now().await;
    }
}

#[derive(Clone, Copy)]
pub enum Read<'a> {
    Text,
    Attr(&'a str),
}

/// Waits until the text of `id` contains `want` (a count still animating reads as another number).
pub async fn wait_text(c: &Client, id: &str, want: &str) -> String {
    wait_for(c, id, Read::Text, |t| t.contains(want)).await
}

pub async fn wait_attr(c: &Client, id: &str, attr: &str, want: &str) {
    wait_for(c, id, Read::Attr(attr), |v| v == want).await;
}

/// Opens an antd select by its wrapper's test id, picks the option titled `option`, and waits
/// until the select shows it (a click during the dropdown's opening animation can miss).
pub async fn pick(c: &Client, select: &str, option: &str) {
    let chosen = format!(
        "{} .ant-select-selection-item[title='{option}']",
        tid(select)
    );
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        click_css(c, select, &format!("{} .ant-select-selector", tid(select))).await;
        let css = format!(
            ".ant-select-dropdown:not(.ant-select-dropdown-hidden){SETTLED} \
             .ant-select-item-option[title='{option}']"
        );
        if let Ok(el) = c
            .wait()
            .at_most(std::time::Duration::from_secs(5))
            .for_element(Locator::Css(&css))
            .await
        {
            let _ = el.click().await;
        }
        if c.wait()
            .at_most(std::time::Duration::from_secs(2))
            .for_element(Locator::Css(&chosen))
            .await
            .is_ok()
        {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{select}: could not pick {option}"
        );
    }
}
