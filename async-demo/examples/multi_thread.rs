//! What `#[tokio::main]` does that `asyncio.run` does not: it builds a multi-thread runtime, a
//! worker thread per core, where tasks can run in parallel. asyncio, like tokio's current-thread
//! runtime, runs every task on one thread ([`multi_thread.py`](multi_thread.py) shows Python's
//! side: threads under the GIL, and processes).
//!
//! One CPU-bound task per core (a count, with no `.await` in it) is spawned three ways, and the
//! run counts how many of the tasks were in progress at the same moment:
//!
//! 1. On the current-thread runtime each task runs to its end before the next starts: 1 at once.
//! 2. The same, but the count stops every million to `yield_now().await` (Python's
//!    `await asyncio.sleep(0)`): the tasks take turns on the one thread, so all are in progress
//!    at once, in about the same time. A long computation yields so that other tasks can run.
//! 3. On the multi-thread runtime (the one `#[tokio::main]` builds) the tasks run in parallel.
//!    That shows the workers; it is not where CPU-bound work belongs, as each count holds a worker
//!    that other tasks' I/O would need. tokio's docs ("CPU-bound tasks and blocking code",
//!    <https://docs.rs/tokio/1/tokio/#cpu-bound-tasks-and-blocking-code>) send it to
//!    `spawn_blocking`, or to a pool of its own such as rayon's.
//!
//! There a task may move to another worker at any `.await` and outlive the code that spawned
//! it, so `spawn` takes only a future that is `Send + 'static`: it owns what it uses (`async
//! move`) and holds nothing that is not `Send` across an `.await` (an `Rc`, a std `MutexGuard`:
//! see `async_lock`). tokio's `spawn` asks it on the current-thread runtime too.
//!
//! Each of 5 rounds times all three; the run prints the round with the median speedup, the first
//! way's time over the third's. With one core the tasks can only take turns, and the run says so.
//!
//! Run it with `cargo run --release -p async-demo --example multi_thread`. On a 2-core machine
//! (release build, a count of 300 million, about 0.08 s) it printed:
//!
//! ```text
//! cores: 2
//! current-thread runtime:            0.165 s, 1 at once (each task runs to its end)
//! current-thread runtime, yield_now: 0.165 s, 2 at once (the tasks take turns)
//! multi-thread runtime, 2 workers:   0.082 s, 2 at once (in parallel)
//! speedup: 2.02 (median of 5 rounds)
//! ```
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use shared::{Log, Stopwatch, count_to};
use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinSet;

// A debug build counts about 20 times slower: it counts less, so that the run stays short.
const COUNT: u64 = if cfg!(debug_assertions) { 20_000_000 } else { 300_000_000 };
const CHUNK: u64 = 1_000_000;
const ROUNDS: usize = 5;

// How many tasks are counting now, and the most there have been at once. `Relaxed` suffices: a
// read-modify-write never loses an update, whatever the ordering, and `MOST` is read only after
// the tasks have been joined.
static NOW: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

/// One task's work: the count, in one go or a chunk at a time with a yield after each.
async fn count(log: Log, name: String, yields: bool) -> u64 {
    MOST.fetch_max(NOW.fetch_add(1, Ordering::Relaxed) + 1, Ordering::Relaxed);
    log.trace_line(format_args!("{name}: Starting..."));
    let mut total = 0;
    if yields {
        for _ in 0..COUNT / CHUNK {
            total += count_to(CHUNK);
            // `await asyncio.sleep(0)`: back to the runtime, so that the other tasks can run (the
            // count of tasks at once shows they did; tokio's docs promise no order).
            tokio::task::yield_now().await;
        }
    } else {
        total = count_to(COUNT);
    }
    NOW.fetch_sub(1, Ordering::Relaxed);
    log.trace_line(format_args!("{name}: Finished."));
    total
}

/// Spawns `tasks` counts on `runtime` and waits for them; returns the seconds it took and the
/// most that were in progress at once.
fn spawn_counts(
    runtime: &Runtime,
    log: Log,
    how: &str,
    tasks: usize,
    yields: bool,
) -> (f64, usize) {
    MOST.store(0, Ordering::Relaxed);
    let clock = Stopwatch::start();
    runtime.block_on(async {
        let mut set = JoinSet::new();
        for i in 1..=tasks {
            // `Send + 'static`: the future owns all it uses (`log` is `Copy`, the name moved in).
            set.spawn(count(log, format!("{how} {i}"), yields));
        }
        while let Some(joined) = set.join_next().await {
            assert_eq!(joined.expect("a count cannot panic"), COUNT);
        }
    });
    (clock.secs(), MOST.load(Ordering::Relaxed))
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    log.line(format_args!("cores: {cores}"));
    if cores == 1 {
        log.line("only 1 core: the tasks can only take turns on it, so expect no speedup");
    }

    let one_thread = Builder::new_current_thread().build().expect("cannot start the runtime");
    // What `#[tokio::main]` builds: a worker per core (or `TOKIO_WORKER_THREADS`).
    // tokio's `build` panics when the OS refuses a worker thread, and unwinding then waits for
    // the workers it started, for ever: while it builds, a panic ends the process in the hook.
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let why = (payload.downcast_ref::<&str>().copied())
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic");
        shared::error(format_args!("cannot start the multi-thread runtime: {why}"));
        std::process::exit(1);
    }));
    let multi = Builder::new_multi_thread().enable_all().build().expect("cannot start the runtime");
    drop(std::panic::take_hook()); // std's hook again
    let workers = multi.metrics().num_workers();
    let mut rounds: Vec<[(f64, usize); 3]> = (0..ROUNDS)
        .map(|_| {
            [
                spawn_counts(&one_thread, log, "current", cores, false),
                spawn_counts(&one_thread, log, "yielding", cores, true),
                spawn_counts(&multi, log, "parallel", cores, false),
            ]
        })
        .collect();
    // The median round by speedup: one slow round (another program, say) cannot move it.
    rounds.sort_by(|a, b| (a[0].0 / a[2].0).total_cmp(&(b[0].0 / b[2].0)));
    let [(alone, alone_most), (turns, turns_most), (parallel, parallel_most)] = rounds[ROUNDS / 2];
    let parallel_how = if workers > 1 && cores > 1 { "in parallel" } else { "taking turns" };

    log.line(format_args!(
        "current-thread runtime:            {alone:.3} s, {alone_most} at once (each task runs to its end)"
    ));
    log.line(format_args!(
        "current-thread runtime, yield_now: {turns:.3} s, {turns_most} at once (the tasks take turns)"
    ));
    let label = format!(
        "multi-thread runtime, {workers} {}:",
        if workers == 1 { "worker" } else { "workers" }
    );
    log.line(format_args!("{label:<35}{parallel:.3} s, {parallel_most} at once ({parallel_how})"));
    log.line(format_args!("speedup: {:.2} (median of {ROUNDS} rounds)", alone / parallel));
}
