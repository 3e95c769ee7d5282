//! Starting a child process with `fork` and waiting for it with `wait4`: the calls behind
//! Python's `multiprocessing.Process(...).start()` and `.join()` on Linux. Every call into libc
//! is here. [`fork_child`] itself is an `unsafe fn`, because it is sound only while the process
//! has a single thread: each caller says why that holds in a `// SAFETY:` comment.
//!
//! A forked child shares nothing with its parent: it starts as a copy of the parent's memory
//! (variables, buffers, the heap), and from then on each changes only its own copy. To send a
//! result back, the child needs a pipe or another channel (the `pipe` example).
#![cfg(unix)]

use std::fmt;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};

/// A child's process id.
pub type Pid = libc::pid_t;

/// Runs `task` in a new child process and returns the child's pid; the parent goes on at once.
///
/// The child runs `task`, flushes stdout and leaves with `_exit`, with the status `task` returns
/// (0 for success), or 101 if it panicked (Rust's usual status for a panic). It never returns
/// into the caller's code, so the rest of the parent's `main` never runs twice.
///
/// # Safety
///
/// Call it only while the process has one thread. `fork` copies just the calling thread; a lock
/// that another thread held (inside `malloc`, say) stays locked forever in the child.
pub unsafe fn fork_child(task: impl FnOnce() -> i32) -> io::Result<Pid> {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush()?;
    // SAFETY: the caller guarantees that this process has a single thread, so the child starts
    // with every lock free and may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            // A panic must not unwind out of here: the child would carry on in the parent's code.
            let status = panic::catch_unwind(AssertUnwindSafe(task)).unwrap_or(101);
            let _ = io::stdout().flush();
            // SAFETY: `_exit` ends this process at once; it is always safe to call. Unlike
            // `exit`, it skips the clean-up (atexit handlers, destructors) that belongs to the
            // parent, as Python's forked children do with `os._exit`.
            unsafe { libc::_exit(status) }
        }
        pid => Ok(pid),
    }
}

/// Waits until child `pid` ends, reaps it (no zombie is left), and tells how it ended.
pub fn wait_child(pid: Pid) -> io::Result<Ended> {
    wait_child_with_peak(pid).map(|(ended, _)| ended)
}

/// Like [`wait_child`], and also returns the child's peak resident memory in KiB, which the
/// kernel reports for the child as it reaps it (`wait4`).
pub fn wait_child_with_peak(pid: Pid) -> io::Result<(Ended, u64)> {
    let mut status = 0;
    // SAFETY: `rusage` is a plain C struct of integers, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: wait4 writes only to `status` and `usage`, live values we own.
        if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } == pid {
            break;
        }
        let error = io::Error::last_os_error();
        // A signal handler ran while we waited: the child is still there, so wait again.
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    let ended = if libc::WIFSIGNALED(status) {
        Ended::Killed(libc::WTERMSIG(status))
    } else {
        Ended::Exited(libc::WEXITSTATUS(status))
    };
    // Linux counts `ru_maxrss` in KiB, macOS in bytes.
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    let peak_kib = if cfg!(target_os = "macos") {
        peak / 1024
    } else {
        peak
    };
    Ok((ended, peak_kib))
}

/// How a child process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// It called `exit` or `_exit` with this status (0 is success).
    Exited(i32),
    /// A signal killed it (`SIGKILL`, `SIGSEGV`, ...).
    Killed(i32),
}

impl Ended {
    /// True for a normal exit with status 0.
    pub fn success(self) -> bool {
        self == Ended::Exited(0)
    }
}

impl fmt::Display for Ended {
    /// "exited with status 1", "was killed by SIGKILL".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Ended::Exited(code) => write!(f, "exited with status {code}"),
            Ended::Killed(signal) => match signal_name(signal) {
                Some(name) => write!(f, "was killed by {name}"),
                None => write!(f, "was killed by signal {signal}"),
            },
        }
    }
}

/// The usual name of the signals that end processes.
fn signal_name(signal: i32) -> Option<&'static str> {
    let names = [
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGILL, "SIGILL"),
        (libc::SIGABRT, "SIGABRT"),
        (libc::SIGBUS, "SIGBUS"),
        (libc::SIGFPE, "SIGFPE"),
        (libc::SIGKILL, "SIGKILL"),
        (libc::SIGSEGV, "SIGSEGV"),
        (libc::SIGPIPE, "SIGPIPE"),
        (libc::SIGALRM, "SIGALRM"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGXCPU, "SIGXCPU"),
        (libc::SIGXFSZ, "SIGXFSZ"),
    ];
    names
        .iter()
        .find(|(n, _)| *n == signal)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_how_a_child_ended() {
        assert_eq!(Ended::Exited(3).to_string(), "exited with status 3");
        assert_eq!(
            Ended::Killed(libc::SIGKILL).to_string(),
            "was killed by SIGKILL"
        );
        assert_eq!(Ended::Killed(99).to_string(), "was killed by signal 99");
        assert!(Ended::Exited(0).success() && !Ended::Exited(1).success());
    }

    #[test]
    fn waiting_for_a_pid_that_is_no_child_is_an_error() {
        // pid 1 is init, never a child of the test process.
        let error = wait_child(1).unwrap_err();
        assert_eq!(error.raw_os_error(), Some(libc::ECHILD));
    }
}
