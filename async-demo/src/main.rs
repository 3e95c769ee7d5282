//! The article's asyncio example: three tasks each wait 1 s on one thread, and because they wait
//! together the run takes about 1 s, not 3.
//!
//! Run it with `cargo run -p async-demo`; with `DEMO_TRACE=1` in front, each line also shows when
//! it was printed and by which thread (always `main`: there is only one).
//!
//! asyncio runs one event loop on one thread. Tokio's current-thread runtime is the same thing:
//! tasks take turns on the thread that calls `block_on`, and a task gives up its turn only at an
//! `.await`. The runtime is built by hand rather than by `#[tokio::main]`, so that `main` shows
//! what `asyncio.run` does: make the loop, enable its timers, run one future to the end.
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::future::join_all;
use shared::{Log, Stopwatch};

async fn async_task(log: Log, name: &str) {
    log.line(format_args!("Async Task {name}: Starting..."));
    // Tokio's sleep, not `std::thread::sleep`: it hands the thread back to the runtime, which
    // runs the other tasks meanwhile. A blocking sleep would stall all three (the
    // `blocking_pitfall` example shows it).
    tokio::time::sleep(Duration::from_secs(1)).await;
    log.line(format_args!("Async Task {name}: Finished."));
}

async fn async_main(log: Log) {
    // `asyncio.gather`: run the three together and wait for all of them. `join_all` polls its
    // futures in the order given, every time, so C-1 starts first and, its timer being due first,
    // finishes first. (`tokio::join!` starts each poll at a different future, for fairness, so
    // its "Finished" lines can come out in another order.)
    join_all(["C-1", "C-2", "C-3"].map(|name| async_task(log, name))).await;
}

fn main() {
    shared::no_args();
    let log = Log::from_env();
    let start_time = Stopwatch::start();
    // `asyncio.run(main())`: an event loop on this thread, running `async_main` to the end.
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime")
        .block_on(async_main(log));
    log.line(format_args!("All async tasks finished in {:.2} seconds.", start_time.secs()));
}
