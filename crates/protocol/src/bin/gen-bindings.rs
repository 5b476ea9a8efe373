//! Writes the generated TypeScript bindings into the UI tree.
fn main() -> std::io::Result<()> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(yiyang_protocol::bindings::BINDINGS_PATH);
    std::fs::write(&path, yiyang_protocol::bindings::typescript())?;
    println!("wrote {}", path.display());
    Ok(())
}
