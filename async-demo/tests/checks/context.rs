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

/// The first line of `async_subprocess` and its twin: three children of 0.5 s awaited together
/// end in their order, together in less time than one after another (1.5 s) would take.
pub fn assert_children_awaited_together(line: &str) {
    let rest = line.strip_prefix("3 children of 0.5 s, awaited together: C-0 C-1 C-2 in ");
    let secs: f64 = rest.and_then(|r| r.strip_suffix(" s")?.parse().ok()).expect(line);
    assert!((0.5..1.2).contains(&secs), "not together: {line}");
}

/// `async_subprocess`: three children awaited together; a timeout that leaves the child running
/// until `kill().await`; a child killed as its `Child` is dropped.
pub fn assert_async_subprocess(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    assert_children_awaited_together(lines[0]);
    let timeout = "timeout: wait() gave up after 0.20 s, the child still running; \
                   kill().await: signal: 9 (SIGKILL)";
    assert_eq!(lines[1], timeout, "{run:#?}");
    let rest = lines[2].strip_prefix("kill_on_drop: the dropped child's stdout ended ");
    let secs: f64 = rest.and_then(|r| r.strip_suffix(" s later")?.parse().ok()).expect(lines[2]);
    // Its `sleep 10` would hold the pipe open for 10 s.
    assert!(secs < 2.0, "{run:#?}");
}
