//! Why a spawned thread's last line never appeared: Python waits at exit for every thread not
//! marked `daemon=True` ([`detached.py`](detached.py) shows both kinds); Rust waits for none. "When
//! the main thread of a Rust program terminates, the entire program shuts down, even if other
//! threads are still running"
//! ([`std::thread`](https://doc.rust-lang.org/std/thread/#the-threading-model)). Every thread not
//! joined by then is stopped mid-work, as a Python daemon thread is at exit.
//!
//! The fix first: A-0's handle is kept and joined, so main waits for A-0's 2 s of work
//! (`thread::scope` is the other fix: it joins every thread spawned in it). Then the pitfall,
//! last because main can return only once: A-1 is spawned and its handle dropped, and main
//! returns as soon as A-1 has started. The run takes 2 s, not 4, and A-1's "Finished" line never
//! appears: the process ended while A-1 slept. Waiting for A-1's first line makes the output the
//! same every run: A-1 has printed it, and has its 2 s of sleep still ahead, when main returns.
//!
//! Run it with `cargo run -p threads-demo --example detached`. It prints:
//!
//! ```text
//! joined: main waits for A-0
//! Task A-0: Starting...
//! Task A-0: Finished.
//! detached: main returns once A-1 has started
//! Task A-1: Starting...
//! main returns: the process ends, and A-1 with it
//! ```
#![forbid(unsafe_code)]

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use shared::Log;

fn task(log: Log, name: &str) {
    log.line(format_args!("Task {name}: Starting..."));
    thread::sleep(Duration::from_secs(2));
    log.line(format_args!("Task {name}: Finished."));
}

fn main() {
    shared::no_args();
    let log = Log::from_env();

    log.line("joined: main waits for A-0");
    let a0 = thread::spawn(move || task(log, "A-0"));
    a0.join().expect("A-0 panicked");

    log.line("detached: main returns once A-1 has started");
    let (started, has_started) = mpsc::channel();
    // The handle is not kept: A-1 is detached.
    thread::spawn(move || {
        log.line("Task A-1: Starting...");
        started.send(()).expect("main waits for this");
        thread::sleep(Duration::from_secs(2));
        log.line("Task A-1: Finished."); // never printed: the process has ended by then
    });
    has_started.recv().expect("A-1 panicked");
    log.line("main returns: the process ends, and A-1 with it");
}
