//! Runs child_status and run_child and their Python twins: how each child ended, read by the
//! parent; a child's output captured, a child killed at its deadline, a full pipe read.

mod checks;

use demo_testing::{Demo, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn the_parent_reads_how_each_child_ended() {
    let run = Demo::new(example(EXE, "child_status")).env("RUST_BACKTRACE", "0").run();
    checks::assert_child_status(&run);
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    // B-2's panic, printed by the hook in the child, which caught it and left with 101.
    assert_eq!(run.stderr.matches("panicked at").count(), 1, "{run:#?}");
    assert!(run.stderr.contains("\nB-2 got a bad input\n"), "{run:#?}");
}

#[test]
fn the_parent_reaps_every_child_with_sigchld_ignored_too() {
    let demo = Demo::new(example(EXE, "child_status")).env("RUST_BACKTRACE", "0");
    let (run, left) = demo.with_sigchld_ignored().run_listing_left_behind();
    checks::assert_child_status(&run);
    assert!(left.is_empty(), "children left behind {left:?}: {run:#?}");
}

#[test]
fn in_python_an_exception_is_exitcode_1_and_a_kill_minus_the_signal() {
    let Some(run) = run_python_twin("process-demo/examples/child_status.py") else { return };
    let expected = ["B-0: exitcode 0", "B-1: exitcode 3", "B-2: exitcode 1", "B-3: exitcode -9"];
    assert_eq!(run.lines(), expected, "{run:#?}");
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.starts_with("Process B-2:\nTraceback"), "{run:#?}");
    assert!(run.stderr.ends_with("\nValueError: B-2 got a bad input\n"), "{run:#?}");
}

#[test]
fn a_child_is_captured_timed_out_and_read_through_a_full_pipe() {
    checks::assert_run_child(&Demo::new(example(EXE, "run_child")).run());
}

#[test]
fn with_sigchld_ignored_run_child_stops_at_its_first_child_in_one_line() {
    // The kernel reaps each child itself, and std's `Command` cannot wait for it.
    let run = Demo::new(example(EXE, "run_child")).with_sigchld_ignored().run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert_eq!(run.stdout, "", "{run:#?}");
    assert_eq!(run.stderr, "run_child: cannot run a child: No child processes (os error 10)\n");
}

#[test]
fn in_python_run_captures_kills_at_the_timeout_and_communicate_reads() {
    let Some(run) = run_python_twin("process-demo/examples/run_child.py") else { return };
    run.assert_success();
    let expected = [
        r"run(capture_output=True): returncode 3, stdout b'out\n', stderr b'err\n'",
        "timeout: TimeoutExpired after 0.20 s: run() killed the child and waited for it",
        "full pipe: not done after 0.30 s, blocked on the pipe; \
         communicate() read 4194304 bytes (returncode 0)",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}
