//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures the processes' part: N forked children each sleep 1 s at once, and whatever the
//! run takes beyond 1 s is the cost of forking, scheduling and reaping them.
//!
//! Run it with `cargo run --release -p process-demo --example many_processes N` (N from 1 to
//! 100000). It prints one line, in the format many_threads and many_tasks print too; in a
//! release build on a 2-core machine:
//!
//! ```text
//! model=processes n=1000 wall_s=1.074 overhead_s=0.074 overhead_us_per_unit=74.4 peak_rss_kib=389544 rss_kib_per_unit=389.54
//! ```
//!
//! The memory is the parent's peak plus each child's. A child's resident memory counts the
//! pages it still shares, copy-on-write, with its parent, so the total overstates what the
//! children cost: it is what `ps` or `top` would add up. When the OS refuses a fork, the run
//! says how many children started and why, reaps them, and exits with 1.

use std::process::ExitCode;
use std::time::Duration;

use process_tools::{fork_child, wait_child};

fn main() -> ExitCode {
    let log = shared::Log::from_env();
    let n = shared::required_count_arg("N", 100_000);
    // Children inherited SIGCHLD ignored would be reaped by the kernel, not by `wait_child`.
    process_tools::default_sigchld();
    let clock = shared::Stopwatch::start();
    let mut children = Vec::new();
    let mut ok = true;
    for i in 0..n {
        let child = || {
            std::thread::sleep(Duration::from_secs(1));
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
    // Reap every child that started, even after an error: none is left behind.
    let mut children_kib = 0;
    for (i, pid) in children.into_iter().enumerate() {
        match wait_child(pid) {
            Ok((ended, peak_kib)) if ended.success() => children_kib += peak_kib,
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
    let peak = shared::peak_rss_kib().map(|parent_kib| parent_kib + children_kib);
    log.line(shared::scale_summary("processes", n, wall, peak));
    ExitCode::SUCCESS
}
