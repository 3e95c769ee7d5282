//! Runs the built `process-demo` and checks what it prints and how it reports failures.

use shared::testing::{
    BusyCores, Demo, Run, Traced, assert_refuses_bad_counts, assert_scale_summary, example,
    readme_sample,
};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

/// Each child prints "Starting" before its "Finished" with the full count, each line exactly once,
/// and the parent's summary comes last. Which child prints first is up to the OS scheduler, in
/// Python as here.
fn assert_faithful(run: &Run) {
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

#[test]
fn two_children_count_to_ten_million() {
    assert_faithful(&Demo::new(EXE).run());
}

#[test]
fn no_line_is_printed_twice_into_a_file_or_a_terminal() {
    // Into a file, C's stdio (and Python 2's) buffers whole blocks: a buffer not flushed before
    // fork is printed once by the parent and once by each child. Rust must print each line once.
    assert_faithful(&Demo::new(EXE).run_to_file());
    if let Some(run) = Demo::new(EXE).run_in_terminal() {
        assert_faithful(&run);
    }
}

#[test]
fn same_output_with_every_core_busy() {
    let _busy = BusyCores::start();
    assert_faithful(&Demo::new(EXE).run());
}

/// With `DEMO_TRACE=1`: the children print from two pids of their own, the parent the summary.
fn assert_traced(run: &Run) {
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

#[test]
fn each_child_is_its_own_process() {
    assert_traced(&Demo::new(EXE).trace("1").run());
}

#[test]
fn the_readme_shows_what_the_demo_prints() {
    assert_faithful(&readme_sample("process-demo"));
    assert_traced(&readme_sample("DEMO_TRACE=1 process-demo"));
}

#[test]
fn a_bad_trace_value_is_a_one_line_error() {
    Demo::new(EXE)
        .trace("2")
        .run()
        .assert_usage_error("DEMO_TRACE must be 0");
}

// The examples (`cargo run -p process-demo --example NAME`).

#[test]
fn pipe_brings_both_counts_back() {
    let run = Demo::new(example(EXE, "pipe")).run();
    run.assert_success();
    assert_eq!(
        run.lines(),
        ["B-0 sent 10000000", "B-1 sent 10000000", "sum: 20000000"]
    );
}

#[test]
fn spawn_self_prints_what_process_demo_prints() {
    assert_faithful(&Demo::new(example(EXE, "spawn_self")).run());
}

#[test]
fn spawn_self_refuses_other_arguments() {
    for args in [
        &["--child"][..],
        &["--child", "B-2"],
        &["B-0"],
        &["--child", "B-0", "x"],
    ] {
        let run = Demo::new(example(EXE, "spawn_self")).args(args).run();
        run.assert_usage_error("expected no argument, or `--child B-0` or `--child B-1`");
    }
}

#[test]
fn many_processes_prints_its_summary() {
    let run = Demo::new(example(EXE, "many_processes")).args(["20"]).run();
    assert_scale_summary(&run, "processes", 20);
}

#[test]
fn many_processes_refuses_a_bad_count() {
    assert_refuses_bad_counts(example(EXE, "many_processes"), "N", 100000);
}

#[test]
fn measure_reports_wall_time_and_memory() {
    let run = Demo::new(example(EXE, "measure")).args([EXE]).run();
    run.assert_success();
    let lines = run.lines();
    assert_eq!(
        lines.len(),
        6,
        "the demo's five lines, then the figures: {run:#?}"
    );
    let figures = lines[5];
    let (wall, kib) = figures
        .strip_prefix("wall_s=")
        .and_then(|rest| rest.split_once(" peak_rss_kib="))
        .unwrap_or_else(|| panic!("{figures:?}"));
    let wall: f64 = wall.parse().unwrap();
    let kib: u64 = kib.parse().unwrap();
    assert!(wall > 0.0 && wall <= run.secs, "{run:#?}");
    assert!(kib >= 100, "{run:#?}");
}

#[test]
fn measure_reports_a_failing_command() {
    let run = Demo::new(example(EXE, "measure"))
        .args([EXE])
        .trace("bad")
        .run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.contains("exited with status 2"), "{run:#?}");
    Demo::new(example(EXE, "measure"))
        .run()
        .assert_usage_error("expected a command to run");
}
