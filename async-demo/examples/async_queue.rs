//! Python's `asyncio.Queue(maxsize=2)` and `asyncio.Semaphore(3)` in Rust: a bounded
//! `tokio::sync::mpsc` channel and `tokio::sync::Semaphore`.
//!
//! A producer task puts ten jobs on a queue that holds two. The consumer takes one of three
//! permits, then a job off the queue, and starts a task that works on it (0.2 s) and gives the
//! permit back. So at most three jobs run at once, ten take four rounds (about 0.8 s, where one
//! after another would take 2 s), and while three run the consumer takes nothing: the queue fills
//! and the producer waits at `send(..).await`, as at `await queue.put(job)`: jobs 9 and 10 go in
//! only once two rounds have ended, so it waits 0.4 s in all. It says how often and how long
//! ([`async_queue.py`](async_queue.py) does the same in Python).
//!
//! The differences from Python: tokio's `mpsc` has one receiver, so there is no pool of workers
//! each awaiting `queue.get()`; one consumer hands each job to a task, as here, or the workers
//! share the receiver behind an `Arc<tokio::sync::Mutex<_>>`. Taking the permit before the job
//! keeps the semaphore visible and needs no lock. `mpsc::channel(0)` panics, where a `maxsize` of
//! 0 or less makes Python's queue unbounded: that is `mpsc::unbounded_channel`. And the queue ends
//! once every sender is dropped and the queue is empty: `recv` hands out the jobs still queued
//! when the producer's sender goes, then returns `None`, as `get` raises `QueueShutDown` after
//! Python 3.13's `queue.shutdown()` and an empty queue (before 3.13, a sentinel item).
//! <https://docs.rs/tokio/1/tokio/sync/mpsc/fn.channel.html>
//!
//! Run it with `cargo run -p async-demo --example async_queue`. It prints:
//!
//! ```text
//! 10 jobs done: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
//! at most 3 at once: 0.81 s (one after another: 2.00 s)
//! the queue was full at 5 puts of 10: the producer waited 0.40 s
//! ```
#![forbid(unsafe_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use shared::{Log, Stopwatch};
use tokio::sync::mpsc::{self, error::TrySendError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

const JOBS: u64 = 10;
const WORK: Duration = Duration::from_millis(200);

// How many jobs are running now, and the most there have been at once. `Relaxed` suffices: a
// read-modify-write never loses an update, whatever the ordering, and `MOST` is read only after
// every task has been joined.
static NOW: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

async fn work(_permit: OwnedSemaphorePermit, job: u64) -> u64 {
    // `async with semaphore:` the consumer took the permit; it is given back when `_permit` is
    // dropped, at the end.
    MOST.fetch_max(NOW.fetch_add(1, Ordering::Relaxed) + 1, Ordering::Relaxed);
    tokio::time::sleep(WORK).await; // stands in for I/O
    NOW.fetch_sub(1, Ordering::Relaxed);
    job
}

async fn async_main(log: Log) {
    let clock = Stopwatch::start();
    let (queue, mut jobs) = mpsc::channel(2);
    let producer = tokio::spawn(async move {
        let (mut full, mut waited) = (0, 0.0);
        for job in 1..=JOBS {
            // `await queue.put(job)`, told apart: `try_send` fails when the queue holds two.
            match queue.try_send(job) {
                Ok(()) => {}
                Err(TrySendError::Full(job)) => {
                    let clock = Stopwatch::start();
                    queue.send(job).await.expect("the consumer is still receiving");
                    (full, waited) = (full + 1, waited + clock.secs());
                }
                Err(TrySendError::Closed(_)) => panic!("the consumer stopped receiving"),
            }
        }
        (full, waited) // `queue` is dropped here: `recv` returns `None` once it has no job left.
    });
    let permits = Arc::new(Semaphore::new(3));
    let mut running = JoinSet::new();
    loop {
        let permit = Arc::clone(&permits).acquire_owned().await.expect("never closed");
        let Some(job) = jobs.recv().await else { break };
        running.spawn(work(permit, job));
    }
    let mut done = running.join_all().await;
    done.sort_unstable();
    let secs = clock.secs();
    let (full, waited) = producer.await.expect("the producer does not panic");
    let most = MOST.load(Ordering::Relaxed);
    let alone = WORK.as_secs_f64() * JOBS as f64;
    log.line(format_args!("{} jobs done: {done:?}", done.len()));
    log.line(format_args!("at most {most} at once: {secs:.2} s (one after another: {alone:.2} s)"));
    log.line(format_args!(
        "the queue was full at {full} puts of {JOBS}: the producer waited {waited:.2} s"
    ));
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    async_main(Log::from_env()).await;
}
