//! The article: threads "introduce challenges like race conditions and deadlocks." Rust's
//! compiler rules out data races, not deadlocks: this one compiles and hangs, as in Python.
//!
//! Two threads each take two locks, A and B, in opposite orders. A barrier makes sure each holds
//! its first lock before it asks for its second, so they always deadlock (a sleep would only
//! make it likely). The program notices that nothing happened for a second, says which thread
//! holds which lock and waits for which, leaves the two stuck threads behind (they end with the
//! process), and runs the fix: both threads take the locks in one order, A then B.
//!
//! Run it with `cargo run -p threads-demo --example deadlock`. It prints, in about a second:
//!
//! ```text
//! opposite orders: T-1 takes A then B, T-2 takes B then A
//! T-1 holds lock A and waits for lock B
//! T-2 holds lock B and waits for lock A
//! nothing happened for 1 s: deadlock
//! one order: T-1 and T-2 both take A then B
//! T-1 finished
//! T-2 finished
//! no deadlock
//! ```
#![forbid(unsafe_code)]

use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

type Lock = (&'static str, Arc<Mutex<()>>);

/// Takes `first`, then `second`, reporting on `events` what it holds and what it waits for.
/// With a `barrier`, waits there between the two, until the other thread holds its first lock.
fn worker(
    name: &str,
    first: Lock,
    second: Lock,
    barrier: Option<&Barrier>,
    events: Sender<String>,
) {
    let _first = first.1.lock().unwrap();
    if let Some(barrier) = barrier {
        barrier.wait();
        let _ =
            events.send(format!("{name} holds lock {} and waits for lock {}", first.0, second.0));
    }
    let _second = second.1.lock().unwrap();
    let _ = events.send(format!("{name} finished"));
}

/// Runs T-1 and T-2 on two new locks, in the orders given, and returns what they reported, sorted.
fn run(order_1: [&'static str; 2], order_2: [&'static str; 2], with_barrier: bool) -> Vec<String> {
    let a = Arc::new(Mutex::new(()));
    let b = Arc::new(Mutex::new(()));
    let lock = |name| (name, Arc::clone(if name == "A" { &a } else { &b }));
    let barrier = Arc::new(Barrier::new(2));
    let (events, reports) = mpsc::channel();
    for (name, [first, second]) in [("T-1", order_1), ("T-2", order_2)] {
        let (first, second, events) = (lock(first), lock(second), events.clone());
        let barrier = with_barrier.then(|| Arc::clone(&barrier));
        // Not joined: a deadlocked thread never ends. It is left to end with the process.
        thread::spawn(move || worker(name, first, second, barrier.as_deref(), events));
    }
    drop(events);
    // Every report, until none comes for a second (a deadlock) or both threads have ended.
    let mut seen: Vec<String> =
        std::iter::from_fn(|| reports.recv_timeout(Duration::from_secs(1)).ok()).collect();
    seen.sort();
    seen
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    log.line("opposite orders: T-1 takes A then B, T-2 takes B then A");
    let seen = run(["A", "B"], ["B", "A"], true);
    seen.iter().for_each(|line| log.line(line));
    if !seen.iter().any(|line| line.ends_with("finished")) {
        log.line("nothing happened for 1 s: deadlock");
    }

    log.line("one order: T-1 and T-2 both take A then B");
    let seen = run(["A", "B"], ["A", "B"], false);
    seen.iter().for_each(|line| log.line(line));
    if seen.iter().filter(|line| line.ends_with("finished")).count() == 2 {
        log.line("no deadlock");
    }
}
