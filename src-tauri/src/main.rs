//! 医养通 desktop entry point.
// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = yiyang_desktop::run() {
        eprintln!("医养通无法启动：{e:#}");
        std::process::exit(1);
    }
}
