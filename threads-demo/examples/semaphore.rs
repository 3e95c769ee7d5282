//! Python's `threading.Semaphore(2)` in Rust. std has no semaphore: this one is a count of free
//! permits in a `Mutex`, and a `Condvar` to wait on while the count is zero. (Async code has
//! tokio's `Semaphore`.)
//!
//! Five threads each hold a permit for 0.2 s. With two permits at most two are in at once, so the
//! run takes 0.6 s, not 1.0 s. A permit is a guard: dropping it gives it back and wakes one
//! waiter, as leaving a `with semaphore:` block releases it.
//!
//! Run it with `cargo run -p threads-demo --example semaphore`. It prints:
//!
//! ```text
//! 5 threads, 2 permits: at most 2 at once, 0.60 s (one after another: 1.00 s)
//! ```
#![forbid(unsafe_code)]

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

use shared::Stopwatch;

struct Semaphore {
    free: Mutex<usize>,
    freed: Condvar,
}

/// One permit, given back when it is dropped.
struct Permit<'a>(&'a Semaphore);

impl Semaphore {
    fn new(permits: usize) -> Self {
        Semaphore { free: Mutex::new(permits), freed: Condvar::new() }
    }

    // Nothing can panic while `free` is locked: the threads' own code runs while they hold a
    // permit, with the lock free. So the lock is never poisoned, and `unwrap` never panics.
    fn acquire(&self) -> Permit<'_> {
        let free = self.free.lock().unwrap();
        let mut free = self.freed.wait_while(free, |free| *free == 0).unwrap();
        *free -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap() += 1;
        self.0.freed.notify_one();
    }
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let semaphore = Semaphore::new(2);
    // Relaxed: a thread's decrement comes before it gives its permit back, and the permit's
    // `Mutex` orders that before the next thread's increment.
    let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let clock = Stopwatch::start();
    thread::scope(|scope| {
        for _ in 0..5 {
            scope.spawn(|| {
                let _permit = semaphore.acquire();
                most.fetch_max(inside.fetch_add(1, Relaxed) + 1, Relaxed);
                thread::sleep(Duration::from_millis(200));
                inside.fetch_sub(1, Relaxed);
            });
        }
    });
    let most = most.into_inner();
    let secs = clock.secs();
    log.line(format_args!(
        "5 threads, 2 permits: at most {most} at once, {secs:.2} s (one after another: 1.00 s)"
    ));
}
