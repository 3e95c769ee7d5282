//! Python's `contextvars.ContextVar` in tasks, in Rust: `tokio::task_local!`, whose value is set
//! for one future and everything it awaits with `scope`.
//!
//! asyncio copies the current context into each task it creates, so a task created while the
//! request id is set sees it. A task that `tokio::spawn` starts inherits nothing: there,
//! `try_with` finds no value (and `with` or `get` would panic). Pass the value in, or give the
//! spawned future a `scope` of its own, as the third line does
//! ([`task_local.py`](task_local.py) shows Python's side).
//!
//! Run it with `cargo run -p async-demo --example task_local`. It prints:
//!
//! ```text
//! [request 1] handling
//! [no request] in a spawned task
//! [request 1] in a spawned task, scoped again
//! [no request] after the scope
//! ```
#![forbid(unsafe_code)]

use shared::Log;

tokio::task_local! {
    static REQUEST: u32;
}

/// Prints `text` after the request id of the task it runs in, if it has one.
fn say(log: Log, text: &str) {
    match REQUEST.try_with(|id| *id) {
        Ok(id) => log.line(format_args!("[request {id}] {text}")),
        Err(_) => log.line(format_args!("[no request] {text}")),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    shared::no_args();
    let log = Log::from_env();
    REQUEST
        .scope(1, async move {
            say(log, "handling");
            let spawned = tokio::spawn(async move { say(log, "in a spawned task") });
            spawned.await.expect("the task does not panic");
            let id = REQUEST.get();
            let scoped =
                REQUEST.scope(id, async move { say(log, "in a spawned task, scoped again") });
            tokio::spawn(scoped).await.expect("the task does not panic");
        })
        .await;
    say(log, "after the scope");
}
