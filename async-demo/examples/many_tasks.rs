//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures asyncio's tasks: N tokio tasks, each spawned with `tokio::spawn` to wait 1 s,
//! on one thread (the current-thread runtime), as N `asyncio.create_task` calls would. Whatever
//! the run takes beyond 1 s is the cost of spawning, polling and finishing them.
//!
//! Run it with `cargo run --release -p async-demo --example many_tasks N` (N from 1 to
//! 10000000). It prints one line, in the format many_futures, many_threads and many_processes
//! print too (`model=tasks n=1000000 wall_s=... peak_rss_kib=...`); the measurements page
//! (`scripts/README.md`) has the figures.
//!
//! Each task is an allocation of tokio's own, its task cell (its state, its scheduler, a slot for
//! its output, the links of the runtime's task list), queued and polled by the runtime itself.
//! `many_futures` joins the same sleeps in one task: above 30 futures `join_all` puts each in a
//! node of a `FuturesUnordered`, also an allocation, polled by that one task when its sleep wakes.
#![forbid(unsafe_code)]

use std::time::Duration;

use shared::Stopwatch;

fn main() {
    let log = shared::Log::from_env();
    let n = shared::required_count_arg("N", 10_000_000);
    let clock = Stopwatch::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime");
    runtime.block_on(async {
        // Each sleep's deadline is fixed here, when it is made: the time it takes to spawn the
        // last task adds to the 1 s, it does not hide inside it.
        let tasks: Vec<_> =
            (0..n).map(|_| tokio::spawn(tokio::time::sleep(Duration::from_secs(1)))).collect();
        for task in tasks {
            task.await.expect("a sleep does not panic");
        }
    });
    let wall = clock.secs();
    log.line(shared::scale_summary("tasks", n, wall, shared::peak_rss_kib()));
}
