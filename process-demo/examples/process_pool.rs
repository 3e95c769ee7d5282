//! Python's `multiprocessing.Pool(3).map(f, items)` in Rust: three forked workers share the
//! items, send each result back through a pipe, and are reaped when the work is done.
//!
//! Worker k takes items k, k + 3, k + 6, ...; it writes each result as one line, `index result
//! pid`, in one write into its own pipe, then leaves with `_exit`. A blocking write of at most
//! `PIPE_BUF` bytes into a pipe is all or nothing ([pipe(7)]): it waits until the whole line fits,
//! so a worker killed on the way leaves whole lines only. The parent reads every pipe to the end,
//! waits for every worker, judges how each ended before what it sent, and puts the results back in
//! the items' order, as `map` returns them. Python's pool hands out work over a shared queue and
//! pickles it; here each worker already has the items, in its copy of the parent's memory, and
//! only the results need a pipe ([`process_pool.py`](process_pool.py) shows Python's side). A
//! worker that failed, or a fork that the OS refused, ends the run with status 1, once every
//! worker that started is reaped.
//!
//! Run it with `cargo run -p process-demo --example process_pool`. It prints:
//!
//! ```text
//! results: [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]
//! the results came from 3 processes other than this one, all reaped
//! ```
//!
//! [pipe(7)]: https://man7.org/linux/man-pages/man7/pipe.7.html

use std::collections::BTreeSet;
use std::io::{self, PipeReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

const WORKERS: usize = 3;

fn f(x: u64) -> u64 {
    x * x
}

/// Starts worker `k` on its share of `items`: returns its pid and its pipe's reading end.
///
/// # Safety
///
/// Call it only while this process has one thread. `fork` copies just the calling thread, and
/// the child starts with every lock as it was: one that another thread held (std's stdout lock,
/// say) stays locked forever in the child.
unsafe fn start(k: usize, items: &[u64]) -> io::Result<(libc::pid_t, PipeReader)> {
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
            // The worker: one line per result, each in one write. Nothing here can panic (the
            // squares of 1 to 10 do not overflow), so it never unwinds into the parent's code.
            let mut sent = Ok(());
            for index in (k..items.len()).step_by(WORKERS) {
                let line = format!("{index} {} {}\n", f(items[index]), std::process::id());
                sent = sent.and_then(|()| writer.write_all(line.as_bytes()));
            }
            // SAFETY: `_exit` ends the worker at once, skipping the parent's clean-up (atexit
            // handlers), and it never returns into the parent's loop.
            unsafe { libc::_exit(if sent.is_ok() { 0 } else { 1 }) }
        }
        pid => {
            // Closing the parent's copy of the writing end lets `reader` see end-of-file.
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

/// Reads a line `index result pid` of a worker's, for an index below `len`.
fn parse(line: &str, len: usize) -> Option<(usize, u64, u32)> {
    let [index, result, pid] = line.split(' ').collect::<Vec<_>>()[..] else {
        return None;
    };
    let index = index.parse().ok().filter(|&index| index < len)?;
    Some((index, result.parse().ok()?, pid.parse().ok()?))
}

fn main() {
    shared::no_args();
    let log = shared::Log::from_env();
    let items: Vec<u64> = (1..=10).collect();
    let mut workers = Vec::new();
    for k in 0..WORKERS {
        // SAFETY: main starts no thread, so this process has one when it forks.
        match unsafe { start(k, &items) } {
            Ok(worker) => workers.push(worker),
            Err(e) => {
                shared::error(format_args!("cannot start worker {k}: {e}"));
                // Reap the workers already started, as Python joins its children at exit.
                // Their few lines fit in the pipe's buffer, so they finish without a reader.
                for (pid, _) in workers {
                    wait(pid);
                }
                std::process::exit(1);
            }
        }
    }
    let mut results = vec![None; items.len()];
    let mut senders = BTreeSet::new();
    let mut ok = true;
    for (k, (pid, mut reader)) in workers.into_iter().enumerate() {
        // Read to the end before waiting: a worker whose results fill the pipe cannot exit
        // until someone reads them.
        let mut sent = String::new();
        let read = reader.read_to_string(&mut sent);
        let status = wait(pid);
        if !status.success() || read.is_err() {
            shared::error(format_args!("worker {k} (pid {pid}) ended with {status}"));
            ok = false;
            continue;
        }
        for line in sent.lines() {
            match parse(line, items.len()) {
                Some((index, result, sender)) => {
                    results[index] = Some(result);
                    senders.insert(sender);
                }
                None => {
                    shared::error(format_args!("worker {k} sent {line:?}, not `index result pid`"));
                    ok = false;
                }
            }
        }
    }
    if ok && results.contains(&None) {
        shared::error("the workers sent no result for some items");
        ok = false;
    }
    if !ok {
        std::process::exit(1);
    }
    let results: Vec<u64> = results.into_iter().flatten().collect();
    log.line(format_args!("results: {results:?}"));
    let others = senders.iter().filter(|&&pid| pid != std::process::id()).count();
    log.line(format_args!(
        "the results came from {others} processes other than this one, all reaped"
    ));
}
