//! The article's threading example: three threads each wait 2 s "for I/O", and because the waits
//! overlap, the whole run takes about 2 s, not 6.
//!
//! Run it with `cargo run -p threads-demo`; with `DEMO_TRACE=1` in front, each line also shows
//! when it was printed and by which thread.
//!
//! Unlike Python's, Rust's threads are not held back by a GIL: each is an OS thread, and CPU-bound
//! threads run on every core at once (the `cpu_parallel` example measures it).
#![forbid(unsafe_code)]

use std::thread;
use std::time::Duration;

use shared::Log;

fn task(log: Log, name: &str) {
    log.line(format_args!("Task {name}: Starting..."));
    // Stands in for I/O: the sleeping thread is parked by the OS while the others carry on.
    thread::sleep(Duration::from_secs(2));
    log.line(format_args!("Task {name}: Finished."));
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    let mut threads = Vec::new();
    for i in 0..3 {
        let name = format!("A-{i}");
        // `threading.Thread(target=task, args=(name,))` then `start()`. The Builder names the
        // thread (traces and panic messages show it); a thread the OS refuses ends the program,
        // as Python's "RuntimeError: can't start new thread" does.
        let thread = thread::Builder::new().name(name.clone()).spawn(move || task(log, &name));
        threads.push(thread.unwrap_or_else(|e| panic!("cannot start thread A-{i}: {e}")));
    }
    for thread in threads {
        thread.join().expect("a task panicked");
    }
    log.line("All threads finished.");
}
