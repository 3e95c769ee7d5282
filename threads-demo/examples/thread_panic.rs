//! What a panicking thread leaves behind. std's panic hook prints the message on stderr, naming
//! the thread (`thread 'A-1' ... panicked at`), the other threads go on, and `join` returns
//! `Err` holding the panic's payload: the caller sees the failure, as with `future.result()` of
//! `concurrent.futures`. A `threading.Thread`'s `join()` returns `None` whatever happened
//! ([`thread_panic.py`](thread_panic.py) shows it). A `panic!`'s payload is a `&'static str` or a
//! `String`, which one unspecified ([`panic!`](https://doc.rust-lang.org/std/macro.panic.html)),
//! so the code tries both; `resume_unwind` raises it again in `main`,
//! without calling the hook a second time, and the process exits with status 101.
//!
//! Run it with `cargo run -p threads-demo --example thread_panic`. It prints the lines
//! below, each thread's in this order, the threads' interleaved as they run, and exits with 101:
//!
//! ```text
//! Task A-0: Starting...
//! Task A-1: Starting...
//! Task A-2: Starting...
//! Task A-0: Finished.
//! Task A-2: Finished.
//! A-0 returned 0
//! A-1 panicked: A-1 got a bad input: 1
//! A-2 returned 20
//! ```
#![forbid(unsafe_code)]

use std::panic;
use std::thread;
use std::time::Duration;

use shared::Log;

fn task(log: Log, n: u64) -> u64 {
    let name = thread::current().name().unwrap_or("unnamed").to_owned();
    log.line(format_args!("Task {name}: Starting..."));
    thread::sleep(Duration::from_millis(500));
    if n == 1 {
        panic!("{name} got a bad input: {n}");
    }
    log.line(format_args!("Task {name}: Finished."));
    n * 10
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    let spawn = |n| thread::Builder::new().name(format!("A-{n}")).spawn(move || task(log, n));
    let threads: Vec<_> = (0..3).map(|n| spawn(n).expect("spawn a thread")).collect();

    let mut first_panic = None;
    for thread in threads {
        let name = thread.thread().name().unwrap_or("unnamed").to_owned();
        match thread.join() {
            Ok(result) => log.line(format_args!("{name} returned {result}")),
            Err(payload) => {
                let message = (payload.downcast_ref::<&str>().copied())
                    .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("(not a string)");
                log.line(format_args!("{name} panicked: {message}"));
                first_panic.get_or_insert(payload);
            }
        }
    }
    if let Some(payload) = first_panic {
        panic::resume_unwind(payload);
    }
}
