//! The article: "Due to Python's Global Interpreter Lock (GIL), true CPU-bound parallelism isn't
//! achieved with threads." Rust has no GIL: CPU-bound threads run on every core at once.
//!
//! The same count to ten million as process-demo's, N times over: first one count after another
//! on one thread, then one count on each of N threads at once. N is the number of cores, or the
//! argument THREADS (1 to 1024). The speedup is the first time over the second.
//!
//! Run it with `cargo run --release -p threads-demo --example cpu_parallel [THREADS]`. On a
//! 2-core machine (release build) it printed a speedup of 1.68 (by the article, Python's threads
//! would not get past 1). The timings are a few milliseconds, so the figure varies from run to run:
//!
//! ```text
//! 1 thread, 2 counts one after another: 0.0047 s
//! 2 threads, one count each at once:    0.0028 s
//! counts: 10000000 10000000
//! speedup: 1.68
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;

use shared::{Log, Stopwatch, count_to};
use threads_demo::run_threads;

const COUNT: u64 = 10_000_000;

fn main() -> ExitCode {
    let log = Log::from_env();
    let threads = match shared::count_arg("THREADS", 1024) {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };

    let clock = Stopwatch::start();
    for _ in 0..threads {
        count_to(COUNT);
    }
    let one_thread = clock.secs();

    let clock = Stopwatch::start();
    let counts = match run_threads(threads, "counter", |_| count_to(COUNT)) {
        Ok(counts) => counts,
        Err(e) => {
            shared::error(e);
            return ExitCode::FAILURE;
        }
    };
    let many_threads = clock.secs();

    let counts: Vec<String> = counts.iter().map(u64::to_string).collect();
    log.line(format_args!(
        "1 thread, {threads} counts one after another: {one_thread:.4} s"
    ));
    log.line(format_args!(
        "{threads} threads, one count each at once:    {many_threads:.4} s"
    ));
    log.line(format_args!("counts: {}", counts.join(" ")));
    log.line(format_args!("speedup: {:.2}", one_thread / many_threads));
    ExitCode::SUCCESS
}
