//! The article: asyncio for "making thousands of API calls concurrently without blocking". N
//! calls to the `api_server` example, each on a connection of its own, at most LIMIT at once,
//! all on one thread.
//!
//! Start the server first (`cargo run --release -p async-demo --example api_server`), then, with
//! the address it prints:
//!
//! ```sh
//! cargo run --release -p async-demo --example api_calls -- 127.0.0.1:PORT N [LIMIT [DEADLINE_S]]
//! ```
//!
//! LIMIT is 1000 unless given, DEADLINE_S (the most one call may take, connect to last byte) 10.
//! Each call asks for 16 KiB and checks the answer's length, bytes and checksum. With the
//! server's 100 ms of latency, 10,000 calls 1,000 at a time take ten rounds of 0.1 s and some
//! overhead, not the 1,000 s they would take one after another. `api_calls 127.0.0.1:PORT 10000`
//! printed:
//!
//! ```text
//! 10000 calls: 10000 answered in full, at most 1000 at once
//! wall: 1.22 s, 8199 calls per second; one call alone took 0.10 s, so one after another: about 1017 s
//! peak memory: 4412 KiB
//! ```
//!
//! Each call's result is taken as it finishes, so memory grows with LIMIT, not with N (the
//! measurements page, `scripts/README.md`, has the figures).
//!
//! A call that fails is counted by why, and the run ends with one line that says how many failed
//! of each kind and what to change, then exits with 1; the calls that succeeded are still counted.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::sync::LazyLock;
use std::time::Duration;

use shared::{Log, Stopwatch};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio::time::timeout;

const SIZE: usize = 16 * 1024;
/// The most an answer may hold: the body and a head far longer than the server's.
const MAX_ANSWER: u64 = SIZE as u64 + 4096;

/// The body `api_server` sends for `SIZE` bytes (the start of its pattern) and its FNV-1a
/// checksum, made once: each answer is compared with them, not hashed again.
static EXPECTED: LazyLock<(Vec<u8>, String)> = LazyLock::new(|| {
    let body: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
    let sum = body.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (body, format!("{sum:016x}"))
});

/// Checks an HTTP answer: status 200, a body as long as `Content-Length` says, the body expected
/// and its checksum in `X-Checksum`. A body cut short is `UnexpectedEof`, anything else wrong
/// `InvalidData`.
fn check(response: &[u8]) -> io::Result<()> {
    let short = |what: String| io::Error::new(ErrorKind::UnexpectedEof, what);
    let corrupt = |what: String| io::Error::new(ErrorKind::InvalidData, what);
    let split = response.windows(4).position(|w| w == b"\r\n\r\n");
    let split =
        split.ok_or_else(|| short(format!("{} bytes, no end of the head", response.len())))?;
    let (head, body) = (String::from_utf8_lossy(&response[..split]), &response[split + 4..]);
    let header = |name: &str| head.lines().find_map(|line| line.strip_prefix(name)).map(str::trim);
    if !head.starts_with("HTTP/1.1 200 ") {
        return Err(corrupt(format!("the server answered {:?}", head.lines().next())));
    }
    if body.len() < SIZE {
        return Err(short(format!("a body of {} bytes, not {SIZE}", body.len())));
    }
    let (expected_body, checksum) = &*EXPECTED;
    let length = SIZE.to_string();
    let announced = (header("Content-Length:"), header("X-Checksum:"));
    if body != expected_body || announced != (Some(length.as_str()), Some(checksum.as_str())) {
        return Err(corrupt(format!("{} bytes, announced {announced:?}", body.len())));
    }
    Ok(())
}

/// One call: connect, ask for `SIZE` bytes, read the answer (at most `MAX_ANSWER` bytes), check
/// it, all within `deadline`. Returns its seconds.
async fn call(server: SocketAddr, deadline: Duration) -> io::Result<f64> {
    let clock = Stopwatch::start();
    let exchange = async {
        let mut socket = TcpStream::connect(server).await?;
        let request =
            format!("GET /{SIZE} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
        socket.write_all(request.as_bytes()).await?;
        // Room for the answer once it starts to arrive, not while the server keeps us waiting.
        socket.readable().await?;
        let mut response = Vec::with_capacity(SIZE + 1024);
        socket.take(MAX_ANSWER + 1).read_to_end(&mut response).await?;
        Ok::<_, io::Error>(response)
    };
    // `timeout` drops the call's future when the deadline passes, and its socket with it.
    let response = timeout(deadline, exchange).await.map_err(|_| ErrorKind::TimedOut)??;
    check(&response)?;
    Ok(clock.secs())
}

/// Why a call failed, in the words of the summary, with what to change where the user can.
fn why(e: &io::Error, limit: u64) -> String {
    // The OS's error numbers for too many open files in this process and on the machine (the
    // same on Linux and macOS); std has no `ErrorKind` for them.
    const EMFILE: i32 = 24;
    const ENFILE: i32 = 23;
    match (e.raw_os_error(), e.kind()) {
        (Some(EMFILE), _) => format!(
            "refused a socket, too many open files (EMFILE): raise `ulimit -n` above LIMIT (now {limit}) here and for the server, or lower LIMIT"
        ),
        (Some(ENFILE), _) => format!(
            "refused a socket, too many open files on this machine (ENFILE): raise `fs.file-max`, or lower LIMIT (now {limit})"
        ),
        (_, ErrorKind::AddrNotAvailable) => format!(
            "found no local port free (EADDRNOTAVAIL): lower LIMIT (now {limit}) below the ports in `net.ipv4.ip_local_port_range`"
        ),
        (_, ErrorKind::ConnectionRefused) => {
            "had the connection refused: is the server still running?".into()
        }
        (_, ErrorKind::TimedOut) => "timed out: raise DEADLINE_S, or lower LIMIT".into(),
        (_, ErrorKind::UnexpectedEof) => format!("got a short answer ({e})"),
        (_, ErrorKind::InvalidData) => format!("got a corrupt answer ({e})"),
        _ => format!("failed ({e})"),
    }
}

async fn calls(log: Log, server: SocketAddr, n: u64, limit: u64, deadline: Duration) -> bool {
    // One call alone first: N of them one after another would take about N times as long.
    let alone = match call(server, deadline).await {
        Ok(secs) => secs,
        Err(e) => {
            shared::error(format_args!("cannot call {server}: {}", why(&e, limit)));
            return false;
        }
    };
    let clock = Stopwatch::start();
    // Failures by kind (OS error number and `ErrorKind`), each with the first one's words.
    let (mut answered, mut failed, mut most) = (0, BTreeMap::new(), 0);
    let mut tally = |result: io::Result<f64>| match result {
        Ok(_) => answered += 1,
        Err(e) => failed.entry((e.raw_os_error(), e.kind())).or_insert((0, why(&e, limit))).0 += 1,
    };
    let mut running = JoinSet::new();
    for _ in 0..n {
        // At most LIMIT calls, and sockets, at once: when the set is full, wait for one to
        // finish. Each result is taken as it comes, so memory grows with LIMIT, not with N.
        if running.len() as u64 == limit {
            tally(running.join_next().await.expect("a call").expect("a call does not panic"));
        }
        running.spawn(call(server, deadline));
        most = most.max(running.len());
    }
    while let Some(result) = running.join_next().await {
        tally(result.expect("a call does not panic"));
    }
    let wall = clock.secs();
    log.line(format_args!("{n} calls: {answered} answered in full, at most {most} at once"));
    let (rate, one_by_one) = (answered as f64 / wall, alone * n as f64);
    log.line(format_args!(
        "wall: {wall:.2} s, {rate:.0} calls per second; one call alone took {alone:.2} s, so one after another: about {one_by_one:.0} s"
    ));
    if let Some(kib) = shared::peak_rss_kib() {
        log.line(format_args!("peak memory: {kib} KiB"));
    }
    if failed.is_empty() {
        return true;
    }
    let kinds: Vec<String> = failed.values().map(|(count, why)| format!("{count} {why}")).collect();
    shared::error(format_args!("{} of {n} calls failed: {}", n - answered, kinds.join("; ")));
    false
}

fn main() {
    let log = Log::from_env();
    let usage = "expected a loopback address (127.0.0.1:PORT), N and maybe LIMIT and DEADLINE_S: api_calls 127.0.0.1:PORT N [LIMIT [DEADLINE_S]]";
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let server = args.first().and_then(|a| a.to_str()?.parse::<SocketAddr>().ok());
    let Some(server) = server.filter(|s| s.ip().is_loopback()) else {
        shared::usage_error(usage);
    };
    if args.len() > 4 {
        shared::usage_error(usage);
    }
    let n = shared::count_arg_at(2, "N", 1_000_000).unwrap_or_else(|| shared::usage_error(usage));
    let limit = shared::count_arg_at(3, "LIMIT", 100_000).unwrap_or(1000);
    let deadline = Duration::from_secs(shared::count_arg_at(4, "DEADLINE_S", 3600).unwrap_or(10));
    let ok = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(calls(log, server, n, limit, deadline));
    std::process::exit(if ok { 0 } else { 1 });
}
