//! Shared set-up for the store's integration tests: a real data file in a temp folder.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tempfile::TempDir;
use yiyang_protocol::{ResidentInput, SetupInput};
use yiyang_store::{demo, KdfParams, Store, Vault, WriteCtx};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap()
}

pub fn setup_input() -> SetupInput {
    demo::clinic_setup()
}

/// The data folder `dir` with cheap key derivation (tests make many wraps).
pub fn vault(dir: &TempDir) -> Vault {
    Vault::new(dir.path(), KdfParams::insecure_for_tests())
}

/// A fresh, set-up store in its own folder, logged in as its 机构管理员 (`linxy`).
pub fn store() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let (store, _) = vault(&dir).set_up(&setup_input(), now(), today()).unwrap();
    (dir, store)
}

pub fn ctx(store: &Store) -> WriteCtx {
    store.ctx(now(), today()).unwrap()
}

/// A valid resident form: 张三丰, born 1949-12-31, female (the domain.md vector).
pub fn resident() -> ResidentInput {
    ResidentInput {
        name: "张三丰".into(),
        id_number: "11010519491231002X".into(),
        phone: "13812345678".into(),
        address: "城南镇王家村3组12号".into(),
        ..ResidentInput::default()
    }
}

pub fn outbox_len(store: &Store) -> usize {
    store.pending_outbox(10_000).unwrap().len()
}
