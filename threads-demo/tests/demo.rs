//! Runs the built `threads-demo`, its examples and the Python original, and checks what they
//! print, in what order, and how fast.

mod checks;

use std::ffi::OsStr;

use checks::{assert_faithful, assert_overlap, assert_traced};
use demo_testing::{
    Demo, Run, TimelineRow, assert_bars_overlap, assert_readme_shows_file,
    assert_refuses_bad_counts, assert_scale_summary, example, python3, readme_sample,
    readme_timeline, run_python_original, run_python_twin, timeline, timeline_demo, workspace_dir,
};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn three_two_second_sleeps_overlap() {
    let run = Demo::new(EXE).run();
    assert_faithful(&run);
    assert_overlap(&run);
}

#[test]
fn the_python_original_prints_whole_lines_unless_unbuffered() {
    // Buffered (Python's default), each line reaches the OS whole: one `write` a line on a
    // terminal, one `write` for all of them at exit into a pipe or a file.
    let Some(run) = run_python_original("threads", "") else { return };
    assert_faithful(&run);
    assert_overlap(&run);
    let original = workspace_dir().join("scripts/python/threads.py");
    assert_faithful(&python3().args([&original]).run_to_file());
    if let Some(run) = python3().args([&original]).run_in_terminal() {
        assert_faithful(&run);
    }
    // Unbuffered, `print` writes the text, then the newline: the same messages, in lines that
    // another thread may have torn (see `assert_same_messages`).
    let run = python3().args([OsStr::new("-u"), original.as_os_str()]).run();
    checks::assert_same_messages(&run);
}

#[test]
fn same_output_into_a_file_and_a_terminal() {
    assert_faithful(&Demo::new(EXE).run_to_file());
    if let Some(run) = Demo::new(EXE).run_in_terminal() {
        assert_faithful(&run);
    }
}

#[test]
fn trace_shows_who_printed_each_line_and_when() {
    assert_traced(&Demo::new(EXE).trace("1").run());
}

#[test]
fn the_readme_shows_the_code_and_what_it_prints() {
    assert_readme_shows_file("threads-demo/src/main.rs");
    assert_faithful(&readme_sample("threads-demo"));
    assert_traced(&readme_sample("DEMO_TRACE=1 threads-demo"));
}

#[test]
fn a_bad_trace_value_is_a_one_line_error() {
    Demo::new(EXE).trace("yes").run().assert_usage_error("DEMO_TRACE must be 0");
}

/// The port's timeline: one bar per thread, side by side, each 2 s long.
fn assert_timeline(run: &Run) {
    let rows = TimelineRow::parse_all(run);
    let mut labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Task A-0", "Task A-1", "Task A-2"], "{run:#?}");
    assert_bars_overlap(&rows);
    assert!(rows.iter().all(|row| row.secs.1 - row.secs.0 >= 1.9), "{run:#?}");
}

#[test]
fn the_timeline_draws_three_bars_side_by_side() {
    assert_timeline(&timeline(EXE, &[], true));
    assert_timeline(&timeline_demo(EXE, &[], false).run_to_file());
    if let Some(run) = timeline_demo(EXE, &[], true).run_in_terminal() {
        assert_timeline(&run);
    }
    assert_timeline(&readme_timeline("threads-demo"));
}

#[test]
fn the_timeline_refuses_bad_input() {
    let run = Demo::new("sh").args([workspace_dir().join("scripts/timeline.sh")]).run();
    assert_eq!((run.status.code(), run.stdout.as_str()), (Some(2), ""), "{run:#?}");
    assert_eq!(run.stderr, "timeline: expected a command to run: timeline.sh COMMAND [ARGS...]\n");
    let mut demo = timeline_demo(EXE, &[], true);
    demo = demo.env("TIMELINE_WIDTH", "wide");
    let run = demo.run();
    assert_eq!(run.status.code(), Some(2), "{run:#?}");
    assert!(run.stderr.starts_with("timeline: TIMELINE_WIDTH must be a whole number"), "{run:#?}");
}

// The examples (`cargo run -p threads-demo --example NAME`).

#[test]
fn shared_counter_totals_are_exact() {
    checks::assert_exact_totals(&Demo::new(example(EXE, "shared_counter")).run());
}

#[test]
fn python_runs_the_unlocked_counter_and_the_locked_total_is_exact() {
    let Some(run) = run_python_twin("threads-demo/examples/shared_counter.py") else { return };
    run.assert_success();
    assert_eq!(run.stderr, "", "{run:#?}");
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{run:#?}");
    assert_eq!(lines[0], "Lock total:     800000", "{run:#?}");
    // Whatever this run's unlocked total, only the line's form is checked: nothing guarantees it.
    let unlocked = lines[1]
        .strip_prefix("unlocked total: ")
        .and_then(|rest| rest.strip_suffix(" this run; nothing guarantees it"))
        .and_then(|total| total.parse::<u64>().ok());
    assert!(unlocked.is_some(), "{run:#?}");
}

/// Compiles the code that shared_counter's comment shows between `// NAME:begin` and
/// `// NAME:end`, and expects the error that the comment quotes after it.
fn assert_refused(name: &str, expected: &str) {
    let source = include_str!("../examples/shared_counter.rs");
    let (_, code) = source.split_once(&format!("// {name}:begin\n")).expect("a begin marker");
    let (code, _) = code.split_once(&format!("// {name}:end")).expect("an end marker");
    let body: Vec<&str> = code.lines().map(|line| line.trim().trim_start_matches("//")).collect();
    let dir = std::env::temp_dir().join(format!("{name}-counter-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, format!("fn main() {{\n{}\n}}\n", body.join("\n"))).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = std::process::Command::new(rustc)
        .args(["--edition", "2024", "--emit", "metadata", "--out-dir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .expect("run rustc");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the {name} counter compiled");
    assert!(stderr.contains(expected), "{stderr}");
    let quoted = format!("// {name}:end\n    //\n    // {expected}\n");
    assert!(source.contains(&quoted), "the comment quotes the error after the code");
}

#[test]
fn the_racy_counter_in_shared_counter_does_not_compile() {
    let expected = "error[E0499]: cannot borrow `counter` as mutable more than once at a time";
    assert_refused("race", expected);
}

#[test]
fn the_cell_counter_in_shared_counter_does_not_compile() {
    assert_refused("cell", "error[E0277]: `Cell<u64>` cannot be shared between threads safely");
}

#[test]
fn cpu_parallel_refuses_a_bad_thread_count() {
    for bad in ["0", "-1", "two", "1.5", "1025", "99999999999999999999999"] {
        let run = Demo::new(example(EXE, "cpu_parallel")).args([bad]).run();
        run.assert_usage_error("expected THREADS, a whole number from 1 to 1024, not ");
    }
    let run = Demo::new(example(EXE, "cpu_parallel")).args(["1", "2"]).run();
    run.assert_usage_error("expected THREADS, a whole number from 1 to 1024, and nothing after it");
}

#[test]
fn queue_loses_nothing_and_makes_producers_wait() {
    checks::assert_queue(&Demo::new(example(EXE, "queue")).run());
}

#[test]
fn python_queue_loses_nothing_and_makes_producers_wait() {
    let Some(run) = run_python_twin("threads-demo/examples/queue_twin.py") else { return };
    checks::assert_queue(&run);
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn thread_pool_keeps_the_order_and_three_at_once() {
    checks::assert_thread_pool(&Demo::new(example(EXE, "thread_pool")).run());
}

#[test]
fn python_executor_map_keeps_the_order_and_three_at_once() {
    let Some(run) = run_python_twin("threads-demo/examples/thread_pool.py") else { return };
    checks::assert_thread_pool(&run);
    assert_eq!(run.stderr, "", "{run:#?}");
}

#[test]
fn deadlock_is_reported_then_fixed() {
    checks::assert_deadlock(&Demo::new(example(EXE, "deadlock")).run(), &[]);
}

#[test]
fn in_python_each_lock_wait_times_out_and_both_threads_end() {
    let Some(run) = run_python_twin("threads-demo/examples/deadlock.py") else { return };
    let gave_up = [
        "T-1 gave up on lock B: acquire(timeout=1) returned False",
        "T-2 gave up on lock A: acquire(timeout=1) returned False",
    ];
    checks::assert_deadlock(&run, &gave_up);
    assert_eq!(run.stderr, "", "{run:#?}");
    // Main waited a second for news, and nothing waited out the barrier's 5 s timeout.
    assert!((1.0..4.0).contains(&run.secs), "took {:.2} s", run.secs);
}

#[test]
fn downloads_checks_every_file_and_overlaps() {
    checks::run_downloads(&example(EXE, "downloads"));
}

#[test]
fn downloads_refuses_bad_arguments() {
    let usage = "expected a loopback address (127.0.0.1:PORT), N and maybe DEADLINE_S: downloads 127.0.0.1:PORT N [DEADLINE_S]";
    for args in [
        &[][..],
        &["127.0.0.1:80"],
        &["10.0.0.1:80", "5"],
        &["localhost", "5"],
        &["127.0.0.1:80", "5", "6", "7"],
    ] {
        Demo::new(example(EXE, "downloads")).args(args).run().assert_usage_error(usage);
    }
    let run = Demo::new(example(EXE, "downloads")).args(["127.0.0.1:80", "0"]).run();
    run.assert_usage_error("expected N, a whole number from 1 to 10000, not \"0\"");
    let run = Demo::new(example(EXE, "downloads")).args(["127.0.0.1:80", "5", "0"]).run();
    run.assert_usage_error("expected DEADLINE_S, a whole number from 1 to 3600, not \"0\"");
}

#[test]
fn many_threads_prints_its_summary() {
    let run = Demo::new(example(EXE, "many_threads")).args(["50"]).run();
    assert_scale_summary(&run, "threads", 50);
}

#[test]
fn many_threads_refuses_a_bad_count() {
    assert_refuses_bad_counts(example(EXE, "many_threads"), "N", 100000);
}

#[test]
fn each_example_header_shows_what_the_example_prints() {
    // Every teaching example with a sample in its header: the sample passes the real run's checks.
    let checked = demo_testing::check_header_samples(
        "threads-demo",
        checks::TOOLS,
        checks::check_example_output,
    );
    assert!(checked >= 5, "fewer samples than the examples show");
}
