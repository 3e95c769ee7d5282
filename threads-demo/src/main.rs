//! The article's threading example: three threads each wait 2 s "for I/O", and because the waits
//! overlap, the whole run takes about 2 s, not 6.
//!
//! Run it with `cargo run -p threads-demo`; with `DEMO_TRACE=1` in front, each line also shows
//! when it was printed and by which thread.
//!
//! Unlike Python's, Rust's threads are not held back by a GIL: each is an OS thread, and CPU-bound
//! threads run on every core at once (the `cpu_parallel` example measures it).
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use shared::Log;

fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();
    let mut threads = Vec::new();
    let mut ok = true;
    for i in 0..3 {
        let name = format!("A-{i}");
        // A Builder rather than `thread::spawn`: the thread gets a name (shown in traces and panic
        // messages), and a thread the OS refuses is an error to report instead of a panic.
        let builder = thread::Builder::new().name(name.clone());
        match builder.spawn(move || task(log, &name)) {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                let started = threads.len();
                shared::error(format_args!(
                    "cannot start thread A-{i} ({started} started): {e}"
                ));
                ok = false;
                break;
            }
        }
    }
    // Join every thread that started, even after an error, so that none is cut off mid-task.
    for thread in threads {
        let name = thread.thread().name().unwrap_or("unnamed").to_owned();
        if thread.join().is_err() {
            shared::error(format_args!("thread {name} panicked"));
            ok = false;
        }
    }
    if !ok {
        return ExitCode::FAILURE;
    }
    log.line("All threads finished.");
    ExitCode::SUCCESS
}

fn task(log: Log, name: &str) {
    log.line(format_args!("Task {name}: Starting..."));
    // Stands in for I/O: the sleeping thread is parked by the OS while the others carry on.
    thread::sleep(Duration::from_secs(2));
    log.line(format_args!("Task {name}: Finished."));
}
