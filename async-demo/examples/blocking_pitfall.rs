//! What happens when async code blocks instead of awaiting.
//!
//! A task hands its thread back only at an `.await` whose future is not ready; a blocking call
//! has none. So a blocking call stalls every future of its own task (siblings under `join_all`,
//! `join!` or `select!`) on any runtime, and on a current-thread runtime, as in asyncio's one
//! loop, every other task too ([`blocking_pitfall.py`](blocking_pitfall.py) shows Python's side).
//! Three waits of 1 s are timed five ways, and the run counts how many of them were under way at
//! the same moment:
//!
//! 1. `std::thread::sleep` in three futures joined in one task, on a runtime of 3 workers.
//! 2. The same in three spawned tasks, on the current-thread runtime.
//! 3. The same in three spawned tasks, on the 3-worker runtime: each holds a worker throughout.
//! 4. `tokio::time::sleep(..).await` in three futures in one task: it yields to the runtime.
//! 5. `spawn_blocking(std::thread::sleep)`, awaited by three futures in one task: the sleeps run
//!    on tokio's pool of blocking threads. This is the way out when a library only blocks
//!    (Python's `asyncio.to_thread`).
//!
//! Run it with `cargo run -p async-demo --example blocking_pitfall`. It prints:
//!
//! ```text
//! blocking, 3 futures in one task, 3 workers:  3.00 s, 1 at once (one task: one at a time)
//! blocking, 3 tasks, current-thread runtime:   3.00 s, 1 at once (one thread: one at a time)
//! blocking, 3 tasks, 3 workers:                1.00 s, 3 at once (a worker each, held throughout)
//! tokio::time::sleep, 3 futures in one task:   1.00 s, 3 at once (it yields to the runtime)
//! spawn_blocking, 3 futures in one task:       1.00 s, 3 at once (on tokio's blocking threads)
//! ```
#![forbid(unsafe_code)]

use std::io;
use std::process::ExitCode;
use std::sync::RwLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use futures::future::join_all;
use shared::{Log, Stopwatch};
use tokio::runtime::{Builder, Runtime};

const WAIT: Duration = Duration::from_secs(1);

// How many waits are under way now, and the most there have been at once. `Relaxed` suffices: a
// read-modify-write never loses an update, whatever the ordering, and `MOST` is read only after
// the waits have been joined.
static NOW: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

// With `DEMO_TRACE=1`, each wait also marks its start and finish, for `scripts/timeline.sh`.
fn wait_begins(log: Log, name: &str) {
    MOST.fetch_max(NOW.fetch_add(1, Ordering::Relaxed) + 1, Ordering::Relaxed);
    log.trace_line(format_args!("{name}: Starting..."));
}

fn wait_ends(log: Log, name: &str) {
    NOW.fetch_sub(1, Ordering::Relaxed);
    log.trace_line(format_args!("{name}: Finished."));
}

async fn blocking_wait(log: Log, name: String) {
    wait_begins(log, &name);
    std::thread::sleep(WAIT);
    wait_ends(log, &name);
}

async fn awaiting_wait(log: Log, name: String) {
    wait_begins(log, &name);
    tokio::time::sleep(WAIT).await;
    wait_ends(log, &name);
}

async fn offloaded_wait(log: Log, name: String) {
    let sleeper = tokio::task::spawn_blocking(move || {
        wait_begins(log, &name);
        std::thread::sleep(WAIT);
        wait_ends(log, &name);
    });
    sleeper.await.expect("a sleep cannot panic");
}

/// Runs three waits made by `wait` on `runtime`, named `how 1` to `how 3`: as three futures
/// joined in one spawned task, or as three spawned tasks. Returns the seconds it took and the
/// most waits that were under way at once.
fn three<F>(
    runtime: &Runtime,
    log: Log,
    how: &str,
    tasks: bool,
    wait: fn(Log, String) -> F,
) -> (f64, usize)
where
    F: Future<Output = ()> + Send + 'static,
{
    MOST.store(0, Ordering::Relaxed);
    let clock = Stopwatch::start();
    let names = (1..=3).map(|i| format!("{how} {i}"));
    runtime.block_on(async {
        if tasks {
            let tasks: Vec<_> = names.map(|name| tokio::spawn(wait(log, name))).collect();
            for task in tasks {
                task.await.expect("a wait cannot panic");
            }
        } else {
            let futures = join_all(names.map(|name| wait(log, name)));
            tokio::spawn(futures).await.expect("a wait cannot panic");
        }
    });
    (clock.secs(), MOST.load(Ordering::Relaxed))
}

/// Fails unless the OS lets `n` more threads run at once. tokio's `build` of a multi-thread
/// runtime panics when the OS refuses it a worker thread, and when it had started others, they
/// keep the process from ending; so the program asks first, with threads that wait at a gate.
fn threads_can_start(n: usize) -> io::Result<()> {
    let gate = RwLock::new(());
    let closed = gate.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    std::thread::scope(|s| {
        let waiting: io::Result<Vec<_>> =
            (0..n).map(|_| thread::Builder::new().spawn_scoped(s, || drop(gate.read()))).collect();
        drop(closed); // opens the gate: every thread that started ends, and the scope joins it
        waiting.map(drop)
    })
}

fn main() -> ExitCode {
    shared::no_args();
    match timed(Log::from_env()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            shared::error(format_args!("cannot start the runtimes' threads: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Times the five ways and prints a line for each.
fn timed(log: Log) -> io::Result<()> {
    let one_thread = Builder::new_current_thread().enable_time().build()?;
    threads_can_start(3)?;
    let workers = Builder::new_multi_thread().worker_threads(3).enable_time().build()?;
    let rows = [
        ("blocking, 3 futures in one task, 3 workers:", "one task: one at a time"),
        ("blocking, 3 tasks, current-thread runtime:", "one thread: one at a time"),
        ("blocking, 3 tasks, 3 workers:", "a worker each, held throughout"),
        ("tokio::time::sleep, 3 futures in one task:", "it yields to the runtime"),
        ("spawn_blocking, 3 futures in one task:", "on tokio's blocking threads"),
    ];
    let figures = [
        three(&workers, log, "one task", false, blocking_wait),
        three(&one_thread, log, "one thread", true, blocking_wait),
        three(&workers, log, "workers", true, blocking_wait),
        three(&one_thread, log, "awaiting", false, awaiting_wait),
        three(&one_thread, log, "offloaded", false, offloaded_wait),
    ];
    for ((what, why), (secs, most)) in rows.into_iter().zip(figures) {
        log.line(format_args!("{what:<45}{secs:.2} s, {most} at once ({why})"));
    }
    Ok(())
}
