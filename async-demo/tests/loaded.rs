//! The tests that load the cores, alone in their file: Cargo runs test files one after another,
//! and `ALONE` runs these one at a time, so no other test measures time while they spin.

mod checks;

use checks::assert_faithful;
use std::sync::Mutex;

use demo_testing::{BusyCores, Demo, example, installed, run_python_twin_since};

/// Held by each test here for its whole run.
static ALONE: Mutex<()> = Mutex::new(());

const EXE: &str = env!("CARGO_BIN_EXE_async-demo");

#[test]
fn same_output_with_every_core_busy() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _busy = BusyCores::start();
    let reported = assert_faithful(&Demo::new(EXE).run());
    assert!(reported < 2.0, "reported {reported} s");
}

#[test]
fn multi_thread_counts_overlap_with_yield_now_and_on_the_multi_thread_runtime() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let run = Demo::new(example(EXE, "multi_thread")).run();
    let (cores, speedup) = checks::assert_multi_thread(&run);
    // Printed, not asserted: machines and their load differ.
    eprintln!("multi_thread on this machine: {cores} cores, speedup {speedup}");
}

#[test]
fn multi_thread_says_when_it_has_one_core() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // `taskset` (util-linux) pins the run to one core: the runtime then has one worker.
    if !installed("taskset") {
        return;
    }
    let demo = Demo::new(example(EXE, "multi_thread"));
    let run = demo.wrapped(&["taskset", "--cpu-list", "0"]).run();
    assert_eq!(checks::assert_multi_thread(&run).0, 1, "{run:#?}");
}

#[test]
fn in_python_counts_overlap_on_threads_and_in_processes() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // `asyncio.to_thread`: Python 3.9 and later.
    let Some(run) = run_python_twin_since("async-demo/examples/multi_thread.py", 9) else {
        return;
    };
    let (cores, threads, processes) = checks::assert_multi_thread_python(&run);
    // Printed, not asserted: machines and their load differ.
    eprintln!(
        "multi_thread.py: {cores} cores, speedup {threads} (threads), {processes} (processes)"
    );
}

#[test]
fn in_python_multi_thread_says_when_it_has_one_core() {
    let _alone = ALONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !installed("taskset") {
        return;
    }
    let Some(demo) = demo_testing::python_twin("async-demo/examples/multi_thread.py", 9) else {
        return;
    };
    let run = demo.wrapped(&["taskset", "--cpu-list", "0"]).run();
    assert_eq!(checks::assert_multi_thread_python(&run).0, 1, "{run:#?}");
}
