//! Python's `asyncio.TaskGroup` and `create_task` in Rust: `tokio::task::JoinSet` and its `spawn`.
//!
//! Four tasks start together. T-1 and T-2 finish, and their results are taken as they come, as
//! `join_next` hands them out; T-3 fails; then, as `TaskGroup` does when a task raises, the tasks
//! still running (T-4, which would take a second) are cancelled, and the group fails: an error on
//! stderr and exit status 1, where `TaskGroup` raises an `ExceptionGroup`. A cancelled task is
//! dropped, and its `Drop` clean-up runs where a `finally` would. The differences from Python:
//! `Drop` is a plain, synchronous `fn`, so that clean-up cannot `.await`, and a task can neither
//! catch its cancellation nor refuse it, as one that catches `CancelledError` can
//! (<https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel>). And a `JoinSet`
//! does not cancel on its own; the code that sees the error calls `abort_all`. (Dropping the set
//! cancels every task in it, too.)
//!
//! Run it with `cargo run -p async-demo --example task_group`. It prints, in about 0.3 s:
//!
//! ```text
//! T-1 finished: 1
//! T-2 finished: 4
//! a task failed: no data for T-3
//! T-4 was cancelled: its clean-up ran
//! ```
//!
//! and on stderr, before it exits with status 1:
//! `task_group: the group failed with "no data for T-3"; 1 task cancelled`.
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use shared::Log;
use tokio::task::JoinSet;

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

async fn fetch(log: Log, name: &'static str, n: u64) -> Result<u64, String> {
    let mut cleanup = Cleanup { log, name, finished: false };
    // Cancelling a task drops it at the `.await` where it waits: here.
    tokio::time::sleep(Duration::from_millis(100 * n)).await;
    cleanup.finished = true;
    if n == 3 {
        return Err(format!("no data for {name}"));
    }
    log.line(format_args!("{name} finished: {}", n * n));
    Ok(n * n)
}

async fn async_main(log: Log) -> Result<(), String> {
    let mut group = JoinSet::new();
    for (name, n) in [("T-1", 1), ("T-2", 2), ("T-3", 3), ("T-4", 10)] {
        // `tg.create_task(fetch(name, n))`. On this current-thread runtime the task first runs
        // when this one awaits something not ready; on a multi-thread runtime it may start at
        // once, on another thread (https://docs.rs/tokio/1/tokio/task/fn.spawn.html).
        group.spawn(fetch(log, name, n));
    }
    // Results as tasks finish, not in the order they were started.
    while let Some(joined) = group.join_next().await {
        if let Err(error) = joined.expect("no task panics or is cancelled yet") {
            log.line(format_args!("a task failed: {error}"));
            // What `TaskGroup` does for us in Python: cancel the rest, and wait until they end.
            group.abort_all();
            let mut cancelled = 0;
            while let Some(joined) = group.join_next().await {
                cancelled += usize::from(joined.is_err_and(|e| e.is_cancelled()));
            }
            let tasks = if cancelled == 1 { "task" } else { "tasks" };
            return Err(format!("the group failed with {error:?}; {cancelled} {tasks} cancelled"));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();
    let group = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(async_main(log));
    // Python ends with status 1 when the `ExceptionGroup` goes uncaught.
    match group {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            shared::error(failure);
            ExitCode::FAILURE
        }
    }
}
