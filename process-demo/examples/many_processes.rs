//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures the processes' part: N forked children each sleep 1 s at once, and whatever the
//! run takes beyond 1 s is the cost of forking, scheduling and reaping them, and of whatever part
//! of reading their memory outlasts the last child's 1 s of sleep (each child waits until every
//! one has been read).
//!
//! Run it with `cargo run --release -p process-demo --example many_processes N` (N from 1 to
//! 100000). It prints one line, in the format many_threads and many_tasks print too:
//!
//! ```text
//! model=processes n=N wall_s=S overhead_s=S overhead_us_per_unit=U peak_rss_kib=K rss_kib_per_unit=K
//! ```
//!
//! The memory (`peak_rss_kib`, the field the other scale examples fill with their peak) is what
//! the parent and its children hold once all have started: the sum of their `Pss` in
//! `/proc/PID/smaps_rollup` ([the kernel's proc docs]), which divides a page among the processes
//! that map it (a page that other processes map too, libc's code say, is counted only in part).
//! A child's resident memory would count again every page it still shares, copy-on-write, with
//! its parent. A child that has slept its second before the parent has read the memory (the forks
//! took that long) waits for it, so that every child is counted. When the OS refuses a fork, the
//! run says how many children started and why, reaps them, and exits with 1.
//!
//! [the kernel's proc docs]: https://docs.kernel.org/filesystems/proc.html

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use process_tools::{Pid, fork_child, wait_child};

fn main() -> ExitCode {
    let log = shared::Log::from_env();
    let n = shared::required_count_arg("N", 100_000);
    // Were SIGCHLD ignored (passed on through `exec`), the kernel would reap the children, not
    // `wait_child`.
    process_tools::default_sigchld();
    // After its sleep, a child reads this pipe, which gives it 0 bytes (end of file) once no
    // process holds the write end: once the parent has read the memory and dropped its copy.
    let (reader, writer) = match std::io::pipe() {
        Ok(pipe) => pipe,
        Err(e) => {
            shared::error(format_args!("cannot make a pipe: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let mut writer = Some(writer);
    let clock = shared::Stopwatch::start();
    let mut children = Vec::new();
    let mut ok = true;
    for i in 0..n {
        let child = || {
            drop(writer.take()); // the child's copy of the write end; the parent keeps its own
            std::thread::sleep(Duration::from_secs(1));
            let _ = (&reader).read(&mut [0]);
            0
        };
        // SAFETY: main has started no thread, so this process has one thread when it forks.
        match unsafe { fork_child(child) } {
            Ok(pid) => children.push(pid),
            Err(e) => {
                shared::error(format_args!("cannot start child {i} ({i} started): {e}"));
                ok = false;
                break;
            }
        }
    }
    // Every process's share of the memory, while the children sleep; `None` if one has ended.
    let parent = Pid::try_from(std::process::id()).expect("a pid fits a pid_t");
    let memory: Option<u64> =
        std::iter::once(parent).chain(children.iter().copied()).map(pss_kib).sum();
    drop(writer);
    // Reap every child that started, even after an error: none is left behind.
    for (i, pid) in children.into_iter().enumerate() {
        match wait_child(pid) {
            Ok((ended, _)) if ended.success() => {}
            Ok((ended, _)) => {
                shared::error(format_args!("child {i} (pid {pid}) ended with {ended}"));
                ok = false;
            }
            Err(e) => {
                shared::error(format_args!("cannot wait for child {i} (pid {pid}): {e}"));
                ok = false;
            }
        }
    }
    if !ok {
        return ExitCode::FAILURE;
    }
    let wall = clock.secs();
    log.line(shared::scale_summary("processes", n, wall, memory));
    ExitCode::SUCCESS
}

/// The `Pss` of process `pid` in KiB: its resident pages, each divided by the number of processes
/// that map it. `None` once the process has ended (a zombie maps nothing), or where the file
/// cannot be read (outside Linux, or with no `/proc`).
fn pss_kib(pid: Pid) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|line| line.starts_with("Pss:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
