//! Runs task_local and its Python twin: a task-local is not inherited by a spawned task, where a
//! `ContextVar` is copied into each task asyncio creates.

mod checks;

use demo_testing::{Demo, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn a_spawned_task_does_not_inherit_a_task_local() {
    let run = Demo::new(example(EXE, "task_local")).run();
    run.assert_success();
    checks::assert_task_local(&run);
}

#[test]
fn in_python_a_created_task_sees_the_context_var() {
    let Some(run) = run_python_twin("async-demo/examples/task_local.py") else { return };
    run.assert_success();
    let expected =
        ["[request 1] handling", "[request 1] in a created task", "[no request] after the task"];
    assert_eq!(run.lines(), expected, "{run:#?}");
}
