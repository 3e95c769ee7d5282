//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures the threads' part: N threads each sleep 1 s at once, and whatever the run takes
//! beyond 1 s is the cost of starting, scheduling and joining them.
//!
//! Run it with `cargo run --release -p threads-demo --example many_threads N` (N from 1 to
//! 100000). It prints one line, in the format many_processes and many_tasks print too; in a
//! release build on a 2-core machine:
//!
//! ```text
//! model=threads n=1000 wall_s=1.059 overhead_s=0.059 overhead_us_per_unit=59.2 peak_rss_kib=11752 rss_kib_per_unit=11.75
//! ```
//!
//! `peak_rss_kib` is the process's peak resident memory (`VmHWM`), its own 2 MiB or so before any
//! thread included; each thread's stack also reserves address space (threads-demo/README.md, "A
//! thread's memory").
//!
//! `scripts/compare.sh` runs each for N from 1 to a largest N of its own and tabulates them. This example
//! exists to reach the OS's limits: when the OS refuses a thread, the run says how many started
//! and why, joins those, and exits with 1. Under an address-space limit std or glibc may abort instead
//! (threads-demo/README.md, "When things go wrong").
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::thread;
use std::time::Duration;

fn main() -> ExitCode {
    let log = shared::Log::from_env();
    let n = shared::required_count_arg("N", 100_000);
    let clock = shared::Stopwatch::start();
    let mut threads = Vec::new();
    let mut refused = false;
    for i in 0..n {
        let sleeper = thread::Builder::new().name(format!("sleeper-{i}"));
        match sleeper.spawn(|| thread::sleep(Duration::from_secs(1))) {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                shared::error(format_args!("cannot start thread sleeper-{i} ({i} started): {e}"));
                refused = true;
                break;
            }
        }
    }
    // Join every thread that started, even after a refusal, so that none is cut off.
    for thread in threads {
        thread.join().expect("a sleeping thread cannot panic");
    }
    if refused {
        return ExitCode::FAILURE;
    }
    let wall = clock.secs();
    let summary = shared::scale_summary("threads", n, wall, shared::peak_rss_kib());
    log.line(summary);
    ExitCode::SUCCESS
}
