//! How a child process ended, as Python's `Process.exitcode` tells it: four children end four
//! ways, and the parent reads each one's status from `waitpid`.
//!
//! B-0 returns; B-1 exits with status 3, as `sys.exit(3)` does; B-2 panics, and leaves with 101,
//! the status a Rust program's panicking `main` gets, where a Python child that raises gets 1;
//! B-3 is killed by SIGKILL, which Python shows as `exitcode == -9`. A forked child catches its
//! own panic (`catch_unwind`), so that it never unwinds into the parent's code, and leaves with
//! `_exit`. The parent exits with status 1, since three children failed
//! ([`child_status.py`](child_status.py) shows Python's side).
//!
//! Run it with `cargo run -p process-demo --example child_status`. It prints (and B-2's panic on
//! stderr):
//!
//! ```text
//! B-0: exit status: 0 (exitcode 0)
//! B-1: exit status: 3 (exitcode 3)
//! B-2: exit status: 101 (exitcode 101)
//! B-3: signal: 9 (SIGKILL) (exitcode -9)
//! ```

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::panic;
use std::process::{ExitCode, ExitStatus};
use std::time::Duration;

/// What each child does: the status it leaves with.
fn returns() -> i32 {
    0
}
fn exits_with_3() -> i32 {
    3
}
fn panics() -> i32 {
    panic!("B-2 got a bad input")
}
fn sleeps() -> i32 {
    std::thread::sleep(Duration::from_secs(10));
    0
}

/// Starts a child that runs `work` and leaves with the status it returns, or with 101 if it
/// panics.
///
/// # Safety
///
/// Call it only while this process has one thread. `fork` copies just the calling thread, and
/// the child starts with every lock as it was: one that another thread held (std's stdout lock,
/// say) stays locked forever in the child.
unsafe fn start(work: fn() -> i32) -> io::Result<libc::pid_t> {
    // A program can start with SIGCHLD ignored, passed on through `exec`: the kernel then reaps
    // each child itself, and `waitpid` fails (waitpid(2), NOTES). The default action keeps the
    // child for `wait`.
    // SAFETY: `signal` with `SIG_DFL` installs no handler and touches no memory of this process.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_DFL) };
    // SAFETY: the caller guarantees that this process has one thread, so the child starts with no
    // lock held by a thread that is gone, and may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            let status = panic::catch_unwind(work).unwrap_or(101);
            // SAFETY: `_exit` ends the child at once, skipping the parent's clean-up (atexit
            // handlers), and it never returns into the parent's code.
            unsafe { libc::_exit(status) }
        }
        pid => Ok(pid),
    }
}

/// Waits until child `pid` ends, reaps it, and tells how it ended.
fn wait(pid: libc::pid_t) -> io::Result<ExitStatus> {
    let mut status = 0;
    // A signal caught by a handler set without `SA_RESTART` interrupts `waitpid` (EINTR,
    // signal(7)), and std's runtime sets such handlers for SIGSEGV and SIGBUS (to report a stack
    // overflow): wait again then.
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    Ok(ExitStatus::from_raw(status))
}

fn main() -> ExitCode {
    shared::no_args();
    let log = shared::Log::from_env();
    let works: [fn() -> i32; 4] = [returns, exits_with_3, panics, sleeps];
    let mut children = Vec::new();
    for (n, work) in works.into_iter().enumerate() {
        // SAFETY: main starts no thread, so this process has one when it forks.
        match unsafe { start(work) } {
            Ok(pid) => children.push((format!("B-{n}"), pid)),
            Err(error) => shared::error(format_args!("cannot start B-{n}: {error}")),
        }
    }
    let mut failed = children.len() < works.len();
    if let Some(&(_, sleeper)) = children.iter().find(|(name, _)| name == "B-3") {
        // `p.kill()`. SAFETY: `kill` takes two integers and touches no memory of this process.
        if unsafe { libc::kill(sleeper, libc::SIGKILL) } == -1 {
            shared::error(format_args!("cannot kill B-3: {}", io::Error::last_os_error()));
            failed = true;
        }
    }
    // Every child is reaped before anything is printed: a line that cannot be written ends
    // the program, and no child may be left unwaited for.
    let mut lines = Vec::new();
    for (name, pid) in children {
        match wait(pid) {
            Ok(status) => {
                // Python's exitcode: the exit status, or minus the signal that ended the child.
                let exitcode = status.code().or(status.signal().map(|signal| -signal));
                let exitcode = exitcode.map_or("?".to_owned(), |code| code.to_string());
                lines.push(format!("{name}: {status} (exitcode {exitcode})"));
                failed |= !status.success();
            }
            Err(error) => {
                shared::error(format_args!("cannot wait for {name}: {error}"));
                failed = true;
            }
        }
    }
    lines.iter().for_each(|line| log.line(line));
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
