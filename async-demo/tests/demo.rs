//! Runs the built `async-demo` and checks its exact output, its order and its concurrency.

use shared::testing::{
    BusyCores, Demo, Run, Traced, assert_refuses_bad_counts, assert_scale_summary, example,
    readme_sample,
};

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

/// The original's seven lines in the original's order, which `asyncio.gather` keeps every run.
/// Returns the seconds the last line reports.
fn assert_faithful(run: &Run) -> f64 {
    run.assert_success();
    let lines = run.lines();
    let expected = [
        "Async Task C-1: Starting...",
        "Async Task C-2: Starting...",
        "Async Task C-3: Starting...",
        "Async Task C-1: Finished.",
        "Async Task C-2: Finished.",
        "Async Task C-3: Finished.",
    ];
    assert_eq!(lines.len(), 7, "{run:#?}");
    assert_eq!(lines[..6], expected, "{run:#?}");
    let secs = lines[6]
        .strip_prefix("All async tasks finished in ")
        .and_then(|rest| rest.strip_suffix(" seconds."))
        .unwrap_or_else(|| panic!("not the summary line: {:?}", lines[6]));
    let (whole, hundredths) = secs.split_once('.').expect("a decimal point");
    assert_eq!(hundredths.len(), 2, "two decimals: {secs}");
    assert!(whole.chars().all(|c| c.is_ascii_digit()), "{secs}");
    secs.parse().expect("a number")
}

#[test]
fn three_one_second_sleeps_overlap_and_keep_their_order() {
    // Five runs at once: the order must hold every run, not just usually.
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..5).map(|_| s.spawn(|| Demo::new(EXE).run())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in &runs {
        let reported = assert_faithful(run);
        // Sequential would be 3 s; concurrent is 1 s plus start-up.
        assert!((0.99..2.0).contains(&reported), "reported {reported} s");
        // The demo rounds its time to hundredths, so it may report up to 5 ms more than it took.
        let took = run.secs;
        assert!(
            took >= reported - 0.005 && took < 2.0,
            "took {took:.3} s, reported {reported}"
        );
    }
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
    let reported = assert_faithful(&Demo::new(EXE).run());
    assert!(reported < 2.0, "reported {reported} s");
}

/// With `DEMO_TRACE=1`: every line from the one thread, `main`; starts at once, finishes 1 s in.
fn assert_traced(run: &Run) {
    run.assert_success();
    let lines: Vec<Traced> = run.lines().into_iter().filter_map(Traced::parse).collect();
    assert_eq!(lines.len(), 7, "{run:#?}");
    for line in &lines {
        assert_eq!((line.who, line.pid), ("main", lines[0].pid), "{line:?}");
    }
    for line in &lines[..3] {
        assert!(line.secs < 0.5, "did not start at once: {line:?}");
    }
    for line in &lines[3..6] {
        assert!(
            (1.0..1.5).contains(&line.secs),
            "did not finish 1 s in: {line:?}"
        );
    }
    assert!(lines[6].text.starts_with("All async tasks finished in 1."));
}

#[test]
fn every_task_runs_on_the_one_main_thread() {
    assert_traced(&Demo::new(EXE).trace("1").run());
}

#[test]
fn the_readme_shows_what_the_demo_prints() {
    let reported = assert_faithful(&readme_sample("async-demo"));
    assert!((0.99..2.0).contains(&reported), "reported {reported} s");
    assert_traced(&readme_sample("DEMO_TRACE=1 async-demo"));
}

#[test]
fn a_bad_trace_value_is_a_one_line_error() {
    Demo::new(EXE)
        .trace("on")
        .run()
        .assert_usage_error("DEMO_TRACE must be 0");
}

// The examples (`cargo run -p async-demo --example NAME`).

#[test]
fn blocking_the_runtime_serializes_the_tasks() {
    let run = Demo::new(example(EXE, "blocking_pitfall")).run();
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    let secs = |line: &str, prefix: &str| -> f64 {
        let rest = line
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{line:?}"));
        let (secs, _) = rest.trim_start().split_once(" s ").expect("seconds");
        secs.parse().expect("a number")
    };
    let blocking = secs(lines[0], "std::thread::sleep in each task:");
    let awaiting = secs(lines[1], "tokio::time::sleep in each task:");
    let offloaded = secs(lines[2], "std::thread::sleep in spawn_blocking:");
    assert!(blocking >= 2.5, "blocking took {blocking} s");
    assert!(awaiting < 1.8, "awaiting took {awaiting} s");
    assert!(offloaded < 1.8, "spawn_blocking took {offloaded} s");
}

#[test]
fn many_tasks_prints_its_summary() {
    let run = Demo::new(example(EXE, "many_tasks")).args(["1000"]).run();
    assert_scale_summary(&run, "tasks", 1000);
}

#[test]
fn many_tasks_refuses_a_bad_count() {
    assert_refuses_bad_counts(example(EXE, "many_tasks"), "N", 10000000);
}
