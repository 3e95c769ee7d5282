//! Python's other way to start a process, "spawn": a fresh interpreter that loads the program
//! again, instead of a fork of the running one. It is the default on Windows and macOS. From
//! Python 3.14 the other POSIX systems, Linux among them, default to "forkserver" instead: a
//! server process, started for the purpose, forks each child, with the descriptors the parent
//! sends it over a Unix-domain socket ([start methods]).
//!
//! This example runs its own executable again as each child, with `std::process::Command`: no
//! fork and no unsafe code. The children get no copy of the parent's
//! memory; they get their arguments, what `Command` passes on by default ([`Command::new`]) and
//! what `execve` keeps (process-demo's README lists both). It prints the same five lines as
//! process-demo ([`spawn_self.py`](spawn_self.py) shows Python's side); a child that the OS
//! refuses ends the run with status 1, once the one started is reaped.
//!
//! Run it with `cargo run -p process-demo --example spawn_self`. The parent starts each child as
//! `spawn_self --child B-0` (and B-1); that is the only argument it takes. It prints (the
//! children's lines in the order they come):
//!
//! ```text
//! Process B-0: Starting...
//! Process B-1: Starting...
//! Process B-0: Finished. Count: 10000000
//! Process B-1: Finished. Count: 10000000
//! All processes finished.
//! ```
//!
//! [start methods]: https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
#![forbid(unsafe_code)]

use std::process::Command;

use shared::Log;

fn cpu_intensive_task(log: Log, name: &str) {
    log.line(format_args!("Process {name}: Starting..."));
    let count = shared::count_to(10_000_000);
    log.line(format_args!("Process {name}: Finished. Count: {count}"));
}

fn main() {
    let log = Log::from_env();
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    match args.as_slice() {
        [] => {}
        [flag, name] if flag == "--child" && (name == "B-0" || name == "B-1") => {
            return cpu_intensive_task(log, &name.to_string_lossy());
        }
        _ => shared::usage_error("expected no argument, or `--child B-0` or `--child B-1`"),
    }
    // The parent. `Process(...).start()` with the "spawn" method: this program, run again.
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            shared::error(format_args!("cannot find this program's executable: {e}"));
            std::process::exit(1);
        }
    };
    let mut children = Vec::new();
    let mut ok = true;
    for name in ["B-0", "B-1"] {
        match Command::new(&exe).args(["--child", name]).spawn() {
            Ok(child) => children.push((name, child)),
            Err(e) => {
                shared::error(format_args!("cannot start process {name}: {e}"));
                ok = false;
                break;
            }
        }
    }
    // `join()` every child that started, even after a failure, as Python joins its children at
    // exit.
    for (name, mut child) in children {
        match child.wait() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                shared::error(format_args!("process {name} ended with {status}"));
                ok = false;
            }
            // With SIGCHLD ignored, which a program can inherit through `exec`, the kernel reaps
            // each child itself and there is no status left to wait for (ECHILD).
            Err(e) => {
                shared::error(format_args!("cannot wait for process {name}: {e}"));
                ok = false;
            }
        }
    }
    if !ok {
        std::process::exit(1);
    }
    log.line("All processes finished.");
}
