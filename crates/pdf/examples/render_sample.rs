//! Renders the sample agreement and reports timings:
//! `cargo run --release -p yiyang-pdf --example render_sample -- /tmp/sample.pdf`.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample-agreement.pdf".into());
    let started = Instant::now();
    let font = yiyang_pdf::Font::locate()?;
    println!("font {} loaded in {:?}", font.name(), started.elapsed());

    let doc = yiyang_pdf::sample::sample_agreement();
    let mut times = Vec::new();
    let mut rendered = None;
    for _ in 0..10 {
        let started = Instant::now();
        rendered = Some(yiyang_pdf::render(&doc, &font)?);
        times.push(started.elapsed());
    }
    times.sort();
    let rendered = rendered.ok_or("no render")?;
    println!(
        "{} pages, {} bytes; render min {:?}, median {:?}, max {:?}",
        rendered.pages,
        rendered.bytes.len(),
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
    std::fs::write(&out, &rendered.bytes)?;
    println!("written to {out}");
    Ok(())
}
