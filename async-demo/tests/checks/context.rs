//! What the examples of context and bridges must print.

use demo_testing::Run;

/// `task_local`: the id is seen in its scope, not in a task spawned from it unless that task is
/// given a scope of its own, and not after the scope.
pub fn assert_task_local(run: &Run) {
    let expected = [
        "[request 1] handling",
        "[no request] in a spawned task",
        "[request 1] in a spawned task, scoped again",
        "[no request] after the scope",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `sync_bridge`: the thread got the future's result from the runtime, main received the
/// thread's two lines in order, and `block_on` in a task panicked with tokio's message.
pub fn assert_sync_bridge(run: &Run) {
    let expected = [
        "thread: got 42 from the runtime",
        r#"main: received "line 1 from the thread""#,
        r#"main: received "line 2 from the thread""#,
        "block_on in a task panicked: Cannot start a runtime from within a runtime.",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `async_event`: the oneshot's value, every waiter woken by the watch channel, a late waiter
/// ready at its first poll, and the one permit a `Notify` kept.
pub fn assert_async_event(run: &Run) {
    let expected = [
        "future: the task set 42",
        "event: waiters [1, 2, 3] woke when main set it",
        "event: a waiter that came after it was set returned at once",
        "notify: two notify_one() with nobody waiting kept one permit: \
         the first notified() returned, the second waited",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `broadcast`: the fast receiver got every message; the slow one lost the two oldest.
pub fn assert_broadcast(run: &Run) {
    let expected = ["fast: [1, 2, 3, 4]", "slow: lagged, 2 messages dropped, then [3, 4]"];
    assert_eq!(run.lines(), expected, "{run:#?}");
}
