//! The article: threads "introduce challenges like race conditions and deadlocks." In safe code,
//! Rust's compiler rules out data races, not deadlocks: this one compiles and hangs, as in Python.
//!
//! Two accounts, A and B, each a `Mutex` that owns its balance. T-1 moves money from A to B and T-2
//! from B to A, each locking the account it pays from first: opposite orders. A barrier makes sure
//! each holds its first lock before it asks for its second, so they always deadlock (a sleep would
//! only make it likely). std's `lock` has no timeout (`try_lock` only tries once, and std has no
//! timed lock; Python's has one: [`deadlock.py`](deadlock.py)), so the program notices instead that
//! nothing happened for a second, says which thread holds which lock and waits for which, leaves
//! the two stuck threads behind (they end with the process), and runs the fix: both threads take
//! the locks in one order, A then B, whichever way the money goes.
//!
//! A thread can deadlock alone, too: locking a `Mutex` it already holds never returns (it "might
//! panic or deadlock", says [`Mutex::lock`](https://doc.rust-lang.org/std/sync/struct.Mutex.html#method.lock)).
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

/// An account: its `Mutex` owns the balance, so no thread can touch one without the lock.
struct Account {
    name: &'static str,
    balance: Mutex<i64>,
}

/// `who` moves 10 from `from` to `to`, and says on `events` when it is done. It locks `from`
/// first, or with `one_order` the account whose name comes first. With a `barrier`, it waits
/// there between the two locks until the other thread holds its first, and says so.
fn transfer(
    who: &str,
    from: &Account,
    to: &Account,
    one_order: bool,
    barrier: Option<&Barrier>,
    events: Sender<String>,
) {
    let (first, second) = if one_order && to.name < from.name { (to, from) } else { (from, to) };
    let mut first_balance = first.balance.lock().unwrap();
    if let Some(barrier) = barrier {
        barrier.wait();
        let _ = events
            .send(format!("{who} holds lock {} and waits for lock {}", first.name, second.name));
    }
    let mut second_balance = second.balance.lock().unwrap();
    // The money goes from `from` to `to`, whichever was locked first.
    let amount = if first.name == from.name { 10 } else { -10 };
    *first_balance -= amount;
    *second_balance += amount;
    let _ = events.send(format!("{who} finished"));
}

/// Runs T-1 (A to B) and T-2 (B to A) on two new accounts and returns what they said, sorted.
/// Without `one_order`, a barrier makes them deadlock.
fn run(one_order: bool) -> Vec<String> {
    let account = |name| Arc::new(Account { name, balance: Mutex::new(100) });
    let (a, b) = (account("A"), account("B"));
    let barrier = Arc::new(Barrier::new(2));
    let (events, reports) = mpsc::channel();
    for (who, from, to) in [("T-1", &a, &b), ("T-2", &b, &a)] {
        let (from, to, events) = (Arc::clone(from), Arc::clone(to), events.clone());
        let barrier = (!one_order).then(|| Arc::clone(&barrier));
        // Not joined: a deadlocked thread never ends. It is left to end with the process.
        thread::spawn(move || transfer(who, &from, &to, one_order, barrier.as_deref(), events));
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
    let seen = run(false);
    seen.iter().for_each(|line| log.line(line));
    if !seen.iter().any(|line| line.ends_with("finished")) {
        log.line("nothing happened for 1 s: deadlock");
    }

    log.line("one order: T-1 and T-2 both take A then B");
    let seen = run(true);
    seen.iter().for_each(|line| log.line(line));
    if seen.iter().filter(|line| line.ends_with("finished")).count() == 2 {
        log.line("no deadlock");
    }
}
