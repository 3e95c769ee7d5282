//! The article: "Communication between processes is typically handled via specialized mechanisms
//! like pipes or queues, as they don't share memory directly."
//!
//! Two forked children each count to ten million and send the count back through a pipe of their
//! own; the parent reads both, checks them, and adds them up. A child's variables are its own
//! copies: without the pipe the parent would never see the counts.
//!
//! Run it with `cargo run -p process-demo --example pipe`. It prints:
//!
//! ```text
//! B-0 sent 10000000
//! B-1 sent 10000000
//! sum: 20000000
//! ```

#[cfg(unix)]
use std::io::{PipeReader, Read, Write};
use std::process::ExitCode;

const COUNT: u64 = 10_000_000;

#[cfg(unix)]
fn main() -> ExitCode {
    shared::no_args();
    let log = shared::Log::from_env();
    let mut children = Vec::new();
    let mut ok = true;
    for i in 0..2 {
        let name = format!("B-{i}");
        let (reader, mut writer) = match std::io::pipe() {
            Ok(pipe) => pipe,
            Err(e) => {
                shared::error(format_args!("cannot make a pipe for {name}: {e}"));
                ok = false;
                break;
            }
        };
        let child = move || match writeln!(writer, "{}", shared::count_to(COUNT)) {
            Ok(()) => 0,
            Err(e) => {
                shared::error(format_args!("cannot write to the pipe: {e}"));
                1
            }
        };
        // SAFETY: main has started no thread, so this process has one thread when it forks.
        // When `fork_child` returns, the parent's copy of `child`, and so of `writer`, is dropped:
        // the reader then sees end-of-file as soon as this child has exited.
        match unsafe { process_demo::fork_child(child) } {
            Ok(pid) => children.push((name, pid, reader)),
            Err(e) => {
                let started = children.len();
                shared::error(format_args!("cannot start {name} ({started} started): {e}"));
                ok = false;
                break;
            }
        }
    }
    let mut sum = 0;
    for (name, pid, reader) in children {
        match receive(&name, pid, reader) {
            Ok(count) if count == COUNT => {
                log.line(format_args!("{name} sent {count}"));
                sum += count;
            }
            Ok(count) => {
                shared::error(format_args!("{name} sent {count}, not {COUNT}"));
                ok = false;
            }
            Err(e) => {
                shared::error(e);
                ok = false;
            }
        }
    }
    if !ok {
        return ExitCode::FAILURE;
    }
    log.line(format_args!("sum: {sum}"));
    ExitCode::SUCCESS
}

/// Reads what child `name` sent, then reaps it.
#[cfg(unix)]
fn receive(name: &str, pid: process_demo::Pid, mut reader: PipeReader) -> Result<u64, String> {
    // Read before waiting: a child whose output fills the pipe cannot exit until someone reads.
    let mut text = String::new();
    let read = reader.read_to_string(&mut text);
    let ended =
        process_demo::wait_child(pid).map_err(|e| format!("cannot wait for {name}: {e}"))?;
    if !ended.success() {
        return Err(format!("process {name} {ended}"));
    }
    read.map_err(|e| format!("cannot read from {name}: {e}"))?;
    text.trim()
        .parse()
        .map_err(|_| format!("{name} sent {text:?}, not a number"))
}

#[cfg(not(unix))]
fn main() -> ExitCode {
    eprintln!("pipe: this example needs fork(), which only Unix-like systems have");
    ExitCode::FAILURE
}
