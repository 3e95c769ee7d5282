//! The article: "Threads share the same memory space, which can make data sharing easier but also
//! introduces challenges like race conditions and deadlocks."
//!
//! Eight threads each add 1 to one shared counter 100,000 times, first through a `Mutex`, then
//! through an atomic. Both totals are exactly 800000, every run: the versions with a data race do
//! not compile (see the comments in `main`). In safe Rust, data races do not compile; race
//! conditions in general and deadlocks still can (<https://doc.rust-lang.org/nomicon/races.html>),
//! as the `deadlock` example shows.
//!
//! Run it with `cargo run -p threads-demo --example shared_counter`. It prints:
//!
//! ```text
//! Mutex total:  800000
//! atomic total: 800000
//! ```
#![forbid(unsafe_code)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

const THREADS: usize = 8;
const ADDS: u64 = 100_000;

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    // The version Python allows, one plain counter that every thread adds to, is refused:
    //
    // race:begin
    // let mut counter = 0u64;
    // std::thread::scope(|s| {
    //     for _ in 0..8 {
    //         s.spawn(|| {
    //             for _ in 0..100_000 {
    //                 counter += 1;
    //             }
    //         });
    //     }
    // });
    // race:end
    //
    // error[E0499]: cannot borrow `counter` as mutable more than once at a time
    //
    // Two threads may not hold `&mut counter` at once. They may share `&counter`, as `u64` is
    // `Sync`, but a shared reference cannot change a plain `u64`. A `Cell` can be changed
    // through one, and it is not `Sync`, so this is refused too:
    //
    // cell:begin
    // let counter = std::cell::Cell::new(0u64);
    // std::thread::scope(|s| {
    //     for _ in 0..8 {
    //         s.spawn(|| {
    //             for _ in 0..100_000 {
    //                 counter.set(counter.get() + 1);
    //             }
    //         });
    //     }
    // });
    // cell:end
    //
    // error[E0277]: `Cell<u64>` cannot be shared between threads safely
    //
    // What compiles is a type that lets threads change it through a shared reference, safely: a
    // Mutex, which lets one thread in at a time...
    let counter = Mutex::new(0_u64);
    // `thread::scope` joins every thread it started before it returns, so they may borrow
    // `counter` from this function (a plain `thread::spawn` would need an `Arc`).
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..ADDS {
                    // `lock` fails only if a thread panicked while holding it; none can here.
                    *counter.lock().unwrap() += 1;
                }
            });
        }
    });
    log.line(format_args!("Mutex total:  {}", counter.into_inner().unwrap()));

    // ...or an atomic, whose `fetch_add` is one indivisible read-modify-write. `Relaxed` is enough:
    // each read-modify-write of one atomic sees the one before it, whatever the ordering; a
    // stronger ordering would also order accesses to other memory around it, and none is shared
    // here. The end of the scope joined the threads, which made all their additions visible.
    let atomic = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..ADDS {
                    atomic.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    log.line(format_args!("atomic total: {}", atomic.into_inner()));
}
