//! What the tools among process-demo's examples share (`many_processes`, `measure`): fork a
//! child that runs a closure, and reap a child with the peak memory the kernel reports for it.
//! The port (`main.rs`) and the teaching examples spell their `fork` and `waitpid` out instead.
//! The tests' harness sends its signals through [`send_signal`], so that no other crate needs
//! `unsafe` and no test spawns `kill`.
//!
//! Being a library, it takes more care than they do: it catches a panic in the child, since it
//! runs whatever closure it is given. The teaching files run code in the child that cannot
//! panic, and say so where they fork.

use std::io::{self, Write};
use std::os::unix::process::CommandExt;
use std::os::unix::process::ExitStatusExt;
use std::panic::{self, AssertUnwindSafe};
use std::process::{Command, ExitStatus};

/// A child's process id.
pub type Pid = libc::pid_t;

/// Runs `task` in a new child process and returns the child's pid; the parent goes on at once.
/// The child leaves with `_exit` and the status `task` returns, or 101 if it panicked: it never
/// returns into the caller's code. `task` must not end the process itself through
/// `std::process::exit`, which runs the parent's clean-up: a `shared::Log` does that when stdout
/// fails, unless [`Log::exiting_with`](shared::Log::exiting_with) gave it a function that calls
/// `libc::_exit`.
///
/// # Safety
///
/// Call it only while the process has one thread. `fork` copies just the calling thread, and the
/// child starts with every lock as it was: one that another thread held (std's stdout lock, the
/// environment's lock) stays locked forever in the child. glibc's `malloc` is the exception: its
/// `fork` takes the arenas' locks first and resets them in the child.
pub unsafe fn fork_child(task: impl FnOnce() -> i32) -> io::Result<Pid> {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush()?;
    // SAFETY: the caller guarantees that this process has a single thread, so the child starts
    // with no lock held by a thread that is gone, and may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            // A panic must not unwind out of here: the child would carry on in the parent's code.
            let status = panic::catch_unwind(AssertUnwindSafe(task)).unwrap_or(101);
            let _ = io::stdout().flush();
            // SAFETY: `_exit` ends this process at once, skipping the parent's clean-up.
            unsafe { libc::_exit(status) }
        }
        pid => Ok(pid),
    }
}

/// Waits until child `pid` ends and reaps it; returns how it ended and its peak resident memory
/// in KiB, which the kernel reports as it reaps the child (`wait4`).
pub fn wait_child(pid: Pid) -> io::Result<(ExitStatus, u64)> {
    let mut status = 0;
    // SAFETY: `rusage` is a plain C struct of integers, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // A signal handler set without `SA_RESTART` interrupts `wait4` when it runs while we wait
    // (signal(7)); the child is still there.
    // SAFETY: wait4 writes only to `status` and `usage`, live values we own.
    while unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } != pid {
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    // Linux counts `ru_maxrss` in KiB, macOS in bytes.
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    let peak_kib = if cfg!(target_os = "macos") { peak / 1024 } else { peak };
    Ok((ExitStatus::from_raw(status), peak_kib))
}

pub use libc::{SIGCONT, SIGINT, SIGKILL, SIGSTOP, SIGTERM};

/// Sends `signal` to process `pid`, or to every process of group `-pid` when `pid` is negative,
/// as `kill(2)` does. It refuses the two pids for which `kill` reaches further: -1, every process
/// the caller may signal, and 0, the caller's own process group.
pub fn send_signal(pid: Pid, signal: libc::c_int) -> io::Result<()> {
    if pid == 0 || pid == -1 {
        let what = format!("send_signal({pid}, ..) would signal more than one process or group");
        return Err(io::Error::new(io::ErrorKind::InvalidInput, what));
    }
    // SAFETY: `kill` takes two integers and reads or writes no memory of this process.
    if unsafe { libc::kill(pid, signal) } == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// Makes the program that `command` runs start with SIGINT's default action, which ends it, even
/// where this process ignores SIGINT, as a job that a non-interactive shell starts in the
/// background does: a signal ignored stays ignored across `fork` and `exec` (signal(7)).
pub fn default_sigint(command: &mut Command) -> &mut Command {
    // SAFETY: the closure runs in the child between `fork` and `exec`, where only
    // async-signal-safe functions may be called: `signal` is one (signal-safety(7)), and
    // `last_os_error` only reads `errno`.
    unsafe {
        command.pre_exec(|| {
            if libc::signal(libc::SIGINT, libc::SIG_DFL) == libc::SIG_ERR {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

/// Sets SIGCHLD's action in this process to the default, whatever it was (ignored, say), so
/// that the children it starts are kept until it waits for them. A program can start with
/// SIGCHLD ignored, passed on through `exec` by whoever started it; the kernel then reaps each
/// child itself, and a wait for a child fails with ECHILD once that child has ended
/// ([waitpid(2)], NOTES).
///
/// [waitpid(2)]: https://man7.org/linux/man-pages/man2/waitpid.2.html
pub fn default_sigchld() {
    // SAFETY: `signal` with `SIG_DFL` installs no handler and touches no memory of this process.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_DFL) };
}

/// Makes the program that `command` runs start with SIGCHLD ignored, as a parent that ignores it
/// passes on through `exec`: for the tests of programs that must still reap their children.
pub fn ignore_sigchld(command: &mut Command) -> &mut Command {
    // SAFETY: as in `default_sigint`, the closure calls only `signal`, which is
    // async-signal-safe, and reads `errno`.
    unsafe {
        command.pre_exec(|| {
            if libc::signal(libc::SIGCHLD, libc::SIG_IGN) == libc::SIG_ERR {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn waiting_for_a_pid_that_is_no_child_is_an_error() {
        // pid 1 is init, never a child of the test process.
        let error = super::wait_child(1).unwrap_err();
        assert_eq!(error.raw_os_error(), Some(libc::ECHILD));
    }

    #[test]
    fn a_signal_to_no_process_is_an_error() {
        // Signal 0 checks only that the process exists; pid_t::MAX is beyond Linux's pid_max.
        let error = super::send_signal(libc::pid_t::MAX, 0).unwrap_err();
        assert_eq!(error.raw_os_error(), Some(libc::ESRCH));
        super::send_signal(std::process::id() as libc::pid_t, 0).unwrap();
    }

    #[test]
    fn a_signal_to_every_process_or_to_the_callers_group_is_refused() {
        // Signal 0 sends nothing, were the refusal missing.
        for pid in [0, -1] {
            let error = super::send_signal(pid, 0).unwrap_err();
            assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{pid}");
        }
    }
}
