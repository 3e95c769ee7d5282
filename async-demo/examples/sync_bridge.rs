//! Sync code and async code in one program, as Python's `asyncio.run_coroutine_threadsafe` and
//! `loop.call_soon_threadsafe` join them: a std thread holds a `Handle` to the runtime.
//!
//! The thread spawns a future on the runtime with `Handle::spawn` and waits for its result on a
//! `oneshot` channel with `blocking_recv`, as `run_coroutine_threadsafe(coro, loop).result()`
//! does; then it sends two lines to `main` with `mpsc::Sender::blocking_send`, which `main`
//! awaits with `recv`. (`spawn_blocking`, `asyncio.to_thread`'s counterpart, goes the other way.)
//! The pitfall: code that runs in a task and calls `block_on` panics ("Cannot start a runtime
//! from within a runtime"), as `asyncio.run` raises in a running loop: in a task, `.await` the
//! future instead ([`sync_bridge.py`](sync_bridge.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example sync_bridge`. It prints (and the panic's
//! message on stderr):
//!
//! ```text
//! thread: got 42 from the runtime
//! main: received "line 1 from the thread"
//! main: received "line 2 from the thread"
//! block_on in a task panicked: Cannot start a runtime from within a runtime.
//! ```
#![forbid(unsafe_code)]

use std::thread;
use std::time::Duration;

use shared::Log;
use tokio::runtime::Handle;
use tokio::sync::{mpsc, oneshot};

async fn fetch() -> u32 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    42
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    let log = Log::from_env();
    let handle = Handle::current();
    let (lines, mut received) = mpsc::channel(2);
    let sync_side = thread::spawn(move || {
        let (answer, answered) = oneshot::channel();
        handle.spawn(async move { answer.send(fetch().await) });
        let value = answered.blocking_recv().expect("the runtime runs the future");
        log.line(format_args!("thread: got {value} from the runtime"));
        for n in 1..=2 {
            lines.blocking_send(format!("line {n} from the thread")).expect("main receives");
        }
    });
    // `recv` returns `None` once the thread has ended, dropping the sender.
    while let Some(line) = received.recv().await {
        log.line(format_args!("main: received {line:?}"));
    }
    sync_side.join().expect("the thread does not panic");

    let pitfall = tokio::spawn(async { Handle::current().block_on(fetch()) });
    let error = pitfall.await.expect_err("block_on in a task panics");
    let payload = error.into_panic();
    let message = (payload.downcast_ref::<&str>().copied())
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(not a string)");
    let first = message.split_inclusive(". ").next().unwrap_or(message).trim_end();
    log.line(format_args!("block_on in a task panicked: {first}"));
}
