//! The article: "Communication between processes is typically handled via specialized mechanisms
//! like pipes or queues, as they don't share memory directly."
//!
//! Two forked children each count to ten million and send the count back through a pipe of their
//! own; the parent reads both and adds them up. A child's variables are its own copies: without
//! the pipe the parent would never see the counts. Python's `multiprocessing.Pipe` is the same
//! thing, with pickling on top.
//!
//! Run it with `cargo run -p process-demo --example pipe`. It prints:
//!
//! ```text
//! B-0 sent 10000000
//! B-1 sent 10000000
//! sum: 20000000
//! ```

use std::io::{self, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

const COUNT: u64 = 10_000_000;

/// `fork()`, for process `name`: the child gets 0, the parent the child's pid.
fn fork(name: &str) -> libc::pid_t {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush().expect("cannot flush stdout");
    // SAFETY: `fork` copies only the calling thread, and main has started no other: the child
    // starts with no lock held by a thread that is gone, so it may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => panic!("cannot start process {name}: {}", io::Error::last_os_error()),
        pid => pid,
    }
}

/// Waits until child `pid` ends, reaps it, and tells how it ended.
fn wait(pid: libc::pid_t) -> ExitStatus {
    let mut status = 0;
    // SAFETY: `waitpid` writes only to `status`, an integer this function owns.
    if unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {
        panic!("cannot wait for process {pid}: {}", io::Error::last_os_error());
    }
    ExitStatus::from_raw(status)
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let mut children = Vec::new();
    for name in ["B-0", "B-1"] {
        let (reader, mut writer) = io::pipe().expect("cannot make a pipe");
        let pid = fork(name);
        if pid == 0 {
            // The child: count, send the count, leave.
            let sent = writeln!(writer, "{}", shared::count_to(COUNT));
            // SAFETY: `_exit` ends the child at once, skipping the parent's clean-up (atexit
            // handlers), and it never returns into the parent's loop.
            unsafe { libc::_exit(if sent.is_ok() { 0 } else { 1 }) }
        }
        // The parent closes its copy of the writing end: `reader` sees end-of-file only when no
        // process holds one any more, that is once the child has exited.
        drop(writer);
        children.push((name, pid, reader));
    }
    let mut sum = 0;
    for (name, pid, mut reader) in children {
        // Read to the end before waiting: a child whose message fills the pipe cannot exit
        // until someone reads it.
        let mut sent = String::new();
        reader.read_to_string(&mut sent).expect("cannot read from the pipe");
        let status = wait(pid);
        let count: u64 = sent.trim().parse().unwrap_or_else(|_| {
            panic!("process {name} ended with {status} and sent {sent:?}, not a count")
        });
        log.line(format_args!("{name} sent {count}"));
        sum += count;
    }
    log.line(format_args!("sum: {sum}"));
}
