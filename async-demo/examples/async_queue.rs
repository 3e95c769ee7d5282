//! Python's `asyncio.Queue(maxsize=2)` and `asyncio.Semaphore(3)` in Rust: a bounded
//! `tokio::sync::mpsc` channel and `tokio::sync::Semaphore`.
//!
//! A producer task puts ten jobs on a queue that holds two; the consumer takes each job off and
//! starts a task for it, and each task holds one of three permits while it works (0.2 s). So at
//! most three jobs run at once, and ten take four rounds: about 0.8 s, where one after another
//! would take 2 s. As with Python's queue, a producer that finds the queue full waits at
//! `send(..).await`. The difference: the end of the queue is the producer's sender being
//! dropped, after which `recv` returns `None`, not a sentinel item.
//!
//! Run it with `cargo run -p async-demo --example async_queue`. It prints:
//!
//! ```text
//! 10 jobs done: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
//! at most 3 at once: 0.80 s (one after another: 2.00 s)
//! ```
#![forbid(unsafe_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use shared::{Log, Stopwatch};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

const JOBS: u64 = 10;
const WORK: Duration = Duration::from_millis(200);

// How many jobs are running now, and the most there have been at once.
static NOW: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

async fn work(permits: Arc<Semaphore>, job: u64) -> u64 {
    // `async with semaphore:` the permit is given back when `_permit` is dropped.
    let _permit = permits.acquire().await.expect("the semaphore is never closed");
    MOST.fetch_max(NOW.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
    tokio::time::sleep(WORK).await; // stands in for I/O
    NOW.fetch_sub(1, Ordering::SeqCst);
    job
}

async fn async_main(log: Log) {
    let clock = Stopwatch::start();
    let (queue, mut jobs) = mpsc::channel(2);
    tokio::spawn(async move {
        for job in 1..=JOBS {
            // `await queue.put(job)`: waits while the queue holds two jobs.
            queue.send(job).await.expect("the consumer is still receiving");
        }
        // `queue` is dropped here: the consumer's `recv` then returns `None`.
    });
    let permits = Arc::new(Semaphore::new(3));
    let mut running = JoinSet::new();
    while let Some(job) = jobs.recv().await {
        running.spawn(work(Arc::clone(&permits), job));
    }
    let mut done = running.join_all().await;
    done.sort_unstable();
    let secs = clock.secs();
    let most = MOST.load(Ordering::SeqCst);
    let alone = WORK.as_secs_f64() * JOBS as f64;
    log.line(format_args!("{} jobs done: {done:?}", done.len()));
    log.line(format_args!("at most {most} at once: {secs:.2} s (one after another: {alone:.2} s)"));
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(async_main(log));
}
