//! The article's asyncio example: three coroutines each wait 1 s on one thread (here three
//! futures in one task), and because they wait together the run takes about 1 s, not 3.
//!
//! Run it with `cargo run -p async-demo`; with `DEMO_TRACE=1` in front, each line also shows when
//! it was printed and by which thread (always `main`: there is only one).
//!
//! asyncio runs one event loop on one thread; tokio's current-thread runtime is its analogue:
//! tasks take turns on the thread that calls `block_on`, each up to an `.await` whose future is
//! not ready (tokio's cooperative budget can make one not ready). Not its double: dropping it
//! drops the tasks left unfinished, where `asyncio.run` cancels them and waits until they end.
//! `main` builds it by hand, to show what `asyncio.run` does: make the loop, enable the drivers
//! its futures need (`enable_time` for timers, `enable_io` for sockets,
//! `enable_all` for both; a future whose driver is off panics: "A Tokio 1.x context was found,
//! but IO is disabled"), run one future to the end. A program builds its runtime once, not once
//! per call.
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::future::join_all;
use shared::{Log, Stopwatch};

async fn async_task(log: Log, name: &str) {
    log.line(format_args!("Async Task {name}: Starting..."));
    // Tokio's sleep, not `std::thread::sleep`: it answers "not ready" at once, so `join_all`
    // goes on to the other two and the thread waits for all three together. A blocking sleep
    // would stall all three (the `blocking_pitfall` example shows it).
    tokio::time::sleep(Duration::from_secs(1)).await;
    log.line(format_args!("Async Task {name}: Finished."));
}

async fn async_main(log: Log) {
    // `asyncio.gather`: run the three together and wait for all of them, outputs in the order
    // given. Here they are three futures in one tokio task, where `gather` makes each a Task.
    // When the iterator's `size_hint` promises at most 30 futures, as this array's does,
    // `join_all` polls them in the order given, every time (otherwise it uses `FuturesOrdered`,
    // which polls only those woken: futures-util's `join_all.rs`). So C-1 starts first, and it
    // finishes first because it is polled first: tokio's timer rounds deadlines up to the
    // millisecond, and the three, made microseconds apart, usually fall due in the same one and
    // wake this task once (when C-1's falls due a millisecond earlier, it finishes first all the
    // same). `tokio::join!` also returns outputs in order, but rotates which future it polls
    // first unless told `biased;` (from tokio 1.46).
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
