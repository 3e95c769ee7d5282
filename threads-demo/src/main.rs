//! The article's threading example: three threads each wait 2 s "for I/O", and because the waits
//! overlap, the whole run takes about 2 s, not 6.
//!
//! Run it with `cargo run -p threads-demo`; with `DEMO_TRACE=1` in front, each line also shows
//! when it was printed and by which thread.
//!
//! Python's threads are OS threads too; what differs is CPython's GIL (threads-demo/README.md,
//! "What differs in Rust").
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use shared::Log;

fn task(log: Log, name: &str) {
    log.line(format_args!("Task {name}: Starting..."));
    // Stands in for I/O: the sleeping thread uses no CPU; the OS runs the others meanwhile.
    thread::sleep(Duration::from_secs(2));
    log.line(format_args!("Task {name}: Finished."));
}

fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();
    let mut threads = Vec::new();
    for i in 0..3 {
        let name = format!("A-{i}");
        // `threading.Thread(target=task, args=(name,))` then `start()`. The Builder names the
        // thread (traces and panic messages show it), and returns the OS's refusal as an error.
        match thread::Builder::new().name(name.clone()).spawn(move || task(log, &name)) {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                // As after Python's uncaught "RuntimeError: can't start new thread": the error,
                // then the threads already started finish (Python waits for its non-daemon
                // threads at exit), and the status is 1.
                shared::error(format_args!("cannot start thread A-{i}: {e}"));
                threads.into_iter().for_each(|t| t.join().expect("a task panicked"));
                return ExitCode::FAILURE;
            }
        }
    }
    for thread in threads {
        thread.join().expect("a task panicked");
    }
    log.line("All threads finished.");
    ExitCode::SUCCESS
}
