//! The tests that load the cores, alone in their file: Cargo runs test files one after another,
//! and `ALONE` runs these one at a time, so no other test measures time while they spin.

mod checks;

use checks::{assert_faithful, assert_overlap};
use std::sync::Mutex;

use demo_testing::{BusyCores, Demo, example, installed};

/// Held by each test here for its whole run.
static ALONE: Mutex<()> = Mutex::new(());

const EXE: &str = env!("CARGO_BIN_EXE_threads-demo");

#[test]
fn same_output_with_every_core_busy() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _busy = BusyCores::start();
    let run = Demo::new(EXE).run();
    assert_faithful(&run);
    assert_overlap(&run);
}

#[test]
fn cpu_parallel_counts_right_and_prints_a_speedup() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let run = Demo::new(example(EXE, "cpu_parallel")).args(["2"]).run();
    let speedup = checks::assert_cpu_parallel(&run, 2);
    // Printed, not asserted: machines differ (scripts/compare.sh reports it).
    eprintln!("cpu_parallel 2 on this machine: speedup {speedup}");
}

#[test]
fn cpu_parallel_says_when_it_has_one_core() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // `taskset` (util-linux) pins the run to one core; the threads can then only take turns.
    if !installed("taskset") {
        return;
    }
    let demo = Demo::new(example(EXE, "cpu_parallel")).args(["2"]);
    let run = demo.wrapped(&["taskset", "--cpu-list", "0"]).run();
    checks::assert_cpu_parallel(&run, 2);
    let lines = run.lines();
    assert_eq!(
        lines[..2],
        ["cores: 1", "only 1 core: 2 threads can only take turns on it, so expect no speedup"]
    );
    // Without THREADS, one core means one thread: nothing takes turns.
    let run =
        Demo::new(example(EXE, "cpu_parallel")).wrapped(&["taskset", "--cpu-list", "0"]).run();
    checks::assert_cpu_parallel(&run, 1);
    assert_eq!(run.lines()[0], "cores: 1", "{run:#?}");
}
