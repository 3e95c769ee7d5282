//! Python's `asyncio.Lock` in Rust: `tokio::sync::Mutex`, and when the `std::sync::Mutex` is the
//! better choice.
//!
//! Ten tasks each make a deposit: read the balance, wait 10 ms (a call to the bank), write the
//! balance plus 1. Three ways:
//!
//! 1. No lock: every task reads 0 before any writes, and nine deposits are lost. This compiles
//!    (the balance is an atomic), because it is not a data race but a race condition, which Rust
//!    does not rule out; on asyncio's one thread it loses them just the same
//!    ([`async_lock.py`](async_lock.py) shows Python's side).
//! 2. `tokio::sync::Mutex`, held across the `.await`, as `async with lock:` is: all ten count.
//! 3. `std::sync::Mutex` where no `.await` comes while it is held (counting requests): tokio's
//!    docs recommend it there, as it is cheaper. Held across an `.await`, it does not compile
//!    inside `tokio::spawn` (see the comment in `async_main`).
//!
//! Run it with `cargo run -p async-demo --example async_lock`. It prints:
//!
//! ```text
//! no lock:                      balance 1 after 10 deposits
//! tokio::sync::Mutex:           balance 10 after 10 deposits
//! std::sync::Mutex, no .await:  10 requests counted
//! ```
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use shared::Log;
use tokio::task::JoinSet;
use tokio::time::sleep;

const DEPOSITS: u64 = 10;
const BANK_CALL: Duration = Duration::from_millis(10);

/// Runs the ten tasks that `task` makes, each as a task of its own, and waits for them all.
async fn ten_tasks<F>(task: impl Fn() -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut tasks = JoinSet::new();
    for _ in 0..DEPOSITS {
        tasks.spawn(task());
    }
    while let Some(joined) = tasks.join_next().await {
        joined.expect("no task panics");
    }
}

async fn async_main(log: Log) {
    // 1. No lock: the read and the write are each indivisible, but the `.await` between them
    //    lets every other task read the same old balance.
    let balance = Arc::new(AtomicU64::new(0));
    ten_tasks(|| {
        let balance = Arc::clone(&balance);
        async move {
            let read = balance.load(Ordering::Relaxed);
            sleep(BANK_CALL).await;
            balance.store(read + 1, Ordering::Relaxed);
        }
    })
    .await;
    let balance = balance.load(Ordering::Relaxed);
    log.line(format_args!(
        "no lock:                      balance {balance} after {DEPOSITS} deposits"
    ));

    // 2. `async with lock:` around the read, the call and the write. `lock().await` waits without
    //    blocking the thread, and the guard may be held across an `.await`: it is `Send`.
    let balance = Arc::new(tokio::sync::Mutex::new(0));
    ten_tasks(|| {
        let balance = Arc::clone(&balance);
        async move {
            let mut guard = balance.lock().await;
            let read = *guard;
            sleep(BANK_CALL).await;
            *guard = read + 1;
        }
    })
    .await;
    let balance = *balance.lock().await;
    log.line(format_args!(
        "tokio::sync::Mutex:           balance {balance} after {DEPOSITS} deposits"
    ));

    // 3. A std Mutex, locked and unlocked between two `.await`s: the guard is dropped at the end
    //    of the statement. tokio's docs: "it is ok and often preferred to use the ordinary Mutex
    //    from the standard library in asynchronous code"; the async one, which costs more, is
    //    for holding the lock across an `.await`
    //    (https://docs.rs/tokio/1/tokio/sync/struct.Mutex.html#which-kind-of-mutex-should-you-use).
    let requests = Arc::new(Mutex::new(0));
    ten_tasks(|| {
        let requests = Arc::clone(&requests);
        async move {
            sleep(BANK_CALL).await;
            // `lock` fails only if a thread panicked while holding it; none can here.
            *requests.lock().unwrap() += 1;
        }
    })
    .await;
    let requests = *requests.lock().unwrap();
    log.line(format_args!("std::sync::Mutex, no .await:  {requests} requests counted"));

    // Held across an `.await`, a std Mutex is refused by `tokio::spawn` (and `JoinSet::spawn`):
    //
    // pitfall:begin
    // let balance = std::sync::Arc::new(std::sync::Mutex::new(0));
    // tokio::spawn(async move {
    //     let mut guard = balance.lock().unwrap();
    //     tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    //     *guard += 1;
    // });
    // pitfall:end
    //
    // error: future cannot be sent between threads safely
    // ... the trait `Send` is not implemented for `std::sync::MutexGuard<'_, i32>`
    // note: required by a bound in `tokio::spawn`
    //
    // `tokio::spawn` wants a `Send` future on every runtime, this current-thread one too: on a
    // multi-thread runtime a task may go on on another thread after any `.await`. A std
    // `MutexGuard` is not `Send`: with POSIX threads a mutex must be unlocked on the thread that
    // locked it (std's docs on `MutexGuard`). Where such a future does compile (a task that
    // cannot move, under `join_all`, say), tokio's docs warn that it "can easily lead to
    // deadlocks": on one thread, a task that waits for the lock blocks the holder for good.
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    async_main(Log::from_env()).await;
}
