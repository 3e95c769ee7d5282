//! What async-demo's programs must print, for the tests that run the built programs, their
//! copies (`copy.rs`) and the Python original.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use demo_testing::{Demo, Run, Traced};

/// The original's seven lines in the original's order, which `asyncio.gather` keeps every run.
/// Returns the seconds the last line reports.
pub fn assert_faithful(run: &Run) -> f64 {
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

/// The three 1 s sleeps overlap (3 s one after another), and the time reported is the time taken.
pub fn assert_overlap(run: &Run, reported: f64) {
    assert!((0.99..2.0).contains(&reported), "reported {reported} s");
    // The time is rounded to hundredths, so it may read up to 5 ms more than the run took.
    let took = run.secs;
    assert!(
        took >= reported - 0.005 && took < 2.0,
        "took {took:.3} s, reported {reported}"
    );
}

/// With `DEMO_TRACE=1`: every line from the one thread, `main`; starts at once, finishes 1 s in.
pub fn assert_traced(run: &Run) {
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

/// `blocking_pitfall`: blocking runs the three waits one at a time (about 3 s); awaiting and
/// `spawn_blocking` run them three at once (about 1 s).
pub fn assert_blocking_pitfall(run: &Run) {
    run.assert_success();
    let lines = run.lines();
    assert_eq!(lines.len(), 3, "{run:#?}");
    let figures = |line: &str, prefix: &str| -> (f64, usize) {
        let rest = line
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{line:?}"));
        let (secs, rest) = rest.trim_start().split_once(" s, ").expect("seconds");
        let (most, _) = rest.split_once(" at once (").expect("how many at once");
        (secs.parse().unwrap(), most.parse().unwrap())
    };
    let (blocking, one) = figures(lines[0], "std::thread::sleep in each task:");
    let (awaiting, three) = figures(lines[1], "tokio::time::sleep in each task:");
    let (offloaded, also_three) = figures(lines[2], "std::thread::sleep in spawn_blocking:");
    assert_eq!((one, three, also_three), (1, 3, 3), "{run:#?}");
    assert!(blocking >= 2.9, "blocking took {blocking} s");
    assert!(awaiting < 1.8, "awaiting took {awaiting} s");
    assert!(offloaded < 1.8, "spawn_blocking took {offloaded} s");
}

/// Runs the teaching file `file` (`src/main.rs` or `examples/NAME.rs`) from its build at `exe` and
/// checks that it shows its point. Every teaching file must have a case here.
pub fn run_teaching_file(file: &str, exe: &Path) {
    match Path::new(file).file_stem().unwrap().to_str().unwrap() {
        "main" => {
            let run = Demo::new(exe).run();
            let reported = assert_faithful(&run);
            assert_overlap(&run, reported);
        }
        "blocking_pitfall" => assert_blocking_pitfall(&Demo::new(exe).run()),
        other => panic!("no check for the teaching file {other}: add one"),
    }
}
