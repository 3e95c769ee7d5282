//! Runs the built `threads-demo` and checks what it prints, in what order, and how fast.

use shared::testing::{
    BusyCores, Demo, Run, Traced, assert_refuses_bad_counts, assert_scale_summary, example,
    readme_sample,
};

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");
const NAMES: [&str; 3] = ["A-0", "A-1", "A-2"];

/// Three "Starting" lines (in any order: the threads race), then three "Finished" lines, then the
/// summary; each task exactly once.
fn assert_faithful(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 7, "{run:#?}");
    let mut starts: Vec<&str> = lines[..3].to_vec();
    let mut finishes: Vec<&str> = lines[3..6].to_vec();
    starts.sort_unstable();
    finishes.sort_unstable();
    assert_eq!(
        starts,
        NAMES.map(|n| format!("Task {n}: Starting...")),
        "{run:#?}"
    );
    assert_eq!(
        finishes,
        NAMES.map(|n| format!("Task {n}: Finished.")),
        "{run:#?}"
    );
    assert_eq!(lines[6], "All threads finished.");
}

#[test]
fn three_two_second_sleeps_overlap() {
    let run = Demo::new(EXE).run();
    assert_faithful(&run);
    // Sequential would be 6 s; concurrent is 2 s plus start-up.
    assert!((1.9..4.0).contains(&run.secs), "took {:.2} s", run.secs);
}

#[test]
fn same_output_into_a_file_and_a_terminal() {
    assert_faithful(&Demo::new(EXE).run_to_file());
    if let Some(run) = Demo::new(EXE).run_in_terminal() {
        assert_faithful(&run);
    }
}

#[test]
fn same_output_with_every_core_busy() {
    let _busy = BusyCores::start();
    let run = Demo::new(EXE).run();
    assert_faithful(&run);
    assert!(run.secs < 4.0, "took {:.2} s", run.secs);
}

/// With `DEMO_TRACE=1`: each task's lines come from the thread named after it, all in one
/// process; every start at once, every finish 2 s in.
fn assert_traced(run: &Run) {
    run.assert_success();
    let lines: Vec<Traced> = run.lines().into_iter().filter_map(Traced::parse).collect();
    assert_eq!(lines.len(), 7, "{run:#?}");
    for line in &lines[..6] {
        // Each task's line comes from the thread named after the task, all in one process.
        assert!(
            line.text.starts_with(&format!("Task {}: ", line.who)),
            "{line:?}"
        );
        assert_eq!(line.pid, lines[6].pid);
        let (at, when) = if line.text.ends_with("Starting...") {
            (0.0, "at once")
        } else {
            (2.0, "2 s in")
        };
        assert!((at..at + 0.5).contains(&line.secs), "not {when}: {line:?}");
    }
    assert_eq!(lines[6].who, "main");
    assert_eq!(lines[6].text, "All threads finished.");
}

#[test]
fn trace_shows_who_printed_each_line_and_when() {
    assert_traced(&Demo::new(EXE).trace("1").run());
}

#[test]
fn the_readme_shows_what_the_demo_prints() {
    assert_faithful(&readme_sample("threads-demo"));
    assert_traced(&readme_sample("DEMO_TRACE=1 threads-demo"));
}

#[test]
fn a_bad_trace_value_is_a_one_line_error() {
    Demo::new(EXE)
        .trace("yes")
        .run()
        .assert_usage_error("DEMO_TRACE must be 0");
}

// The examples (`cargo run -p threads-demo --example NAME`).

#[test]
fn shared_counter_totals_are_exact() {
    let run = Demo::new(example(EXE, "shared_counter")).run();
    run.assert_success();
    assert_eq!(
        run.lines(),
        ["Mutex total:  800000", "atomic total: 800000"]
    );
}

#[test]
fn the_racy_counter_in_shared_counter_does_not_compile() {
    // Compiles the code that the example's comment shows, and expects the error it quotes.
    let source = include_str!("../examples/shared_counter.rs");
    let (_, racy) = source
        .split_once("// race:begin\n")
        .expect("a race:begin marker");
    let (racy, _) = racy.split_once("// race:end").expect("a race:end marker");
    let body: Vec<&str> = racy
        .lines()
        .map(|line| line.trim().trim_start_matches("//"))
        .collect();
    let dir = std::env::temp_dir().join(format!("racy-counter-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("racy.rs");
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
    assert!(!output.status.success(), "the racy counter compiled");
    let expected = "error[E0499]: cannot borrow `counter` as mutable more than once at a time";
    assert!(stderr.contains(expected), "{stderr}");
    assert!(
        source.contains(&format!("// {expected}")),
        "the comment quotes the error"
    );
}

#[test]
fn cpu_parallel_counts_right_and_prints_a_speedup() {
    let run = Demo::new(example(EXE, "cpu_parallel")).args(["2"]).run();
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 4, "{run:#?}");
    assert!(
        lines[0].starts_with("1 thread, 2 counts one after another: "),
        "{run:#?}"
    );
    assert!(
        lines[1].starts_with("2 threads, one count each at once: "),
        "{run:#?}"
    );
    assert_eq!(lines[2], "counts: 10000000 10000000");
    let speedup: f64 = lines[3]
        .strip_prefix("speedup: ")
        .and_then(|x| x.parse().ok())
        .unwrap_or_else(|| panic!("no speedup: {run:#?}"));
    // Printed, not asserted: machines differ.
    eprintln!("cpu_parallel 2 on this machine: speedup {speedup}");
    assert!(speedup > 0.0);
}

#[test]
fn cpu_parallel_refuses_a_bad_thread_count() {
    for bad in ["0", "-1", "two", "1.5", "1025", "99999999999999999999999"] {
        let run = Demo::new(example(EXE, "cpu_parallel")).args([bad]).run();
        run.assert_usage_error("expected THREADS, a whole number from 1 to 1024");
    }
    let run = Demo::new(example(EXE, "cpu_parallel"))
        .args(["1", "2"])
        .run();
    run.assert_usage_error("expected at most one argument, THREADS");
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
