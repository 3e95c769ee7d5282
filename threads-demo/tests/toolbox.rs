//! Runs the examples that map Python's `threading.Event`, daemon threads and `threading.local()`,
//! and their Python twins, and checks that each shows its point.

mod checks;

use demo_testing::{Demo, assert_quiet_when_output_closes, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");
const EXAMPLES: [&str; 3] = ["event", "detached", "thread_local"];

#[test]
fn event_times_out_then_wakes_every_waiter() {
    checks::assert_event(&Demo::new(example(EXE, "event")).run(), "false");
}

#[test]
fn python_event_times_out_then_wakes_every_waiter() {
    let Some(run) = run_python_twin("threads-demo/examples/event.py") else { return };
    checks::assert_event(&run, "False");
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn a_detached_thread_is_stopped_when_main_returns() {
    let run = Demo::new(example(EXE, "detached")).run();
    checks::assert_detached(&run);
    // A-0 was joined: main waited for its 2 s.
    assert!(run.secs >= 2.0, "{run:#?}");
}

#[test]
fn python_waits_at_exit_for_a_non_daemon_thread_not_a_daemon_one() {
    let Some(run) = run_python_twin("threads-demo/examples/detached.py") else { return };
    run.assert_success();
    assert_eq!(run.stderr, "", "{run:#?}");
    let expected = [
        "non-daemon: main does not join A-0, and Python waits for it at exit",
        "Task A-0: Starting...",
        "daemon: main ends once A-1 has started",
        "Task A-1: Starting...",
        "main ends: Python waits for A-0, then exits, and A-1 with it",
        "Task A-0: Finished.",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
    // Python waited for A-0's 2 s, not for A-1's 4 s.
    assert!((2.0..4.0).contains(&run.secs), "{run:#?}");
}

#[test]
fn a_detached_thread_is_stopped_into_a_file_too() {
    // A file is not a pipe: the missing line is not one lost in a pipe's buffer.
    checks::assert_detached(&Demo::new(example(EXE, "detached")).run_to_file());
}

#[test]
fn thread_local_counts_are_per_thread() {
    checks::assert_thread_local(&Demo::new(example(EXE, "thread_local")).run(), "CALLS", "ALL");
}

#[test]
fn python_thread_local_counts_are_per_thread() {
    let Some(run) = run_python_twin("threads-demo/examples/thread_local.py") else { return };
    checks::assert_thread_local(&run, "local.calls", "all_calls");
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn closed_output_ends_quietly() {
    for name in EXAMPLES {
        assert_quiet_when_output_closes(example(EXE, name), &[]);
    }
}

#[test]
fn an_argument_is_refused() {
    for name in EXAMPLES {
        let run = Demo::new(example(EXE, name)).args(["1"]).run();
        run.assert_usage_error("expected no arguments");
    }
}
