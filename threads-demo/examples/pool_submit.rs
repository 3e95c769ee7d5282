//! Python's `ThreadPoolExecutor.submit` and `as_completed` in Rust: two worker threads take four
//! jobs in turn and send each outcome down a channel when the job ends, so that the outcomes
//! arrive in the order the jobs finish, not the order they were given.
//!
//! J0 keeps one worker for 1 s, then panics; the other worker runs J1 (0.2 s), J2 (0.4 s) and J3
//! (0.2 s). An outcome is a `Result`, the job's value or its panic, caught with `catch_unwind` so
//! that the worker goes on to the next job, as `future.result()` returns the value or raises the
//! job's exception. std's panic hook prints J0's message on stderr as it panics, caught or not,
//! where Python prints nothing of it: `result()` raises it, and the twin's `except` prints it
//! ([`pool_submit.py`](pool_submit.py)).
//!
//! Run it with `cargo run -p threads-demo --example pool_submit`. It prints the lines below, and
//! exits with status 1 since a job failed:
//!
//! ```text
//! J1 returned 1
//! J2 returned 4
//! J3 returned 9
//! J0 panicked: J0 got a bad input
//! 4 jobs on 2 workers: 1.00 s (one after another: 1.80 s)
//! ```
#![forbid(unsafe_code)]

use std::panic;
use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use shared::{Log, Stopwatch};

/// How long each job takes, in milliseconds.
const JOBS: [u64; 4] = [1000, 200, 400, 200];
const WORKERS: usize = 2;

fn job(n: usize) -> usize {
    thread::sleep(Duration::from_millis(JOBS[n]));
    if n == 0 {
        panic!("J{n} got a bad input");
    }
    n * n
}

fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();
    let clock = Stopwatch::start();
    let next = &AtomicUsize::new(0);
    let (outcomes, completed) = mpsc::channel();
    let mut failed = 0;
    thread::scope(|scope| {
        for _ in 0..WORKERS {
            let outcomes = outcomes.clone();
            scope.spawn(move || {
                loop {
                    let n = next.fetch_add(1, Relaxed);
                    if n >= JOBS.len() {
                        break;
                    }
                    let outcome = panic::catch_unwind(|| job(n));
                    outcomes.send((n, outcome)).expect("main receives until the workers end");
                }
            });
        }
        // The workers hold the other senders: the loop below ends when the last one ends.
        drop(outcomes);
        // `for future in as_completed(futures)`: each outcome as its job ends.
        for (n, outcome) in completed {
            match outcome {
                Ok(value) => log.line(format_args!("J{n} returned {value}")),
                Err(payload) => {
                    let message = (payload.downcast_ref::<String>().map(String::as_str))
                        .or_else(|| payload.downcast_ref::<&str>().copied())
                        .unwrap_or("(not a string)");
                    log.line(format_args!("J{n} panicked: {message}"));
                    failed += 1;
                }
            }
        }
    });
    let one_after_another = JOBS.iter().sum::<u64>() as f64 / 1000.0;
    log.line(format_args!(
        "{} jobs on {WORKERS} workers: {:.2} s (one after another: {one_after_another:.2} s)",
        JOBS.len(),
        clock.secs()
    ));
    if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
