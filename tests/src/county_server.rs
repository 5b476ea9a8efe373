//! The county server as the sync tests use it: the real `yiyang-county` binary as a process on a
//! fresh PostgreSQL database of the machine's server (127.0.0.1:5432), which can be killed and
//! restarted on the same port, and its admin commands.
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Context as _};

/// `$YIYANG_PG` or the machine's server, as the `postgres` superuser (trust auth).
fn pg_base() -> String {
    std::env::var("YIYANG_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

fn psql(sql: &str) -> anyhow::Result<String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d"])
        .arg(format!("{}/postgres", pg_base()))
        .args(["-c", sql])
        .output()
        .context("psql not found: install postgresql-client")?;
    if !out.status.success() {
        bail!("psql failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A database created for one test run and dropped when this goes out of scope.
#[derive(Debug)]
pub struct TestDatabase {
    pub name: String,
}

impl TestDatabase {
    pub fn create(prefix: &str) -> anyhow::Result<Self> {
        let name = format!(
            "{prefix}_{}_{}",
            std::process::id(),
            chrono::Utc::now().timestamp_micros()
        );
        psql(&format!("CREATE DATABASE {name}"))?;
        Ok(Self { name })
    }

    pub fn url(&self) -> String {
        format!("{}/{}", pg_base(), self.name)
    }

    /// Runs `sql` in this database and returns psql's unaligned output.
    pub fn query(&self, sql: &str) -> anyhow::Result<String> {
        let out = Command::new("psql")
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(self.url())
            .args(["-c", sql])
            .output()?;
        if !out.status.success() {
            bail!("psql failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if std::env::var_os("YIYANG_KEEP_DB").is_none() {
            let _ = psql(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The county binary: `$YIYANG_COUNTY`, else the workspace's debug build.
pub fn county_binary() -> anyhow::Result<PathBuf> {
    let path = match std::env::var_os("YIYANG_COUNTY") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/yiyang-county"),
    };
    if !path.is_file() {
        bail!(
            "county binary {} not found: build it first (scripts/test does: cargo build -p yiyang-county)",
            path.display()
        );
    }
    Ok(path)
}

/// The county administrator's token the test server starts with (`GET /v1/indicators`).
pub const ADMIN_TOKEN: &str = "e2e-county-administrator-token-0123456789";

/// A running county server process.
#[derive(Debug)]
pub struct County {
    child: Option<Child>,
    database_url: String,
    pub port: u16,
}

impl County {
    /// Starts the server on `database_url` and a free loopback port.
    pub fn start(database_url: &str) -> anyhow::Result<Self> {
        let port = crate::free_port()?;
        let mut county = Self {
            child: None,
            database_url: database_url.to_owned(),
            port,
        };
        county.spawn()?;
        Ok(county)
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr())
    }

    fn spawn(&mut self) -> anyhow::Result<()> {
        let mut child = Command::new(county_binary()?)
            .args([
                "--database-url",
                &self.database_url,
                "--listen",
                &self.addr(),
            ])
            .env("RUST_LOG", "warn")
            .env("YIYANG_COUNTY_ADMIN_TOKEN", ADMIN_TOKEN)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.contains("listening on") {
                    let _ = tx.send(());
                }
            }
        });
        self.child = Some(child);
        if rx.recv_timeout(Duration::from_secs(60)).is_err() {
            bail!("the county server did not report `listening on` within 60 s");
        }
        Ok(())
    }

    /// Kills the process without warning (SIGKILL), as a power cut would.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Kills and starts again on the same port and database.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.kill();
        self.spawn()
    }

    /// Registers `institution` at the county as a township clinic, with the same codes, address
    /// and phone the laptop's set-up used (so the laptop's first push has nothing to dispute).
    pub fn add_clinic(
        &self,
        institution: &yiyang_protocol::InstitutionInput,
    ) -> anyhow::Result<()> {
        self.admin(&[
            "institution",
            "add",
            "--kind",
            "township_clinic",
            "--name",
            &institution.name,
            "--credit-code",
            &institution.credit_code,
            "--county-code",
            &institution.county_code,
            "--township-code",
            &institution.township_code,
            "--village-code",
            &institution.village_code,
            "--address",
            &institution.address,
            "--contact-phone",
            &institution.contact_phone,
        ])?;
        Ok(())
    }

    /// Issues a one-time enrolment code for the institution with `credit_code`.
    pub fn issue_code(&self, credit_code: &str) -> anyhow::Result<String> {
        let out = self.admin(&["code", "issue", "--credit-code", credit_code])?;
        out.split_whitespace()
            .last()
            .map(str::to_owned)
            .context("`code issue` printed no code")
    }

    /// Runs an admin subcommand (e.g. `["code", "issue", "--credit-code", …]`); its stdout.
    pub fn admin(&self, args: &[&str]) -> anyhow::Result<String> {
        let out = Command::new(county_binary()?)
            .args(["--database-url", &self.database_url])
            .args(args)
            .output()?;
        if !out.status.success() {
            bail!(
                "yiyang-county {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for County {
    fn drop(&mut self) {
        self.kill();
    }
}
