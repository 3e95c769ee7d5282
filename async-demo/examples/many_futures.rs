//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures the cheapest async form: N sleeps of 1 s joined as futures inside one tokio task
//! (`join_all`), on one thread, rather than spawned as N tasks (`many_tasks`). Whatever the run
//! takes beyond 1 s is the cost of making, polling and finishing them.
//!
//! Run it with `cargo run --release -p async-demo --example many_futures N` (N from 1 to
//! 10000000). It prints one line, in the format many_tasks, many_threads and many_processes print
//! too; in a release build on a 2-core machine:
//!
//! ```text
//! model=futures n=1000000 wall_s=1.257 overhead_s=0.257 overhead_us_per_unit=0.3 peak_rss_kib=173880 rss_kib_per_unit=0.17
//! ```
//!
//! A future costs 0.17 KiB here, against 0.46 KiB for a spawned task (`many_tasks 1000000`:
//! 1.849 s, 455,008 KiB), which wraps the same sleep in a cell of tokio's own (its state, its
//! scheduler, a slot for its output, the links of the runtime's task list; aligned to 128 bytes
//! on x86-64). A sleep's deadline is fixed when it is made, so the time it takes to make the last
//! one adds to the 1 s; it does not hide inside it. Measured on a 2-core VM (release,
//! `/usr/bin/time -f "%e s %U user %S sys %M KiB"`): 100,000 took 1.04 s and 19,176 KiB;
//! 1,000,000 1.26 s (0.40 s user, 0.09 s sys); 10,000,000 10.58 s (4.22 s user, 3.80 s sys) and
//! 1,720,800 KiB, on a VM shared with other work.
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::future::join_all;
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
        let sleeps = (0..n).map(|_| tokio::time::sleep(Duration::from_secs(1)));
        // `unconstrained` because of tokio's cooperative budget: a task may make progress on
        // 128 timers per turn, after which each further timer answers "not yet" and asks to be
        // polled again (https://docs.rs/tokio/1/tokio/task/coop/). `join_all` of many futures
        // then re-polls waiting sleeps turn after turn, and the run grows faster than N: plain
        // `join_all` took 5.07 s for 100,000 sleeps and 70.45 s for 300,000 (same VM, release).
        // A single task that only waits on timers starves no one.
        tokio::task::unconstrained(join_all(sleeps)).await;
    });
    let wall = clock.secs();
    log.line(shared::scale_summary("futures", n, wall, shared::peak_rss_kib()));
}
