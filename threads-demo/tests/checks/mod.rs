//! What threads-demo's programs must print, for the tests that run the built programs, their
//! copies (`copy.rs`) and the Python original.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use demo_testing::{Demo, Run, Traced};

const NAMES: [&str; 3] = ["A-0", "A-1", "A-2"];

/// Three "Starting" lines (in any order: the threads race), then three "Finished" lines, then the
/// summary; each task exactly once.
pub fn assert_faithful(run: &Run) {
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

/// With `DEMO_TRACE=1`: each task's lines come from the thread named after it, all in one
/// process; every start at once, every finish 2 s in.
pub fn assert_traced(run: &Run) {
    run.assert_success();
    let lines: Vec<Traced> = run.lines().into_iter().filter_map(Traced::parse).collect();
    assert_eq!(lines.len(), 7, "{run:#?}");
    for line in &lines[..6] {
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

/// The three 2 s sleeps overlap: 6 s one after another, about 2 s at once.
pub fn assert_overlap(run: &Run) {
    assert!((1.9..4.0).contains(&run.secs), "took {:.2} s", run.secs);
}

/// `shared_counter`: both totals exact.
pub fn assert_exact_totals(run: &Run) {
    run.assert_success();
    assert_eq!(
        run.lines(),
        ["Mutex total:  800000", "atomic total: 800000"]
    );
}

/// `cpu_parallel THREADS` on a machine with `cores` cores: the counts are right, and the figures
/// add up (the speedup is the first time over the second, within rounding). Returns the speedup.
pub fn assert_cpu_parallel(run: &Run, threads: usize) -> f64 {
    run.assert_success();
    let lines = run.lines();
    let cores: usize = lines[0]
        .strip_prefix("cores: ")
        .and_then(|c| c.parse().ok())
        .unwrap();
    let lines = if cores == 1 { &lines[2..] } else { &lines[1..] };
    assert_eq!(lines.len(), 4, "{run:#?}");
    let secs = |line: &str, prefix: &str| -> f64 {
        let rest = line
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{run:#?}"));
        rest.trim_start()
            .strip_suffix(" s")
            .unwrap()
            .parse()
            .unwrap()
    };
    let one = secs(
        lines[0],
        &format!("1 thread, {threads} counts one after another:"),
    );
    let many = secs(
        lines[1],
        &format!("{threads} threads, one count each at once:"),
    );
    let count = lines[2].strip_prefix("counts: ").expect("counts");
    let counts: Vec<&str> = count.split(' ').collect();
    assert_eq!(counts.len(), threads, "{run:#?}");
    assert!(
        counts
            .iter()
            .all(|c| *c == counts[0] && c.parse::<u64>().unwrap() > 0)
    );
    let rest = lines[3].strip_prefix("speedup: ").expect("a speedup");
    let (speedup, range) = rest.split_once(" (median of 5 rounds, lowest ").unwrap();
    let (lowest, highest) = range
        .strip_suffix(')')
        .unwrap()
        .split_once(", highest ")
        .unwrap();
    let speedup: f64 = speedup.parse().unwrap();
    let (lowest, highest): (f64, f64) = (lowest.parse().unwrap(), highest.parse().unwrap());
    assert!(lowest <= speedup && speedup <= highest, "{run:#?}");
    // The printed times are rounded to the millisecond.
    assert!(
        (one / many - speedup).abs() < 0.05 + 0.002 / many,
        "{run:#?}"
    );
    speedup
}

/// Runs the teaching file `file` (`src/main.rs` or `examples/NAME.rs`) from its build at `exe` and
/// checks that it shows its point. Every teaching file must have a case here.
pub fn run_teaching_file(file: &str, exe: &Path) {
    match Path::new(file).file_stem().unwrap().to_str().unwrap() {
        "main" => {
            let run = Demo::new(exe).run();
            assert_faithful(&run);
            assert_overlap(&run);
        }
        "shared_counter" => assert_exact_totals(&Demo::new(exe).run()),
        "cpu_parallel" => {
            assert_cpu_parallel(&Demo::new(exe).args(["2"]).run(), 2);
        }
        other => panic!("no check for the teaching file {other}: add one"),
    }
}
