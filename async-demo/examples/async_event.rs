//! Python's `asyncio.Future` and `asyncio.Event` in tokio: a `oneshot` channel and a
//! `watch::channel(false)`, and what a `Notify` keeps.
//!
//! A `oneshot` carries one value, sent once and awaited once, as a future's `set_result` and `await
//! future`. A `watch` channel holds a value every receiver can wait on: `wait_for` returns at once
//! when the value already holds, so it is an `Event` whose waiters all wake on `set`, and a waiter
//! that comes later sees it set. A `Notify` holds no flag, only a permit: `notify_one` with nobody
//! waiting stores one (two such calls store one still), and `notify_waiters` wakes only the
//! `notified()` futures made before it. Python's `Condition.notify` with nobody waiting is lost
//! ([`async_event.py`](async_event.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example async_event`. It prints:
//!
//! ```text
//! future: the task set 42
//! event: waiters [1, 2, 3] woke when main set it
//! event: a waiter that came after it was set returned at once
//! notify: two notify_one() with nobody waiting kept one permit: the first notified() returned, the second waited
//! ```
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::FutureExt;
use shared::Log;
use tokio::sync::{Notify, oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::{sleep, timeout};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    let log = Log::from_env();

    let (result, future) = oneshot::channel();
    tokio::spawn(async move {
        sleep(Duration::from_millis(100)).await;
        let _ = result.send(42); // Err only if nobody awaits the value any more
    });
    let value = future.await.expect("the task sends a value");
    log.line(format_args!("future: the task set {value}"));

    let (set, event) = watch::channel(false);
    let mut waiters = JoinSet::new();
    for waiter in 1..=3 {
        let mut event = event.clone();
        waiters.spawn(async move { event.wait_for(|set| *set).await.map(|_| waiter) });
    }
    set.send_replace(true);
    let mut woke: Vec<u32> = waiters.join_all().await.into_iter().flatten().collect();
    woke.sort_unstable();
    log.line(format_args!("event: waiters {woke:?} woke when main set it"));
    let mut late = event.clone();
    // `now_or_never` polls it once: it is ready at the first poll, with no wait.
    if late.wait_for(|set| *set).now_or_never().is_some() {
        log.line("event: a waiter that came after it was set returned at once");
    }

    let notify = Notify::new();
    notify.notify_one();
    notify.notify_one();
    let first = timeout(Duration::from_millis(100), notify.notified()).await.is_ok();
    let second = timeout(Duration::from_millis(100), notify.notified()).await.is_ok();
    if first && !second {
        log.line(
            "notify: two notify_one() with nobody waiting kept one permit: \
             the first notified() returned, the second waited",
        );
    }
}
