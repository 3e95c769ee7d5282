//! What happens when an async task blocks instead of awaiting.
//!
//! asyncio and tokio's current-thread runtime run every task on one thread, and a task hands the
//! thread back only at an `.await` whose future is not ready; a blocking call has none. Three
//! tasks that each wait 1 s are timed three ways, and the run counts how many of the waits were
//! under way at the same moment:
//!
//! 1. `std::thread::sleep`: blocks the only thread, so the tasks wait one after another: ~3 s.
//! 2. `tokio::time::sleep(..).await`: yields to the runtime, so they wait together: ~1 s.
//! 3. `spawn_blocking(std::thread::sleep)`: the blocking call runs on tokio's pool of blocking
//!    threads while the task awaits it: ~1 s. This is the way out when a library only blocks
//!    (Python's `asyncio.to_thread`).
//!
//! Run it with `cargo run -p async-demo --example blocking_pitfall`. It prints:
//!
//! ```text
//! std::thread::sleep in each task:       3.00 s, 1 at once (it blocks the only thread)
//! tokio::time::sleep in each task:       1.00 s, 3 at once (it yields to the runtime)
//! std::thread::sleep in spawn_blocking:  1.00 s, 3 at once (on tokio's blocking threads)
//! ```
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::future::join_all;
use shared::{Log, Stopwatch};

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

/// Runs three tasks made by `task` together, as `asyncio.gather` does, naming them `how 1` to
/// `how 3`; returns the seconds it took and the most waits that were under way at once.
async fn three_tasks<F: Future<Output = ()>>(
    how: &str,
    task: impl Fn(String) -> F,
) -> (f64, usize) {
    MOST.store(0, Ordering::Relaxed);
    let clock = Stopwatch::start();
    join_all((1..=3).map(|i| task(format!("{how} {i}")))).await;
    (clock.secs(), MOST.load(Ordering::Relaxed))
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime");
    let (blocking, blocking_most) = runtime.block_on(three_tasks("blocking", |name| async move {
        wait_begins(log, &name);
        std::thread::sleep(WAIT);
        wait_ends(log, &name);
    }));
    let (awaiting, awaiting_most) = runtime.block_on(three_tasks("awaiting", |name| async move {
        wait_begins(log, &name);
        tokio::time::sleep(WAIT).await;
        wait_ends(log, &name);
    }));
    let (offloaded, offloaded_most) =
        runtime.block_on(three_tasks("offloaded", |name| async move {
            let sleeper = tokio::task::spawn_blocking(move || {
                wait_begins(log, &name);
                std::thread::sleep(WAIT);
                wait_ends(log, &name);
            });
            sleeper.await.expect("a sleep cannot panic");
        }));
    log.line(format_args!(
        "std::thread::sleep in each task:       {blocking:.2} s, {blocking_most} at once (it blocks the only thread)"
    ));
    log.line(format_args!(
        "tokio::time::sleep in each task:       {awaiting:.2} s, {awaiting_most} at once (it yields to the runtime)"
    ));
    log.line(format_args!(
        "std::thread::sleep in spawn_blocking:  {offloaded:.2} s, {offloaded_most} at once (on tokio's blocking threads)"
    ));
}
