//! Shared by the end-to-end tests and the benchmark: finding the app binary, free ports, and
//! running `tauri-driver` (which starts WebKitWebDriver) for a WebDriver session with the real app.
pub mod bench_data;
pub mod county_server;
pub mod faulty_proxy;

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};

/// The desktop binary under test: `$YIYANG_APP`, else the workspace's debug build.
pub fn app_binary() -> anyhow::Result<PathBuf> {
    let path = match std::env::var_os("YIYANG_APP") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/yiyang-desktop"),
    };
    if !path.is_file() {
        bail!(
            "app binary {} not found: build it first (scripts/test does: cargo build -p yiyang-desktop)",
            path.display()
        );
    }
    Ok(path)
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Waits until something accepts connections on `port`, or fails after `timeout`.
pub fn wait_for_port(port: u16, timeout: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::yield_now();
        std::thread::park_timeout(Duration::from_millis(20));
    }
    bail!("nothing listens on port {port} after {timeout:?}")
}

/// A running `tauri-driver`; on drop its whole process group (WebKitWebDriver, the app) gets
/// SIGTERM — not SIGKILL, which would orphan WebKitWebDriver on its port.
#[derive(Debug)]
pub struct TauriDriver {
    child: Child,
    pub port: u16,
}

impl TauriDriver {
    pub fn start() -> anyhow::Result<Self> {
        if std::env::var_os("DISPLAY").is_none() {
            bail!("DISPLAY is not set: run the end-to-end tests through scripts/test (it starts Xvfb)");
        }
        let port = free_port()?;
        let native = free_port()?;
        // Its own process group, so that dropping it also ends WebKitWebDriver and the app even
        // when a test panicked before closing its session.
        let child = Command::new("tauri-driver")
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context(
                "cannot start tauri-driver (cargo install tauri-driver --locked --version ^2)",
            )?;
        let driver = Self { child, port };
        wait_for_port(port, Duration::from_secs(20))?;
        Ok(driver)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

/// Where tests leave screenshots (for the user guide and for looking at failures).
pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir
}
