//! The article's multiprocessing example: two child processes each count to ten million, one
//! increment at a time, and the parent waits for both.
//!
//! Run it with `cargo run -p process-demo` (add `--release` to see the real speed); with
//! `DEMO_TRACE=1` in front, each line also shows when it was printed and by which process.
//!
//! Python's `multiprocessing` forks on Linux, and so does this port (see `lib.rs`). In Rust,
//! threads would run this loop in parallel too (no GIL); processes are here to show isolation:
//! each child works on its own copy of the parent's memory.

use std::process::ExitCode;

#[cfg(unix)]
fn main() -> ExitCode {
    use process_demo::{fork_child, wait_child};

    shared::no_args();
    let log = shared::Log::from_env();
    let mut children = Vec::new();
    let mut ok = true;
    for i in 0..2 {
        let name = format!("B-{i}");
        let child = || {
            cpu_intensive_task(log, &name);
            0 // the child's exit status: success
        };
        // SAFETY: main has started no thread, so this process has one thread when it forks.
        match unsafe { fork_child(child) } {
            Ok(pid) => children.push((name, pid)),
            Err(e) => {
                let started = children.len();
                shared::error(format_args!(
                    "cannot start process {name} ({started} started): {e}"
                ));
                ok = false;
                break;
            }
        }
    }
    // Wait for every child that started, even after an error: each one is reaped.
    for (name, pid) in children {
        match wait_child(pid) {
            Ok(ended) if ended.success() => {}
            Ok(ended) => {
                shared::error(format_args!("process {name} (pid {pid}) {ended}"));
                ok = false;
            }
            Err(e) => {
                shared::error(format_args!(
                    "cannot wait for process {name} (pid {pid}): {e}"
                ));
                ok = false;
            }
        }
    }
    if !ok {
        return ExitCode::FAILURE;
    }
    log.line("All processes finished.");
    ExitCode::SUCCESS
}

#[cfg(unix)]
fn cpu_intensive_task(log: shared::Log, name: &str) {
    log.line(format_args!("Process {name}: Starting..."));
    let mut count: u64 = 0;
    for _ in 0..10_u64.pow(7) {
        // `black_box` hides the value from the optimizer; without it a release build replaces
        // the whole loop with `count = 10000000` and there is no work left to measure.
        count = std::hint::black_box(count + 1);
    }
    log.line(format_args!("Process {name}: Finished. Count: {count}"));
}

#[cfg(not(unix))]
fn main() -> ExitCode {
    eprintln!("process-demo: this demo needs fork(), which only Unix-like systems have");
    ExitCode::FAILURE
}
