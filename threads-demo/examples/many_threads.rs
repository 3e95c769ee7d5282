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
//! `scripts/compare.sh` runs all three for N from 1 to 10000 and tabulates them. When the OS
//! refuses a thread, the run says how many started and why, joins those, and exits with 1.
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use shared::Stopwatch;
use threads_demo::run_threads;

fn main() -> ExitCode {
    let log = shared::Log::from_env();
    let n = shared::required_count_arg("N", 100_000);
    let clock = Stopwatch::start();
    let joined = run_threads(n as usize, "sleeper", |_| {
        std::thread::sleep(Duration::from_secs(1));
    });
    if let Err(e) = joined {
        shared::error(e);
        return ExitCode::FAILURE;
    }
    let wall = clock.secs();
    log.line(shared::scale_summary(
        "threads",
        n,
        wall,
        shared::peak_rss_kib(),
    ));
    ExitCode::SUCCESS
}
