//! The article's threading scenario, for real: "Downloading multiple files from the web
//! simultaneously. While one file is downloading, another can start." N threads each download one
//! 16 KiB file from the `api_server` example, with std's blocking `TcpStream` (no async), and
//! check every file's length and checksum.
//!
//! Start the server first (`cargo run --release -p async-demo --example api_server`), then, with
//! the address it prints:
//!
//! ```sh
//! cargo run --release -p threads-demo --example downloads -- 127.0.0.1:PORT N [DEADLINE_S]
//! ```
//!
//! N is from 1 to 10000; DEADLINE_S, the most one download may take (connect to last byte), is
//! 10 unless given as a third argument. Each download waits for the server's 100 ms of latency;
//! the threads wait together, so 100 files take about 0.1 s, not 10 s. On a 2-core machine
//! (release builds) that other builds kept busy, it printed:
//!
//! ```text
//! downloaded 100 of 100 files, 1638400 bytes, every length and checksum right
//! wall: 0.11 s; one download alone took 0.10 s, so one after another: about 10.2 s
//! ```
//!
//! A download that fails is counted by why, and the run ends with one line that says how many
//! failed of each kind and what to change, then exits with 1; the files that arrived whole are
//! still counted.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use shared::Stopwatch;

const SIZE: usize = 16 * 1024;
/// The most an answer may hold: the body and a head far longer than the server's.
const MAX_ANSWER: usize = SIZE + 4096;

/// Checks an HTTP answer: status 200, a body as long as `Content-Length` says and as long as asked
/// for, whose FNV-1a checksum is the one in `X-Checksum`. A body cut short is `UnexpectedEof`,
/// anything else wrong `InvalidData`.
fn check(response: &[u8], size: usize) -> io::Result<()> {
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
    if body.len() < size {
        return Err(short(format!("a body of {} bytes, not {size}", body.len())));
    }
    let checksum = body.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let length = body.len().to_string();
    let expected = (Some(length.as_str()), Some(format!("{checksum:016x}")));
    let announced = (header("Content-Length:"), header("X-Checksum:").map(str::to_owned));
    if body.len() != size || announced != expected {
        return Err(corrupt(format!("{} bytes, announced {announced:?}", body.len())));
    }
    Ok(())
}

/// The time left until `end`; out of time is a timeout (a zero timeout is an error for
/// `set_read_timeout` and `set_write_timeout`).
fn left(end: Instant) -> io::Result<Duration> {
    let left = end.saturating_duration_since(Instant::now());
    if left.is_zero() { Err(ErrorKind::TimedOut.into()) } else { Ok(left) }
}

/// One download: connect, ask for `SIZE` bytes, read the answer (at most `MAX_ANSWER` bytes),
/// check it, all within `deadline`. Returns the seconds it took. The thread blocks in `connect`,
/// `write` and `read`; the OS runs the others meanwhile.
fn download(server: SocketAddr, deadline: Duration) -> io::Result<f64> {
    let clock = Stopwatch::start();
    let end = Instant::now() + deadline;
    let mut socket = TcpStream::connect_timeout(&server, deadline)?;
    // Formatted first, then written whole: a `TcpStream` has no buffer, and `write!` on it sends
    // each piece it formats in a `send` of its own (the address octet by octet).
    let request = format!("GET /{SIZE} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
    let mut unsent = request.as_bytes();
    // A timeout bounds one `write` or `read`, not the download: each is set to the time left.
    // An interrupted call is retried: on Linux a socket call with a timeout returns EINTR when
    // the process is stopped (Ctrl-Z) and continued, even without a signal handler (signal(7)).
    while !unsent.is_empty() {
        socket.set_write_timeout(Some(left(end)?))?;
        match socket.write(unsent) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(sent) => unsent = &unsent[sent..],
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // Unix typically reports a timeout as `WouldBlock` (`set_write_timeout` docs).
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Err(ErrorKind::TimedOut.into()),
            Err(e) => return Err(e),
        }
    }
    // A small buffer on the thread's stack: with 4 KiB, 10,000 threads peaked at 133,788 KiB here
    // against 90,116.
    let (mut response, mut buffer) = (Vec::new(), [0; 1024]);
    loop {
        socket.set_read_timeout(Some(left(end)?))?;
        let read = match socket.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Err(ErrorKind::TimedOut.into()),
            Err(e) => return Err(e),
        };
        if response.len() + read > MAX_ANSWER {
            return Err(io::Error::new(ErrorKind::InvalidData, "longer than asked"));
        }
        response.extend_from_slice(&buffer[..read]);
    }
    check(&response, SIZE)?;
    Ok(clock.secs())
}

/// Why a download failed, in the words of the summary, with what to change where the user can.
fn why(e: &io::Error, n: u64) -> String {
    // The OS's error numbers for too many open files in this process and on the machine (the
    // same on Linux and macOS); std has no `ErrorKind` for them.
    const EMFILE: i32 = 24;
    const ENFILE: i32 = 23;
    match (e.raw_os_error(), e.kind()) {
        (Some(EMFILE), _) => format!(
            "refused a socket, too many open files (EMFILE): raise `ulimit -n` above N (now {n}) here and for the server, or lower N"
        ),
        (Some(ENFILE), _) => format!(
            "refused a socket, too many open files on this machine (ENFILE): raise `fs.file-max`, or lower N (now {n})"
        ),
        (_, ErrorKind::AddrNotAvailable) => format!(
            "found no local port free (EADDRNOTAVAIL): lower N (now {n}) below the ports in `net.ipv4.ip_local_port_range`"
        ),
        (_, ErrorKind::ConnectionRefused) => {
            "had the connection refused: is the server still running?".into()
        }
        (_, ErrorKind::TimedOut) => "timed out: raise DEADLINE_S, or lower N".into(),
        (_, ErrorKind::UnexpectedEof) => format!("got a short answer ({e})"),
        (_, ErrorKind::InvalidData) => format!("got a corrupt answer ({e})"),
        _ => format!("failed ({e})"),
    }
}

fn main() {
    let log = shared::Log::from_env();
    let usage = "expected a loopback address (127.0.0.1:PORT), N and maybe DEADLINE_S: downloads 127.0.0.1:PORT N [DEADLINE_S]";
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let server = args.first().and_then(|a| a.to_str()?.parse::<SocketAddr>().ok());
    let Some(server) = server.filter(|s| s.ip().is_loopback() && (2..=3).contains(&args.len()))
    else {
        shared::usage_error(usage);
    };
    let n = shared::count_arg_at(2, "N", 10_000).unwrap_or_else(|| shared::usage_error(usage));
    let deadline = Duration::from_secs(shared::count_arg_at(3, "DEADLINE_S", 3600).unwrap_or(10));

    // One download alone first: N of them one after another would take about N times as long.
    let alone = download(server, deadline).unwrap_or_else(|e| {
        shared::error(format_args!("cannot download from {server}: {}", why(&e, n)));
        std::process::exit(1);
    });
    let clock = Stopwatch::start();
    let mut threads = Vec::new();
    // Failures by kind (OS error number and `ErrorKind`), each with the first one's words.
    let (mut done, mut failed) = (0, BTreeMap::new());
    for i in 0..n {
        let thread = thread::Builder::new().name(format!("file-{i}"));
        match thread.spawn(move || download(server, deadline)) {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                // The OS refused a thread: the downloads already started still finish.
                let why = format!("never started: the OS refused thread file-{i} ({e}); lower N");
                failed.insert((e.raw_os_error(), e.kind()), (n - i, why));
                break;
            }
        }
    }
    for thread in threads {
        match thread.join().expect("a download does not panic") {
            Ok(_) => done += 1,
            Err(e) => failed.entry((e.raw_os_error(), e.kind())).or_insert((0, why(&e, n))).0 += 1,
        }
    }
    let wall = clock.secs();

    // The failures are counted before a word is said about the files that arrived.
    let bytes = done * SIZE;
    let checked = if failed.is_empty() {
        "every length and checksum right"
    } else {
        "each length and checksum right"
    };
    log.line(format_args!("downloaded {done} of {n} files, {bytes} bytes, {checked}"));
    let one_by_one = alone * n as f64;
    log.line(format_args!(
        "wall: {wall:.2} s; one download alone took {alone:.2} s, so one after another: about {one_by_one:.1} s"
    ));
    if !failed.is_empty() {
        let kinds: Vec<String> =
            failed.values().map(|(count, why)| format!("{count} {why}")).collect();
        shared::error(format_args!(
            "{} of {n} downloads failed: {}",
            n as usize - done,
            kinds.join("; ")
        ));
        std::process::exit(1);
    }
}
