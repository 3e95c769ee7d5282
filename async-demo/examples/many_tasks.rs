//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures asyncio's tasks: N tokio tasks, each spawned with `tokio::spawn` to wait 1 s,
//! on one thread (the current-thread runtime), as N `asyncio.create_task` calls would. Whatever
//! the run takes beyond 1 s is the cost of spawning, polling and finishing them.
//!
//! Run it with `cargo run --release -p async-demo --example many_tasks N` (N from 1 to
//! 10000000). It prints one line, in the format many_threads and many_processes print too; in a
//! release build on a 2-core machine:
//!
//! ```text
//! model=tasks n=1000000 wall_s=1.849 overhead_s=0.849 overhead_us_per_unit=0.8 peak_rss_kib=455008 rss_kib_per_unit=0.46
//! ```
//!
//! A task costs 0.46 KiB and 0.8 µs here, against 0.17 KiB and 0.3 µs for a future joined in
//! one task (`many_futures 1000000`: 1.257 s, 173,880 KiB): each task wraps its sleep in a cell
//! of tokio's own (its state, its scheduler, a slot for its output, the links of the runtime's
//! task list; aligned to 128 bytes on x86-64) and is queued and polled by itself. Measured on a
//! 2-core VM (release, `/usr/bin/time -f "%e s %U user %S sys %M KiB"`): 100,000 took 1.09 s and
//! 47,620 KiB; 1,000,000 1.85 s (0.84 s user, 0.65 s sys); 10,000,000 18.95 s (6.04 s user,
//! 7.87 s sys) and 4,529,156 KiB, on a VM shared with other work.
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
