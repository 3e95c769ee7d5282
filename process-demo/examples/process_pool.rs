//! Python's `multiprocessing.Pool(3).map(f, items)` in Rust: three forked workers share the
//! items, send each result back through a pipe, and are reaped when the work is done.
//!
//! Worker k takes items k, k + 3, k + 6, ...; it writes one line per result, `index result pid`,
//! into its own pipe, then leaves with `_exit`. The parent reads every pipe to the end, waits for
//! every worker, and puts the results back in the items' order, as `map` returns them. Python's
//! pool hands out work over a shared queue and pickles it; here each worker already has the
//! items, in its copy of the parent's memory, and only the results need a pipe.
//!
//! Run it with `cargo run -p process-demo --example process_pool`. It prints:
//!
//! ```text
//! results: [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]
//! the results came from 3 processes other than this one, all reaped
//! ```

use std::collections::BTreeSet;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

const WORKERS: usize = 3;

fn f(x: u64) -> u64 {
    x * x
}

/// `fork()`, for worker `k`: the child gets 0, the parent the child's pid.
fn fork(k: usize) -> libc::pid_t {
    // Anything still in stdout's buffer would be copied into the child and printed twice.
    io::stdout().flush().expect("cannot flush stdout");
    // SAFETY: `fork` copies only the calling thread, and main has started no other: the child
    // starts with no lock held by a thread that is gone, so it may run ordinary Rust code.
    match unsafe { libc::fork() } {
        -1 => panic!("cannot start worker {k}: {}", io::Error::last_os_error()),
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
    let items: Vec<u64> = (1..=10).collect();
    let mut workers = Vec::new();
    for k in 0..WORKERS {
        let (reader, mut writer) = io::pipe().expect("cannot make a pipe");
        let pid = fork(k);
        if pid == 0 {
            // The worker: its share of the items, one line per result.
            let mut sent = Ok(());
            for index in (k..items.len()).step_by(WORKERS) {
                let (result, pid) = (f(items[index]), std::process::id());
                sent = sent.and_then(|()| writeln!(writer, "{index} {result} {pid}"));
            }
            // SAFETY: `_exit` ends the worker at once, skipping the parent's clean-up (atexit
            // handlers), and it never returns into the parent's loop.
            unsafe { libc::_exit(if sent.is_ok() { 0 } else { 1 }) }
        }
        // Closing the parent's copy of the writing end lets `reader` see end-of-file.
        drop(writer);
        workers.push((pid, reader));
    }
    let mut results = vec![None; items.len()];
    let mut senders = BTreeSet::new();
    for (pid, reader) in workers {
        // Read to the end before waiting: a worker whose results fill the pipe cannot exit
        // until someone reads them.
        for line in BufReader::new(reader).lines() {
            let line = line.expect("cannot read from a worker");
            let [index, result, sender] = line.split(' ').collect::<Vec<_>>()[..] else {
                panic!("not `index result pid`: {line:?}");
            };
            results[index.parse::<usize>().unwrap()] = Some(result.parse::<u64>().unwrap());
            senders.insert(sender.parse::<u32>().unwrap());
        }
        let status = wait(pid);
        assert!(status.success(), "worker (pid {pid}) ended with {status}");
    }
    let results: Vec<u64> =
        results.into_iter().map(|r| r.expect("a result for each item")).collect();
    log.line(format_args!("results: {results:?}"));
    let others = senders.iter().filter(|&&pid| pid != std::process::id()).count();
    log.line(format_args!(
        "the results came from {others} processes other than this one, all reaped"
    ));
}
