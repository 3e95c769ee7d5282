//! The article's multiprocessing example: two child processes each count to ten million, one
//! increment at a time, and the parent waits for both.
//!
//! Run it with `cargo run -p process-demo` (add `--release` to see the real speed); with
//! `DEMO_TRACE=1` in front, each line also shows when it was printed and by which process.
//!
//! Python's `multiprocessing` forks on Linux (up to Python 3.13), and so does this port. A forked
//! child shares nothing with its parent: it starts as a copy of the parent's memory, and from
//! then on each changes only its own copy (the `pipe` example sends a result back). In Rust,
//! threads would run this loop in parallel too (no GIL); processes are here to show isolation.

use std::io::{self, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

use shared::Log;

fn cpu_intensive_task(log: Log, name: &str) {
    log.line(format_args!("Process {name}: Starting..."));
    let mut count: u64 = 0;
    for _ in 0..10_u64.pow(7) {
        // `black_box` hides the value from the optimizer; without it a release build replaces
        // the whole loop with `count = 10000000` and there is no work left to measure.
        count = std::hint::black_box(count + 1);
    }
    log.line(format_args!("Process {name}: Finished. Count: {count}"));
}

/// `Process(target=cpu_intensive_task, args=(name,)).start()`: returns the child's pid.
fn start(log: Log, name: &str) -> libc::pid_t {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush().expect("cannot flush stdout");
    // SAFETY: `fork` copies only the calling thread, and main has started no other: the child
    // starts with no lock held by a thread that is gone, so it may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => panic!("cannot start process {name}: {}", io::Error::last_os_error()),
        0 => {
            cpu_intensive_task(log, name);
            let _ = io::stdout().flush();
            // SAFETY: `_exit` ends the child at once. Unlike `exit` it skips the clean-up that
            // belongs to the parent (atexit handlers), as Python's forked children do with
            // `os._exit`; and the child never returns into the parent's code below.
            unsafe { libc::_exit(0) }
        }
        pid => pid,
    }
}

/// `join()`: waits until the child ends and reaps it, so that no zombie is left. Python's `join`
/// does not check how the child ended; this one names a child that failed, and returns false.
fn join(name: &str, pid: libc::pid_t) -> bool {
    let mut status = 0;
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    if unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        panic!("cannot wait for process {name}: {}", io::Error::last_os_error());
    }
    let status = ExitStatus::from_raw(status);
    if !status.success() {
        shared::error(format_args!("process {name} (pid {pid}) ended with {status}"));
    }
    status.success()
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    let children = ["B-0", "B-1"].map(|name| (name, start(log, name)));
    // Both are reaped before the run fails for either.
    if children.map(|(name, pid)| join(name, pid)).contains(&false) {
        std::process::exit(1);
    }
    log.line("All processes finished.");
}
