//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures the async part: N async sleeps of 1 s wait at once on one thread, joined as
//! `asyncio.gather` joins coroutines, and whatever the run takes beyond 1 s is the cost of
//! creating, polling and finishing them.
//!
//! Run it with `cargo run --release -p async-demo --example many_tasks N` (N from 1 to
//! 10000000). It prints one line, in the format many_threads and many_processes print too; in a
//! release build on a 2-core machine:
//!
//! ```text
//! model=tasks n=1000000 wall_s=1.191 overhead_s=0.191 overhead_us_per_unit=0.2 peak_rss_kib=173872 rss_kib_per_unit=0.17
//! ```
//!
//! Where the limit is: making and polling a sleep costs about 0.45 µs of CPU, the same at every
//! N, and about 170 bytes. Up to about two million sleeps that work hides inside the 1 s wait
//! (the first sleeps are waiting while the last are made), so the overhead looks small; at ten
//! million it takes 4 to 6 s of CPU, longer than the wait, and the wall time is that. Measured on
//! a 2-core VM (release, `/usr/bin/time -f "%e s %U user %S sys %R faults"`): 1,000,000 took
//! 1.25 s (0.40 s user, 0.07 s sys, 43,000 page faults); 10,000,000 took 4.3 to 7.8 s (3.7 s
//! user, 0.6 to 2.4 s sys, 430,000 page faults) and 1.64 GiB. The user time and the faults grow
//! tenfold; the system time grows more, and varies from run to run, because the first touch of
//! fresh memory costs more per page once a process passes a gigabyte or so on that VM.
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
        let tasks = (0..n).map(|_| tokio::time::sleep(Duration::from_secs(1)));
        // `unconstrained` because of tokio's cooperative budget: a task may make progress on
        // about 128 timers per turn, after which each further timer answers "not yet" and
        // asks to be polled again. `join_all` of many futures then re-polls every waiting
        // sleep each turn, and the run grows with N squared. Measured on a 2-core machine
        // (release): plain `join_all` took 3.2 s for 100,000 sleeps, 20.6 s for 300,000 and
        // 220 s for 1,000,000; unconstrained, 1.02 s and 1.18 s (174 MiB) for 100,000 and
        // 1,000,000. One `tokio::spawn` per sleep is linear too (1.4 s for 1,000,000) but
        // costs a task each: 450 MiB. A single task that only waits on timers starves no one.
        tokio::task::unconstrained(join_all(tasks)).await;
    });
    let wall = clock.secs();
    log.line(shared::scale_summary("tasks", n, wall, shared::peak_rss_kib()));
}
