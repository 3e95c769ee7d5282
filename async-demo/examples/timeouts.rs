//! Python's `asyncio.wait_for`, `asyncio.wait(..., return_when=FIRST_COMPLETED)` and
//! `task.cancel()` in Rust: `tokio::time::timeout`, `tokio::select!` and `JoinHandle::abort`.
//!
//! 1. `wait_for(slow(), 0.5)`: `timeout` gives up on a 2 s job after 0.5 s; a 0.1 s job is on time.
//! 2. `select!` takes the first of two futures to finish and drops the other at once.
//! 3. `task.cancel()`: `abort` cancels a spawned task, which is dropped at the `.await` where it
//!    waits, and awaiting the handle then says it was cancelled.
//! 4. The same over tasks, which are what `asyncio.wait` takes. A `JoinHandle` that loses
//!    `select!` leaves its task running, as `wait` leaves the slower task: dropping a handle
//!    detaches its task, it does not cancel it. So `timeout` over a handle does not cancel the
//!    task, where `wait_for(task, 0.1)` does: abort it (or keep the tasks in a `JoinSet`, which
//!    aborts them all when it is dropped).
//!
//! Each future or task that is dropped runs its `Drop` clean-up where a `finally` would
//! ([`timeouts.py`](timeouts.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example timeouts`. It prints, in about 1.4 s:
//!
//! ```text
//! timeout: the 0.1 s job finished: 1
//! the 2 s job under timeout was dropped: its clean-up ran
//! timeout: the 2 s job gave up after 0.50 s
//! the 2 s job in select! was dropped: its clean-up ran
//! select!: the 0.1 s job finished first: 1
//! the aborted task was dropped: its clean-up ran
//! abort: the task was cancelled after 0.20 s
//! select! over tasks: the 0.1 s task finished first
//! the 0.5 s task under timeout was dropped: its clean-up ran
//! timeout over a task: gave up after 0.1 s, then aborted it
//! the 0.5 s task that lost select! ran to its end after 0.50 s: 1
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

    // 2. The first of two futures to finish (`asyncio.wait` takes tasks: see 4).
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

    // 4. `asyncio.wait({fast, slow}, return_when=FIRST_COMPLETED)`, over tasks as `wait` takes.
    let clock = Stopwatch::start();
    let mut fast = tokio::spawn(job(log, "the 0.1 s task", 100));
    let mut slow = tokio::spawn(job(log, "the 0.5 s task", 500));
    tokio::select! {
        _ = &mut fast => log.line("select! over tasks: the 0.1 s task finished first"),
        _ = &mut slow => log.line("select! over tasks: the 0.5 s task finished first"),
    }
    // `await asyncio.wait_for(task, 0.1)` cancels the task; over a handle, abort it yourself.
    let mut task = tokio::spawn(job(log, "the 0.5 s task under timeout", 500));
    if timeout(Duration::from_millis(100), &mut task).await.is_err() {
        task.abort();
        let _cancelled = task.await;
        log.line("timeout over a task: gave up after 0.1 s, then aborted it");
    }
    // The loser of `select!` was not cancelled: its task ran on (dropping `slow` would not have
    // stopped it either), and its handle holds its result.
    let done = slow.await.expect("the 0.5 s task finishes");
    let secs = clock.secs();
    log.line(format_args!(
        "the 0.5 s task that lost select! ran to its end after {secs:.2} s: {done}"
    ));
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    async_main(Log::from_env()).await;
}
