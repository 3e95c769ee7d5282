//! Python's `threading.Event` and `threading.Condition` in Rust: a `Condvar` beside the `Mutex`
//! that guards the condition.
//!
//! Python's `Event` is a flag guarded by a `Condition(Lock())`; so is the `Event` below, a
//! `Mutex<bool>` and a `Condvar`, whose waiter checks the flag again each time it wakes: in a
//! loop, or with `wait_while`, which is that loop (why: threads-demo/README.md, "What differs in
//! Rust"). First a wait that nobody ends gives up at its timeout and returns `false`, as
//! `event.wait(0.1)` does; then three threads wait until main sets the event.
//!
//! Run it with `cargo run -p threads-demo --example event`. It prints (the waiters wake in any
//! order):
//!
//! ```text
//! wait(100 ms) with nobody to set the event: false after 0.10 s
//! main sets the event
//! W-3 woke: the event is set
//! W-2 woke: the event is set
//! W-1 woke: the event is set
//! ```
#![forbid(unsafe_code)]

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// `threading.Event()`: the flag, the lock that guards it, and the condition variable to wait on.
#[derive(Default)]
struct Event {
    flag: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    /// `event.set()`: sets the flag under the lock, then wakes every waiter.
    fn set(&self) {
        *self.flag.lock().unwrap() = true;
        self.changed.notify_all();
    }

    /// `event.wait()`: blocks until the flag is set.
    fn wait(&self) {
        let mut set = self.flag.lock().unwrap();
        // `wait` unlocks the mutex while it sleeps and locks it again before it returns, with or
        // without a notify: hence the loop, where CPython's `Event.wait` calls `cond.wait()` once.
        while !*set {
            set = self.changed.wait(set).unwrap();
        }
    }

    /// `event.wait(timeout)`: blocks until the flag is set or `timeout` has passed, and returns
    /// the flag.
    fn wait_timeout(&self, timeout: Duration) -> bool {
        let set = self.flag.lock().unwrap();
        // `cond.wait_for(lambda: set, timeout)`: the same loop, against one deadline.
        let (set, _) = self.changed.wait_timeout_while(set, timeout, |set| !*set).unwrap();
        *set
    }
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let event = Arc::new(Event::default());

    let clock = Instant::now();
    let set = event.wait_timeout(Duration::from_millis(100));
    let secs = clock.elapsed().as_secs_f64();
    log.line(format_args!("wait(100 ms) with nobody to set the event: {set} after {secs:.2} s"));

    let waiters = ["W-1", "W-2", "W-3"].map(|name| {
        let event = Arc::clone(&event);
        thread::spawn(move || {
            event.wait();
            log.line(format_args!("{name} woke: the event is set"));
        })
    });
    // Time for the waiters to start waiting; one that comes late finds the flag set and goes on.
    thread::sleep(Duration::from_millis(100));
    log.line("main sets the event");
    event.set();
    for waiter in waiters {
        waiter.join().unwrap();
    }
}
