//! The article: "Threads share the same memory space, which can make data sharing easier but also
//! introduces challenges like race conditions and deadlocks."
//!
//! Eight threads each add 1 to one shared counter 100,000 times, first through a `Mutex`, then
//! through an atomic. Both totals are exactly 800000, every run: in Rust, the racy version does
//! not compile (see the comment in `main`).
//!
//! Run it with `cargo run -p threads-demo --example shared_counter`. It prints:
//!
//! ```text
//! Mutex total:  800000
//! atomic total: 800000
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use threads_demo::run_threads;

const THREADS: usize = 8;
const ADDS: u64 = 100_000;

fn main() -> ExitCode {
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
    // Two threads may not hold `&mut counter` at once. What compiles instead is a counter whose
    // type makes sharing safe (it is `Sync`): a Mutex, which lets one thread in at a time...
    let counter = Arc::new(Mutex::new(0_u64));
    let shared = Arc::clone(&counter);
    let with_mutex = run_threads(THREADS, "mutex", move |_| {
        for _ in 0..ADDS {
            // `lock` fails only when a thread panicked while holding the lock; none can here.
            *shared.lock().unwrap() += 1;
        }
    });
    // ...or an atomic, whose `fetch_add` is one indivisible read-modify-write.
    let atomic = Arc::new(AtomicU64::new(0));
    let shared = Arc::clone(&atomic);
    let with_atomic = run_threads(THREADS, "atomic", move |_| {
        for _ in 0..ADDS {
            shared.fetch_add(1, Ordering::Relaxed);
        }
    });
    if let Err(e) = with_mutex.and(with_atomic) {
        shared::error(e);
        return ExitCode::FAILURE;
    }
    log.line(format_args!("Mutex total:  {}", counter.lock().unwrap()));
    // Relaxed is enough: joining the threads made all their additions visible to this one.
    log.line(format_args!(
        "atomic total: {}",
        atomic.load(Ordering::Relaxed)
    ));
    ExitCode::SUCCESS
}
