//! The article's threading scenario, for real: "Downloading multiple files from the web
//! simultaneously. While one file is downloading, another can start." N threads each download one
//! 16 KiB file from the `api_server` example, with std's blocking `TcpStream` (no async), and
//! check every file's length and checksum.
//!
//! Start the server first (`cargo run --release -p async-demo --example api_server`), then, with
//! the address it prints:
//!
//! ```sh
//! cargo run --release -p threads-demo --example downloads -- 127.0.0.1:PORT N
//! ```
//!
//! N is from 1 to 10000. Each download waits for the server's 100 ms of latency; the threads wait
//! together, so 100 files take about 0.1 s, not 10 s. On a 2-core machine (release builds) it
//! printed:
//!
//! ```text
//! downloaded 100 of 100 files, 1638400 bytes, every length and checksum right
//! wall: 0.11 s; one download alone took 0.10 s, so one after another: about 10.2 s
//! ```
#![forbid(unsafe_code)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;

use shared::Stopwatch;

const SIZE: usize = 16 * 1024;

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

/// One download: connect, ask for `SIZE` bytes, read the whole answer, check it. Returns the
/// seconds it took. The thread blocks in `connect` and `read`; the OS runs the others meanwhile.
fn download(server: SocketAddr) -> io::Result<f64> {
    let clock = Stopwatch::start();
    let mut socket = TcpStream::connect(server)?;
    write!(socket, "GET /{SIZE} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    socket.read_to_end(&mut response)?;
    check(&response, SIZE).map_err(io::Error::other)?;
    Ok(clock.secs())
}

fn main() {
    let log = shared::Log::from_env();
    let usage = "expected the server's address on this machine and N: downloads 127.0.0.1:PORT N";
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let server = args.first().and_then(|a| a.to_str()?.parse::<SocketAddr>().ok());
    let Some(server) = server.filter(|s| s.ip().is_loopback() && args.len() == 2) else {
        shared::usage_error(usage);
    };
    let n = shared::count_arg_at(2, "N", 10_000).unwrap_or_else(|| shared::usage_error(usage));

    // One download alone first: N of them one after another would take about N times as long.
    let alone = download(server).unwrap_or_else(|e| {
        shared::error(format_args!("cannot download from {server}: {e}"));
        std::process::exit(1);
    });
    let clock = Stopwatch::start();
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let thread = thread::Builder::new().name(format!("file-{i}"));
            let thread = thread.spawn(move || download(server));
            thread.unwrap_or_else(|e| panic!("cannot start thread file-{i}: {e}"))
        })
        .collect();
    let results: Vec<io::Result<f64>> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let wall = clock.secs();

    let done = results.iter().filter(|r| r.is_ok()).count();
    let bytes = done * SIZE;
    log.line(format_args!(
        "downloaded {done} of {n} files, {bytes} bytes, every length and checksum right"
    ));
    let one_by_one = alone * n as f64;
    log.line(format_args!(
        "wall: {wall:.2} s; one download alone took {alone:.2} s, so one after another: about {one_by_one:.1} s"
    ));
    let failed: Vec<&io::Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    if let Some(first) = failed.first() {
        shared::error(format_args!("{} downloads failed, the first with: {first}", failed.len()));
        std::process::exit(1);
    }
}
