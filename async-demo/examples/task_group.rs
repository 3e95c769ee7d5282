//! Python's `asyncio.TaskGroup` and `create_task` in Rust: `tokio::task::JoinSet` and its `spawn`.
//!
//! Five tasks start together. T-1 and T-2 finish, and their results are taken as they come, as
//! `join_next` hands them out. T-3 fails and T-4 panics, both at 0.3 s; then, as `TaskGroup` does
//! when a task raises, the tasks still running (T-5, which would take a second) are cancelled, and
//! the group fails with every failure of its tasks, as the `ExceptionGroup` that `TaskGroup`
//! raises holds every exception: one line on stderr and exit status 1. A cancelled task is
//! dropped, and its `Drop` clean-up runs where a `finally` would; it cannot `.await`, and the task
//! can neither catch its cancellation nor refuse it, as one that catches `CancelledError` can. A
//! `JoinSet` does not cancel on its own: the code that sees a failure calls `abort_all` (dropping
//! the set also aborts every task in it). [`task_group.py`](task_group.py) shows Python's side.
//!
//! Run it with `cargo run -p async-demo --example task_group`. It prints, in about 0.3 s:
//!
//! ```text
//! T-1 finished: 1
//! T-2 finished: 4
//! T-5 was cancelled: its clean-up ran
//! ```
//!
//! and on stderr, after the message of T-4's panic, before it exits with status 1:
//! `task_group: the group failed: no data for T-3; panicked: bad data for T-4; 1 task cancelled`.
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use shared::Log;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep_until};

/// Held by a task while it works; dropped with the task, finished or not, where a `finally` runs.
struct Cleanup {
    log: Log,
    name: &'static str,
    finished: bool,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if !self.finished {
            let name = self.name;
            self.log.line(format_args!("{name} was cancelled: its clean-up ran"));
        }
    }
}

/// Waits until `tenths` of a second after `start`, then returns `tenths` squared, or fails.
async fn fetch(log: Log, name: &'static str, start: Instant, tenths: u64) -> Result<u64, String> {
    let mut cleanup = Cleanup { log, name, finished: false };
    // Cancelling a task drops it at the `.await` where it waits: here.
    sleep_until(start + Duration::from_millis(100 * tenths)).await;
    cleanup.finished = true;
    match name {
        "T-3" => Err(format!("no data for {name}")),
        "T-4" => panic!("bad data for {name}"),
        _ => {
            log.line(format_args!("{name} finished: {}", tenths * tenths));
            Ok(tenths * tenths)
        }
    }
}

async fn async_main(log: Log) -> Result<(), String> {
    // T-3 and T-4 wait until the same instant, so that both fail before the others are cancelled.
    let start = Instant::now();
    let mut group = JoinSet::new();
    for (name, tenths) in [("T-1", 1), ("T-2", 2), ("T-3", 3), ("T-4", 3), ("T-5", 10)] {
        // `tg.create_task(fetch(name))`. On this current-thread runtime the task first runs once
        // this one's poll returns; on a multi-thread runtime it may start at once, on another
        // thread (https://docs.rs/tokio/1/tokio/task/fn.spawn.html).
        group.spawn(fetch(log, name, start, tenths));
    }
    let (mut failures, mut cancelled) = (Vec::new(), 0);
    // Results as tasks finish, not in the order they were started.
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => failures.push(error),
            Err(e) if e.is_cancelled() => cancelled += 1,
            Err(e) => {
                let panic = e.into_panic();
                let message = panic.downcast_ref::<String>().map_or("?", String::as_str);
                failures.push(format!("panicked: {message}"));
            }
        }
        // What `TaskGroup` does for us in Python: on a failure, cancel the rest, and wait until
        // they end, keeping every failure (a task may fail before its cancellation reaches it).
        if !failures.is_empty() {
            group.abort_all();
        }
    }
    if failures.is_empty() {
        return Ok(());
    }
    failures.sort(); // the order in which tasks that finish together are joined is not promised
    let tasks = if cancelled == 1 { "task" } else { "tasks" };
    Err(format!("the group failed: {}; {cancelled} {tasks} cancelled", failures.join("; ")))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    shared::no_args();
    // Python ends with status 1 when the `ExceptionGroup` goes uncaught.
    match async_main(Log::from_env()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            shared::error(failure);
            ExitCode::FAILURE
        }
    }
}
