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
