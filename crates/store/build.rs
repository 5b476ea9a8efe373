//! Embeds every `migrations/NNNN_name.sql` file into the binary, in order.
use std::{env, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?).join("../../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut out = String::from("pub(crate) const MIGRATIONS: &[Migration] = &[\n");
    for (i, path) in files.iter().enumerate() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("migration file name is not UTF-8")?;
        let version: u32 = stem
            .split('_')
            .next()
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("migration {stem} must start with its number"))?;
        if version as usize != i + 1 {
            return Err(format!("migration {stem}: expected number {}", i + 1).into());
        }
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!(
            "    Migration {{ version: {version}, name: {stem:?}, sql: include_str!({:?}) }},\n",
            path.canonicalize()?.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(
        PathBuf::from(env::var("OUT_DIR")?).join("migrations.rs"),
        out,
    )?;
    Ok(())
}
