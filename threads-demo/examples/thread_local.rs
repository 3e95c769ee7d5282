//! Python's `threading.local()` in Rust: `thread_local!`, a `static` of which each thread has a
//! value of its own.
//!
//! `handle()` counts its calls in `CALLS`, a thread-local `Cell`, and in `ALL`, an ordinary
//! `static` that every thread shares. T-1 calls it once, T-2 twice, T-3 three times; each then
//! reads back only its own calls, and main, which made none, reads 0. Python's `local` is an
//! object made at run time, its attributes set per thread; Rust's is a `static` declared once,
//! of which each thread gets a fresh value, dropped when the thread exits (a best effort, with the
//! exceptions [`LocalKey`](https://doc.rust-lang.org/std/thread/struct.LocalKey.html) lists). A
//! thread gets only shared access to it, hence the `Cell` (or a `RefCell`); and since no other
//! thread ever sees that value, it needs no lock.
//!
//! Run it with `cargo run -p threads-demo --example thread_local`. It prints:
//!
//! ```text
//! T-1: CALLS is 1
//! T-2: CALLS is 2
//! T-3: CALLS is 3
//! main: CALLS is 0
//! every thread: ALL is 6
//! ```
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;

thread_local! {
    // `local = threading.local()`, then `local.calls = 0` in each thread.
    static CALLS: Cell<u32> = const { Cell::new(0) };
}
static ALL: AtomicU32 = AtomicU32::new(0);

fn handle() {
    CALLS.set(CALLS.get() + 1);
    ALL.fetch_add(1, Ordering::Relaxed);
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let counts = thread::scope(|s| {
        let threads = [1, 2, 3].map(|calls| {
            s.spawn(move || {
                for _ in 0..calls {
                    handle();
                }
                CALLS.get()
            })
        });
        threads.map(|thread| thread.join().unwrap())
    });
    for (i, count) in counts.iter().enumerate() {
        log.line(format_args!("T-{}: CALLS is {count}", i + 1));
    }
    log.line(format_args!("main: CALLS is {}", CALLS.get()));
    // `Relaxed` is enough: the joins above made every thread's `fetch_add` happen before this.
    log.line(format_args!("every thread: ALL is {}", ALL.load(Ordering::Relaxed)));
}
