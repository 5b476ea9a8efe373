//! Benchmark: one cooperation agreement (3 pages, two drawn signatures, QR code) rendered with
//! the subset Chinese font and digitally signed, as the app does when both parties sign.
//! Target (issue 6): ≤ 150 ms and ≤ 300 KB per agreement. Prints a table; run with
//! `cargo bench -p yiyang-pdf --bench agreement`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use yiyang_pdf::sample::sample_agreement;
use yiyang_pdf::sign::{sign_pdf, SignRequest, SigningIdentity, Subject};
use yiyang_pdf::{qr_payload, render, Font};

const ROUNDS: usize = 30;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let t = Instant::now();
    let font = Font::locate().expect("Noto Serif CJK (fonts-noto-cjk) must be installed");
    let font_load = t.elapsed();

    let now = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
    let subject = Subject {
        organisation: "𠮷祥镇中心卫生院".into(),
        credit_code: "12330100MB0000001X".into(),
        common_name: "𠮷祥镇中心卫生院".into(),
    };
    let t = Instant::now();
    let identity = SigningIdentity::generate(&subject, now, 10).unwrap();
    let key_gen = t.elapsed();

    let mut doc = sample_agreement();
    doc.qr_payload = Some(qr_payload(&doc.number, &doc.content_hash()));
    let request = SignRequest {
        signer_name: "𠮷祥镇中心卫生院".into(),
        reason: "签署医养服务合作协议".into(),
        location: None,
        signing_time: now,
    };
    let mut totals = Vec::with_capacity(ROUNDS);
    let mut renders = Vec::with_capacity(ROUNDS);
    let mut signs = Vec::with_capacity(ROUNDS);
    let mut size = 0;
    let mut pages = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let rendered = render(&doc, &font).unwrap();
        let r = t.elapsed();
        let signed = sign_pdf(&rendered.bytes, &identity, &request).unwrap();
        let total = t.elapsed();
        renders.push(r);
        signs.push(total - r);
        totals.push(total);
        size = signed.len();
        pages = rendered.pages;
    }
    for v in [&mut totals, &mut renders, &mut signs] {
        v.sort();
    }
    let median = |v: &[Duration]| ms(v[v.len() / 2]);
    let worst = |v: &[Duration]| ms(v[v.len() - 1]);
    println!("| measure ({ROUNDS} rounds, {pages} pages) | median | max | target |");
    println!("|---|---|---|---|");
    println!(
        "| font load (once per app run) | {:.0} ms | | |",
        ms(font_load)
    );
    println!(
        "| key + certificate (once per institution) | {:.1} ms | | |",
        ms(key_gen)
    );
    println!(
        "| render (layout, subset font, images, QR) | {:.1} ms | {:.1} ms | |",
        median(&renders),
        worst(&renders)
    );
    println!(
        "| PAdES signature | {:.1} ms | {:.1} ms | |",
        median(&signs),
        worst(&signs)
    );
    let ok = median(&totals) <= 150.0;
    println!(
        "| **render + sign** | **{:.1} ms** | {:.1} ms | ≤ 150 ms {} |",
        median(&totals),
        worst(&totals),
        if ok { "✓" } else { "✗" }
    );
    let kb = size as f64 / 1024.0;
    println!(
        "| **signed PDF size** | **{kb:.1} KB** | | ≤ 300 KB {} |",
        if kb <= 300.0 { "✓" } else { "✗" }
    );
}
