//! The data key and its wraps. The data file is encrypted (SQLCipher) with one random 256-bit data
//! key; the key file next to it holds that key wrapped (Argon2id → ChaCha20-Poly1305) once per
//! user's password and once by the recovery code. Nothing in the key file reveals the key or any
//! health data; it also counts failed log-ins, so the growing delay survives a restart.
use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use chrono::{DateTime, Utc};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::{Result, StoreError};

/// File name of the key file inside the data folder.
pub const KEY_FILE_NAME: &str = "yiyang.keys.json";
const FORMAT: u32 = 1;

/// The 256-bit SQLCipher key. Zeroed when dropped (e.g. when the window locks).
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl DataKey {
    pub fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(key.as_mut());
        Self(key)
    }

    /// The SQLCipher `PRAGMA key` value: a raw key, so opening skips SQLCipher's own PBKDF2.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0.as_ref())))
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Argon2id cost, recorded with each wrap so it can be raised later without breaking old wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes: about 0.2–0.5 s on an old laptop, once per log-in.
    fn default() -> Self {
        Self {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    /// Cheap parameters for tests, which create many wraps. Never for real data.
    pub fn insecure_for_tests() -> Self {
        Self {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| StoreError::KeyFile(format!("Argon2 参数无效：{e}")))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|e| StoreError::KeyFile(format!("Argon2 失败：{e}")))?;
        Ok(out)
    }
}

/// Who can unwrap a wrap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Holder {
    #[serde(rename_all = "camelCase")]
    User {
        user_id: String,
        login: String,
    },
    Recovery,
}

impl Holder {
    fn aad(&self, store_id: &str) -> String {
        match self {
            Self::User { user_id, .. } => format!("yiyang-wrap-v1|{store_id}|user|{user_id}"),
            Self::Recovery => format!("yiyang-wrap-v1|{store_id}|recovery"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wrap {
    pub holder: Holder,
    pub kdf: KdfParams,
    salt: String,
    nonce: String,
    ciphertext: String,
}

/// A log-in or unlock that failed while the data file was closed: written to the audit log at
/// the next successful log-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingFailure {
    pub at: String,
    pub login: String,
    /// `log_in_failed` or `unlock_failed` (the audit action).
    pub action: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failures {
    /// Wrong secrets in a row, whoever typed them.
    pub count: u32,
    pub last_at: Option<DateTime<Utc>>,
    pub pending: Vec<PendingFailure>,
}

/// Failed attempts kept for the audit log while the data file is closed; older ones are dropped
/// (the count still grows the delay).
const MAX_PENDING_FAILURES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyFile {
    format: u32,
    /// Random id of this encrypted store: binds wraps and backups to it.
    pub store_id: String,
    pub wraps: Vec<Wrap>,
    #[serde(default)]
    pub failures: Failures,
}

impl KeyFile {
    pub fn new() -> Self {
        Self {
            format: FORMAT,
            store_id: uuid::Uuid::now_v7().to_string(),
            wraps: Vec::new(),
            failures: Failures::default(),
        }
    }

    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(KEY_FILE_NAME)
    }

    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| {
            StoreError::KeyFile(format!("无法读取密钥文件 {}：{e}", path.display()))
        })?;
        let file: Self = serde_json::from_slice(&bytes)
            .map_err(|e| StoreError::KeyFile(format!("密钥文件 {} 已损坏：{e}", path.display())))?;
        if file.format != FORMAT {
            return Err(StoreError::KeyFile(format!(
                "密钥文件格式 {} 不受支持",
                file.format
            )));
        }
        Ok(file)
    }

    /// Writes atomically: a temporary file, flushed to disk, then renamed over the old one, so a
    /// crash leaves either the old or the new key file, never half of one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("json.tmp");
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&serde_json::to_vec_pretty(self)?)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        sync_dir(path);
        Ok(())
    }

    /// Wraps `key` for `holder` with `secret`, replacing any earlier wrap of the same holder.
    pub fn add_wrap(
        &mut self,
        key: &DataKey,
        holder: Holder,
        secret: &str,
        kdf: KdfParams,
    ) -> Result<()> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let kek = kdf.derive(secret.as_bytes(), &salt)?;
        let cipher = ChaCha20Poly1305::new(kek.as_ref().into());
        let aad = holder.aad(&self.store_id);
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| StoreError::KeyFile("加密数据密钥失败".into()))?;
        self.wraps.retain(|w| !same_holder(&w.holder, &holder));
        self.wraps.push(Wrap {
            holder,
            kdf,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            ciphertext: hex::encode(ciphertext),
        });
        Ok(())
    }

    pub fn remove_user_wrap(&mut self, user_id: &str) -> bool {
        let before = self.wraps.len();
        self.wraps
            .retain(|w| !matches!(&w.holder, Holder::User { user_id: u, .. } if u == user_id));
        before != self.wraps.len()
    }

    pub fn user_wrap_by_login(&self, login: &str) -> Option<&Wrap> {
        self.wraps
            .iter()
            .find(|w| matches!(&w.holder, Holder::User { login: l, .. } if l == login))
    }

    pub fn user_wrap_by_id(&self, user_id: &str) -> Option<&Wrap> {
        self.wraps
            .iter()
            .find(|w| matches!(&w.holder, Holder::User { user_id: u, .. } if u == user_id))
    }

    pub fn recovery_wrap(&self) -> Option<&Wrap> {
        self.wraps
            .iter()
            .find(|w| matches!(w.holder, Holder::Recovery))
    }

    /// Unwraps the data key; `None` when the secret is wrong (or the wrap was tampered with).
    pub fn unwrap_key(&self, wrap: &Wrap, secret: &str) -> Result<Option<DataKey>> {
        let bad = || StoreError::KeyFile("密钥文件中的数据已损坏".into());
        let salt = hex::decode(&wrap.salt).map_err(|_| bad())?;
        let nonce = hex::decode(&wrap.nonce).map_err(|_| bad())?;
        let ciphertext = hex::decode(&wrap.ciphertext).map_err(|_| bad())?;
        if nonce.len() != 12 {
            return Err(bad());
        }
        let kek = wrap.kdf.derive(secret.as_bytes(), &salt)?;
        let cipher = ChaCha20Poly1305::new(kek.as_ref().into());
        let aad = wrap.holder.aad(&self.store_id);
        let Ok(mut plain) = cipher.decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: aad.as_bytes(),
            },
        ) else {
            return Ok(None);
        };
        let mut key = Zeroizing::new([0u8; 32]);
        if plain.len() != 32 {
            plain.zeroize();
            return Err(bad());
        }
        key.copy_from_slice(&plain);
        plain.zeroize();
        Ok(Some(DataKey(key)))
    }

    /// Seconds to wait before the next attempt is allowed, given the failures so far.
    pub fn wait_seconds(&self, now: DateTime<Utc>) -> u64 {
        let Some(last) = self.failures.last_at else {
            return 0;
        };
        let delay = delay_after(self.failures.count);
        let elapsed = u64::try_from((now - last).num_seconds()).unwrap_or(0);
        delay.saturating_sub(elapsed)
    }

    pub fn record_failure(&mut self, now: DateTime<Utc>, login: &str, action: &str) {
        self.failures.count = self.failures.count.saturating_add(1);
        self.failures.last_at = Some(now);
        if self.failures.pending.len() >= MAX_PENDING_FAILURES {
            self.failures.pending.remove(0);
        }
        self.failures.pending.push(PendingFailure {
            at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            login: login.to_owned(),
            action: action.to_owned(),
        });
    }

    /// After a success: the delay starts over; returns the failures to write to the audit log.
    pub fn take_failures(&mut self) -> Vec<PendingFailure> {
        self.failures.count = 0;
        self.failures.last_at = None;
        std::mem::take(&mut self.failures.pending)
    }
}

impl Default for KeyFile {
    fn default() -> Self {
        Self::new()
    }
}

/// The growing delay: three free tries, then 1 s, 2 s, 4 s … up to 5 minutes.
pub fn delay_after(failures: u32) -> u64 {
    if failures < 3 {
        return 0;
    }
    let exp = (failures - 3).min(16);
    (1u64 << exp).min(300)
}

fn same_holder(a: &Holder, b: &Holder) -> bool {
    match (a, b) {
        (Holder::User { user_id: x, .. }, Holder::User { user_id: y, .. }) => x == y,
        (Holder::Recovery, Holder::Recovery) => true,
        _ => false,
    }
}

/// Makes a rename durable on file systems that need the directory flushed (not on Windows,
/// where directories cannot be opened as files).
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Alphabet of recovery codes: no 0/O, 1/I/L, so a code copied by hand reads back unambiguously.
const RECOVERY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const RECOVERY_GROUPS: usize = 6;
const RECOVERY_GROUP_LEN: usize = 5;

/// A new recovery code: 30 symbols of a 31-letter alphabet (≈148 bits) in groups of five.
pub fn new_recovery_code() -> String {
    let mut groups = Vec::with_capacity(RECOVERY_GROUPS);
    for _ in 0..RECOVERY_GROUPS {
        let group: String = (0..RECOVERY_GROUP_LEN)
            .map(|_| {
                let i = (OsRng.next_u32() as usize) % RECOVERY_ALPHABET.len();
                char::from(RECOVERY_ALPHABET[i])
            })
            .collect();
        groups.push(group);
    }
    groups.join("-")
}

/// What a person typed back: case, spaces and dashes do not matter.
pub fn normalize_recovery_code(typed: &str) -> String {
    let symbols: Vec<char> = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    symbols
        .chunks(RECOVERY_GROUP_LEN)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_wrap_opens_only_with_its_secret() {
        let key = DataKey::generate();
        let mut file = KeyFile::new();
        let holder = Holder::User {
            user_id: "u1".into(),
            login: "linxy".into(),
        };
        file.add_wrap(&key, holder, "yiyang2026", KdfParams::insecure_for_tests())
            .unwrap();
        let wrap = file.user_wrap_by_login("linxy").unwrap().clone();
        let opened = file.unwrap_key(&wrap, "yiyang2026").unwrap().unwrap();
        assert_eq!(opened.bytes(), key.bytes());
        assert!(file.unwrap_key(&wrap, "yiyang2027").unwrap().is_none());
    }

    #[test]
    fn a_wrap_moved_to_another_user_does_not_open() {
        let key = DataKey::generate();
        let mut file = KeyFile::new();
        let holder = Holder::User {
            user_id: "u1".into(),
            login: "a".into(),
        };
        file.add_wrap(&key, holder, "pw123456", KdfParams::insecure_for_tests())
            .unwrap();
        let mut wrap = file.wraps[0].clone();
        wrap.holder = Holder::User {
            user_id: "u2".into(),
            login: "b".into(),
        };
        assert!(file.unwrap_key(&wrap, "pw123456").unwrap().is_none());
    }

    #[test]
    fn delay_grows_after_three_failures_and_caps_at_five_minutes() {
        let delays: Vec<u64> = (0..14).map(delay_after).collect();
        assert_eq!(
            delays,
            vec![0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
        );
    }

    #[test]
    fn recovery_codes_are_typed_back_loosely() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 6 * 5 + 5);
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(normalize_recovery_code(&typed), code);
    }
}
