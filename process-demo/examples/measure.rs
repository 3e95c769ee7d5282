//! Runs a command and prints its wall time and peak resident memory, with nothing installed but
//! Rust: `scripts/compare.sh` measures the three demos with it.
//!
//! Run it with `cargo run --release -p process-demo --example measure -- COMMAND [ARGS...]`.
//! The command's output passes through; then `measure` prints one line:
//!
//! ```text
//! wall_s=S peak_rss_kib=K
//! ```
//!
//! The peak is the one the kernel reports as it reaps the command (`wait4`): the largest resident
//! memory of the command's process or of any child that process waited for, as GNU time reports.
//! It is never below what `measure` itself holds as it starts the command: std's `Command` starts
//! it through glibc's `posix_spawn`, whose vfork-style `clone3(CLONE_VM | CLONE_VFORK)` (glibc
//! 2.34 and later; `strace -f` shows it) runs the child in `measure`'s memory until `exec`, and the
//! kernel counts that memory into the child's peak as `exec` replaces it. `measure true` shows that floor.

use std::process::{Command, ExitCode};

const USAGE: &str = "expected a command to run: measure COMMAND [ARGS...]";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let program = match args.next() {
        Some(program) if !program.to_string_lossy().starts_with('-') => program,
        _ => shared::usage_error(USAGE),
    };
    let name = program.to_string_lossy().into_owned();
    // With SIGCHLD ignored, inherited through `exec`, the kernel would reap the command itself
    // and leave no figures to `wait_child`; the command starts with the default action too.
    process_tools::default_sigchld();
    let clock = shared::Stopwatch::start();
    let child = match Command::new(&program).args(args).spawn() {
        Ok(child) => child,
        Err(e) => {
            shared::error(format_args!("cannot run {name}: {e}"));
            return ExitCode::FAILURE;
        }
    };
    // Reaped here rather than by `child.wait()`, which does not report the memory.
    let pid = process_tools::Pid::try_from(child.id()).expect("a pid fits a pid_t");
    match process_tools::wait_child(pid) {
        Ok((ended, peak_kib)) if ended.success() => {
            let wall = clock.secs();
            shared::Log::new(false).line(format_args!("wall_s={wall:.3} peak_rss_kib={peak_kib}"));
            ExitCode::SUCCESS
        }
        Ok((ended, _)) => {
            shared::error(format_args!("{name} ended with {ended}"));
            ExitCode::FAILURE
        }
        Err(e) => {
            shared::error(format_args!("cannot wait for {name}: {e}"));
            ExitCode::FAILURE
        }
    }
}
