//! Python's `subprocess.run(..., capture_output=True, timeout=...)` with std's `Command`.
//!
//! `output()` runs a program with its stdout and stderr piped, reads both to the end, waits, and
//! returns them with the exit status, as `subprocess.run(capture_output=True)` does, but with no
//! stdin (as `stdin=subprocess.DEVNULL`; `run` lets the child read its own). std's `Child` has no
//! timeout: the second run polls `try_wait` until its deadline, then kills the child and reaps it,
//! as `run(timeout=0.2)` kills and waits before it raises `TimeoutExpired`. The third is the
//! full-pipe deadlock: a child that writes 4 MiB into a pipe nobody reads blocks once the pipe's
//! buffer is full (16 pages by default on Linux, 64 KiB with 4 KiB pages, [pipe(7)]), so `wait()`
//! before reading would never return; `wait_with_output` reads while it waits, as `communicate()`
//! does ([`run_child.py`](run_child.py) shows Python's side).
//!
//! Run it with `cargo run -p process-demo --example run_child`. It prints:
//!
//! ```text
//! output(): exit status: 3, stdout "out\n", stderr "err\n"
//! timeout: still running after 0.20 s: killed, then reaped (signal: 9 (SIGKILL))
//! full pipe: not done after 0.30 s, blocked on the pipe; wait_with_output read 4194304 bytes (exit status: 0)
//! ```
//!
//! [pipe(7)]: https://man7.org/linux/man-pages/man7/pipe.7.html

use std::io;
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Waits for `child` until `timeout` has passed: `None` if it is still running then.
fn wait_timeout(child: &mut Child, timeout: Duration) -> io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        thread::sleep(Duration::from_millis(10));
    }
}

fn run(log: shared::Log) -> io::Result<()> {
    let output = Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]).output()?;
    let (stdout, stderr) =
        (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    log.line(format_args!("output(): {}, stdout {stdout:?}, stderr {stderr:?}", output.status));

    let mut sleeper = Command::new("sleep").arg("10").spawn()?;
    match wait_timeout(&mut sleeper, Duration::from_millis(200))? {
        Some(status) => log.line(format_args!("timeout: ended within 0.20 s ({status})")),
        None => {
            sleeper.kill()?;
            let status = sleeper.wait()?;
            log.line(format_args!(
                "timeout: still running after 0.20 s: killed, then reaped ({status})"
            ));
        }
    }

    let mut writer =
        Command::new("head").args(["-c", "4194304", "/dev/zero"]).stdout(Stdio::piped()).spawn()?;
    let waited = match wait_timeout(&mut writer, Duration::from_millis(300))? {
        Some(_) => "done within 0.30 s",
        None => "not done after 0.30 s, blocked on the pipe",
    };
    let output = writer.wait_with_output()?;
    let read = output.stdout.len();
    log.line(format_args!(
        "full pipe: {waited}; wait_with_output read {read} bytes ({})",
        output.status
    ));
    Ok(())
}

fn main() -> ExitCode {
    shared::no_args();
    match run(shared::Log::from_env()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            shared::error(format_args!("cannot run a child: {error}"));
            ExitCode::FAILURE
        }
    }
}
