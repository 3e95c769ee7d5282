//! The article's "highly scalable web server": one thread serves every connection, on tokio's
//! current-thread runtime. It stands in for a remote API: it answers each request after a fixed
//! delay (the API's latency) with a body of the size the request asks for.
//!
//! Run it with `cargo run --release -p async-demo --example api_server [DELAY_MS [IDLE_S]]`
//! (the delay is 100 ms unless given, 1 to 10000). It listens on 127.0.0.1, on a port the OS
//! picks, and prints its address:
//!
//! ```text
//! listening on 127.0.0.1:40313, answering after 100 ms
//! ```
//!
//! Then `GET /SIZE` (plain HTTP/1.1, one request per connection) gets `SIZE` bytes (at most
//! 16 MiB) with their checksum in an `X-Checksum` header, and the connection closes. The server
//! stops at Ctrl-C, or by itself after `IDLE_S` seconds without a new connection (60 unless given,
//! 1 to 3600): it refuses new connections, finishes the answers in progress, then says
//! `no new connection for 60 s: stopped; A answered, D dropped as too slow`.
//! The `api_calls` example and threads-demo's `downloads` are its clients.
//!
//! What a server that no peer can stall needs, each a few lines below: a bound on connections at
//! once, a deadline for the request and one for the whole answer, a cap on what it reads, and no
//! long computation on the runtime's one thread.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::timeout;

const MAX_BODY: usize = 16 << 20;
const MAX_HEAD: usize = 8192;
/// Connections at once. Past it the server accepts no more until one ends: new ones wait in the
/// OS's backlog (see `listen` below), and past that the OS ignores their requests and the clients'
/// TCP retries later (listen(2): <https://man7.org/linux/man-pages/man2/listen.2.html>), so their
/// `connect` takes longer. Each connection is a file: the server's file limit (`ulimit -n`) must
/// be above this, or `accept` fails first (see the loop).
const MAX_CONNECTIONS: usize = 10_000;
/// A client has this long to send its request head, and the answer this long beyond the delay to
/// be sent: a peer that sends nothing, or reads nothing, is dropped and counted, not kept.
const HEAD_DEADLINE: Duration = Duration::from_secs(2);
const SEND_DEADLINE: Duration = Duration::from_secs(5);

// Counts of answers sent and of clients dropped as too slow. Each is a count and nothing else
// reads memory through it, so `Relaxed` suffices: the atomic add is never lost whatever the order.
static ANSWERED: AtomicU64 = AtomicU64::new(0);
static DROPPED: AtomicU64 = AtomicU64::new(0);

/// The FNV-1a checksum of `bytes`, which clients recompute.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The checksum of the body of `size` bytes, computed once per size (kept for 1,000 sizes at
/// most, so that no client can grow the table without end). Hashing 16 MiB takes tens of
/// milliseconds (a first 16 MiB answer took 30 ms longer than the next ones here): it runs on
/// tokio's blocking thread, never on the one thread that serves every connection (see
/// `blocking_pitfall`).
async fn checksum(body: Arc<[u8]>, size: usize) -> u64 {
    static KNOWN: Mutex<BTreeMap<usize, u64>> = Mutex::new(BTreeMap::new());
    if let Some(&sum) = KNOWN.lock().unwrap().get(&size) {
        return sum;
    }
    let sum = tokio::task::spawn_blocking(move || fnv1a(&body[..size]));
    let sum = sum.await.expect("the checksum does not panic");
    let mut known = KNOWN.lock().unwrap();
    if known.len() < 1000 {
        known.insert(size, sum);
    }
    sum
}

/// Reads a request head (up to the first `\r\n\r\n`, wherever a read puts it) and returns the
/// size it asks for: `Ok(None)` for a request we do not answer.
async fn read_request(socket: &mut TcpStream) -> io::Result<Option<usize>> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    let end = loop {
        let read = socket.read(&mut buffer).await?;
        if read == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into()); // the client went away
        }
        head.extend_from_slice(&buffer[..read]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
    };
    let size = std::str::from_utf8(&head[..end])
        .ok()
        .and_then(|head| head.strip_prefix("GET /"))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|size| size.parse::<usize>().ok());
    Ok(size.filter(|&size| size <= MAX_BODY))
}

/// Answers one connection: reads the request head, waits `delay`, sends the body.
async fn answer(mut socket: TcpStream, body: Arc<[u8]>, delay: Duration) {
    let size = match timeout(HEAD_DEADLINE, read_request(&mut socket)).await {
        Ok(Ok(size)) => size,
        Ok(Err(_)) => return, // the client went away
        Err(_) => {
            DROPPED.fetch_add(1, Ordering::Relaxed);
            return;
        }
    };
    let Some(size) = size else {
        let bad = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        let _ = timeout(SEND_DEADLINE, socket.write_all(bad)).await;
        return;
    };
    // The latency of a remote API. The task waits; the thread serves the other connections.
    tokio::time::sleep(delay).await;
    let sum = checksum(Arc::clone(&body), size).await;
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nX-Checksum: {sum:016x}\r\nConnection: close\r\n\r\n"
    );
    let send = async {
        socket.write_all(head.as_bytes()).await?;
        socket.write_all(&body[..size]).await
    };
    let count = match timeout(SEND_DEADLINE, send).await {
        Ok(Ok(())) => &ANSWERED,
        Ok(Err(_)) => return, // the client went away
        Err(_) => &DROPPED,
    };
    count.fetch_add(1, Ordering::Relaxed);
}

async fn serve(log: shared::Log, delay: Duration, idle: Duration) {
    let socket = TcpSocket::new_v4().expect("cannot make a socket");
    socket.bind(([127, 0, 0, 1], 0).into()).expect("cannot bind to 127.0.0.1");
    // The backlog: how many connections may wait to be accepted. `TcpListener::bind` asks for
    // 128 with the mio of our lock file, as std does (older mio asked for 1024); a thousand clients
    // connecting at once overflow that, and each refused one retries after a second. The OS caps
    // it (`net.core.somaxconn`, 4096 on recent Linux).
    let listener = socket.listen(4096).expect("cannot listen on 127.0.0.1");
    let address = listener.local_addr().expect("a listening socket has an address");
    log.line(format_args!("listening on {address}, answering after {} ms", delay.as_millis()));
    // Every body is the start of one pattern, made once and shared by every answer.
    let body: Arc<[u8]> = (0..MAX_BODY).map(|i| (i % 251) as u8).collect();
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // A permit before `accept`: at most MAX_CONNECTIONS at once, as tokio's `Semaphore` docs
        // show (<https://docs.rs/tokio/latest/tokio/sync/struct.Semaphore.html>).
        let permit = Arc::clone(&permits).acquire_owned().await.expect("never closed");
        // Each pass waits for a connection at most `idle`: a quiet spell ends the server.
        let Ok(accepted) = timeout(idle, listener.accept()).await else { break };
        match accepted {
            Ok((socket, _)) => {
                let body = Arc::clone(&body);
                tokio::spawn(async move {
                    answer(socket, body, delay).await;
                    drop(permit);
                });
            }
            Err(e) => {
                // Out of file descriptors, say. The connection waits in the backlog and the
                // next `accept` fails the same way at once: pause until answers close sockets,
                // rather than spin and print this line a few hundred thousand times a second.
                shared::error(format_args!(
                    "cannot accept a connection: {e}; raise the file limit (`ulimit -n`) above the clients' LIMIT"
                ));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    // Refuse new connections from here on, and finish the answers in progress: they are done
    // when every permit is back. Each has its own deadlines, so this wait is bounded; dropping
    // the runtime instead would cancel them mid-answer.
    drop(listener);
    let all = MAX_CONNECTIONS as u32;
    let _ = timeout(HEAD_DEADLINE + delay + SEND_DEADLINE, permits.acquire_many(all)).await;
    let (answered, dropped) = (ANSWERED.load(Ordering::Relaxed), DROPPED.load(Ordering::Relaxed));
    log.line(format_args!(
        "no new connection for {} s: stopped; {answered} answered, {dropped} dropped as too slow",
        idle.as_secs()
    ));
}

fn main() {
    let log = shared::Log::from_env();
    if std::env::args_os().len() > 3 {
        shared::usage_error("expected DELAY_MS and maybe IDLE_S: api_server [DELAY_MS [IDLE_S]]");
    }
    let delay = shared::count_arg_at(1, "DELAY_MS", 10_000).unwrap_or(100);
    let idle = shared::count_arg_at(2, "IDLE_S", 3600).unwrap_or(60);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        // One thread for the checksums (`spawn_blocking`), however many sizes are asked at once.
        .max_blocking_threads(1)
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(serve(log, Duration::from_millis(delay), Duration::from_secs(idle)));
}
