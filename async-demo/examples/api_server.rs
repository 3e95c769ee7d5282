//! The article's "highly scalable web server": one thread, many connections, on tokio's
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
//! 1 to 3600), saying `no new connection for 60 s: stopped`. The `api_calls` example and
//! threads-demo's `downloads` are its clients.
#![forbid(unsafe_code)]

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

const MAX_BODY: usize = 16 << 20;

/// The body of `size` bytes the server sends, and its FNV-1a checksum, which clients recompute.
fn body(size: usize) -> (Vec<u8>, u64) {
    let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let checksum = bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (bytes, checksum)
}

/// Answers one connection: reads the request head, waits `delay`, sends the body.
async fn answer(mut socket: TcpStream, delay: Duration) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !head.ends_with(b"\r\n\r\n") {
        let read = socket.read(&mut buffer).await?;
        if read == 0 || head.len() > 8192 {
            return Ok(()); // the client went away, or this is no request we answer
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let size = std::str::from_utf8(&head)
        .ok()
        .and_then(|head| head.strip_prefix("GET /"))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|size| size.parse::<usize>().ok())
        .filter(|&size| size <= MAX_BODY);
    let Some(size) = size else {
        return socket
            .write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )
            .await;
    };
    // The latency of a remote API. The task waits; the thread serves the other connections.
    tokio::time::sleep(delay).await;
    let (bytes, checksum) = body(size);
    let header = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nX-Checksum: {checksum:016x}\r\nConnection: close\r\n\r\n"
    );
    socket.write_all(header.as_bytes()).await?;
    socket.write_all(&bytes).await
}

async fn serve(log: shared::Log, delay: Duration, idle: Duration) {
    let socket = TcpSocket::new_v4().expect("cannot make a socket");
    socket.bind(([127, 0, 0, 1], 0).into()).expect("cannot bind to 127.0.0.1");
    // The backlog: how many connections may wait to be accepted. `TcpListener::bind` asks for
    // 128; a thousand clients connecting at once overflow that, and each refused one retries
    // after a second. The OS caps it (`net.core.somaxconn`, 4096 on recent Linux).
    let listener = socket.listen(4096).expect("cannot listen on 127.0.0.1");
    let address = listener.local_addr().expect("a listening socket has an address");
    log.line(format_args!("listening on {address}, answering after {} ms", delay.as_millis()));
    // Each pass waits for a connection at most `idle`: a quiet spell ends the server.
    while let Ok(accepted) = tokio::time::timeout(idle, listener.accept()).await {
        match accepted {
            Ok((socket, _)) => {
                tokio::spawn(answer(socket, delay));
            }
            Err(e) => {
                // Out of file descriptors, say. The connection waits in the backlog and the
                // next `accept` fails the same way at once: pause until answers close sockets,
                // rather than spin and print this line a few hundred thousand times a second.
                shared::error(format_args!("cannot accept a connection: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    log.line(format_args!("no new connection for {} s: stopped", idle.as_secs()));
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
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(serve(log, Duration::from_millis(delay), Duration::from_secs(idle)));
}
