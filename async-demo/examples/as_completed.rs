//! Python's `asyncio.as_completed` in Rust: `tokio::task::JoinSet::join_next` over spawned
//! tasks, and `futures::stream::FuturesUnordered` over futures.
//!
//! Three downloads are started in the order A, B, C; A takes 0.6 s, B 0.2 s, C 0.4 s. Taken as
//! they complete, their results come in the order B, C, A, each as soon as it is ready, and the
//! whole takes 0.6 s, the longest one, not 1.2 s. `asyncio.gather` (`join_all`) would hand them
//! back in the order given, and only once the last is done.
//!
//! `asyncio.as_completed` wraps each coroutine in a Task, which runs whatever its caller does;
//! `JoinSet` spawns each as a task of its own too, and `join_next` hands back results as tasks
//! finish: it is the faithful port. `FuturesUnordered` runs the futures inside the one task that
//! polls it (no `Send` needed, no spawn): they make progress only while the stream is polled, so
//! an `.await` in the loop body stalls all the others ([`as_completed.py`](as_completed.py) shows
//! Python's side).
//!
//! Run it with `cargo run -p async-demo --example as_completed`. It prints:
//!
//! ```text
//! FuturesUnordered: B after 0.20 s
//! FuturesUnordered: C after 0.40 s
//! FuturesUnordered: A after 0.60 s
//! JoinSet: B after 0.20 s
//! JoinSet: C after 0.40 s
//! JoinSet: A after 0.60 s
//! ```
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use shared::{Log, Stopwatch};
use tokio::task::JoinSet;

/// The downloads, in the order they are started, with the milliseconds each takes.
const DOWNLOADS: [(&str, u64); 3] = [("A", 600), ("B", 200), ("C", 400)];

async fn download(name: &'static str, millis: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    name
}

async fn async_main(log: Log) {
    // Over futures, polled by this task: they make progress only while `next().await` runs.
    let clock = Stopwatch::start();
    let mut downloads: FuturesUnordered<_> =
        DOWNLOADS.iter().map(|&(name, millis)| download(name, millis)).collect();
    while let Some(name) = downloads.next().await {
        log.line(format_args!("FuturesUnordered: {name} after {:.2} s", clock.secs()));
    }

    // `for next in asyncio.as_completed([download("A", 0.6), ...]): name = await next`, with a
    // task each, as `as_completed` makes one of each coroutine.
    let clock = Stopwatch::start();
    let mut tasks = JoinSet::new();
    for (name, millis) in DOWNLOADS {
        tasks.spawn(download(name, millis));
    }
    while let Some(joined) = tasks.join_next().await {
        let name = joined.expect("a download neither panics nor is cancelled");
        log.line(format_args!("JoinSet: {name} after {:.2} s", clock.secs()));
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    async_main(Log::from_env()).await;
}
