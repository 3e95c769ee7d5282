//! Ctrl-C, and a clean stop. `asyncio.run` (Python 3.11 and later) catches Ctrl-C itself: it
//! cancels the main task, whose `try`/`finally` blocks run, then raises `KeyboardInterrupt`; a
//! second Ctrl-C raises `KeyboardInterrupt` at once. tokio leaves Ctrl-C to the program, which
//! SIGINT ends at once by default; a program that wants a clean stop says so:
//!
//! 1. listen for SIGINT (Ctrl-C), and for SIGTERM, what a service manager sends to stop a
//!    service, and handle both alike: wait for them in `select!` beside the work;
//! 2. on the first, take no new job;
//! 3. let the jobs in progress finish, but wait at most a deadline (1 s) for them, and abandon
//!    (drop) those still running after it, or at once at a second signal (two of one kind that
//!    come before the first is received count as one: each `Signal` stream coalesces its own);
//!    their clean-up runs;
//! 4. exit with a status that says what happened: 0 when every job was done; 130 (128 + 2,
//!    SIGINT's number: what a shell reports for a program SIGINT ended) or 143 for SIGTERM when
//!    the program stopped early and every job it had started finished; 1 when a job had to be
//!    abandoned, as that is a failure. A parent that calls `waitpid` sees an exit, not the signal:
//!    Python (since 3.8) ends by SIGINT itself, which takes `unsafe`.
//!
//! A job starts every 0.3 s, five in all; each takes 0.5 s, but job 4 takes 2.5 s. Without a
//! signal the run ends by itself once all are done, after about 3.4 s. Unix only
//! (`tokio::signal::unix`), as process-demo is ([`graceful_shutdown.py`](graceful_shutdown.py)
//! shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example graceful_shutdown`. It prints:
//!
//! ```text
//! taking jobs; press Ctrl-C to stop early
//! job 1 started (takes 0.5 s)
//! job 2 started (takes 0.5 s)
//! job 1 finished
//! job 3 started (takes 0.5 s)
//! job 2 finished
//! job 4 started (takes 2.5 s)
//! job 3 finished
//! job 5 started (takes 0.5 s)
//! job 5 finished
//! job 4 finished
//! all 5 jobs done
//! ```
//!
//! With Ctrl-C after job 2 started (the exit status is then 130):
//!
//! ```text
//! taking jobs; press Ctrl-C to stop early
//! job 1 started (takes 0.5 s)
//! job 2 started (takes 0.5 s)
//! Ctrl-C: taking no new job; waiting up to 1 s for 2 in progress
//! job 1 finished
//! job 2 finished
//! stopped early: 2 of 2 jobs in progress finished
//! ```
//!
//! With Ctrl-C after job 4 started, job 3 finishes, job 4 is abandoned at the deadline (its
//! clean-up prints `job 4 abandoned: its clean-up ran`), and the exit status is 1; a second
//! Ctrl-C before the deadline prints `Ctrl-C again: stopping at once` and abandons the jobs still
//! running.
#![forbid(unsafe_code)]

use std::io;
use std::process::ExitCode;
use std::time::Duration;

use shared::Log;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::task::JoinSet;
use tokio::time::{interval, sleep, timeout};

const JOBS: u64 = 5;
const EVERY: Duration = Duration::from_millis(300);
const DEADLINE: Duration = Duration::from_secs(1);

/// How long job `n` takes: 0.5 s, but job 4 takes 2.5 s, longer than the deadline.
fn duration(n: u64) -> Duration {
    Duration::from_millis(if n == 4 { 2500 } else { 500 })
}

/// Held by a job while it works; dropped with the job, finished or not, like a `finally`.
struct Cleanup {
    log: Log,
    n: u64,
    finished: bool,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if !self.finished {
            self.log.line(format_args!("job {} abandoned: its clean-up ran", self.n));
        }
    }
}

async fn job(log: Log, n: u64) {
    let mut cleanup = Cleanup { log, n, finished: false };
    sleep(duration(n)).await;
    cleanup.finished = true;
    log.line(format_args!("job {n} finished"));
}

/// SIGINT and SIGTERM, each listened for from its `signal` call on: from then on neither ends
/// the process, for as long as it runs (https://docs.rs/tokio/1/tokio/signal/unix/fn.signal.html).
/// The portable `tokio::signal::ctrl_c()` listens only from its first poll, too late to say
/// "ready" before.
struct StopSignals {
    interrupt: Signal,
    terminate: Signal,
}

impl StopSignals {
    fn listen() -> io::Result<StopSignals> {
        let interrupt = signal(SignalKind::interrupt())?;
        Ok(StopSignals { interrupt, terminate: signal(SignalKind::terminate())? })
    }

    /// Waits for either signal; returns its name and the exit status of a stop it caused.
    async fn recv(&mut self) -> (&'static str, u8) {
        tokio::select! {
            _ = self.interrupt.recv() => ("Ctrl-C", 130),
            _ = self.terminate.recv() => ("SIGTERM", 143),
        }
    }
}

async fn async_main(log: Log) -> io::Result<ExitCode> {
    let mut signals = StopSignals::listen()?;
    log.line("taking jobs; press Ctrl-C to stop early");

    let mut jobs = JoinSet::new();
    let mut next_job = interval(EVERY);
    let (mut started, mut stopped) = (0, None);
    while started < JOBS || !jobs.is_empty() {
        // `select!` drops the branches it does not take; these three lose nothing by it (tokio's
        // docs call `recv`, `tick` and `join_next` cancel safe), so the loop can call it again.
        tokio::select! {
            signal = signals.recv() => {
                stopped = Some(signal);
                break;
            }
            _ = next_job.tick(), if started < JOBS => {
                started += 1;
                let secs = duration(started).as_secs_f64();
                log.line(format_args!("job {started} started (takes {secs} s)"));
                jobs.spawn(job(log, started));
            }
            Some(joined) = jobs.join_next() => joined.expect("a job cannot panic"),
        }
    }
    let Some((signal, status)) = stopped else {
        log.line(format_args!("all {JOBS} jobs done"));
        return Ok(ExitCode::SUCCESS);
    };

    // No new job (the loop is left); the ones in progress get until the deadline.
    let (in_progress, deadline) = (jobs.len(), DEADLINE.as_secs_f64());
    log.line(format_args!(
        "{signal}: taking no new job; waiting up to {deadline} s for {in_progress} in progress"
    ));
    let all_finished = async {
        while let Some(joined) = jobs.join_next().await {
            joined.expect("a job cannot panic");
        }
    };
    tokio::select! {
        _ = timeout(DEADLINE, all_finished) => {}
        (second, _) = signals.recv() => {
            let again = if second == signal { " again" } else { "" };
            log.line(format_args!("{second}{again}: stopping at once"));
        }
    }
    // Abort the jobs left, if any, and wait until each is dropped, its clean-up run.
    jobs.abort_all();
    let mut abandoned = 0;
    while let Some(joined) = jobs.join_next().await {
        abandoned += usize::from(joined.is_err_and(|e| e.is_cancelled()));
    }
    if abandoned == 0 {
        log.line(format_args!(
            "stopped early: {in_progress} of {in_progress} jobs in progress finished"
        ));
        return Ok(ExitCode::from(status));
    }
    log.line(format_args!("stopped early: {abandoned} of {in_progress} jobs abandoned"));
    Ok(ExitCode::FAILURE)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<ExitCode> {
    shared::no_args();
    async_main(Log::from_env()).await
}
