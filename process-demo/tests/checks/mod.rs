//! What process-demo's programs must print, for the tests that run the built programs, their
//! copies (`copy.rs`) and the Python original.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use demo_testing::{Demo, Run, Traced};

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
    run.assert_success();
    assert_eq!(
        run.lines(),
        ["B-0 sent 10000000", "B-1 sent 10000000", "sum: 20000000"]
    );
}

/// Runs the teaching file `file` (`src/main.rs` or `examples/NAME.rs`) from its build at `exe` and
/// checks that it shows its point. Every teaching file must have a case here.
pub fn run_teaching_file(file: &str, exe: &Path) {
    match Path::new(file).file_stem().unwrap().to_str().unwrap() {
        "main" | "spawn_self" => {
            assert_faithful(&Demo::new(exe).run());
            assert_traced(&Demo::new(exe).trace("1").run());
        }
        "pipe" => assert_pipe(&Demo::new(exe).run()),
        other => panic!("no check for the teaching file {other}: add one"),
    }
}
