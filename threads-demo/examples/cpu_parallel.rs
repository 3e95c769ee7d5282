//! The article: "Due to Python's Global Interpreter Lock (GIL), true CPU-bound parallelism isn't
//! achieved with threads." Python's threads are OS threads, as Rust's are; the GIL lets only one
//! of them run Python code at a time. Rust has no GIL: CPU-bound threads can run on every core at
//! once.
//!
//! The same count, N times over: first one count after another on one thread, then one count on
//! each of N threads at once. N is the argument THREADS (1 to 1024), or else std's estimate of the
//! cores this process may use (`available_parallelism`: on Linux, its CPU affinity and cgroup
//! quota). Each of 5 rounds times both ways and gives a speedup, the first time over the second;
//! the run prints the median round and the lowest and highest speedups.
//!
//! Run it with `cargo run --release -p threads-demo --example cpu_parallel [THREADS]`. On a
//! 2-core machine (release build, a count of 500 million, about 0.14 s) it printed:
//!
//! ```text
//! cores: 2
//! 1 thread, 2 counts one after another: 0.282 s
//! 2 threads, one count each at once:    0.143 s
//! counts: 500000000 500000000
//! speedup: 1.97 (median of 5 rounds, lowest 1.93, highest 2.00)
//! ```
//!
//! On CPython's default build, Python's threads counting in Python code do not get past a
//! speedup of 1 (threads-demo/README.md,
//! "What differs in Rust"). Nor do Rust's on one core: `taskset -c 0 cpu_parallel 2` runs two
//! threads that take turns, and says so (without THREADS it would run one thread there).
#![forbid(unsafe_code)]

use std::thread;

use shared::{Stopwatch, count_to};

// A debug build counts about 20 times slower: it counts less, so that the run stays short.
// The figures that matter come from `--release`, where one count lasts about 0.14 s: long
// enough that the OS scheduling other work for a moment barely shows.
const COUNT: u64 = if cfg!(debug_assertions) { 20_000_000 } else { 500_000_000 };
const ROUNDS: usize = 5;

fn main() {
    let log = shared::Log::from_env();
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = shared::count_arg("THREADS", 1024).map_or(cores, |n| n as usize);
    log.line(format_args!("cores: {cores}"));
    if cores == 1 && threads > 1 {
        log.line(format_args!(
            "only 1 core: {threads} threads can only take turns on it, so expect no speedup"
        ));
    }

    let mut rounds = Vec::new();
    let mut counts = Vec::new();
    for _ in 0..ROUNDS {
        let clock = Stopwatch::start();
        for _ in 0..threads {
            count_to(COUNT);
        }
        let one_thread = clock.secs();

        let clock = Stopwatch::start();
        counts = thread::scope(|s| {
            let workers: Vec<_> = (0..threads).map(|_| s.spawn(|| count_to(COUNT))).collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        let many_threads = clock.secs();
        rounds.push((one_thread / many_threads, one_thread, many_threads));
    }
    // The median round: one slow round (another program, a page fault) cannot drag it past the
    // other rounds.
    rounds.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (speedup, one_thread, many_threads) = rounds[ROUNDS / 2];
    let counts: Vec<String> = counts.iter().map(u64::to_string).collect();
    log.line(format_args!("1 thread, {threads} counts one after another: {one_thread:.3} s"));
    log.line(format_args!("{threads} threads, one count each at once:    {many_threads:.3} s"));
    log.line(format_args!("counts: {}", counts.join(" ")));
    let (lowest, highest) = (rounds[0].0, rounds[ROUNDS - 1].0);
    log.line(format_args!(
        "speedup: {speedup:.2} (median of {ROUNDS} rounds, lowest {lowest:.2}, highest {highest:.2})"
    ));
}
