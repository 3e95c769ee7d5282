//! Runs the example that maps Python's `multiprocessing.Value`, and where things go wrong for it:
//! a closed pipe, a bad argument, a refused fork, children that fail.

mod checks;

use std::fs::File;

use demo_testing::{Demo, assert_quiet_when_output_closes, example, run_python_twin};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn shared_memory_sees_every_add_and_the_plain_variable_none() {
    checks::assert_shared_memory(&Demo::new(example(EXE, "shared_memory")).run());
}

#[test]
fn in_python_a_value_sees_every_locked_add_and_the_plain_variable_none() {
    let Some(run) = run_python_twin("process-demo/examples/shared_memory.py") else { return };
    checks::assert_shared_memory(&run);
}

#[test]
fn shared_memory_ends_quietly_and_refuses_an_argument() {
    assert_quiet_when_output_closes(example(EXE, "shared_memory"), &[]);
    let run = Demo::new(example(EXE, "shared_memory")).args(["2"]).run();
    run.assert_usage_error("expected no arguments");
}

#[test]
fn shared_memory_reaps_what_started_when_a_fork_is_refused() {
    // Two processes at most: the parent and B-0. The fork of B-1 is refused.
    let Some(demo) = Demo::new(example(EXE, "shared_memory")).with_process_limit(2) else {
        return;
    };
    let run = demo.run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let expected =
        "shared_memory: cannot start process B-1: Resource temporarily unavailable (os error 11)\n";
    assert_eq!(run.stderr, expected, "{run:#?}");
    // B-0 ran to its end; the parent, which failed, printed no totals.
    let b0 = ["B-0 added 1000000 to its copy of `plain` and to `total`"];
    assert_eq!(run.lines(), b0, "{run:#?}");
}

#[test]
fn shared_memory_names_children_that_fail() {
    // Writing to /dev/full fails: each child says so and exits with status 1.
    let demo = Demo::new(example(EXE, "shared_memory"));
    let run = demo.run_with_stdout(File::create("/dev/full").unwrap());
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{run:#?}");
    let full = "shared_memory: cannot write to stdout: No space left on device (os error 28)";
    assert_eq!(lines.iter().filter(|line| **line == full).count(), 2, "{run:#?}");
    for name in ["B-0", "B-1"] {
        let named = format!("shared_memory: process {name} (pid ");
        let line = lines.iter().find(|line| line.starts_with(&named));
        assert!(line.is_some_and(|l| l.ends_with(") ended with exit status: 1")), "{run:#?}");
    }
}
