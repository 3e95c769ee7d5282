//! Python's `asyncio.wait_for`, `asyncio.wait(..., return_when=FIRST_COMPLETED)` and
//! `task.cancel()` in Rust: `tokio::time::timeout`, `tokio::select!` and `JoinHandle::abort`.
//!
//! 1. `wait_for(slow(), 0.5)`: `timeout` gives up on a 2 s job after 0.5 s; a 0.1 s job is on time.
//! 2. `wait({fast, slow}, return_when=FIRST_COMPLETED)`: `select!` takes the first to finish. The
//!    difference from Python: `wait` leaves the slower task running, `select!` drops it at once.
//! 3. `task.cancel()`: `abort` cancels a spawned task, which is dropped at the `.await` where it
//!    waits, and awaiting the handle then says it was cancelled.
//!
//! In every case the future that lost is dropped, and its `Drop` clean-up runs where a `finally`
//! would. The difference from Python: `Drop` is a plain, synchronous `fn`, so that clean-up cannot
//! `.await` anything, and the future can neither catch its cancellation nor refuse it, all of which
//! a coroutine that catches `CancelledError` can do
//! (<https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel>).
//!
//! Run it with `cargo run -p async-demo --example timeouts`. It prints, in 0.90 s by
//! `/usr/bin/time` (its waits add up to 0.1 + 0.5 + 0.1 + 0.2 s):
//!
//! ```text
//! timeout: the 0.1 s job finished: 1
//! the 2 s job under timeout was dropped: its clean-up ran
//! timeout: the 2 s job gave up after 0.50 s
//! the 2 s job in select! was dropped: its clean-up ran
//! select!: the 0.1 s job finished first: 1
//! the aborted task was dropped: its clean-up ran
//! abort: the task was cancelled after 0.20 s
//! ```
#![forbid(unsafe_code)]

use std::time::Duration;

use shared::{Log, Stopwatch};
use tokio::time::{sleep, timeout};

/// Held by a job while it works; dropped with the job, finished or not, where a `finally` runs.
struct Cleanup {
    log: Log,
    name: &'static str,
    finished: bool,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if !self.finished {
            let name = self.name;
            self.log.line(format_args!("{name} was dropped: its clean-up ran"));
        }
    }
}

/// A job that takes `millis` and returns 1.
async fn job(log: Log, name: &'static str, millis: u64) -> u64 {
    let mut cleanup = Cleanup { log, name, finished: false };
    sleep(Duration::from_millis(millis)).await;
    cleanup.finished = true;
    1
}

async fn async_main(log: Log) {
    // 1. `await asyncio.wait_for(job(), timeout=0.5)`
    let fast = timeout(Duration::from_millis(500), job(log, "the 0.1 s job", 100)).await;
    log.line(format_args!("timeout: the 0.1 s job finished: {}", fast.expect("on time")));
    let clock = Stopwatch::start();
    let slow = job(log, "the 2 s job under timeout", 2000);
    match timeout(Duration::from_millis(500), slow).await {
        Ok(done) => log.line(format_args!("timeout: the 2 s job finished: {done}")),
        Err(_elapsed) => {
            log.line(format_args!("timeout: the 2 s job gave up after {:.2} s", clock.secs()))
        }
    }

    // 2. `asyncio.wait({fast, slow}, return_when=FIRST_COMPLETED)`
    tokio::select! {
        done = job(log, "the 0.1 s job", 100) => {
            log.line(format_args!("select!: the 0.1 s job finished first: {done}"));
        }
        done = job(log, "the 2 s job in select!", 2000) => {
            log.line(format_args!("select!: the 2 s job finished first: {done}"));
        }
    }

    // 3. `task = asyncio.create_task(job()); ...; task.cancel()`
    let clock = Stopwatch::start();
    let task = tokio::spawn(job(log, "the aborted task", 2000));
    sleep(Duration::from_millis(200)).await;
    task.abort();
    let cancelled = task.await.expect_err("an aborted task does not finish").is_cancelled();
    if cancelled {
        log.line(format_args!("abort: the task was cancelled after {:.2} s", clock.secs()));
    }
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(async_main(log));
}
