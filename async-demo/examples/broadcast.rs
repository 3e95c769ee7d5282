//! One producer and many consumers, each getting every message: `tokio::sync::broadcast`.
//! Python has no such queue; the usual way is a queue per consumer.
//!
//! The channel keeps the last 2 messages. The fast receiver reads each message as it is sent;
//! the slow one reads only after all 4 are sent, and has fallen behind: its first `recv` returns
//! `Err(Lagged(2))`, the count of the oldest messages dropped for it, then the 2 kept. The
//! sender never waits for a slow receiver: it drops for that receiver, where a bounded Python
//! queue per consumer makes the producer wait or raises `QueueFull`
//! ([`broadcast.py`](broadcast.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example broadcast`. It prints:
//!
//! ```text
//! fast: [1, 2, 3, 4]
//! slow: lagged, 2 messages dropped, then [3, 4]
//! ```
#![forbid(unsafe_code)]

use shared::Log;
use tokio::sync::broadcast::{self, error::RecvError};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    let log = Log::from_env();
    let (sender, mut fast) = broadcast::channel(2);
    let mut slow = sender.subscribe();

    let mut fast_got = Vec::new();
    for n in 1..=4 {
        sender.send(n).expect("a receiver is subscribed");
        fast_got.push(fast.recv().await.expect("the fast receiver keeps up"));
    }
    drop(sender);
    log.line(format_args!("fast: {fast_got:?}"));

    let (mut dropped, mut slow_got) = (0, Vec::new());
    loop {
        match slow.recv().await {
            Ok(n) => slow_got.push(n),
            Err(RecvError::Lagged(count)) => dropped += count,
            Err(RecvError::Closed) => break,
        }
    }
    log.line(format_args!("slow: lagged, {dropped} messages dropped, then {slow_got:?}"));
}
