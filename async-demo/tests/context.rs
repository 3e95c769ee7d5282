//! Runs task_local, sync_bridge, async_event, broadcast and async_subprocess and their Python
//! twins: a task-local is not inherited by a spawned task, where a `ContextVar` is copied into
//! each task asyncio creates; a thread hands work to the runtime and lines to main, and
//! `block_on` in a task panics; a child whose `Child` is dropped is killed where `kill_on_drop`
//! asks for it, and a child whose `Process` is dropped in Python runs on.

mod checks;

use demo_testing::{Demo, example, python_twin, run_python_twin};

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

#[test]
fn a_thread_runs_a_future_on_the_runtime_and_sends_lines_to_main() {
    let run = Demo::new(example(EXE, "sync_bridge")).env("RUST_BACKTRACE", "0").run();
    run.assert_success();
    checks::assert_sync_bridge(&run);
    assert!(run.stderr.contains("Cannot start a runtime from within a runtime"), "{run:#?}");
}

#[test]
fn in_python_the_thread_uses_the_loop_and_asyncio_run_raises_in_it() {
    let Some(run) = run_python_twin("async-demo/examples/sync_bridge.py") else { return };
    run.assert_success();
    let expected = [
        "thread: got 42 from the event loop",
        "main: received 'line 1 from the thread'",
        "main: received 'line 2 from the thread'",
        "asyncio.run in a coroutine raised: asyncio.run() cannot be called from a running event loop",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn oneshot_watch_and_notify_stand_for_future_and_event() {
    let run = Demo::new(example(EXE, "async_event")).run();
    run.assert_success();
    checks::assert_async_event(&run);
}

#[test]
fn in_python_a_condition_loses_a_notify_that_nobody_waits_for() {
    let Some(run) = run_python_twin("async-demo/examples/async_event.py") else { return };
    run.assert_success();
    let expected = [
        "future: the task set 42",
        "event: waiters [1, 2, 3] woke when main set it",
        "event: a waiter that came after it was set returned at once",
        "condition: a notify() with nobody waiting was lost: the next wait() waited",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

#[test]
fn a_lagging_broadcast_receiver_loses_the_oldest_messages() {
    let run = Demo::new(example(EXE, "broadcast")).run();
    run.assert_success();
    checks::assert_broadcast(&run);
}

#[test]
fn in_python_a_full_queue_per_consumer_refuses_the_newest() {
    let Some(run) = run_python_twin("async-demo/examples/broadcast.py") else { return };
    run.assert_success();
    let expected = ["fast: [1, 2, 3, 4]", "slow: its queue was full for [3, 4], and it got [1, 2]"];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

#[test]
fn children_are_awaited_together_and_killed_on_drop_when_asked() {
    let run = Demo::new(example(EXE, "async_subprocess")).run();
    checks::assert_async_subprocess(&run);
}

#[test]
fn started_with_sigchld_ignored_it_still_waits_for_its_children() {
    // Without a handler of its own, the kernel would reap each child before tokio's wait.
    let run = Demo::new(example(EXE, "async_subprocess")).with_sigchld_ignored().run();
    checks::assert_async_subprocess(&run);
    let twin = python_twin("async-demo/examples/async_subprocess.py", 8);
    let Some(twin) = twin else { return };
    let run = twin.with_sigchld_ignored().run();
    run.assert_success();
    assert_eq!(run.stderr, "", "{run:#?}");
    checks::assert_children_awaited_together(run.lines()[0]);
}

#[test]
fn in_python_a_dropped_process_runs_on() {
    let path = "async-demo/examples/async_subprocess.py";
    let Some(run) = run_python_twin(path) else { return };
    run.assert_success();
    assert_eq!(run.stderr, "", "{run:#?}");
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    checks::assert_children_awaited_together(lines[0]);
    let expected = [
        "timeout: wait_for gave up after 0.20 s, the child still running; \
         kill() and wait(): returncode -9",
        "dropped: 0.50 s later the child's stdout is still open: the child runs on",
    ];
    assert_eq!(lines[1..], expected, "{run:#?}");
}
