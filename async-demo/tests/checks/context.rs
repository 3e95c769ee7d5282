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
