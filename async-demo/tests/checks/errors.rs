//! What the examples of failing tasks must print.

use demo_testing::Run;

/// `task_panic`: the awaited task's panic came back through its handle; `join_all` kept every
/// outcome, after C-1 and C-3 finished; `try_join_all` returned C-2's error at 0.1 s and C-1 and
/// C-3, dropped, printed nothing more. The status (1) and stderr are checked where a test runs it.
pub fn assert_task_panic(run: &Run) {
    let starts = ["C-1: Starting...", "C-2: Starting...", "C-3: Starting..."];
    let mut expected = vec!["the task panicked: the task got a bad input"];
    expected.extend(starts);
    expected.extend(["C-1: Finished.", "C-3: Finished."]);
    expected.push(r#"join_all: [Ok("C-1"), Err("C-2 got a bad input"), Ok("C-3")]"#);
    expected.extend(starts);
    expected.push(r#"try_join_all: Err("C-2 got a bad input") after 0.10 s"#);
    expected.push("0.50 s later, C-1 and C-3 have printed nothing more: they were dropped");
    let mut lines = run.lines();
    // The time is the only line that may differ (a loaded machine); 0.1 s is C-2's sleep.
    let timed = lines.iter().position(|line| line.starts_with("try_join_all: ")).expect("a line");
    let secs = lines[timed].rsplit(" after ").next().unwrap().trim_end_matches(" s");
    let secs: f64 = secs.parse().expect("seconds");
    assert!((0.09..0.45).contains(&secs), "try_join_all waited for more than C-2: {run:#?}");
    lines[timed] = expected[timed];
    assert_eq!(lines, expected, "{run:#?}");
}
