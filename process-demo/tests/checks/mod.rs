//! What process-demo's programs must print, for the tests that run the built programs, their
//! copies (`copy.rs`) and the Python original.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use demo_testing::{Demo, Run, Traced, assert_python_messages};

/// The examples that are tools (they may use more than `shared`, and need not copy).
pub const TOOLS: &[&str] = &["many_processes", "measure"];

/// Each child prints "Starting" before its "Finished" with the full count, each line exactly once,
/// and the parent's summary comes last. Which child prints first is up to the OS scheduler, in
/// Python as here.
pub fn assert_faithful(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 5, "{run:#?}");
    for name in ["B-0", "B-1"] {
        let start = format!("Process {name}: Starting...");
        let finish = format!("Process {name}: Finished. Count: 10000000");
        let position = |wanted: &str| lines.iter().position(|line| *line == wanted);
        let (Some(s), Some(f)) = (position(&start), position(&finish)) else {
            panic!("missing a line of {name}: {run:#?}");
        };
        assert!(s < f, "{name} finished before it started: {run:#?}");
    }
    assert_eq!(lines[4], "All processes finished.");
}

/// What Python's multiprocessing original must print when unbuffered: the port's messages, each
/// child's start before its finish, on lines the children can tear (see
/// `demo_testing::assert_python_messages`).
pub fn assert_same_messages(run: &Run) {
    let pairs = ["B-0", "B-1"].map(|n| {
        let start = format!("Process {n}: Starting...");
        (start, format!("Process {n}: Finished. Count: 10000000"))
    });
    assert_python_messages(run, &pairs, "All processes finished.");
}

/// `run` with only the lines of its stdout that do not start with `prefix`: what is left to
/// check once a twin's own lines are checked.
pub fn without_lines_starting(run: &Run, prefix: &str) -> Run {
    let kept = run.lines().into_iter().filter(|line| !line.starts_with(prefix));
    let stdout = kept.map(|line| format!("{line}\n")).collect();
    Run { status: run.status, stdout, stderr: run.stderr.clone(), secs: run.secs }
}

/// With `DEMO_TRACE=1`: the children print from two pids of their own, the parent the summary.
pub fn assert_traced(run: &Run) {
    run.assert_success();
    let lines: Vec<Traced> = run.lines().into_iter().filter_map(Traced::parse).collect();
    assert_eq!(lines.len(), 5, "{run:#?}");
    let parent = lines[4].pid;
    assert_eq!(lines[4].text, "All processes finished.");
    let mut children: Vec<u32> = lines[..4].iter().map(|line| line.pid).collect();
    children.sort_unstable();
    children.dedup();
    assert_eq!(children.len(), 2, "{run:#?}");
    assert!(!children.contains(&parent), "{run:#?}");
}

/// `pipe`: both counts came back and were added.
pub fn assert_pipe(run: &Run) {
    assert_pipe_then(run, &[]);
}

/// What `pipe` and its Python twin print: both counts came back and were added; then the lines
/// of `then`, where the twin prints its own side of a difference.
pub fn assert_pipe_then(run: &Run, then: &[&str]) {
    run.assert_success();
    let mut expected = vec!["B-0 sent 10000000", "B-1 sent 10000000", "sum: 20000000"];
    expected.extend_from_slice(then);
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `process_pool`: the results in the items' order, from three processes, all reaped.
pub fn assert_process_pool(run: &Run) {
    let rest = assert_pool_results(run);
    let expected = ["the results came from 3 processes other than this one, all reaped"];
    assert_eq!(rest, expected, "{run:#?}");
}

/// What `process_pool` and its Python twin print first: the results, in the items' order.
/// Returns the lines after it.
pub fn assert_pool_results(run: &Run) -> Vec<&str> {
    run.assert_success();
    let lines = run.lines();
    let results = "results: [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]";
    assert_eq!(lines.first(), Some(&results), "{run:#?}");
    lines[1..].to_vec()
}

/// `shared_memory`: each child added a million to its own copy of `plain` and to `total`; the
/// parent's `plain` stayed 0, and the shared `total` has every add.
pub fn assert_shared_memory(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 4, "{run:#?}");
    let mut children = lines[..2].to_vec();
    children.sort_unstable();
    let added =
        ["B-0", "B-1"].map(|n| format!("{n} added 1000000 to its copy of `plain` and to `total`"));
    assert_eq!(children, added, "{run:#?}");
    assert_eq!(lines[2..], ["the parent's `plain`: 0", "the shared `total`: 2000000"], "{run:#?}");
}

/// Checks what the teaching example `name` printed: a real run, or the sample in its header.
/// Every teaching example must have a case here.
pub fn check_example_output(name: &str, run: &Run) {
    match name {
        "spawn_self" => assert_faithful(run),
        "pipe" => assert_pipe(run),
        "process_pool" => assert_process_pool(run),
        "shared_memory" => assert_shared_memory(run),
        "word_count_processes" => demo_testing::assert_word_count_line(run),
        "child_status" => assert_child_status(run),
        "run_child" => assert_run_child(run),
        other => panic!("no check for the teaching example {other}: add one"),
    }
}

/// Runs the teaching file `file` (`src/main.rs` or `examples/NAME.rs`) from its build at `exe` and
/// checks that it shows its point.
pub fn run_teaching_file(file: &str, exe: &Path) {
    match Path::new(file).file_stem().unwrap().to_str().unwrap() {
        "main" | "spawn_self" => {
            assert_faithful(&Demo::new(exe).run());
            assert_traced(&Demo::new(exe).trace("1").run());
        }
        "word_count_processes" => demo_testing::assert_word_counts(exe),
        "child_status" => {
            let run = Demo::new(exe).env("RUST_BACKTRACE", "0").run();
            assert_child_status(&run);
            assert_eq!(run.status.code(), Some(1), "{run:#?}");
        }
        name => check_example_output(name, &Demo::new(exe).run()),
    }
}

/// `child_status`: how each of the four children ended, as the parent read it from `waitpid`.
/// The status (1) is checked where a test runs the program.
pub fn assert_child_status(run: &Run) {
    let expected = [
        "B-0: exit status: 0 (exitcode 0)",
        "B-1: exit status: 3 (exitcode 3)",
        "B-2: exit status: 101 (exitcode 101)",
        "B-3: signal: 9 (SIGKILL) (exitcode -9)",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}

/// `run_child`: the captured output and status, the child killed at its deadline and reaped,
/// and the writer blocked on its full pipe until `wait_with_output` read it.
pub fn assert_run_child(run: &Run) {
    run.assert_success();
    let expected = [
        r#"output(): exit status: 3, stdout "out\n", stderr "err\n""#,
        "timeout: still running after 0.20 s: killed, then reaped (signal: 9 (SIGKILL))",
        "full pipe: not done after 0.30 s, blocked on the pipe; \
         wait_with_output read 4194304 bytes (exit status: 0)",
    ];
    assert_eq!(run.lines(), expected, "{run:#?}");
}
