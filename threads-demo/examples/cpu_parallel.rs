//! The article: "Due to Python's Global Interpreter Lock (GIL), true CPU-bound parallelism isn't
//! achieved with threads." Rust has no GIL: CPU-bound threads run on every core at once.
//!
//! The same count to ten million as process-demo's, N times over: first one count after another
//! on one thread, then one count on each of N threads at once. N is the number of cores, or the
//! argument THREADS (1 to 1024). Each time is the fastest of 5 rounds; the speedup is the first
//! time over the second.
//!
//! Run it with `cargo run --release -p threads-demo --example cpu_parallel [THREADS]`. On a
//! 2-core machine (release build) it printed a speedup of 1.91; by the article, Python's threads
//! would not get past 1:
//!
//! ```text
//! 1 thread, 2 counts one after another: 0.0048 s
//! 2 threads, one count each at once:    0.0025 s
//! counts: 10000000 10000000
//! speedup: 1.91
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;

use shared::{Log, Stopwatch, count_to};
use threads_demo::run_threads;

const COUNT: u64 = 10_000_000;
const ROUNDS: usize = 5;

fn main() -> ExitCode {
    let log = Log::from_env();
    let threads = match shared::count_arg("THREADS", 1024) {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };

    // A round lasts a few milliseconds, and one preemption by the OS would skew it: each
    // figure is the fastest of a few rounds.
    let (mut one_thread, mut many_threads, mut counts) = (f64::MAX, f64::MAX, Vec::new());
    for _ in 0..ROUNDS {
        let clock = Stopwatch::start();
        for _ in 0..threads {
            count_to(COUNT);
        }
        one_thread = one_thread.min(clock.secs());

        let clock = Stopwatch::start();
        counts = match run_threads(threads, "counter", |_| count_to(COUNT)) {
            Ok(counts) => counts,
            Err(e) => {
                shared::error(e);
                return ExitCode::FAILURE;
            }
        };
        many_threads = many_threads.min(clock.secs());
    }

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
