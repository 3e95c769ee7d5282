//! Python's other way to start a process, "spawn": a fresh interpreter that loads the program
//! again, instead of a fork of the running one. It is the only way on Windows and the default on
//! macOS.
//!
//! This example runs its own executable again as each child, with `std::process::Command`: no
//! fork, no unsafe code, and it works on every OS. The children share nothing with the parent,
//! not even a copy of its memory: all they get is their arguments and environment. It prints the
//! same five lines as process-demo.
//!
//! Run it with `cargo run -p process-demo --example spawn_self`. The parent starts each child as
//! `spawn_self --child B-0` (and B-1); that is the only argument it takes.
#![forbid(unsafe_code)]

use std::process::{Command, ExitCode};

use shared::Log;

fn main() -> ExitCode {
    let log = Log::from_env();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => parent(log),
        [flag, name] if flag == "--child" && (name == "B-0" || name == "B-1") => {
            cpu_intensive_task(log, name);
            ExitCode::SUCCESS
        }
        _ => shared::usage_error("expected no argument, or `--child B-0` or `--child B-1`"),
    }
}

fn parent(log: Log) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            shared::error(format_args!("cannot find this program's executable: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let mut children = Vec::new();
    let mut ok = true;
    for name in ["B-0", "B-1"] {
        match Command::new(&exe).args(["--child", name]).spawn() {
            Ok(child) => children.push((name, child)),
            Err(e) => {
                let started = children.len();
                shared::error(format_args!("cannot start {name} ({started} started): {e}"));
                ok = false;
                break;
            }
        }
    }
    for (name, mut child) in children {
        match child.wait() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                shared::error(format_args!("process {name} ended with {status}"));
                ok = false;
            }
            Err(e) => {
                shared::error(format_args!("cannot wait for process {name}: {e}"));
                ok = false;
            }
        }
    }
    if !ok {
        return ExitCode::FAILURE;
    }
    log.line("All processes finished.");
    ExitCode::SUCCESS
}

fn cpu_intensive_task(log: Log, name: &str) {
    log.line(format_args!("Process {name}: Starting..."));
    let count = shared::count_to(10_000_000);
    log.line(format_args!("Process {name}: Finished. Count: {count}"));
}
