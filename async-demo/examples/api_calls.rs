//! The article: asyncio for "making thousands of API calls concurrently without blocking". N
//! calls to the `api_server` example, each on a connection of its own, at most LIMIT at once (a
//! `Semaphore`), all on one thread.
//!
//! Start the server first (`cargo run --release -p async-demo --example api_server`), then, with
//! the address it prints:
//!
//! ```sh
//! cargo run --release -p async-demo --example api_calls -- 127.0.0.1:PORT N [LIMIT]
//! ```
//!
//! LIMIT is 1000 unless given. Each call asks for 16 KiB and checks the answer's length and
//! checksum. With the server's 100 ms of latency, 10,000 calls 1,000 at a time take ten rounds of
//! 0.1 s and some overhead, not the 1,000 s they would take one after another. On a 2-core machine (release builds) it printed:
//!
//! ```text
//! 10000 calls: 10000 answered in full, at most 1000 at once
//! wall: 1.36 s, 7349 calls per second; one call alone took 0.10 s, so one after another: about 1009 s
//! peak memory: 10392 KiB, 1.04 KiB per call
//! ```
//!
//! Every call holds a socket, and a process may have only so many open files (`ulimit -n`,
//! often 1024). When the OS refuses a socket, the run says how many it refused and what to
//! change, finishes the other calls, and exits with 1.
#![forbid(unsafe_code)]

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use shared::{Log, Stopwatch};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const SIZE: usize = 16 * 1024;
// The OS error "Too many open files" (the same number on Linux and macOS).
const EMFILE: i32 = 24;

// How many calls are in flight now, and the most there have been at once.
static NOW: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

/// Checks an HTTP answer: status 200, a body as long as `Content-Length` says and as long as asked
/// for, whose FNV-1a checksum is the one in `X-Checksum`.
fn check(response: &[u8], size: usize) -> Result<(), String> {
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no end of the head")?;
    let (head, body) = (String::from_utf8_lossy(&response[..split]), &response[split + 4..]);
    let header = |name: &str| head.lines().find_map(|line| line.strip_prefix(name)).map(str::trim);
    if !head.starts_with("HTTP/1.1 200 ") {
        return Err(format!("the server answered {:?}", head.lines().next()));
    }
    let checksum = body.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let length = body.len().to_string();
    let expected = (Some(length.as_str()), Some(format!("{checksum:016x}")));
    let announced = (header("Content-Length:"), header("X-Checksum:").map(str::to_owned));
    if body.len() != size || announced != expected {
        return Err(format!("{} bytes, announced {announced:?}", body.len()));
    }
    Ok(())
}

/// One call: connect, ask for `SIZE` bytes, read the whole answer, check it. Returns its seconds.
async fn call(server: SocketAddr) -> io::Result<f64> {
    let clock = Stopwatch::start();
    let mut socket = TcpStream::connect(server).await?;
    let request = format!("GET /{SIZE} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
    socket.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    socket.read_to_end(&mut response).await?;
    check(&response, SIZE).map_err(io::Error::other)?;
    Ok(clock.secs())
}

async fn calls(log: Log, server: SocketAddr, n: u64, limit: u64) -> bool {
    // One call alone first: N of them one after another would take about N times as long.
    let alone = match call(server).await {
        Ok(secs) => secs,
        Err(e) => {
            shared::error(format_args!("cannot call {server}: {e}"));
            return false;
        }
    };
    let clock = Stopwatch::start();
    let permits = Arc::new(Semaphore::new(limit as usize));
    let mut running = JoinSet::new();
    for _ in 0..n {
        // Wait for a permit before starting the call: at most LIMIT calls, and sockets, at once.
        let permit = Arc::clone(&permits).acquire_owned().await.expect("never closed");
        running.spawn(async move {
            MOST.fetch_max(NOW.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
            let result = call(server).await;
            NOW.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            result
        });
    }
    let (mut answered, mut refused, mut failed) = (0, 0, Vec::new());
    for result in running.join_all().await {
        match result {
            Ok(_) => answered += 1,
            Err(e) if e.raw_os_error() == Some(EMFILE) => refused += 1,
            Err(e) => failed.push(e),
        }
    }
    let wall = clock.secs();
    let most = MOST.load(Ordering::SeqCst);
    log.line(format_args!("{n} calls: {answered} answered in full, at most {most} at once"));
    let (rate, one_by_one) = (answered as f64 / wall, alone * n as f64);
    log.line(format_args!(
        "wall: {wall:.2} s, {rate:.0} calls per second; one call alone took {alone:.2} s, so one after another: about {one_by_one:.0} s"
    ));
    if let Some(kib) = shared::peak_rss_kib() {
        log.line(format_args!("peak memory: {kib} KiB, {:.2} KiB per call", kib as f64 / n as f64));
    }
    if refused > 0 {
        shared::error(format_args!(
            "the OS refused {refused} sockets: too many open files; raise the limit (`ulimit -n`) above LIMIT, or lower LIMIT (now {limit})"
        ));
    }
    if let Some(first) = failed.first() {
        shared::error(format_args!("{} calls failed, the first with: {first}", failed.len()));
    }
    refused == 0 && failed.is_empty()
}

fn main() {
    let log = Log::from_env();
    let usage = "expected the server's address on this machine, N and maybe LIMIT: api_calls 127.0.0.1:PORT N [LIMIT]";
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let server = args.first().and_then(|a| a.to_str()?.parse::<SocketAddr>().ok());
    let Some(server) = server.filter(|s| s.ip().is_loopback()) else {
        shared::usage_error(usage);
    };
    if args.len() > 3 {
        shared::usage_error(usage);
    }
    let n = shared::count_arg_at(2, "N", 1_000_000).unwrap_or_else(|| shared::usage_error(usage));
    let limit = shared::count_arg_at(3, "LIMIT", 100_000).unwrap_or(1000);
    let ok = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(calls(log, server, n, limit));
    std::process::exit(if ok { 0 } else { 1 });
}
