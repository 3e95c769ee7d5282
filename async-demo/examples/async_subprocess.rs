//! Python's `asyncio.create_subprocess_exec` in tokio: `tokio::process::Command`, whose `output`,
//! `wait` and `kill` are futures, so that one thread awaits several children at once.
//!
//! Three children that each take 0.5 s, awaited together, take 0.5 s, as three `communicate()`
//! under `gather` do. A `timeout` over `wait()` ends the wait, not the child, as `wait_for` does
//! in Python: `kill().await` sends SIGKILL and reaps it. With `kill_on_drop(true)`, dropping the
//! `Child` kills it, and its stdout ends at once; asyncio has no such option, and a child whose
//! `Process` is dropped runs on ([`async_subprocess.py`](async_subprocess.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example async_subprocess`. It prints:
//!
//! ```text
//! 3 children of 0.5 s, awaited together: C-0 C-1 C-2 in 0.51 s
//! timeout: wait() gave up after 0.20 s, the child still running; kill().await: signal: 9 (SIGKILL)
//! kill_on_drop: the dropped child's stdout ended 0.00 s later
//! ```
#![forbid(unsafe_code)]

use std::io;
use std::process::{ExitCode, Stdio};
use std::time::Duration;

use futures::future::try_join_all;
use shared::{Log, Stopwatch};
use tokio::io::AsyncReadExt;
use tokio::process::Command;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::timeout;

/// Runs `sh -c "sleep 0.5; echo C-{i}"` and returns what it printed; an error if it could not
/// start, failed, or still ran after 5 s. Then the `Child` inside `output()` is dropped, and
/// `kill_on_drop` kills it: the shell, not the `sleep` it started, which runs its 0.5 s out.
async fn child(i: usize) -> io::Result<String> {
    let mut command = Command::new("sh");
    command.args(["-c", &format!("sleep 0.5; echo C-{i}")]).kill_on_drop(true);
    let output = match timeout(Duration::from_secs(5), command.output()).await {
        Ok(output) => {
            output.map_err(|e| io::Error::new(e.kind(), format!("cannot run C-{i}: {e}")))?
        }
        Err(_) => return Err(io::Error::other(format!("C-{i} still ran after 5 s: killed"))),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let why = format!("C-{i} ended with {}: {}", output.status, stderr.trim());
        return Err(io::Error::other(why));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

async fn run(log: Log) -> io::Result<()> {
    // A parent that ignores SIGCHLD passes that on through `exec`, and the kernel then reaps each
    // child itself, before a `wait` can. Listening for SIGCHLD puts tokio's handler in its place,
    // for the rest of the process (`tokio::signal::unix::signal`'s caveats).
    let _ = signal(SignalKind::child())?;
    let clock = Stopwatch::start();
    // `try_join_all` drops the others at the first error: `kill_on_drop` kills their children.
    let names = try_join_all((0..3).map(child)).await?;
    let secs = clock.secs();
    log.line(format_args!(
        "3 children of 0.5 s, awaited together: {} in {secs:.2} s",
        names.join(" ")
    ));

    let mut sleeper = Command::new("sleep").arg("10").spawn()?;
    match timeout(Duration::from_millis(200), sleeper.wait()).await {
        Ok(status) => {
            log.line(format_args!("timeout: the child ended within 0.20 s ({})", status?))
        }
        Err(_) => {
            let running = if sleeper.try_wait()?.is_none() { "still running" } else { "ended" };
            sleeper.kill().await?;
            let status = sleeper.wait().await?;
            log.line(format_args!(
                "timeout: wait() gave up after 0.20 s, the child {running}; kill().await: {status}"
            ));
        }
    }

    let mut child =
        Command::new("sleep").arg("10").stdout(Stdio::piped()).kill_on_drop(true).spawn()?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let clock = Stopwatch::start();
    drop(child);
    // The pipe ends (a read of 0 bytes) once no process holds its write end: the killed child's.
    let Ok(read) = timeout(Duration::from_secs(5), stdout.read(&mut [0])).await else {
        return Err(io::Error::other("the dropped child's stdout was still open after 5 s"));
    };
    read?;
    let secs = clock.secs();
    log.line(format_args!("kill_on_drop: the dropped child's stdout ended {secs:.2} s later"));
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    shared::no_args();
    match run(Log::from_env()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            shared::error(error);
            ExitCode::FAILURE
        }
    }
}
