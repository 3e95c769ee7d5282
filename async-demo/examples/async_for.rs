//! Python's `async for` over an async generator, in Rust: a `Stream`, read with
//! `StreamExt::next` in a `while let` loop.
//!
//! `stream::unfold` is the async generator: from a state, each step awaits and yields the next
//! item with the state after it, or `None` to end, as `yield` and `return` do in an `async def`.
//! A channel's receiver is a stream too (`poll_fn` over its `poll_recv`), which ends once every
//! sender is dropped and the queue is empty. A stream does nothing until it is polled, as an
//! async generator runs only when `async for` asks for the next item
//! ([`async_for.py`](async_for.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example async_for`. It prints:
//!
//! ```text
//! ticks: 1 after 0.10 s
//! ticks: 2 after 0.20 s
//! ticks: 3 after 0.30 s
//! jobs: job 1
//! jobs: job 2
//! jobs: job 3
//! jobs: the stream ended
//! ```
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use shared::{Log, Stopwatch};
use tokio::sync::mpsc;

/// `async def ticks(n): for i in range(1, n + 1): await asyncio.sleep(0.1); yield i`
fn ticks(n: u32) -> impl Stream<Item = u32> {
    stream::unfold(1, move |i| async move {
        if i > n {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        Some((i, i + 1))
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    let log = Log::from_env();
    let clock = Stopwatch::start();
    let mut ticks = std::pin::pin!(ticks(3));
    while let Some(tick) = ticks.next().await {
        log.line(format_args!("ticks: {tick} after {:.2} s", clock.secs()));
    }

    let (sender, mut receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        for n in 1..=3 {
            sender.send(format!("job {n}")).await.expect("main receives");
        }
    });
    let mut jobs = stream::poll_fn(move |cx| receiver.poll_recv(cx));
    while let Some(job) = jobs.next().await {
        log.line(format_args!("jobs: {job}"));
    }
    log.line("jobs: the stream ended");
}
