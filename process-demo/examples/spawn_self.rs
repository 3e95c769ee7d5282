//! Python's other way to start a process, "spawn": a fresh interpreter that loads the program
//! again, instead of a fork of the running one. It is the only way on Windows, the default on
//! macOS, and the fallback of Linux's default from Python 3.14 on ("forkserver").
//!
//! This example runs its own executable again as each child, with `std::process::Command`: no
//! fork, no unsafe code, and it works on every OS. The children share nothing with the parent,
//! not even a copy of its memory: all they get is their arguments and environment. It prints the
//! same five lines as process-demo.
//!
//! Run it with `cargo run -p process-demo --example spawn_self`. The parent starts each child as
//! `spawn_self --child B-0` (and B-1); that is the only argument it takes.
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
    let exe = std::env::current_exe().expect("cannot find this program's executable");
    let children = ["B-0", "B-1"].map(|name| {
        let child = Command::new(&exe).args(["--child", name]).spawn();
        (name, child.unwrap_or_else(|e| panic!("cannot start process {name}: {e}")))
    });
    // `join()` each; both are reaped before the run fails for either.
    let statuses = children.map(|(name, mut child)| (name, child.wait().expect("cannot wait")));
    for (name, status) in &statuses {
        if !status.success() {
            shared::error(format_args!("process {name} ended with {status}"));
        }
    }
    if statuses.iter().any(|(_, status)| !status.success()) {
        std::process::exit(1);
    }
    log.line("All processes finished.");
}
