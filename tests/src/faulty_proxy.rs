//! A fault-injecting HTTP/1.1 proxy for the sync tests: sits between laptops and the county and,
//! by a seeded random choice per request, passes it, drops the connection before or in the
//! middle of the request, lets the county answer and then drops (or cuts) the answer, sends
//! the request to the county twice at once, or delays it (which reorders laptops' requests).
//! Every request goes upstream on its own connection with `Connection: close`, so the proxy
//! never needs to understand chunked answers: it reads the county's answer to the end.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    Pass,
    /// Close the laptop's connection without sending anything upstream.
    DropRequest,
    /// Send half of the request upstream, then close both sides.
    CutRequest,
    /// Let the county apply the request, then close without answering.
    DropResponse,
    /// Let the county answer, then send half of the answer and close.
    CutResponse,
    /// Send the request upstream twice at the same time; answer with the first answer.
    Duplicate,
    /// Wait before forwarding.
    Delay,
}

/// How often each fault happens, in percent (the rest passes).
#[derive(Debug, Clone, Copy)]
pub struct FaultRates {
    pub drop_request: u32,
    pub cut_request: u32,
    pub drop_response: u32,
    pub cut_response: u32,
    pub duplicate: u32,
    pub delay: u32,
    /// Upper bound of a delay.
    pub max_delay: Duration,
}

impl FaultRates {
    /// No faults: a plain proxy.
    pub const NONE: Self = Self {
        drop_request: 0,
        cut_request: 0,
        drop_response: 0,
        cut_response: 0,
        duplicate: 0,
        delay: 0,
        max_delay: Duration::ZERO,
    };

    /// Bad weather: about half of the requests meet a fault.
    pub const STORMY: Self = Self {
        drop_request: 8,
        cut_request: 8,
        drop_response: 10,
        cut_response: 8,
        duplicate: 8,
        delay: 10,
        max_delay: Duration::from_millis(60),
    };
}

/// Counts of what the proxy did, so a test can show the faults really happened.
#[derive(Debug, Default)]
pub struct FaultCounts {
    counts: Mutex<std::collections::HashMap<Fault, u64>>,
}

impl FaultCounts {
    pub fn get(&self, f: Fault) -> u64 {
        self.counts
            .lock()
            .map(|c| c.get(&f).copied().unwrap_or(0))
            .unwrap_or(0)
    }
    fn add(&self, f: Fault) {
        if let Ok(mut c) = self.counts.lock() {
            *c.entry(f).or_default() += 1;
        }
    }
}

#[derive(Debug)]
struct Shared {
    upstream: String,
    rates: Mutex<FaultRates>,
    rng: Mutex<ChaCha8Rng>,
    counts: FaultCounts,
    requests: AtomicU64,
}

/// A running proxy. Dropping it leaves the task running until the runtime ends.
#[derive(Debug, Clone)]
pub struct FaultyProxy {
    pub addr: std::net::SocketAddr,
    shared: Arc<Shared>,
}

impl FaultyProxy {
    /// Starts a proxy on a free loopback port forwarding to `upstream` (`host:port`).
    pub async fn start(upstream: &str, seed: u64, rates: FaultRates) -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream: upstream.to_owned(),
            rates: Mutex::new(rates),
            rng: Mutex::new(ChaCha8Rng::seed_from_u64(seed)),
            counts: FaultCounts::default(),
            requests: AtomicU64::new(0),
        });
        let task_shared = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let s = Arc::clone(&task_shared);
                tokio::spawn(async move {
                    // A failed connection is one of the faults the laptops must survive.
                    let _ = serve(conn, s).await;
                });
            }
        });
        Ok(Self { addr, shared })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_rates(&self, rates: FaultRates) {
        if let Ok(mut r) = self.shared.rates.lock() {
            *r = rates;
        }
    }

    pub fn counts(&self) -> &FaultCounts {
        &self.shared.counts
    }

    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    fn choose(shared: &Shared) -> (Fault, Duration) {
        let rates = shared.rates.lock().map(|r| *r).unwrap_or(FaultRates::NONE);
        let Ok(mut rng) = shared.rng.lock() else {
            return (Fault::Pass, Duration::ZERO);
        };
        let roll = rng.gen_range(0..100);
        let table = [
            (Fault::DropRequest, rates.drop_request),
            (Fault::CutRequest, rates.cut_request),
            (Fault::DropResponse, rates.drop_response),
            (Fault::CutResponse, rates.cut_response),
            (Fault::Duplicate, rates.duplicate),
            (Fault::Delay, rates.delay),
        ];
        let mut acc = 0;
        let mut fault = Fault::Pass;
        for (f, rate) in table {
            acc += rate;
            if roll < acc {
                fault = f;
                break;
            }
        }
        let max = u64::try_from(rates.max_delay.as_millis()).unwrap_or(0);
        let delay = Duration::from_millis(if max > 0 { rng.gen_range(0..=max) } else { 0 });
        (fault, delay)
    }
}

/// One laptop connection, one request: the county's answer carries `connection: close`, so the
/// laptop opens a new connection for its next request.
async fn serve(mut conn: TcpStream, shared: Arc<Shared>) -> anyhow::Result<()> {
    let Some(request) = read_request(&mut conn).await? else {
        return Ok(());
    };
    shared.requests.fetch_add(1, Ordering::Relaxed);
    let (fault, delay) = FaultyProxy::choose(&shared);
    shared.counts.add(fault);
    let answer = match fault {
        Fault::DropRequest => return Ok(()),
        Fault::CutRequest => {
            let mut up = TcpStream::connect(&shared.upstream).await?;
            up.write_all(&request[..request.len() / 2]).await?;
            return Ok(());
        }
        Fault::Duplicate => {
            let (a, b) = tokio::join!(
                exchange(&shared.upstream, &request),
                exchange(&shared.upstream, &request)
            );
            a.or(b)?
        }
        Fault::Delay => {
            tokio::time::sleep(delay).await;
            exchange(&shared.upstream, &request).await?
        }
        Fault::Pass | Fault::DropResponse | Fault::CutResponse => {
            exchange(&shared.upstream, &request).await?
        }
    };
    match fault {
        Fault::DropResponse => {}
        Fault::CutResponse => conn.write_all(&answer[..answer.len() / 2]).await?,
        _ => conn.write_all(&answer).await?,
    }
    Ok(())
}

/// Sends `request` on a fresh upstream connection and reads the answer to its end.
async fn exchange(upstream: &str, request: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut up = TcpStream::connect(upstream).await?;
    up.write_all(request).await?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer).await?;
    if answer.is_empty() {
        anyhow::bail!("upstream closed without answering");
    }
    Ok(answer)
}

/// Reads one request (head + `Content-Length` body) and rewrites it to `Connection: close`.
/// None when the laptop closed the connection between requests.
async fn read_request(conn: &mut TcpStream) -> anyhow::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0_u8; 8192];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            if buf.is_empty() {
                return Ok(None);
            }
            anyhow::bail!("connection closed inside a request head");
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut length = 0_usize;
    let mut lines: Vec<&str> = Vec::new();
    for line in head.trim_end().split("\r\n") {
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse()?;
        }
        if lower.starts_with("connection:") {
            continue;
        }
        lines.push(line);
    }
    while buf.len() < head_end + length {
        let mut chunk = vec![0_u8; (head_end + length - buf.len()).min(1 << 16)];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            anyhow::bail!("connection closed inside a request body");
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let mut out = lines.join("\r\n").into_bytes();
    out.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
    out.extend_from_slice(&buf[head_end..head_end + length]);
    Ok(Some(out))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
