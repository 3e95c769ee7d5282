//! The article's multiprocessing example: two child processes each count to ten million, one
//! increment at a time, and the parent waits for both.
//!
//! Run it with `cargo run -p process-demo` (add `--release` to see the real speed); with
//! `DEMO_TRACE=1` in front, each line also shows when it was printed and by which process.
//!
//! Python's `multiprocessing` forks on Linux up to Python 3.13, and so does this port (the
//! `spawn_self` example shows the other way). A forked child starts with a copy of its parent's
//! memory, and from then on each changes only its own copy, except memory mapped shared (the
//! `pipe` example sends a result back; `shared_memory` maps a counter). What they do share is
//! every file the parent had open, down to its offset ([fork(2)]): both children print through
//! the parent's stdout.
//!
//! [fork(2)]: https://man7.org/linux/man-pages/man2/fork.2.html

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

/// `Process(target=cpu_intensive_task, args=(name,)).start()`: returns the child's pid, or the
/// error of a fork that the OS refused.
///
/// # Safety
///
/// Call it only while this process has one thread. `fork` copies just the calling thread, and
/// the child starts with every lock as it was: one that another thread held (std's stdout lock,
/// say) stays locked forever in the child.
unsafe fn start(log: Log, name: &str) -> io::Result<libc::pid_t> {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush()?;
    // A program can start with SIGCHLD ignored, passed on through `exec`: the kernel then reaps
    // each child itself, and `waitpid` fails (waitpid(2), NOTES). The default action keeps the
    // child for `join`.
    // SAFETY: `signal` with `SIG_DFL` installs no handler and touches no memory of this process.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_DFL) };
    // SAFETY: the caller guarantees that this process has one thread, so the child starts with no
    // lock held by a thread that is gone, and may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            // Nothing here can panic (a line that cannot be written ends the child through
            // `leave`), so the child never unwinds into the parent's code below.
            cpu_intensive_task(log.exiting_with(leave), name);
            leave(0)
        }
        pid => Ok(pid),
    }
}

/// Ends a forked child with `status`, as Python's forked children end with `os._exit`.
fn leave(status: i32) -> ! {
    let _ = io::stdout().flush();
    // SAFETY: `_exit` ends the child at once. Unlike `exit` it skips the clean-up that belongs
    // to the parent (atexit handlers), and the child never returns into the parent's code.
    unsafe { libc::_exit(status) }
}

/// `join()`: waits until the child ends and reaps it, so that no zombie is left. Python's `join`
/// does not check how the child ended; this one names a child that failed, and returns false.
fn join(name: &str, pid: libc::pid_t) -> bool {
    let mut status = 0;
    // A signal caught by a handler set without `SA_RESTART` interrupts `waitpid` (EINTR,
    // signal(7)), and std's runtime sets such handlers for SIGSEGV and SIGBUS (to report a stack
    // overflow): wait again then.
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            shared::error(format_args!("cannot wait for process {name}: {error}"));
            return false;
        }
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
    let mut children = Vec::new();
    let mut ok = true;
    for name in ["B-0", "B-1"] {
        // SAFETY: main starts no thread, so this process has one when it forks.
        match unsafe { start(log, name) } {
            Ok(pid) => children.push((name, pid)),
            Err(e) => {
                shared::error(format_args!("cannot start process {name}: {e}"));
                ok = false;
                break;
            }
        }
    }
    // Every child that started is joined, even after a failure, as Python joins its children
    // at exit.
    for (name, pid) in children {
        ok &= join(name, pid);
    }
    if !ok {
        std::process::exit(1);
    }
    log.line("All processes finished.");
}
