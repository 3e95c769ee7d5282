//! Python's `asyncio.TaskGroup` and `create_task` in Rust: `tokio::task::JoinSet` and its `spawn`.
//!
//! Four tasks start together. T-1 and T-2 finish, and their results are taken as they come, as
//! `join_next` hands them out; T-3 fails; then, as `TaskGroup` does when a task raises, the tasks
//! still running (T-4, which would take a second) are cancelled, and the error is reported. A
//! cancelled task's clean-up still runs: its values are dropped, as a `finally` block would run.
//! The difference from Python: a `JoinSet` does not cancel on its own; the code that sees the
//! error calls `abort_all`. (Dropping the set cancels every task in it, too.)
//!
//! Run it with `cargo run -p async-demo --example task_group`. It prints, in about 0.3 s:
//!
//! ```text
//! T-1 finished: 1
//! T-2 finished: 4
//! a task failed: no data for T-3
//! T-4 was cancelled: its clean-up ran
//! the group failed with "no data for T-3"; 1 task cancelled
//! ```
#![forbid(unsafe_code)]

use std::time::Duration;

use shared::Log;
use tokio::task::JoinSet;

/// Held by a task while it works; dropped with the task, finished or not, like a `finally`.
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

async fn async_main(log: Log) {
    let mut group = JoinSet::new();
    for (name, n) in [("T-1", 1), ("T-2", 2), ("T-3", 3), ("T-4", 10)] {
        // `tg.create_task(fetch(name, n))`: the task starts at the next `.await`.
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
            log.line(format_args!(
                "the group failed with {error:?}; {cancelled} {tasks} cancelled"
            ));
        }
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
