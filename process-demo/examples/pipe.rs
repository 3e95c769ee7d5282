//! The article: "Communication between processes is typically handled via specialized mechanisms
//! like pipes or queues, as they don't share memory directly."
//!
//! Two forked children each count to ten million and send the count back through a pipe of their
//! own; the parent reads both and adds them up. A child's variables are its own copies: without
//! the pipe the parent would never see the counts. `io::pipe` is one-way, like Python's
//! `multiprocessing.Pipe(duplex=False)`; a plain `Pipe()` is two-way, a socket pair on Unix
//! (`UnixStream::pair` in Rust). Their `send` pickles an object and `send_bytes` frames a
//! message; this writes a stream of bytes, read to its end ([`pipe.py`](pipe.py) shows Python's
//! side).
//!
//! The parent judges how a child ended before what it sent: a count from a child that failed
//! is refused. A fork that the OS refuses ends the run with status 1, once the children already
//! started are reaped.
//!
//! Run it with `cargo run -p process-demo --example pipe`. It prints:
//!
//! ```text
//! B-0 sent 10000000
//! B-1 sent 10000000
//! sum: 20000000
//! ```

use std::io::{self, PipeReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

const COUNT: u64 = 10_000_000;

/// Starts a child that counts and sends the count through a pipe of its own: returns the
/// child's pid and the pipe's reading end.
///
/// # Safety
///
/// Call it only while this process has one thread. `fork` copies just the calling thread, and
/// the child starts with every lock as it was: one that another thread held (std's stdout lock,
/// say) stays locked forever in the child.
unsafe fn start() -> io::Result<(libc::pid_t, PipeReader)> {
    let (reader, mut writer) = io::pipe()?;
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush()?;
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
            // The child: count, send the count in one write, leave. Nothing here can panic,
            // so the child never unwinds into the parent's code.
            let sent = writer.write_all(format!("{}\n", shared::count_to(COUNT)).as_bytes());
            // SAFETY: `_exit` ends the child at once, skipping the parent's clean-up (atexit
            // handlers), and it never returns into the parent's loop.
            unsafe { libc::_exit(if sent.is_ok() { 0 } else { 1 }) }
        }
        pid => {
            // The parent closes its copy of the writing end: `reader` sees end-of-file only
            // when no process holds one any more, that is once the child has exited.
            drop(writer);
            Ok((pid, reader))
        }
    }
}

/// Waits until child `pid` ends, reaps it, and tells how it ended.
fn wait(pid: libc::pid_t) -> ExitStatus {
    let mut status = 0;
    // A signal caught by a handler set without `SA_RESTART` interrupts `waitpid` (EINTR,
    // signal(7)), and std's runtime sets such handlers for SIGSEGV and SIGBUS (to report a stack
    // overflow): wait again then.
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        let error = io::Error::last_os_error();
        // Not ECHILD: SIGCHLD's default action was set before the fork, so the child is kept.
        assert_eq!(
            error.kind(),
            io::ErrorKind::Interrupted,
            "cannot wait for process {pid}: {error}"
        );
    }
    ExitStatus::from_raw(status)
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let mut children = Vec::new();
    for name in ["B-0", "B-1"] {
        // SAFETY: main starts no thread, so this process has one when it forks.
        match unsafe { start() } {
            Ok((pid, reader)) => children.push((name, pid, reader)),
            Err(e) => {
                shared::error(format_args!("cannot start process {name}: {e}"));
                // Reap the children already started, as Python joins its children at exit. A
                // count fits in the pipe's buffer, so they finish without a reader.
                for (_, pid, _) in children {
                    wait(pid);
                }
                std::process::exit(1);
            }
        }
    }
    let (mut sum, mut ok, mut sent_lines) = (0, true, Vec::new());
    for (name, pid, mut reader) in children {
        // Read to the end before waiting: a child whose message fills the pipe cannot exit
        // until someone reads it.
        let mut sent = String::new();
        let read = reader.read_to_string(&mut sent);
        let status = wait(pid);
        match sent.trim().parse::<u64>() {
            Ok(count) if status.success() && read.is_ok() => {
                sent_lines.push(format!("{name} sent {count}"));
                sum += count;
            }
            _ => {
                let what = format!("{status} and sent {sent:?}");
                shared::error(format_args!("process {name} (pid {pid}) ended with {what}"));
                ok = false;
            }
        }
    }
    // Printed once every child is reaped: a line that cannot be written ends the program.
    sent_lines.iter().for_each(|line| log.line(line));
    if !ok {
        std::process::exit(1);
    }
    log.line(format_args!("sum: {sum}"));
}
