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
//! 16 MiB) with their checksum in an `X-Checksum` header, and the connection closes. At Ctrl-C,
//! or after `IDLE_S` seconds without a new connection (60 unless given, 1 to 3600), it says why,
//! refuses new connections (it accepts each and closes it at once), lets the answers in progress
//! finish (a Ctrl-C during the stop cuts them off), and says how every connection it accepted
//! ended (`stopped; A answered, D dropped as too slow, G gone before their answer, B bad
//! requests, R refused, C cut off`), with status 1 if it cut any off. The connections the OS
//! completes after its last `accept` are lost, uncounted, as it closes its listener.
//! The `api_calls` example and threads-demo's `downloads` are its clients.
//!
//! What a server needs so that no one slow, silent or greedy peer can stall it, each a few lines
//! below (a peer that holds as many connections as the bound delays the others until deadlines free
//! them): a bound on connections at once, a deadline for each phase of an answer, a cap on what it
//! reads and on what the OS holds for each peer, and a small cost per request whatever the others
//! ask (here at most 4 KiB of hashing, and no table that grows).
#![forbid(unsafe_code)]

use std::io::{self, IoSlice};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::FutureExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Semaphore;
use tokio::task::coop::unconstrained;
use tokio::time::timeout;

const MAX_BODY: usize = 16 << 20;
const MAX_HEAD: usize = 8192;
/// Connections at once. Past it the server accepts no more until one ends: new ones wait in the
/// OS's backlog (see `listen` below). Each connection is a file: the server's file limit
/// (`ulimit -n`) must be above this, or `accept` fails first (see the loop).
const MAX_CONNECTIONS: usize = 10_000;
/// A client has this long to send its request head, and the answer this long beyond the delay to
/// be sent: a peer that sends nothing, or reads nothing, is dropped and counted. (The kernel
/// still holds a dropped socket's unsent bytes, at most its capped buffer, for a while as an
/// orphan in FIN-WAIT-1; orphans do not count against `MAX_CONNECTIONS`, only against the
/// system's `tcp_max_orphans`: tcp(7).)
const HEAD_DEADLINE: Duration = Duration::from_secs(2);
/// How many completed connections the OS may keep waiting to be accepted (see `listen` below).
const BACKLOG: u32 = 4096;
const SEND_DEADLINE: Duration = Duration::from_secs(5);
/// The checksum of every prefix whose length is a multiple of this is computed at start: any
/// other size costs at most this many bytes of hashing.
const STEP: usize = 4096;

// How each connection ended: answered, dropped as too slow, gone (the client closed before its
// answer was sent), or a bad request. Each is a count and nothing else reads memory through it,
// so `Relaxed` suffices: the atomic add is never lost whatever the order.
static ANSWERED: AtomicU64 = AtomicU64::new(0);
static DROPPED: AtomicU64 = AtomicU64::new(0);
static GONE: AtomicU64 = AtomicU64::new(0);
static BAD: AtomicU64 = AtomicU64::new(0);

/// FNV-1a, which the clients check, continued from `hash` over `bytes`.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Every body is the start of one pattern, made once and shared by every answer, with the hash
/// state after each `STEP` bytes of it.
struct Pattern {
    bytes: Vec<u8>,
    checkpoints: Vec<u64>,
}

impl Pattern {
    fn new() -> Pattern {
        let bytes: Vec<u8> = (0..MAX_BODY).map(|i| (i % 251) as u8).collect();
        let mut checkpoints = vec![0xcbf2_9ce4_8422_2325];
        for chunk in bytes.chunks(STEP) {
            checkpoints.push(fnv1a(checkpoints[checkpoints.len() - 1], chunk));
        }
        Pattern { bytes, checkpoints }
    }

    /// The checksum of the first `size` bytes, from the checkpoint before them.
    fn checksum(&self, size: usize) -> u64 {
        let from = size / STEP * STEP;
        fnv1a(self.checkpoints[size / STEP], &self.bytes[from..size])
    }
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
        // Only the new bytes (and the 3 before them) are searched: a head sent a byte at a time
        // costs a read per byte, not a search of the whole head per byte.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buffer[..read]);
        if let Some(end) = head[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            break from + end;
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
async fn answer(mut socket: TcpStream, pattern: Arc<Pattern>, delay: Duration) {
    let size = match timeout(HEAD_DEADLINE, read_request(&mut socket)).await {
        Ok(Ok(size)) => size,
        Ok(Err(_)) => return count(&GONE),
        Err(_) => return count(&DROPPED),
    };
    let Some(size) = size else {
        let bad = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        let _ = timeout(SEND_DEADLINE, socket.write_all(bad)).await;
        return count(&BAD);
    };
    // The latency of a remote API. The task waits; the thread serves the other connections.
    tokio::time::sleep(delay).await;
    let sum = pattern.checksum(size);
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nX-Checksum: {sum:016x}\r\nConnection: close\r\n\r\n"
    );
    // To a client that has closed its socket, its OS answers the first bytes with a reset: a
    // later write fails, and the answer ends.
    let send = async {
        // Head and body in one `writev` (one send, not two, where the socket takes both), then
        // whatever it did not take.
        let (head, body) = (head.as_bytes(), &pattern.bytes[..size]);
        let sent = socket.write_vectored(&[IoSlice::new(head), IoSlice::new(body)]).await?;
        let sent_of_head = sent.min(head.len());
        socket.write_all(&head[sent_of_head..]).await?;
        socket.write_all(&body[sent - sent_of_head..]).await
    };
    match timeout(SEND_DEADLINE, send).await {
        Ok(Ok(())) => count(&ANSWERED),
        Ok(Err(_)) => count(&GONE),
        Err(_) => count(&DROPPED),
    }
}

fn count(what: &AtomicU64) {
    what.fetch_add(1, Ordering::Relaxed);
}

/// Serves until Ctrl-C or `idle` without a new connection; false if it cut answers off.
async fn serve(log: shared::Log, delay: Duration, idle: Duration) -> bool {
    // From here on SIGINT is a message to this loop, not the end of the process.
    let mut ctrl_c = signal(SignalKind::interrupt()).expect("cannot listen for Ctrl-C");
    let socket = TcpSocket::new_v4().expect("cannot make a socket");
    socket.bind(([127, 0, 0, 1], 0).into()).expect("cannot bind to 127.0.0.1");
    // What the OS may hold for a peer that does not read: left to it, each socket's buffer grows
    // to megabytes, and a thousand such peers slowed every answer by seconds. Set before
    // `listen`, it holds for each accepted socket (tcp(7)), doubled (socket(7)).
    socket.set_send_buffer_size(64 * 1024).expect("cannot set the send buffer");
    // The backlog: how many connections may wait to be accepted. `TcpListener::bind` asks for
    // 128 with the mio of our lock file, as std does; past the backlog Linux drops a new
    // connection's SYN (listen(2)), and the client sends it again a second later. The OS caps it
    // (`net.core.somaxconn`, 4096 on recent Linux).
    let listener = socket.listen(BACKLOG).expect("cannot listen on 127.0.0.1");
    let address = listener.local_addr().expect("a listening socket has an address");
    let pattern = Arc::new(Pattern::new());
    log.line(format_args!("listening on {address}, answering after {} ms", delay.as_millis()));
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let why = loop {
        // A permit before `accept`: at most MAX_CONNECTIONS at once, as tokio's `Semaphore` docs
        // show (<https://docs.rs/tokio/latest/tokio/sync/struct.Semaphore.html>).
        let next = async {
            let permit = Arc::clone(&permits).acquire_owned().await.expect("never closed");
            (permit, listener.accept().await)
        };
        tokio::select! {
            (permit, accepted) = next => match accepted {
                Ok((socket, _)) => {
                    let pattern = Arc::clone(&pattern);
                    tokio::spawn(async move {
                        answer(socket, pattern, delay).await;
                        drop(permit);
                    });
                }
                Err(e) => {
                    // Out of file descriptors, say. The connection waits in the backlog and the
                    // next `accept` fails the same way at once: pause until answers close
                    // sockets, rather than spin and print this line a few hundred thousand times
                    // a second.
                    shared::error(format_args!(
                        "cannot accept a connection: {e}; raise the file limit (`ulimit -n`) above the clients' LIMIT"
                    ));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            () = tokio::time::sleep(idle) => break format!("no new connection for {} s", idle.as_secs()),
            _ = ctrl_c.recv() => break "Ctrl-C".to_owned(),
        }
    };
    // The stop: refuse new connections, and let the answers in progress finish, within their
    // deadlines (they are done when every permit is back). A Ctrl-C meanwhile cuts them off.
    let in_progress = MAX_CONNECTIONS - permits.available_permits();
    log.line(format_args!(
        "{why}: refusing new connections, finishing the {in_progress} in progress"
    ));
    let mut refused = 0;
    loop {
        tokio::select! {
            _ = permits.acquire_many(MAX_CONNECTIONS as u32) => break,
            _ = ctrl_c.recv() => break,
            // A connection the OS completes meanwhile is accepted and closed at once, and counted:
            // dropping the listener would reset those waiting, uncounted.
            accepted = listener.accept() => match accepted {
                Ok(_) => refused += 1,
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await, // no file free
            },
        }
    }
    // Those waiting now (Linux queues one more than the backlog): under a flood more keep coming,
    // and the OS drops those it completes after the last `accept`, uncounted, with the listener.
    // `unconstrained`: tokio's budget would make `accept` pending after 128 of them.
    for _ in 0..=BACKLOG {
        match unconstrained(listener.accept()).now_or_never() {
            Some(Ok(_)) => refused += 1,
            _ => break,
        }
    }
    drop(listener);
    let cut = MAX_CONNECTIONS - permits.available_permits();
    let load = |count: &AtomicU64| count.load(Ordering::Relaxed);
    let (answered, dropped, gone, bad) = (load(&ANSWERED), load(&DROPPED), load(&GONE), load(&BAD));
    log.line(format_args!(
        "stopped; {answered} answered, {dropped} dropped as too slow, {gone} gone before their \
         answer, {bad} bad requests, {refused} refused, {cut} cut off"
    ));
    cut == 0
}

fn main() {
    let log = shared::Log::from_env();
    if std::env::args_os().len() > 3 {
        shared::usage_error("expected DELAY_MS and maybe IDLE_S: api_server [DELAY_MS [IDLE_S]]");
    }
    let delay = shared::count_arg_at(1, "DELAY_MS", 10_000).unwrap_or(100);
    let idle = shared::count_arg_at(2, "IDLE_S", 3600).unwrap_or(60);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    let runtime = runtime.expect("cannot start the tokio runtime");
    let stopped =
        runtime.block_on(serve(log, Duration::from_millis(delay), Duration::from_secs(idle)));
    std::process::exit(if stopped { 0 } else { 1 });
}
