//! What a failing task leaves behind, and `asyncio.gather`'s two ways with failures.
//!
//! A task that panics does not take the runtime down: the runtime catches the panic, and the
//! task's `JoinHandle` gives a `JoinError` whose `is_panic()` is true and whose `into_panic()` is
//! the payload, as `await task` raises the task's exception in Python. std's panic hook prints the
//! message on stderr as it panics; for a task whose handle was dropped, that message is all that
//! is left, where asyncio logs "Task exception was never retrieved" once such a task is destroyed.
//!
//! Errors that are values are `gather`'s part: `join_all` over futures that return `Result` hands
//! back every outcome, as `gather(..., return_exceptions=True)` does; `try_join_all` returns the
//! first `Err` and drops the other futures, where a plain `gather` raises the first exception and
//! leaves the other tasks running ([`task_panic.py`](task_panic.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example task_panic`. It prints the lines below and two
//! panic messages on stderr, and exits with status 1:
//!
//! ```text
//! the task panicked: the task got a bad input
//! C-1: Starting...
//! C-2: Starting...
//! C-3: Starting...
//! C-1: Finished.
//! C-3: Finished.
//! join_all: [Ok("C-1"), Err("C-2 got a bad input"), Ok("C-3")]
//! C-1: Starting...
//! C-2: Starting...
//! C-3: Starting...
//! try_join_all: Err("C-2 got a bad input") after 0.10 s
//! 0.50 s later, C-1 and C-3 have printed nothing more: they were dropped
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use futures::future::{join_all, try_join_all};
use shared::{Log, Stopwatch};
use tokio::time::sleep;

/// C-2 fails after 0.1 s; C-1 and C-3 succeed after 0.5 s.
async fn job(log: Log, name: &'static str) -> Result<&'static str, String> {
    log.line(format_args!("{name}: Starting..."));
    if name == "C-2" {
        sleep(Duration::from_millis(100)).await;
        return Err(format!("{name} got a bad input"));
    }
    sleep(Duration::from_millis(500)).await;
    log.line(format_args!("{name}: Finished."));
    Ok(name)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();

    let task = tokio::spawn(async { panic!("the task got a bad input") });
    match task.await {
        Ok(()) => log.line("the task returned"),
        Err(error) if error.is_panic() => {
            let payload = error.into_panic();
            let message = payload.downcast_ref::<&str>().copied().unwrap_or("(not a &str)");
            log.line(format_args!("the task panicked: {message}"));
        }
        Err(error) => log.line(format_args!("the task did not finish: {error}")),
    }
    // Its handle dropped at once: this task runs when `main` next waits, and panics unseen.
    drop(tokio::spawn(async { panic!("nobody awaits this task") }));

    let outcomes = join_all(["C-1", "C-2", "C-3"].map(|name| job(log, name))).await;
    log.line(format_args!("join_all: {outcomes:?}"));

    let clock = Stopwatch::start();
    let first = try_join_all(["C-1", "C-2", "C-3"].map(|name| job(log, name))).await;
    log.line(format_args!("try_join_all: {first:?} after {:.2} s", clock.secs()));
    sleep(Duration::from_millis(500)).await;
    log.line("0.50 s later, C-1 and C-3 have printed nothing more: they were dropped");
    if first.is_err() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
