//! Command-line flags: `--data-dir DIR` (or `YIYANG_DATA_DIR`), `--demo`, and for tests
//! `--idle-lock-seconds N`, `--exit-after-first-paint` and `--dialog-dir DIR`.
use std::path::PathBuf;

use anyhow::{bail, Context as _};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Args {
    pub data_dir: Option<PathBuf>,
    /// Fill a fresh store with the demo county.
    pub demo: bool,
    /// Quit as soon as the UI has painted (cold-start benchmark).
    pub exit_after_first_paint: bool,
    /// Lock after this many idle seconds instead of the configured minutes (end-to-end tests).
    pub idle_lock_seconds: Option<u32>,
    /// Answer file dialogs from/into this folder instead of showing them (end-to-end tests).
    pub dialog_dir: Option<PathBuf>,
}

impl Args {
    pub fn parse(args: impl IntoIterator<Item = String>) -> anyhow::Result<Self> {
        let mut out = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--data-dir" => {
                    out.data_dir = Some(args.next().context("--data-dir 需要一个目录")?.into());
                }
                "--demo" => out.demo = true,
                "--dialog-dir" => {
                    out.dialog_dir = Some(args.next().context("--dialog-dir 需要一个目录")?.into());
                }
                "--exit-after-first-paint" => out.exit_after_first_paint = true,
                "--idle-lock-seconds" => {
                    let n = args.next().context("--idle-lock-seconds 需要秒数")?;
                    let n: u32 = n.parse().context("--idle-lock-seconds 需要一个正整数")?;
                    if n == 0 {
                        bail!("--idle-lock-seconds 需要一个正整数");
                    }
                    out.idle_lock_seconds = Some(n);
                }
                other => match other.strip_prefix("--data-dir=") {
                    Some(dir) => out.data_dir = Some(dir.into()),
                    None => bail!("未知参数：{other}（可用：--data-dir 目录、--demo）"),
                },
            }
        }
        Ok(out)
    }

    /// `--data-dir`, else `YIYANG_DATA_DIR`, else the platform's per-user app-data folder.
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        if let Some(dir) = std::env::var_os("YIYANG_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(dir.into());
        }
        yiyang_store::default_data_dir().context("找不到本机的应用数据目录，请用 --data-dir 指定")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Args> {
        Args::parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn flags() {
        let a = parse(&["--data-dir", "/tmp/x", "--demo"]).unwrap();
        assert_eq!(a.data_dir, Some(PathBuf::from("/tmp/x")));
        assert!(a.demo);
        assert_eq!(
            parse(&["--data-dir=/d"]).unwrap().data_dir,
            Some("/d".into())
        );
        assert!(parse(&["--data-dir"]).is_err());
        assert!(parse(&["--frobnicate"]).is_err());
        assert_eq!(
            parse(&["--idle-lock-seconds", "3"])
                .unwrap()
                .idle_lock_seconds,
            Some(3)
        );
        assert!(parse(&["--idle-lock-seconds", "0"]).is_err());
    }

    #[test]
    fn flag_beats_environment() {
        let a = parse(&["--data-dir", "/flag"]).unwrap();
        assert_eq!(a.data_dir().unwrap(), PathBuf::from("/flag"));
    }
}
