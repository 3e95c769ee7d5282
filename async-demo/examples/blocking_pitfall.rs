//! What happens when an async task blocks instead of awaiting.
//!
//! asyncio and tokio's current-thread runtime run every task on one thread, and a task hands the
//! thread back only at an `.await`. Three tasks that each wait 1 s are timed three ways:
//!
//! 1. `std::thread::sleep`: blocks the only thread, so the tasks wait one after another: ~3 s.
//! 2. `tokio::time::sleep(..).await`: yields to the runtime, so they wait together: ~1 s.
//! 3. `spawn_blocking(std::thread::sleep)`: the blocking call runs on tokio's pool of blocking
//!    threads while the task awaits it: ~1 s. This is the way out when a library only blocks.
//!
//! Run it with `cargo run -p async-demo --example blocking_pitfall`. It prints:
//!
//! ```text
//! std::thread::sleep in each task:       3.00 s (blocks the only thread: one after another)
//! tokio::time::sleep in each task:       1.00 s (yields to the runtime: all at once)
//! std::thread::sleep in spawn_blocking:  1.00 s (runs on tokio's blocking threads: all at once)
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use futures::future::join_all;
use shared::{Log, Stopwatch};

const WAIT: Duration = Duration::from_secs(1);

fn main() -> ExitCode {
    shared::no_args();
    let log = Log::from_env();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            shared::error(format_args!("cannot start the tokio runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let blocking = runtime.block_on(three_tasks(|| async { std::thread::sleep(WAIT) }));
    let awaiting = runtime.block_on(three_tasks(|| tokio::time::sleep(WAIT)));
    let offloaded = runtime.block_on(three_tasks(|| async {
        // The Err case would be a panic in the closure; a sleep cannot panic.
        let _ = tokio::task::spawn_blocking(|| std::thread::sleep(WAIT)).await;
    }));
    log.line(format_args!(
        "std::thread::sleep in each task:       {blocking:.2} s (blocks the only thread: one after another)"
    ));
    log.line(format_args!(
        "tokio::time::sleep in each task:       {awaiting:.2} s (yields to the runtime: all at once)"
    ));
    log.line(format_args!(
        "std::thread::sleep in spawn_blocking:  {offloaded:.2} s (runs on tokio's blocking threads: all at once)"
    ));
    ExitCode::SUCCESS
}

/// Runs three tasks made by `task` together, as `asyncio.gather` does, and returns the seconds.
async fn three_tasks<F: Future<Output = ()>>(task: impl Fn() -> F) -> f64 {
    let clock = Stopwatch::start();
    join_all([task(), task(), task()]).await;
    clock.secs()
}
