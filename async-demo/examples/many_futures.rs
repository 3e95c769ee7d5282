//! The article's table: "Overhead: Processes (high startup), Threads (moderate), AsyncIO (low)".
//! This measures the cheapest async form: N sleeps of 1 s joined as futures inside one tokio task
//! (`join_all`), on one thread, rather than spawned as N tasks (`many_tasks`). Whatever the run
//! takes beyond 1 s is the cost of making, polling and finishing them.
//!
//! Run it with `cargo run --release -p async-demo --example many_futures N` (N from 1 to
//! 10000000); `many_futures N plain` leaves out `unconstrained` (below), for the measurements
//! page, which shows both. It prints one line, in the format many_tasks, many_threads and
//! many_processes print too (`model=futures n=1000000 wall_s=... peak_rss_kib=...`).
//!
//! Above 30 futures `join_all` puts each in a node of a `FuturesUnordered` (futures-util's
//! `join_all.rs`: it switches on the iterator's `size_hint().1`), an allocation polled only when
//! its own sleep wakes it. A spawned task is an allocation too: tokio's task cell (its state, its
//! scheduler, a slot for its output, the links of the runtime's task list), queued and polled by
//! the runtime itself. A sleep's deadline is fixed when it is made, so the time it takes to make
//! the last one adds to the 1 s; it does not hide inside it.
#![forbid(unsafe_code)]

use std::time::Duration;

use futures::future::join_all;
use shared::{Stopwatch, usage_error};

const MAX: u64 = 10_000_000;

fn main() {
    let log = shared::Log::from_env();
    let expected = format!("expected N, a whole number from 1 to {MAX}");
    let plain = match std::env::args_os().nth(2) {
        None => false,
        Some(word) if word == "plain" && std::env::args_os().len() == 3 => true,
        Some(_) => usage_error(&format!(
            "{expected}, and nothing after it but maybe the word plain: many_futures N [plain]"
        )),
    };
    let n = shared::count_arg_at(1, "N", MAX).unwrap_or_else(|| usage_error(&expected));
    let clock = Stopwatch::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("cannot start the tokio runtime");
    runtime.block_on(async {
        let sleeps = join_all((0..n).map(|_| tokio::time::sleep(Duration::from_secs(1))));
        if plain {
            sleeps.await;
        } else {
            // tokio's cooperative budget lets a task make progress on 128 timers per turn; each
            // further sleep then answers "not yet" and asks to be polled again
            // (https://docs.rs/tokio/1/tokio/task/coop/). Under it, `join_all` of many sleeps
            // re-polls waiting ones turn after turn, and the run grows faster than N.
            // `unconstrained` turns the budget off for this future, which then never yields to
            // the runtime on its account: that exposes every other task on the runtime to
            // starvation (tokio's docs on `unconstrained`). Here none runs beside it.
            tokio::task::coop::unconstrained(sleeps).await;
        }
    });
    let wall = clock.secs();
    let model = if plain { "futures-plain" } else { "futures" };
    log.line(shared::scale_summary(model, n, wall, shared::peak_rss_kib()));
}
