//! The data folder as a whole: the encrypted data file plus its key file. First set-up, encrypting
//! a store from before encryption, log-in (with the growing delay after wrong passwords), unlock
//! and recovery all start here and end with an open [`Store`] that has a session.
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use yiyang_domain::credentials::{validate_login, validate_new_login, validate_new_password};
use yiyang_domain::error::ValidationErrors;
use yiyang_domain::institution::{validate_institution, validate_user_name};
use yiyang_protocol::{
    AuditAction, LogInInput, RecoverInput, Role, SetupDone, SetupInput, UpgradeInput,
};

use crate::audit::{self, AuditRecord};
use crate::institutions::insert_institution;
use crate::keys::{
    new_recovery_code, normalize_recovery_code, DataKey, Holder, KdfParams, KeyFile,
};
use crate::open::{encrypt_in_place, file_kind, open_encrypted, ConversionStage, FileKind};
use crate::session::Session;
use crate::synced::create_row;
use crate::{Result, Store, StoreError, WriteCtx, DATA_FILE_NAME};

/// What the data folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultState {
    /// Nothing yet: first run.
    Empty,
    /// A store from before encryption: needs [`Vault::upgrade`].
    Plain,
    /// An encrypted store with its key file.
    Encrypted,
}

/// The data folder. Cheap to clone; holds no secrets.
#[derive(Debug, Clone)]
pub struct Vault {
    dir: PathBuf,
    kdf: KdfParams,
}

impl Vault {
    /// The data folder `dir`; new password wraps use `kdf`.
    pub fn new(dir: impl Into<PathBuf>, kdf: KdfParams) -> Self {
        Self {
            dir: dir.into(),
            kdf,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn data_path(&self) -> PathBuf {
        self.dir.join(DATA_FILE_NAME)
    }

    pub fn key_path(&self) -> PathBuf {
        KeyFile::path_in(&self.dir)
    }

    pub(crate) fn kdf(&self) -> KdfParams {
        self.kdf
    }

    pub fn state(&self) -> Result<VaultState> {
        match file_kind(&self.data_path())? {
            FileKind::Missing => Ok(VaultState::Empty),
            FileKind::Plain => Ok(VaultState::Plain),
            FileKind::Encrypted if self.key_path().exists() => Ok(VaultState::Encrypted),
            FileKind::Encrypted => Err(StoreError::KeyFile(format!(
                "找不到密钥文件 {}，无法打开加密的数据文件；请从备份恢复",
                self.key_path().display()
            ))),
        }
    }

    /// A new data key, a key file with its wraps for the first user and for a new recovery code,
    /// and that code (to show once).
    fn new_keys(
        &self,
        user_id: &str,
        login: &str,
        password: &str,
    ) -> Result<(DataKey, KeyFile, String)> {
        let key = DataKey::generate();
        let recovery_code = new_recovery_code();
        let mut keys = KeyFile::new();
        let holder = Holder::User {
            user_id: user_id.to_owned(),
            login: login.to_owned(),
        };
        keys.add_wrap(&key, holder, password, self.kdf)?;
        keys.add_wrap(&key, Holder::Recovery, &recovery_code, self.kdf)?;
        Ok((key, keys, recovery_code))
    }

    pub(crate) fn load_keys(&self) -> Result<KeyFile> {
        KeyFile::load(&self.key_path())
    }

    pub(crate) fn save_keys(&self, keys: &KeyFile) -> Result<()> {
        keys.save(&self.key_path())
    }

    /// First run: creates the encrypted store with this institution and its first user, a
    /// 机构管理员. Returns the store logged in as that user and the recovery code (shown once).
    pub fn set_up(
        &self,
        input: &SetupInput,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(Store, SetupDone)> {
        self.set_up_inner(input, now, today, true)
    }

    /// [`Self::set_up`] without encryption and without a key file: only for the benchmark that
    /// measures what SQLCipher costs. The app never calls it.
    #[doc(hidden)]
    pub fn set_up_unencrypted_for_benchmark(
        &self,
        input: &SetupInput,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Store> {
        Ok(self.set_up_inner(input, now, today, false)?.0)
    }

    fn set_up_inner(
        &self,
        input: &SetupInput,
        now: DateTime<Utc>,
        today: NaiveDate,
        encrypted: bool,
    ) -> Result<(Store, SetupDone)> {
        if self.state()? != VaultState::Empty {
            return Err(StoreError::AlreadySetUp);
        }
        let mut errors = ValidationErrors::new();
        let institution =
            validate_institution(&input.institution).map_err(|e| errors.0.extend(e.0));
        let user_name = validate_user_name(&input.user_name).map_err(|e| errors.0.extend(e.0));
        let login = validate_new_login(
            &input.login,
            &input.password,
            &input.password_again,
            &mut errors,
        );
        let (Ok(institution), Ok(user_name), Some(login), true) =
            (institution, user_name, login, errors.is_empty())
        else {
            return Err(StoreError::Validation(errors));
        };
        std::fs::create_dir_all(&self.dir)?;
        let user_id = WriteCtx::new("", now, today).new_id();
        let (key, keys, recovery_code) =
            self.new_keys(&user_id, login.as_str(), &input.password)?;
        let mut conn = if encrypted {
            // A key file without a data file still opens that data file if it turns up again,
            // and this store's backups: keep it aside, never overwrite it.
            let old_keys = self.key_path();
            if old_keys.exists() {
                let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
                std::fs::rename(
                    &old_keys,
                    old_keys.with_extension(format!("json.old-{stamp}")),
                )?;
            }
            // Key file first: a data file must never exist without the key that opens it.
            self.save_keys(&keys)?;
            open_encrypted(&self.data_path(), &key)?
        } else {
            let mut conn = crate::open::connect(&self.data_path(), None)?;
            crate::migrate::run(&mut conn)?;
            conn
        };
        crate::setup::ensure_installation(&conn)?;
        let ctx = WriteCtx::new(user_id.clone(), now, today);
        let tx = conn.transaction()?;
        let institution_id = insert_institution(&tx, &ctx, &institution)?;
        let fields = crate::users::user_fields(
            &institution_id,
            user_name.as_str(),
            login.as_str(),
            Role::ClinicAdmin,
        );
        // The first user creates themself: they are the actor of their own record.
        create_row(&tx, &ctx, "users", &user_id, &fields, &[])?;
        tx.execute(
            "UPDATE installation SET institution_id = ?1, user_id = ?2",
            params![institution_id, user_id],
        )?;
        tx.commit()?;
        let mut store = Store::from_parts(conn, self.clone(), key);
        store.start_session(&user_id, now, AuditAction::Setup)?;
        let done = store.setup_done(recovery_code)?;
        Ok((store, done))
    }

    /// Encrypts a store made before encryption, in place, and gives its first user a log-in
    /// and password. The original stays untouched until the encrypted copy is verified.
    pub fn upgrade(
        &self,
        input: &UpgradeInput,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(Store, SetupDone)> {
        self.upgrade_with_hook(input, now, today, &mut |_| Ok(()))
    }

    /// [`Self::upgrade`] with a hook called at each stage of the conversion (tests stop there).
    pub fn upgrade_with_hook(
        &self,
        input: &UpgradeInput,
        now: DateTime<Utc>,
        today: NaiveDate,
        hook: &mut dyn FnMut(ConversionStage) -> Result<()>,
    ) -> Result<(Store, SetupDone)> {
        if self.state()? != VaultState::Plain {
            return Err(StoreError::AlreadySetUp);
        }
        let mut errors = ValidationErrors::new();
        let login = validate_new_login(
            &input.login,
            &input.password,
            &input.password_again,
            &mut errors,
        );
        let (Some(login), true) = (login, errors.is_empty()) else {
            return Err(StoreError::Validation(errors));
        };
        let path = self.data_path();
        let user_id: String = {
            let plain = crate::open::connect(&path, None)?;
            crate::migrate::verify(&plain)?;
            plain
                .query_row("SELECT user_id FROM installation", [], |r| {
                    r.get::<_, Option<String>>(0)
                })
                .optional()?
                .flatten()
                .ok_or(StoreError::NotSetUp)?
        };
        let (key, keys, recovery_code) =
            self.new_keys(&user_id, login.as_str(), &input.password)?;
        encrypt_in_place(&path, &key, || self.save_keys(&keys), hook)?;
        let mut conn = open_encrypted(&path, &key)?;
        let ctx = WriteCtx::new(user_id.clone(), now, today);
        let tx = conn.transaction()?;
        crate::users::update_user(
            &tx,
            &ctx,
            &user_id,
            &[
                ("login", login.as_str().into()),
                ("role", crate::users::role_code(Role::ClinicAdmin).into()),
            ],
        )?;
        tx.commit()?;
        let mut store = Store::from_parts(conn, self.clone(), key);
        store.start_session(&user_id, now, AuditAction::UpgradeStore)?;
        let done = store.setup_done(recovery_code)?;
        Ok((store, done))
    }

    /// Checks the growing delay, then tries `secret` on `wrap`; records a failure when wrong.
    pub(crate) fn try_unwrap(
        &self,
        keys: &mut KeyFile,
        find: impl Fn(&KeyFile) -> Option<crate::keys::Wrap>,
        secret: &str,
        login_for_log: &str,
        failed_action: AuditAction,
        now: DateTime<Utc>,
    ) -> Result<DataKey> {
        let wait = keys.wait_seconds(now);
        if wait > 0 {
            return Err(StoreError::TooManyAttempts { wait_seconds: wait });
        }
        let key = match find(keys) {
            Some(wrap) => keys.unwrap_key(&wrap, secret)?,
            None => None,
        };
        match key {
            Some(key) => Ok(key),
            None => {
                keys.record_failure(now, login_for_log, &audit::action_code(failed_action));
                self.save_keys(keys)?;
                Err(StoreError::WrongPassword)
            }
        }
    }

    /// Log-in: the store opened with this user's password, with a session for them.
    pub fn log_in(&self, input: &LogInInput, now: DateTime<Utc>) -> Result<Store> {
        self.require_encrypted()?;
        let login = input.login.trim().to_lowercase();
        let mut keys = self.load_keys()?;
        let key = self.try_unwrap(
            &mut keys,
            |k| k.user_wrap_by_login(&login).cloned(),
            &input.password,
            &login,
            AuditAction::LogInFailed,
            now,
        )?;
        let user_id = match keys.user_wrap_by_login(&login).map(|w| &w.holder) {
            Some(Holder::User { user_id, .. }) => user_id.clone(),
            _ => return Err(StoreError::WrongPassword),
        };
        self.open_as(key, &mut keys, &user_id, now, AuditAction::LogIn)
    }

    /// Unlocking after the idle lock: the same user's password.
    pub fn unlock(&self, user_id: &str, password: &str, now: DateTime<Utc>) -> Result<Store> {
        self.require_encrypted()?;
        let mut keys = self.load_keys()?;
        let login = match keys.user_wrap_by_id(user_id).map(|w| &w.holder) {
            Some(Holder::User { login, .. }) => login.clone(),
            _ => return Err(StoreError::WrongPassword),
        };
        let key = self.try_unwrap(
            &mut keys,
            |k| k.user_wrap_by_id(user_id).cloned(),
            password,
            &login,
            AuditAction::UnlockFailed,
            now,
        )?;
        self.open_as(key, &mut keys, user_id, now, AuditAction::Unlock)
    }

    /// The recovery code opens the store; the named 机构管理员 gets a new password and is logged in.
    pub fn recover(&self, input: &RecoverInput, now: DateTime<Utc>) -> Result<Store> {
        self.require_encrypted()?;
        let mut errors = ValidationErrors::new();
        let login = validate_login(&input.login, "login", &mut errors);
        validate_new_password(
            &input.new_password,
            &input.new_password_again,
            "newPassword",
            "newPasswordAgain",
            &mut errors,
        );
        let (Some(login), true) = (login, errors.is_empty()) else {
            return Err(StoreError::Validation(errors));
        };
        let mut keys = self.load_keys()?;
        let code = normalize_recovery_code(&input.recovery_code);
        let key = self.try_unwrap(
            &mut keys,
            |k| k.recovery_wrap().cloned(),
            &code,
            login.as_str(),
            AuditAction::LogInFailed,
            now,
        )?;
        let conn = open_encrypted(&self.data_path(), &key)?;
        let user: Option<(String, String)> = conn
            .query_row(
                "SELECT id, role FROM users WHERE login = ?1 AND deleted_at IS NULL",
                [login.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let user_id = match user {
            Some((id, role)) if role == crate::users::role_code(Role::ClinicAdmin) => id,
            _ => {
                return Err(StoreError::Validation(ValidationErrors(vec![
                    yiyang_domain::FieldError {
                        field: "login",
                        code: "login.not_admin",
                        message: "恢复码只能为在用的机构管理员重设密码：找不到该登录名的机构管理员"
                            .into(),
                    },
                ])))
            }
        };
        keys.add_wrap(
            &key,
            Holder::User {
                user_id: user_id.clone(),
                login: login.as_str().to_owned(),
            },
            &input.new_password,
            self.kdf,
        )?;
        drop(conn);
        self.open_as(key, &mut keys, &user_id, now, AuditAction::Recover)
    }

    fn require_encrypted(&self) -> Result<()> {
        match self.state()? {
            VaultState::Encrypted => Ok(()),
            VaultState::Empty => Err(StoreError::NotSetUp),
            VaultState::Plain => Err(StoreError::NeedsUpgrade),
        }
    }

    /// Opens with `key`, writes the failures collected while closed to the audit log, resets the
    /// delay, and starts `user_id`'s session.
    pub(crate) fn open_as(
        &self,
        key: DataKey,
        keys: &mut KeyFile,
        user_id: &str,
        now: DateTime<Utc>,
        action: AuditAction,
    ) -> Result<Store> {
        let conn = open_encrypted(&self.data_path(), &key)?;
        let mut store = Store::from_parts(conn, self.clone(), key);
        let pending = keys.take_failures();
        {
            let tx = store.conn.transaction()?;
            for f in &pending {
                audit::append(
                    &tx,
                    &AuditRecord {
                        at: f.at.clone(),
                        user_id: None,
                        user_name: f.login.clone(),
                        action: audit::action_from_code(&f.action)
                            .unwrap_or(AuditAction::LogInFailed),
                        record_kind: "user",
                        record_id: String::new(),
                        detail: format!("登录名 {}：密码错误", f.login),
                    },
                )?;
            }
            tx.commit()?;
        }
        self.save_keys(keys)?;
        store.start_session(user_id, now, action)?;
        Ok(store)
    }
}

impl Store {
    fn setup_done(&self, recovery_code: String) -> Result<SetupDone> {
        let state = self.setup_state()?;
        let institution = state.institution.ok_or(StoreError::NotSetUp)?;
        Ok(SetupDone {
            session: self.session_info()?,
            recovery_code,
            institution,
            device_id: state.device_id,
        })
    }

    /// Starts `user_id`'s session (refused for a removed user) and records `action`.
    pub(crate) fn start_session(
        &mut self,
        user_id: &str,
        now: DateTime<Utc>,
        action: AuditAction,
    ) -> Result<()> {
        let session = Session::load(&self.conn, user_id)?.ok_or(StoreError::WrongPassword)?;
        self.session = Some(session);
        self.audit(now, action, "user", user_id, "")?;
        Ok(())
    }
}
