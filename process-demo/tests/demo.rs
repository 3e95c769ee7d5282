//! Runs the built `process-demo`, its examples and the Python original, and checks what they
//! print and how they report failures.

mod checks;

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use checks::{assert_faithful, assert_traced};
use demo_testing::{
    Demo, Run, TimelineRow, assert_bars_overlap, assert_readme_shows_file,
    assert_refuses_bad_counts, assert_scale_summary, example, readme_python, readme_sample,
    readme_timeline, run_python_twin, timeline, timeline_demo,
};

const EXE: &str = env!("CARGO_BIN_EXE_process-demo");

#[test]
fn two_children_count_to_ten_million() {
    assert_faithful(&Demo::new(EXE).run());
}

#[test]
fn no_line_is_printed_twice_into_a_file_or_a_terminal() {
    // Into a file, C's stdio and Python's io buffer whole blocks: a buffer not flushed before a
    // fork is printed once by the parent and once by each child (multiprocessing flushes stdout
    // and stderr before it forks). Rust must print each line once.
    assert_faithful(&Demo::new(EXE).run_to_file());
    if let Some(run) = Demo::new(EXE).run_in_terminal() {
        assert_faithful(&run);
    }
}

#[test]
fn each_child_is_its_own_process() {
    assert_traced(&Demo::new(EXE).trace("1").run());
}

/// Runs the Python original, `prelude` first, as `python3 FILE` with stdout a pipe: with
/// Python's default buffering, or unbuffered (`PYTHONUNBUFFERED=1`, which the environment of
/// these tests may export; Python reads an empty value as unset). `None` where there is no
/// `python3`.
fn run_original(prelude: &str, unbuffered: bool) -> Option<Run> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: no python3 to run the original with");
        return None;
    }
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!("processes-{}-{n}.py", std::process::id()));
    std::fs::write(&file, format!("{prelude}{}", readme_python("processes"))).unwrap();
    let value = if unbuffered { "1" } else { "" };
    let run = Demo::new("python3").env("PYTHONUNBUFFERED", value).args([&file]).run();
    let _ = std::fs::remove_file(&file);
    Some(run)
}

#[test]
fn the_python_original_prints_each_childs_lines_at_its_exit() {
    // Into a pipe, Python's stdout is block-buffered by default, and a forked child flushes it as
    // it ends: its two lines reach the pipe in one write, so they come whole and together.
    let Some(run) = run_original("", false) else { return };
    assert_faithful(&run);
    let lines = run.lines();
    let child = |line: &str| line.split(':').next().unwrap().to_owned();
    assert!(child(lines[0]) == child(lines[1]) && child(lines[2]) == child(lines[3]), "{run:#?}");
}

#[test]
fn the_python_original_unbuffered_prints_the_same_messages() {
    // Unbuffered, `print` writes the text and then the newline: the children can tear each
    // other's lines, so only the messages are checked (see `assert_same_messages`).
    if let Some(run) = run_original("", true) {
        checks::assert_same_messages(&run);
    }
}

/// Whether this `python3`'s forkserver imports the main program itself: from 3.13.8 and 3.14.1
/// (CPython PR #135295); before, `__main__` was never preloaded (gh-126631).
fn forkserver_imports_main() -> Option<bool> {
    let code = "import sys; v = sys.version_info[:3]; print(int((3, 13, 8) <= v < (3, 14) or v >= (3, 14, 1)))";
    let out = Command::new("python3").args(["-c", code]).output().ok()?;
    Some(out.stdout.starts_with(b"1"))
}

#[test]
fn the_python_original_fails_without_fork() {
    // "spawn" (macOS, Windows) and "forkserver" (Linux from Python 3.14) run the program again
    // for each child, and its top level, not guarded by `if __name__ == "__main__":`, with it.
    let Some(preloads) = forkserver_imports_main() else { return };
    for unbuffered in [false, true] {
        for method in ["spawn", "forkserver"] {
            let prelude = format!(
                "import multiprocessing\nmultiprocessing.set_start_method({method:?}, force=True)\n"
            );
            let Some(run) = run_original(&prelude, unbuffered) else { return };
            if method == "forkserver" && preloads {
                // The server runs the top level itself and dies: the parent's `start()` raises.
                assert_eq!(run.status.code(), Some(1), "{method}: {run:#?}");
                assert_eq!(run.stdout, "", "{method}: {run:#?}");
                assert!(run.stderr.contains("EOFError"), "{method}: {run:#?}");
                continue;
            }
            // Each child's `start()` refuses to run in a child still starting up; the parent
            // goes on, joins them, and prints its last line.
            run.assert_success();
            assert_eq!(run.lines(), ["All processes finished."], "{method}: {run:#?}");
            assert_eq!(run.stderr.matches("Traceback").count(), 2, "{method}: {run:#?}");
            assert!(run.stderr.contains("bootstrapping phase"), "{method}: {run:#?}");
        }
    }
}

#[test]
fn the_readme_shows_the_code_and_what_it_prints() {
    assert_readme_shows_file("process-demo/src/main.rs");
    assert_faithful(&readme_sample("process-demo"));
    assert_traced(&readme_sample("DEMO_TRACE=1 process-demo"));
}

#[test]
fn a_bad_trace_value_is_a_one_line_error() {
    Demo::new(EXE).trace("2").run().assert_usage_error("DEMO_TRACE must be 0");
}

/// The port's timeline: one bar per child, labelled with its own pid, side by side.
fn assert_timeline(run: &Run) {
    // Which child starts first is up to the scheduler: the rows in the order of their labels.
    let mut rows = TimelineRow::parse_all(run);
    rows.sort_by(|a, b| a.label.cmp(&b.label));
    assert_eq!(rows.len(), 2, "{run:#?}");
    let mut pids = Vec::new();
    for (row, name) in rows.iter().zip(["Process B-0 (pid ", "Process B-1 (pid "]) {
        let pid = row.label.strip_prefix(name).and_then(|rest| rest.strip_suffix(')'));
        pids.push(pid.unwrap_or_else(|| panic!("{run:#?}")).parse::<u32>().unwrap());
    }
    assert_ne!(pids[0], pids[1], "{run:#?}");
    // A release build counts to ten million in about 5 ms, under the trace clock's 0.01 s step:
    // a bar may read 0.00-0.00 s, which shows no overlap either way. A debug build counts for
    // about 60 ms: there (and in the README's timeline, from one) the bars must overlap.
    if cfg!(debug_assertions) || rows.iter().all(|row| row.secs.0 < row.secs.1) {
        assert_bars_overlap(&rows);
    }
}

#[test]
fn the_timeline_draws_each_child_by_pid() {
    assert_timeline(&timeline(EXE, &[], true));
    assert_timeline(&timeline_demo(EXE, &[], false).run_to_file());
    assert_timeline(&readme_timeline("process-demo"));
}

// The examples (`cargo run -p process-demo --example NAME`).

#[test]
fn pipe_brings_both_counts_back() {
    checks::assert_pipe(&Demo::new(example(EXE, "pipe")).run());
}

#[test]
fn in_python_a_pipe_brings_both_counts_back_as_int_objects() {
    let Some(run) = run_python_twin("process-demo/examples/pipe.py") else { return };
    let unpickled = "the counts came back as int objects: send() pickles, recv() unpickles";
    checks::assert_pipe_then(&run, &[unpickled]);
}

#[test]
fn process_pool_maps_in_order_on_three_processes() {
    checks::assert_process_pool(&Demo::new(example(EXE, "process_pool")).run());
}

#[test]
fn in_python_the_pool_pickles_what_it_sends_and_its_workers_take_tasks_as_they_get_free() {
    let Some(run) = run_python_twin("process-demo/examples/process_pool.py") else { return };
    let rest = checks::assert_pool_results(&run);
    assert_eq!(rest.len(), 2, "{run:#?}");
    // How many workers took a task is up to the scheduler: one, two or all three.
    let took = |n| format!("the results came from {n} of the pool's 3 processes, all reaped");
    assert!((1..=3).any(|n| rest[0] == took(n)), "{run:#?}");
    let refused =
        "map(lambda x: x * x, items) raised PicklingError: the pool pickles what it sends";
    assert_eq!(rest[1], refused, "{run:#?}");
}

#[test]
fn spawn_self_prints_what_process_demo_prints() {
    assert_faithful(&Demo::new(example(EXE, "spawn_self")).run());
}

#[test]
fn in_python_spawn_runs_the_files_top_level_again_in_each_child() {
    let Some(run) = run_python_twin("process-demo/examples/spawn_self.py") else { return };
    let ran = "this file's top level ran as ";
    let lines = run.lines();
    // The parent's line, flushed before the first child starts; then each child's, which
    // writes its lines at its exit: the top level's before its task's.
    assert_eq!(lines.first(), Some(&&*format!("{ran}__main__")), "{run:#?}");
    let in_child = format!("{ran}__mp_main__");
    let again: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == in_child).collect();
    assert_eq!(again.len(), 2, "{run:#?}");
    let starts = |i: &usize| lines.get(i + 1).is_some_and(|next| next.ends_with(": Starting..."));
    assert!(again.iter().all(starts), "{run:#?}");
    // The rest is what process-demo prints.
    assert_faithful(&checks::without_lines_starting(&run, ran));
}

#[test]
fn spawn_self_refuses_an_argument_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"\xff");
    for args in [vec![bad], vec![std::ffi::OsStr::new("--child"), bad]] {
        let run = Demo::new(example(EXE, "spawn_self")).args(args).run();
        run.assert_usage_error("expected no argument, or `--child B-0` or `--child B-1`");
    }
}

#[test]
fn spawn_self_refuses_other_arguments() {
    for args in [&["--child"][..], &["--child", "B-2"], &["B-0"], &["--child", "B-0", "x"]] {
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
    assert_eq!(lines.len(), 6, "the demo's five lines, then the figures: {run:#?}");
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
    let run = Demo::new(example(EXE, "measure")).args([EXE]).trace("bad").run();
    assert_eq!(run.status.code(), Some(1), "{run:#?}");
    assert!(run.stderr.contains("ended with exit status: 2"), "{run:#?}");
    for args in [&[][..], &["--help"], &["-v", "true"]] {
        let run = Demo::new(example(EXE, "measure")).args(args).run();
        run.assert_usage_error("expected a command to run: measure COMMAND [ARGS...]");
    }
}

#[test]
fn each_example_header_shows_what_the_example_prints() {
    // Every teaching example with a sample in its header: the sample passes the real run's checks.
    let checked = demo_testing::check_header_samples(
        "process-demo",
        checks::TOOLS,
        checks::check_example_output,
    );
    assert!(checked >= 2, "fewer samples than the examples show");
}
